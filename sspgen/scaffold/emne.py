"""`sspgen new emne`: a topic appended to the municipality's topic bank."""

from __future__ import annotations

from pathlib import Path

from ..model import EmnebankEmne
from ..render.danish import slug as make_slug
from .append import append_to_file
from .common import Result, ScaffoldError, check_id, display, listing
from .find import choose_kommune, load_data
from .write import schema_ref, validate


def new_emne(
    root: Path,
    kommune: str | None,
    titel: str,
    emne_id: str | None = None,
    beskrivelse: str | None = None,
    fora: list[str] | None = None,
    foreslaaet_af: str | None = None,
) -> Result:
    emne_id = check_id(emne_id or make_slug(titel), "--id")
    slug = choose_kommune(root, kommune, fora[0] if fora else None)
    data = load_data(root, slug)
    file = data.data_dir / "emnebank.yaml"
    if file.exists() and data.emnebank is None:
        raise ScaffoldError(
            f"{display(root, file)} har fejl og kan ikke udvides automatisk. Kør «sspgen check», "
            "ret fejlene, og prøv igen."
        )
    existing = {e.id for e in data.emnebank.value.emner} if data.emnebank else set()
    if emne_id in existing:
        raise ScaffoldError(f"Emnebanken har allerede et emne med id'et «{emne_id}». Vælg et andet id med --id.")
    for forum in fora or []:
        if forum not in data.fora:
            raise ScaffoldError(f"Forummet «{forum}» findes ikke i {slug}. Kendte fora: {listing(sorted(data.fora))}.", 2)
    if foreslaaet_af is not None and foreslaaet_af not in data.aktoerer:
        raise ScaffoldError(f"Aktøren «{foreslaaet_af}» (--foreslaaet-af) findes ikke i {slug}. Kendte aktører: {listing(sorted(data.aktoerer))}.", 2)
    item = {
        "id": emne_id,
        "titel": titel,
        "beskrivelse": beskrivelse,
        "foreslaaet_af": foreslaaet_af,
        "fora": list(fora or []),
        "status": "foreslaaet",
    }
    validate(EmnebankEmne, item, "Emnet")
    relative = file.relative_to(root)
    verb = append_to_file(root, file, "emner", item, schema_ref(relative, "emnebank"))
    return Result(relative, [f"Emnet «{titel}» er tilføjet sidst i emnebanken med status foreslaaet."], verb)
