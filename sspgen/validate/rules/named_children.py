"""A child named in free text: a first name next to something that describes a child.

A name alone is not reported (staff, speakers and organisations are named in SSP text), and a
child described without a name is the way it should be written («en elev i 8. klasse»). What
is reported is the two together, within a few words, because that is how a case is written
down: «Mads (14 år)», «Ali fra 8.b», «Sofies storebror», «Noah, der bor på Søndergade 12».

Code (a warning; an error under ``sspgen check --strict``):

* ``privatliv.navngivet-barn``: a first name from sspgen/defaults/fornavne.txt (capitalised,
  also in the genitive: «Sofies», «Mads'») with at most :data:`WINDOW` words between it and
  one of these signals:

  - an age from 0 to 25: «14-årig», «14 årig», «den 14-årige», «14 år gammel», and «14 år»
    after «er», «på», «var», «bliver», «blev», «fylder», «fyldte», a comma or a parenthesis
    (not «i 14 år», which is a duration); «(14)» and «14-årige» without «den» (often a group:
    «15-årige og alkohol») only right next to the name;
  - a school class: «8.b», «8. b», «8b» (grade 0–10, letter a–h), or «i/fra 7. klasse» (also
    «7. kl.» and after a comma or a parenthesis), not «7. klasse» alone («underviser 7. klasse»);
  - a sibling or a child: «storebror», «lillesøster», «bror», «søster», «søn», «datter»,
    «fætter», «kusine» and their forms; and right after a name in the genitive, a parent or
    someone around a child: «Sofies mor», «Alis forældre», «Noahs sagsbehandler»;
  - an address: a street name with a number («Søndergade 12», «Kong Valdemars Vej 3»), or
    «bor på/i/hos», «boede», «bosat».

Names that are ordinary Danish words (Per, Bo, Hans, Maj …) are not in the list (see
tools/fornavne.py). Not scanned, since they name staff: the contacts in kommune.yaml
(``kontakter``), the roles of a forum's or a kommissorium's members (``sammensaetning[].rolle``,
``deltagere[].rolle``, also in ``formoede``), people a forum may invite
(``kan_invitere[].navn``) and the signatories of a record (``underskrevet_af``). The message never repeats the name in full (it shows the initial), nor
an address: diagnostics end up in CI logs.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterator

from ...diagnostics import Diagnostic, warning
from ...read.document import LineIndex
from ..load import KommuneData
from ._common import sorted_items
from .privacy import Locator, walk_values

NAMES_FILE = Path(__file__).resolve().parent.parent.parent / "defaults" / "fornavne.txt"

WINDOW = 2
"""At most this many words between a name and a signal."""

MAX_AGE = 25
"""SSP's target group goes up to 25; an older age describes an adult."""

CODE = "privatliv.navngivet-barn"


@cache
def first_names() -> frozenset[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def names_digest() -> str:
    return hashlib.blake2b(NAMES_FILE.read_bytes(), digest_size=8).hexdigest()


# --------------------------------------------------------------------------------------------
# Signals


@dataclass(frozen=True)
class Signal:
    start: int
    end: int
    what: str
    """Danish, for the message: «en alder («14 år»)»."""
    adjacent: bool = False
    """Only counts with no word between it and the name («Mads (14)», «14-årige Freja»)."""
    genitive: bool = False
    """Only counts right after a name in the genitive («Sofies mor»)."""


_B = r"(?<![\w.])"  # a word start (and not inside a number like 1.8.b)
_E = r"(?![\w])"

AGE = re.compile(
    r"(?P<a>(?<!\d)(?P<n1>\d{1,2})\s?-?\s?årig" + _E + r")"
    r"|(?P<den>\bden\s+)?(?P<e>(?<!\d)(?P<n5>\d{1,2})\s?-?\s?årige(?:s)?" + _E + r")"
    r"|(?P<b>(?<!\d)(?P<n2>\d{1,2})\s+år\s+gam(?:mel|le)" + _E + r")"
    r"|(?:(?:\b(?:er|på|var|bliver|blev|fylder|fyldte)\s+|[,(]\s*)(?P<c>(?P<n3>\d{1,2})\s+år(?![\w])))"
    r"|(?P<d>\(\s*(?P<n4>\d{1,2})\s*\))",
    re.IGNORECASE,
)
CLASS = re.compile(
    _B + r"(?P<a>(?:10|[0-9])\.?\s?[a-h])" + _E
    + r"|(?:\b(?:i|fra|går\s+i)\s+|[,(]\s*)(?P<b>(?:10|[0-9])\.\s*(?:klasse|kl\.))",
    re.IGNORECASE,
)
_SIBLING = r"(?:store|lille|halv|sted|pleje|tvilling|tvillinge)?(?:bror|broren|brors|brødre|brødrene|søster|søsteren|søsters|søstre|søstrene)"
RELATION = re.compile(
    r"\b(?:" + _SIBLING + r"|søn|sønnen|sønner|sønnerne|datter|datteren|døtre|døtrene"
    r"|fætter|fætteren|kusine|kusinen|søskende|barnebarn)" + _E,
    re.IGNORECASE,
)
AROUND = re.compile(
    r"\b(?:mor|moren|far|faren|forældre|forældrene|familie|familien|plejefamilie|plejeforældre"
    r"|stedfar|stedmor|klasselærer|kontaktperson|sagsbehandler)" + _E,
    re.IGNORECASE,
)
_STREET = r"[A-ZÆØÅ][\wæøå]*(?:vej|gade|allé|alle|vænge|vænget|stræde|plads|boulevard|parken|torv|bakken|toften|stien)"
ADDRESS = re.compile(
    r"(?P<a>(?:(?:[A-ZÆØÅ][\w.]*\s+){0,3}(?:Vej|Gade|Allé|Alle|Plads|Boulevard|Stræde|Torv)|" + _STREET + r")"
    r"\s+\d{1,3}[A-Za-z]?(?!\d))"
    r"|(?P<b>\b(?:bor|boede|boende|bosat)(?:\s+(?:på|i|hos))?" + _E + r")",
)


def signals(text: str) -> list[Signal]:
    """Every signal in ``text`` that describes a child, in order of appearance."""
    found: list[Signal] = []
    for m in AGE.finditer(text):
        group = next(g for g in "abcde" if m[g] is not None)
        age = int(m["n1"] or m["n2"] or m["n3"] or m["n4"] or m["n5"])
        # «(14)» and «14-årige» without «den» (a group: «15-årige og alkohol») only next to a name.
        adjacent = group == "d" or (group == "e" and m["den"] is None)
        if age <= MAX_AGE:
            found.append(Signal(m.start(group), m.end(group), f"en alder («{m[group]}»)", adjacent=adjacent))
    for m in CLASS.finditer(text):
        group = "a" if m["a"] is not None else "b"
        found.append(Signal(m.start(group), m.end(group), f"en klasse («{m[group]}»)"))
    for m in RELATION.finditer(text):
        found.append(Signal(m.start(), m.end(), f"en familierelation («{m[0]}»)"))
    for m in AROUND.finditer(text):
        found.append(Signal(m.start(), m.end(), f"en person omkring barnet («{m[0]}»)", genitive=True))
    for m in ADDRESS.finditer(text):
        what = "en adresse" if m["a"] is not None else f"en bopæl («{m['b']}»)"
        found.append(Signal(m.start(), m.end(), what))
    found.sort(key=lambda s: (s.start, s.end))
    return found


# --------------------------------------------------------------------------------------------
# Names next to signals

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    name: str
    signal: Signal


def _name_kind(token: str, following: str) -> str | None:
    """"name", "genitive" or None for a word token (``following``: the character after it)."""
    if not token[:1].isupper() or not token.istitle():
        return None
    names = first_names()
    parts = token.split("-")
    if token.endswith("s") and token[:-1] in names:
        return "genitive"  # «Sofies»; also when «Alis» is itself a name
    if token in names or (len(parts) > 1 and all(part in names for part in parts)):
        return "genitive" if following in ("'", "’") else "name"
    return None


CAPITALISED = re.compile(r"(?<!\w)[^\W\d_a-zß-öø-ÿ]\w*(?:[-'’]\w+)*")
"""A word that starts with a letter that is not a lowercase Latin-1 letter (a name candidate)."""


def _names(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in CAPITALISED.finditer(text):
        kind = _name_kind(m[0], text[m.end():m.end() + 1])
        if kind is not None:
            out.append((m.start(), m.end(), kind))
    return out


def findings(text: str) -> list[Finding]:
    """Names with a signal within :data:`WINDOW` words, one finding per name, in order.

    Names are looked for first: most text has none (and no capital letter at all), and the
    signals cost more to find."""
    if text.lower() == text:
        return []
    names = _names(text)
    if not names:
        return []
    found_signals = signals(text)
    if not found_signals:
        return []
    words = [m.span() for m in WORD.finditer(text)]
    starts = [start for start, _ in words]
    ends = [end for _, end in words]
    out = []
    for start, end, kind in names:
        if any(s.start <= start and end <= s.end for s in found_signals):
            continue  # part of a street name
        best = _nearest(found_signals, start, end, kind, starts, ends)
        if best is not None:
            out.append(Finding(start, end, text[start:end], best))
    return out


def _nearest(found: list[Signal], start: int, end: int, kind: str, starts: list[int], ends: list[int]) -> Signal | None:
    best: tuple[int, Signal] | None = None
    for signal in found:
        if signal.start >= end:
            between = bisect_right(ends, signal.start) - bisect_left(starts, end)
            after = True
        elif signal.end <= start:
            between = bisect_right(ends, start) - bisect_left(starts, signal.end)
            after = False
        else:
            continue
        if signal.adjacent and between > 0 or signal.genitive and not (after and between == 0):
            continue
        if signal.genitive and kind != "genitive":
            continue
        if between <= WINDOW and (best is None or between < best[0]):
            best = (between, signal)
    return best[1] if best is not None else None


# --------------------------------------------------------------------------------------------
# The rule


def _skipped(loc: tuple, is_kommune: bool) -> bool:
    """Fields that name staff, not children."""
    if is_kommune and loc[:1] == ("kontakter",):
        return True
    if "underskrevet_af" in loc:
        return True
    if len(loc) >= 3 and (loc[-3], loc[-1]) in (("kan_invitere", "navn"), ("sammensaetning", "rolle"), ("deltagere", "rolle")):
        return True
    return False


def message(finding: Finding) -> str:
    return (
        f"Her ser det ud til, at et barn eller en ung nævnes ved navn: et fornavn "
        f"(«{finding.name[0]}…») står tæt ved {finding.signal.what}. Navne på børn og unge hører "
        f"til i sagssystemet, hvor kun de rette medarbejdere har adgang, og hvor oplysningerne "
        f"slettes efter reglerne. Filerne her kan mange læse, de kan blive til offentlige sider, "
        f"og git gemmer alt, hvad der engang er skrevet. Skriv uden navn (fx «en elev i 8. "
        f"klasse»), eller slet oplysningen. Er det ikke et barn, så skriv sætningen om, så navnet "
        f"og beskrivelsen ikke står sammen."
    )


def check_named_children(data: KommuneData) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    locator = Locator(data.data_dir.parent.parent)
    kommune_source = data.kommune.source if data.kommune is not None else None
    clean_key = (CODE, names_digest())
    for source in sorted(data.sources, key=lambda s: s.path):
        # A file from the parse cache remembers that it was scanned clean with this name list
        # (the cache is discarded when a rule's source changes; the list is in the key).
        flags = getattr(source, "flags", None)
        if flags is not None and clean_key in flags:
            continue
        before = len(out)
        for loc, text in _strings(source.data, source is kommune_source):
            found = findings(text)
            if not found:
                continue
            positions = locator.find(source, loc, [f.name for f in found])
            out += [warning(source.path, at, CODE, message(f)) for f, at in zip(found, positions)]
        if flags is not None and len(out) == before:
            flags.add(clean_key)
    for _, side in sorted_items(data.sider):
        page = side.value
        lines = LineIndex(page.body)
        for f in findings(page.body):
            out.append(warning(side.source.path, lines.position(f.start, page.body_line - 1), CODE, message(f)))
    return out


def _strings(tree: object, is_kommune: bool) -> Iterator[tuple[tuple, str]]:
    for loc, text in walk_values(tree):
        if not _skipped(loc, is_kommune):
            yield loc, text
