"""`sspgen new indsats`: an initiative appended to a plan's list of initiatives."""

from __future__ import annotations

from pathlib import Path

from ..model import Indsats
from ..render.danish import slug as make_slug
from .append import append_to_file
from .common import Result, ScaffoldError, check_id, listing
from .find import choose_kommune, entity_files, load_data
from .write import validate


def new_indsats(
    root: Path,
    kommune: str | None,
    navn: str,
    maal: list[str] | None,
    niveau: str | None,
    plan_id: str | None = None,
    indsats_id: str | None = None,
    beskrivelse: str | None = None,
    ansvarlige: list[str] | None = None,
) -> Result:
    indsats_id = check_id(indsats_id or make_slug(navn), "--id")
    slug = choose_kommune(root, kommune)
    data = load_data(root, slug)
    plans = sorted(data.planer)
    if plan_id is None:
        if len(plans) != 1:
            raise ScaffoldError(f"Angiv planen med --plan. Kendte planer i {slug}: {listing(plans)}.", 2)
        plan_id = plans[0]
    if plan_id not in data.planer:
        if entity_files(data.data_dir / "planer", plan_id):
            raise ScaffoldError(f"Planen «{plan_id}» har fejl. Kør «sspgen check», ret fejlene, og prøv igen.")
        raise ScaffoldError(f"Planen «{plan_id}» findes ikke i {slug}. Kendte planer: {listing(plans)}.", 2)
    located = data.planer[plan_id]
    plan = located.value
    if indsats_id in {i.id for i in plan.indsatser}:
        raise ScaffoldError(f"Planen har allerede en indsats med id'et «{indsats_id}». Vælg et andet id med --id.")
    maal = maal or []
    goals = [g.id for g in plan.politiske_maal]
    # Goals and level are asked for only where the plan has them (a handleplan has neither).
    if goals and not maal:
        raise ScaffoldError(f"Angiv mindst ét af planens politiske mål med --maal. Kendte mål: {listing(goals)}.", 2)
    for goal in maal:
        if goal not in goals:
            raise ScaffoldError(f"Det politiske mål «{goal}» findes ikke i planen. Kendte mål: {listing(goals)}.", 2)
    levels = [n.id for n in plan.forebyggelsesniveauer]
    if levels and niveau is None:
        raise ScaffoldError(f"Angiv forebyggelsesniveauet med --niveau. Kendte niveauer: {listing(levels)}.", 2)
    if niveau is not None and niveau not in levels:
        raise ScaffoldError(f"Forebyggelsesniveauet «{niveau}» findes ikke i planen. Kendte niveauer: {listing(levels)}.", 2)
    for aktoer in ansvarlige or []:
        if aktoer not in data.aktoerer:
            raise ScaffoldError(f"Aktøren «{aktoer}» (--ansvarlig) findes ikke i {slug}. Kendte aktører: {listing(sorted(data.aktoerer))}.", 2)
    item = {
        "id": indsats_id,
        "navn": navn,
        "beskrivelse": beskrivelse,
        "politiske_maal": list(maal),
        "forebyggelsesniveau": niveau,
        "ansvarlige": list(ansvarlige or []),
    }
    validate(Indsats, item, "Indsatsen")
    file = root / located.source.path
    append_to_file(root, file, "indsatser", item, "")
    titles = {g.id: g.titel for g in plan.politiske_maal}
    under = " under mål " + " og ".join(f"«{titles[g]}»" for g in maal) if maal else ""
    return Result(
        file.relative_to(root),
        [
            f"Indsatsen «{navn}» er tilføjet sidst i planens indsatser{under}.",
            "Husk at tilføje indsatsen i årets evaluering, når den evalueres.",
        ],
        "Opdaterede",
    )
