"""`sspgen new kommune`: a new municipality with its kommune.yaml, a first page and schema/."""

from __future__ import annotations

from pathlib import Path

from ..model import Kommune, Side
from ..yamlemit import dump
from .common import Result, ScaffoldError, check_id, display
from .write import schema_ref, validate, write_new


def add_schemas(root: Path) -> list[str]:
    """The files the `$schema` lines point at (schema/ of the data repository), written when
    missing: a data repository made with `sspgen new kommune` outside sspgen's own repository
    has none yet. Existing files are left alone (`sspgen schema` updates them)."""
    from ..schema_export import write_schemas

    folder = root / "schema"
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{display(root, folder)} er en fil, men skal være mappen til JSON Schema-filerne. "
                            "Flyt eller omdøb filen, og kør kommandoen igen.")
    try:
        written = write_schemas(folder, missing_only=True)
    except OSError as exc:
        raise ScaffoldError(f"Kunne ikke skrive JSON Schema-filerne i {display(root, folder)}: "
                            f"{exc.strerror or exc}.") from None
    if not written:
        return []
    return [f"Oprettede også {len(written)} JSON Schema-filer i schema/, som editoren bruger til at "
            "kontrollere filerne, mens du skriver."]


def new_kommune(root: Path, slug: str, navn: str, politikreds: str | None = None) -> Result:
    check_id(slug, "--slug")
    for folder in (root / "data" / slug, root / "content" / slug):
        if folder.exists():
            raise ScaffoldError(
                f"Mappen {display(root, folder)} findes allerede, og sspgen new overskriver aldrig. "
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
    validate(Kommune, kommune, "Kommunen")
    page_front = {"titel": "Sådan arbejder vi", "raekkefoelge": 10, "synlighed": "intern"}
    validate(Side, page_front, "Siden")
    relative = Path("data") / slug / "kommune.yaml"
    schemas = add_schemas(root)  # first: when schema/ cannot be written, nothing else is
    write_new(root, relative, dump(kommune, schema=schema_ref(relative, "kommune")))
    page = Path("content") / slug / "saadan-arbejder-vi.md"
    body = (
        "Skriv her, hvordan SSP-samarbejdet i kommunen arbejder. Siden er intern, indtil der står\n"
        "«synlighed: offentlig» i forsiden ovenfor.\n"
    )
    write_new(root, page, "---\n" + dump(page_front) + "---\n" + body)
    return Result(
        relative,
        [
            f"Oprettede også {page.as_posix()}.",
            *schemas,
            "Ret målgruppen i kommune.yaml, og tilføj aktører, fora og kommissorier med «sspgen new».",
        ],
    )
