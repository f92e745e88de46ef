"""`sspgen new aktoer`: an actor as a new file."""

from __future__ import annotations

from pathlib import Path

from ..model import Aktoer
from ..render.danish import slug as make_slug
from ..yamlemit import dump
from .common import Result, ScaffoldError, check_id, listing
from .find import choose_kommune, load_data
from .write import refuse_existing_id, schema_ref, validate, write_new


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
    aktoer_id = check_id(aktoer_id or make_slug(navn), "--id")
    slug = choose_kommune(root, kommune)
    data = load_data(root, slug)
    folder = data.data_dir / "aktoerer"
    refuse_existing_id(folder, aktoer_id, "en aktør", root)
    known_types = [b.id for b in data.vokabular.aktoertyper]
    if aktoertype not in known_types:
        raise ScaffoldError(f"Aktørtypen «{aktoertype}» findes ikke i vokabularet. Kendte aktørtyper: {listing(known_types)}.", 2)
    if del_af is not None and del_af not in data.aktoerer:
        raise ScaffoldError(f"Aktøren «{del_af}» (--del-af) findes ikke i {slug}. Kendte aktører: {listing(sorted(data.aktoerer))}.", 2)
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
    validate(Aktoer, aktoer, "Aktøren")
    relative = (folder / f"{aktoer_id}.yaml").relative_to(root)
    write_new(root, relative, dump(aktoer, schema=schema_ref(relative, "aktoerer")))
    return Result(relative, ["Aktøren er intern; skriv «synlighed: offentlig», hvis den må vises på hjemmesiden."] if not synlighed else [])
