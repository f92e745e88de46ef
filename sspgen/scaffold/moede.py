"""`sspgen new moede`: a meeting with its agenda drafted from the forum's kommissorium."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model import Moede
from ..model.organisation import Forum
from ..moede_udkast import Frist, Udkast, flyttet_grund, standard_moedetype, udkast, with_hints
from ..render.danish import dato as dansk_dato
from ..render.danish import dato_med_ugedag
from ..validate.instanser import alle_fora
from ..yamlemit import dump
from .common import Result, ScaffoldError, check_id, listing
from .find import choose_kommune, entity_files, load_data
from .write import refuse_existing_id, schema_ref, validate, write_new


def new_moede(root: Path, forum_id: str, dato: date, kommune: str | None, moedetype: str | None) -> Result:
    check_id(forum_id, "--forum")
    slug = choose_kommune(root, kommune, forum_id)
    data = load_data(root, slug)
    located = alle_fora(data).get(forum_id)  # a group under a forum's «instanser» holds meetings too
    if located is None:
        if entity_files(data.data_dir / "fora", forum_id):
            raise ScaffoldError(
                f"Forummet «{forum_id}» kunne ikke læses, fordi filen har fejl. Kør «sspgen check», "
                "ret fejlene, og prøv igen."
            )
        raise ScaffoldError(
            f"Forummet «{forum_id}» findes ikke i {slug}. Kendte fora: {listing(sorted(data.fora))}."
        )
    forum: Forum = located.value
    moede_id = f"{dato.isoformat()}-{forum_id}"
    folder = data.data_dir / "moeder"
    refuse_existing_id(
        folder, moede_id, "et møde", root, "Ret det eksisterende møde, eller vælg en anden dato."
    )

    types_known = [b.id for b in data.vokabular.moedetyper]
    if moedetype is None:
        moedetype = standard_moedetype(data, forum)
    elif moedetype not in types_known:
        raise ScaffoldError(f"Mødetypen «{moedetype}» findes ikke i vokabularet. Kendte mødetyper: {listing(types_known)}.", 2)

    draft = udkast(data, forum, dato, moedetype)
    validate(Moede, draft.data, "Mødet")
    relative = (folder / f"{moede_id}.yaml").relative_to(root)
    write_new(root, relative, moede_text(draft, relative))
    return Result(relative, _moede_lines(forum, draft))


def moede_text(draft: Udkast, relative: Path) -> str:
    """The new meeting's file: the canonical YAML with the template's hints as comments (the
    Decap form writes the same text, layouts/admin/sspgen-moede.js)."""
    return with_hints(dump(draft.data, schema=schema_ref(relative, "moeder")), draft.hints)


def _moede_lines(forum: Forum, draft: Udkast) -> list[str]:
    """What the user is told: where the agenda, place, time and deadline came from."""
    lines = []
    if draft.kun_metadata:
        lines.append(
            f"Møder i «{forum.navn}» må kun have metadata (dato, forum, antal sager), så der er "
            "ingen dagsorden med tekst. Udfyld antal_sager efter mødet."
        )
    elif draft.skabelon_kilde is not None:
        lines.append(
            f"Dagsordenen følger skabelonen i kommissoriet «{draft.skabelon_kilde.titel}» "
            f"({draft.antal_punkter} punkter). Skabelonens spørgsmål og eksempler står som "
            "kommentarer (# Hjælp: …) under punkterne; skriv dagsordenens tekst under «beskrivelse»."
        )
    else:
        lines.append("Forummet har ingen dagsordensskabelon i et kommissorium; skriv dagsordenen i filen.")
    usual = [what for what, flag in (("sted", draft.sted_fra_moeder), ("tidspunkt", draft.tid_fra_moeder)) if flag]
    if usual:
        lines.append(
            f"Forummets fil har intet fast {' eller '.join(usual)}, så {' og '.join(usual)} er det, "
            "forummets seneste møder oftest havde. Skriv «sted» og «tidspunkt» i forummets fil, "
            "hvis de ligger fast."
        )
    missing = [name for name in ("tid", "sted") if draft.data.get(name) is None]
    if missing:
        lines.append(f"Udfyld {' og '.join(f'«{name}»' for name in missing)} i filen.")
    if draft.data["deltagende_aktoerer"]:
        lines.append("Deltagerne er forummets faste aktører; ret listen efter mødet, så den viser, hvem der deltog.")
    lines += _frist_lines(draft.frist)
    if forum.offentlig_dagsorden:
        lines.append(
            "Forummets dagsordener er offentlige: skriv «synlighed: offentlig» i filen, når "
            "dagsordenen er klar til at blive vist på hjemmesiden."
        )
    return lines


def _frist_lines(frist: Frist | None) -> list[str]:
    if frist is None:
        return ["Forummets kommissorium angiver ikke et varsel i dage; send indkaldelsen i god tid."]
    because = f"{frist.varsel_dage} dages varsel efter kommissoriet «{frist.kilde.titel}»"
    if frist.flyttet_fra is not None:
        because += (
            f"; {dansk_dato(frist.flyttet_fra)} er {flyttet_grund(frist)}, så fristen er rykket "
            "til arbejdsdagen før"
        )
    lines = [f"Send indkaldelsen senest {dato_med_ugedag(frist.dato)} ({because})."]
    if frist.dato < date.today():
        lines.append("Bemærk: fristen for indkaldelsen er allerede overskredet – send den hurtigst muligt.")
    return lines
