"""The rule for file and folder names under data/ and content/, and its Danish messages.

A name under data/ or content/ becomes an id, a URL and a link text in the navigation, so it
follows the id rule of the data model (ID_PATTERN: lower-case a-z, digits and hyphens, at most
80 characters). A name that looks like a CPR number is a privacy error, shown masked. Every
message suggests a valid name. The scaffold (`sspgen new`) uses the same rule, so it never
writes a name `check` refuses.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

from ..privacy_mask import find_cpr, mask_cpr
from ..model.base import ID_PATTERN
from ..render.danish import slug

_ID = re.compile(ID_PATTERN)
_HAS_DIGIT = re.compile("[0-9]")
MAX_LENGTH = 80
"""The id's max_length in the data model (model/base.py: Id)."""

RULE = "Brug kun små bogstaver a-z, tal og bindestreger (æ→ae, ø→oe, å→aa)"


def valid_id(stem: str) -> bool:
    return len(stem) <= MAX_LENGTH and _ID.fullmatch(stem) is not None


def split(name: str) -> tuple[str, str]:
    """(stem, extension with its dot): «om.md» → («om», «.md»); «...md» → («..», «.md»);
    «.gitkeep» → («», «.gitkeep»); «README» → («README», «»)."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        return name, ""
    return stem, "." + extension


def suggest(stem: str) -> str | None:
    """A valid id for ``stem`` («Om SSP» → «om-ssp», «Pårørende» → «paaroerende»), or None
    when nothing of it can be kept («...»). NFC first, so a decomposed «å» (a + ring, as
    macOS writes file names) becomes «aa» as the composed one does."""
    composed = unicodedata.normalize("NFC", stem)
    made = slug(composed).lower()[:MAX_LENGTH].rstrip("-")  # lower(): NFKD can make «ℌ» an «H»
    if made == "side" and "side" not in composed.casefold():  # slug's answer when nothing was left
        return None
    return made or None


def cpr_in(name: str) -> bool:
    # Most names have no digit at all: no need to ask the finder.
    has_digit = _HAS_DIGIT.search(name) is not None if name.isascii() else any(char.isdigit() for char in name)
    return has_digit and any(True for _ in find_cpr(name))


def cpr_message(name: str, folder: bool) -> str:
    what = "Mappenavnet" if folder else "Filnavnet"
    return (
        f"{what} «{mask_cpr(name)}» ligner et CPR-nummer. Et fil- eller mappenavn bliver til en adresse "
        f"på hjemmesiden og kan stå i navigationen, så CPR-numre og andre personoplysninger om børn "
        f"og unge må aldrig stå i et navn. Omdøb {'mappen' if folder else 'filen'}, så navnet siger, "
        f"hvad den handler om (fx «netvaerksmoeder»), og slet nummeret."
    )


def bad_name_message(name: str, extension: str, folder: bool) -> str:
    """For a name whose stem is not a valid id; ``extension`` is the one it should have."""
    stem, _ = split(name) if not folder else (name, "")
    better = suggest(stem)
    what, it = ("Mappenavnet", "mappen") if folder else ("Filnavnet", "filen")
    too_long = len(stem) > MAX_LENGTH and _ID.fullmatch(stem) is not None
    if too_long:
        reason = f"er længere end {MAX_LENGTH} tegn"
    elif folder:
        reason = "er ikke gyldigt: mapper under data/ og content/ navngives som id'er"
    else:
        reason = "er ikke gyldigt: filnavnet bliver et id og en adresse på hjemmesiden"
    advice = (f"Omdøb {it} til «{better}{extension}»." if better
              else f"Omdøb {it}, så navnet siger, hvad {it} indeholder, fx «netvaerksmoeder{extension}».")
    return f"{what} «{name}» {reason}. {RULE}. {advice}"


def extension_message(name: str, extension: str) -> str:
    """For a valid stem with the wrong spelling of the extension («.yml», «.YAML», «.MD»)."""
    stem, wrong = split(name)
    return (
        f"Filen «{name}» ender på «{wrong}», men sspgen læser kun filer, der ender på "
        f"«{extension}» med små bogstaver, så filen bliver ikke læst. Omdøb den til «{stem}{extension}»."
    )


def nearest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``name`` («aktorer» → «aktoerer»), if any is close."""
    candidates = sorted(known)
    key = suggest(name) or name.casefold()
    found = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def fold(name: str) -> str:
    """The key under which two names are the same on many disks and in people's eyes: Unicode
    NFC and case folded («Om-SSP.md», «om-ssp.md»; «å» composed or decomposed)."""
    if name.isascii():
        return name.lower()
    return unicodedata.normalize("NFC", name).casefold()


def collision_message(name: str, other: str, folder: bool) -> str:
    what = "Mappen" if folder else "Filen"
    return (
        f"{what} «{name}» hedder det samme som «{other}», når man ser bort fra store og små bogstaver "
        f"eller fra, hvordan æ, ø og å er kodet. På Windows og macOS kan de to ikke ligge side om side, "
        f"og den ene forsvinder. Slå dem sammen, eller giv den ene et andet navn."
    )
