"""`sspgen new`: scaffolding for the things staff add often. It never overwrites a file.

Every command builds the new entity as plain data, validates it with the same Pydantic
model `sspgen check` uses, and only then writes it: a new file with the small YAML emitter,
or, for lists inside a file someone wrote by hand (the topic bank, a plan's initiatives),
the new item's lines inserted into the existing text. Messages are Danish and name the next
step; a problem raises ScaffoldError, which the CLI prints without a traceback.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .model import Aktoer, EmnebankEmne, Indsats, Kommune, Moede, Side
from .model.base import ID_PATTERN
from .model.organisation import Forum
from .read.yamlfile import parse_yaml
from .moede_udkast import Frist, Udkast, flyttet_grund, udkast, with_hints
from .render.danish import dato as dansk_dato
from .render.danish import dato_med_ugedag
from .render.danish import slug as make_slug
from .validate import kommune_slugs
from .validate.files import name_problem
from .validate.instanser import alle_fora
from .validate.load import KommuneData, load_kommune
from .yamlappend import AppendError, append_item
from .yamlemit import as_read, dump

_ID = re.compile(ID_PATTERN)

MOEDETYPE_FOR_FORUMTYPE = {
    "netvaerk": "netvaerksmoede",
    "lokalt-samarbejde": "netvaerksmoede",
    "netvaerksforum": "faellesmoede",
    "styregruppe": "styregruppemoede",
    "koordinationsgruppe": "koordinationsmoede",
    "ssp-udvalg": "udvalgsmoede",
    "akutgruppe": "akutmoede",
}
"""The usual meeting type of a forum type; a type missing here gives «andet» (or --type)."""


class ScaffoldError(Exception):
    """A Danish message for the user; nothing was written."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@dataclass
class Result:
    path: Path
    """The file written, relative to the repository root."""
    lines: list[str] = field(default_factory=list)
    """Further Danish lines for the user (deadlines, hints)."""
    verb: str = "Oprettede"
    """«Oprettede» for a new file, «Opdaterede» when an item was added to an existing one."""


# --------------------------------------------------------------------------------------------
# Finding the municipality and what is in it


def _check_id(value: str, option: str) -> str:
    if not _ID.fullmatch(value) or len(value) > 80:
        raise ScaffoldError(
            f"{option} «{value}» er ikke et gyldigt id. Brug små bogstaver a-z, tal og "
            "bindestreger (æ→ae, ø→oe, å→aa), fx «netvaerk-oester».",
            2,
        )
    return value


def _listing(values: list[str]) -> str:
    return ", ".join(values) if values else "ingen"


def choose_kommune(root: Path, kommune: str | None, forum: str | None = None) -> str:
    """The municipality to add to: --kommune, the only one, or the one that has ``forum``."""
    slugs = kommune_slugs(root)
    if not slugs:
        raise ScaffoldError(
            f"Der er ingen kommuner under {root / 'data'}. Opret en med "
            "«sspgen new kommune --slug … --navn …», eller kør kommandoen i mappen med data/."
        )
    if kommune is not None:
        if kommune not in slugs:
            raise ScaffoldError(f"Kommunen «{kommune}» findes ikke under data/. Kendte kommuner: {_listing(slugs)}.")
        return kommune
    if len(slugs) == 1:
        return slugs[0]
    if forum is not None:
        having = [s for s in slugs if _entity_files(root / "data" / s / "fora", forum)]
        if not having:  # a group under a forum's «instanser» is a forum for meetings too
            having = [s for s in slugs if forum in _instance_ids(root / "data" / s / "fora")]
        if len(having) == 1:
            return having[0]
        if len(having) > 1:
            raise ScaffoldError(
                f"Forummet «{forum}» findes i flere kommuner ({_listing(having)}). "
                "Angiv hvilken med --kommune."
            )
        known = "; ".join(f"{s}: {_listing(_ids(root / 'data' / s / 'fora'))}" for s in slugs)
        raise ScaffoldError(f"Forummet «{forum}» findes ikke i nogen kommune. Kendte fora – {known}.")
    raise ScaffoldError(f"Der er flere kommuner ({_listing(slugs)}). Angiv hvilken med --kommune.", 2)


def _entity_files(folder: Path, entity_id: str) -> list[Path]:
    return sorted(folder.rglob(f"{entity_id}.yaml")) if folder.is_dir() else []


def _instance_ids(folder: Path) -> set[str]:
    """The ids under «instanser» in a municipality's forum files (unreadable files skipped:
    `sspgen check` reports them)."""
    found: set[str] = set()
    for file in _entity_files(folder, "*"):
        try:
            document, _ = parse_yaml(file.read_bytes(), file.name)
        except OSError:
            continue
        items = document.data.get("instanser") if document is not None and isinstance(document.data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.add(item["id"])
    return found


def _ids(folder: Path) -> list[str]:
    return sorted({p.stem for p in folder.rglob("*.yaml")}) if folder.is_dir() else []


def _load(root: Path, slug: str) -> KommuneData:
    data, _ = load_kommune(root, slug)
    return data


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _schema_ref(relative_file: Path, kind_name: str) -> str:
    """The yaml-language-server schema path from a file under data/ to schema/<kind>.schema.json."""
    depth = len(relative_file.parts) - 1
    return "../" * depth + f"schema/{kind_name}.schema.json"


def _add_schemas(root: Path) -> list[str]:
    """The files the `$schema` lines point at (schema/ of the data repository), written when
    missing: a data repository made with `sspgen new kommune` outside sspgen's own repository
    has none yet. Existing files are left alone (`sspgen schema` updates them)."""
    from .schema_export import write_schemas

    folder = root / "schema"
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{_display(root, folder)} er en fil, men skal være mappen til JSON Schema-filerne. "
                            "Flyt eller omdøb filen, og kør kommandoen igen.")
    try:
        written = write_schemas(folder, missing_only=True)
    except OSError as exc:
        raise ScaffoldError(f"Kunne ikke skrive JSON Schema-filerne i {_display(root, folder)}: "
                            f"{exc.strerror or exc}.") from None
    if not written:
        return []
    return [f"Oprettede også {len(written)} JSON Schema-filer i schema/, som editoren bruger til at "
            "kontrollere filerne, mens du skriver."]


def _validate(model: type[BaseModel], data: dict[str, Any], what: str) -> BaseModel:
    try:
        return model.model_validate(as_read(data))
    except ValidationError as exc:
        from .validate.schema import _problem, _where  # the same Danish wording as `check`

        problems = "; ".join(_where(tuple(e["loc"])) + _problem(e) for e in exc.errors(include_url=False))
        raise ScaffoldError(f"{what} kan ikke oprettes: {problems}", 2) from None


def _write_new(root: Path, relative: Path, text: str) -> None:
    problem = name_problem(relative.as_posix())  # every new file passes here: never a name check refuses
    if problem is not None:
        raise ScaffoldError(f"Filen kan ikke oprettes. {problem}", 2)
    path = root / relative
    if path.exists():
        raise ScaffoldError(
            f"Filen {relative.as_posix()} findes allerede, og sspgen new overskriver aldrig. "
            "Ret den eksisterende fil, eller vælg et andet id."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"Filen {relative.as_posix()} findes allerede; den blev ikke overskrevet.") from None


def _refuse_existing_id(folder: Path, entity_id: str, label: str, root: Path, hint: str = "Vælg et andet id med --id.") -> None:
    """``label`` with its article, fx «et møde»."""
    existing = _entity_files(folder, entity_id)
    if existing:
        raise ScaffoldError(
            f"Der findes allerede {label} med id'et «{entity_id}» ({_display(root, existing[0])}), "
            f"og sspgen new overskriver aldrig. {hint}"
        )


# --------------------------------------------------------------------------------------------
# new moede


def new_moede(root: Path, forum_id: str, dato: date, kommune: str | None, moedetype: str | None) -> Result:
    _check_id(forum_id, "--forum")
    slug = choose_kommune(root, kommune, forum_id)
    data = _load(root, slug)
    located = alle_fora(data).get(forum_id)  # a group under a forum's «instanser» holds meetings too
    if located is None:
        if _entity_files(data.data_dir / "fora", forum_id):
            raise ScaffoldError(
                f"Forummet «{forum_id}» kunne ikke læses, fordi filen har fejl. Kør «sspgen check», "
                "ret fejlene, og prøv igen."
            )
        raise ScaffoldError(
            f"Forummet «{forum_id}» findes ikke i {slug}. Kendte fora: {_listing(sorted(data.fora))}."
        )
    forum: Forum = located.value
    moede_id = f"{dato.isoformat()}-{forum_id}"
    folder = data.data_dir / "moeder"
    _refuse_existing_id(
        folder, moede_id, "et møde", root, "Ret det eksisterende møde, eller vælg en anden dato."
    )

    types_known = [b.id for b in data.vokabular.moedetyper]
    if moedetype is None:
        moedetype = MOEDETYPE_FOR_FORUMTYPE.get(forum.type, "andet")
        if moedetype not in types_known:
            moedetype = "andet"
    elif moedetype not in types_known:
        raise ScaffoldError(f"Mødetypen «{moedetype}» findes ikke i vokabularet. Kendte mødetyper: {_listing(types_known)}.", 2)

    draft = udkast(data, forum, dato, moedetype)
    _validate(Moede, draft.data, "Mødet")
    relative = (folder / f"{moede_id}.yaml").relative_to(root)
    text = with_hints(dump(draft.data, schema=_schema_ref(relative, "moeder")), draft.hints)
    _write_new(root, relative, text)
    return Result(relative, _moede_lines(forum, draft))


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


# --------------------------------------------------------------------------------------------
# new aktoer


def new_aktoer(
    root: Path,
    kommune: str | None,
    navn: str,
    aktoertype: str,
    aktoer_id: str | None = None,
    beskrivelse: str | None = None,
    distrikt: str | None = None,
    del_af: str | None = None,
    forkortelse: str | None = None,
    synlighed: str | None = None,
) -> Result:
    aktoer_id = _check_id(aktoer_id or make_slug(navn), "--id")
    slug = choose_kommune(root, kommune)
    data = _load(root, slug)
    folder = data.data_dir / "aktoerer"
    _refuse_existing_id(folder, aktoer_id, "en aktør", root)
    known_types = [b.id for b in data.vokabular.aktoertyper]
    if aktoertype not in known_types:
        raise ScaffoldError(f"Aktørtypen «{aktoertype}» findes ikke i vokabularet. Kendte aktørtyper: {_listing(known_types)}.", 2)
    if del_af is not None and del_af not in data.aktoerer:
        raise ScaffoldError(f"Aktøren «{del_af}» (--del-af) findes ikke i {slug}. Kendte aktører: {_listing(sorted(data.aktoerer))}.", 2)
    aktoer = {
        "id": aktoer_id,
        "navn": navn,
        "type": aktoertype,
        "forkortelse": forkortelse,
        "beskrivelse": beskrivelse,
        "del_af": del_af,
        "distrikt": distrikt,
        "synlighed": synlighed,
    }
    _validate(Aktoer, aktoer, "Aktøren")
    relative = (folder / f"{aktoer_id}.yaml").relative_to(root)
    _write_new(root, relative, dump(aktoer, schema=_schema_ref(relative, "aktoerer")))
    return Result(relative, ["Aktøren er intern; skriv «synlighed: offentlig», hvis den må vises på hjemmesiden."] if not synlighed else [])


# --------------------------------------------------------------------------------------------
# Appending to a list in an existing file: new emne, new indsats


def _append_to_file(root: Path, file: Path, key: str, item: dict[str, Any], schema: str) -> str:
    """Append ``item`` to the list ``key`` in ``file`` (created if missing); returns the verb."""
    relative = _display(root, file)
    existed = file.exists()
    if existed:
        raw = file.read_bytes()
        document, problems = parse_yaml(raw, relative)
        if document is None:
            raise ScaffoldError(
                f"{relative} har fejl og kan ikke udvides automatisk. Kør «sspgen check», ret "
                "fejlene, og prøv igen."
            )
        text = raw.decode("utf-8")
        try:
            new_text = append_item(text, document, key, item)
        except AppendError as exc:
            raise ScaffoldError(f"{relative}: {exc}") from None
        before = document.data.get(key) or []
    else:
        new_text = dump({key: [item]}, schema=schema)
        before = []
    check, _ = parse_yaml(new_text.encode("utf-8"), relative)
    if check is None or check.data.get(key) != [*before, as_read(item)]:
        raise ScaffoldError(
            f"sspgen kunne ikke tilføje til {relative} uden at ændre andet i filen, så filen er "
            "ikke ændret. Tilføj elementet i hånden."
        )
    tmp = file.with_name(f".{file.name}.sspgen-ny")
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text(new_text, encoding="utf-8", newline="\n")
    os.replace(tmp, file)
    return "Opdaterede" if existed else "Oprettede"


def new_emne(
    root: Path,
    kommune: str | None,
    titel: str,
    emne_id: str | None = None,
    beskrivelse: str | None = None,
    fora: list[str] | None = None,
    foreslaaet_af: str | None = None,
) -> Result:
    emne_id = _check_id(emne_id or make_slug(titel), "--id")
    slug = choose_kommune(root, kommune, fora[0] if fora else None)
    data = _load(root, slug)
    file = data.data_dir / "emnebank.yaml"
    if file.exists() and data.emnebank is None:
        raise ScaffoldError(
            f"{_display(root, file)} har fejl og kan ikke udvides automatisk. Kør «sspgen check», "
            "ret fejlene, og prøv igen."
        )
    existing = {e.id for e in data.emnebank.value.emner} if data.emnebank else set()
    if emne_id in existing:
        raise ScaffoldError(f"Emnebanken har allerede et emne med id'et «{emne_id}». Vælg et andet id med --id.")
    for forum in fora or []:
        if forum not in data.fora:
            raise ScaffoldError(f"Forummet «{forum}» findes ikke i {slug}. Kendte fora: {_listing(sorted(data.fora))}.", 2)
    if foreslaaet_af is not None and foreslaaet_af not in data.aktoerer:
        raise ScaffoldError(f"Aktøren «{foreslaaet_af}» (--foreslaaet-af) findes ikke i {slug}. Kendte aktører: {_listing(sorted(data.aktoerer))}.", 2)
    item = {
        "id": emne_id,
        "titel": titel,
        "beskrivelse": beskrivelse,
        "foreslaaet_af": foreslaaet_af,
        "fora": list(fora or []),
        "status": "foreslaaet",
    }
    _validate(EmnebankEmne, item, "Emnet")
    relative = file.relative_to(root)
    verb = _append_to_file(root, file, "emner", item, _schema_ref(relative, "emnebank"))
    return Result(relative, [f"Emnet «{titel}» er tilføjet sidst i emnebanken med status foreslaaet."], verb)


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
    indsats_id = _check_id(indsats_id or make_slug(navn), "--id")
    slug = choose_kommune(root, kommune)
    data = _load(root, slug)
    plans = sorted(data.planer)
    if plan_id is None:
        if len(plans) != 1:
            raise ScaffoldError(f"Angiv planen med --plan. Kendte planer i {slug}: {_listing(plans)}.", 2)
        plan_id = plans[0]
    if plan_id not in data.planer:
        if _entity_files(data.data_dir / "planer", plan_id):
            raise ScaffoldError(f"Planen «{plan_id}» har fejl. Kør «sspgen check», ret fejlene, og prøv igen.")
        raise ScaffoldError(f"Planen «{plan_id}» findes ikke i {slug}. Kendte planer: {_listing(plans)}.", 2)
    located = data.planer[plan_id]
    plan = located.value
    if indsats_id in {i.id for i in plan.indsatser}:
        raise ScaffoldError(f"Planen har allerede en indsats med id'et «{indsats_id}». Vælg et andet id med --id.")
    maal = maal or []
    goals = [g.id for g in plan.politiske_maal]
    # Goals and level are asked for only where the plan has them (a handleplan has neither).
    if goals and not maal:
        raise ScaffoldError(f"Angiv mindst ét af planens politiske mål med --maal. Kendte mål: {_listing(goals)}.", 2)
    for goal in maal:
        if goal not in goals:
            raise ScaffoldError(f"Det politiske mål «{goal}» findes ikke i planen. Kendte mål: {_listing(goals)}.", 2)
    levels = [n.id for n in plan.forebyggelsesniveauer]
    if levels and niveau is None:
        raise ScaffoldError(f"Angiv forebyggelsesniveauet med --niveau. Kendte niveauer: {_listing(levels)}.", 2)
    if niveau is not None and niveau not in levels:
        raise ScaffoldError(f"Forebyggelsesniveauet «{niveau}» findes ikke i planen. Kendte niveauer: {_listing(levels)}.", 2)
    for aktoer in ansvarlige or []:
        if aktoer not in data.aktoerer:
            raise ScaffoldError(f"Aktøren «{aktoer}» (--ansvarlig) findes ikke i {slug}. Kendte aktører: {_listing(sorted(data.aktoerer))}.", 2)
    item = {
        "id": indsats_id,
        "navn": navn,
        "beskrivelse": beskrivelse,
        "politiske_maal": list(maal),
        "forebyggelsesniveau": niveau,
        "ansvarlige": list(ansvarlige or []),
    }
    _validate(Indsats, item, "Indsatsen")
    file = root / located.source.path
    _append_to_file(root, file, "indsatser", item, "")
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


# --------------------------------------------------------------------------------------------
# new kommune


def new_kommune(root: Path, slug: str, navn: str, politikreds: str | None = None) -> Result:
    _check_id(slug, "--slug")
    for folder in (root / "data" / slug, root / "content" / slug):
        if folder.exists():
            raise ScaffoldError(
                f"Mappen {_display(root, folder)} findes allerede, og sspgen new overskriver aldrig. "
                "Vælg en anden slug, eller ret den eksisterende kommune."
            )
    kommune = {
        "slug": slug,
        "navn": navn,
        "politikreds": politikreds,
        "maalgruppe": {
            "beskrivelse": f"Børn og unge i {navn}",
            "klassetrin_fra": 0,
            "klassetrin_til": 10,
        },
    }
    _validate(Kommune, kommune, "Kommunen")
    page_front = {"titel": "Sådan arbejder vi", "raekkefoelge": 10, "synlighed": "intern"}
    _validate(Side, page_front, "Siden")
    relative = Path("data") / slug / "kommune.yaml"
    schemas = _add_schemas(root)  # first: when schema/ cannot be written, nothing else is
    _write_new(root, relative, dump(kommune, schema=_schema_ref(relative, "kommune")))
    page = Path("content") / slug / "saadan-arbejder-vi.md"
    body = (
        "Skriv her, hvordan SSP-samarbejdet i kommunen arbejder. Siden er intern, indtil der står\n"
        "«synlighed: offentlig» i forsiden ovenfor.\n"
    )
    _write_new(root, page, "---\n" + dump(page_front) + "---\n" + body)
    return Result(
        relative,
        [
            f"Oprettede også {page.as_posix()}.",
            *schemas,
            "Ret målgruppen i kommune.yaml, og tilføj aktører, fora og kommissorier med «sspgen new».",
        ],
    )
