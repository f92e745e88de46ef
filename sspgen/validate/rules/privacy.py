"""No personal data about children, ever (DESIGN principle 3).

The repository holds organisation, plans and meeting records at an overall level; named cases
belong in the case system. Each file that was read is scanned twice: its raw text, line by
line, for CPR numbers (so comments, keys, numbers and a number folded over two lines are found,
at their own line and column), and every value (walked with its location) for CPR numbers the
raw text does not show literally, e-mail addresses and phone numbers. Markdown bodies are part
of the raw text and are scanned for contact details as well. The finders live in
privacy_find.py and sspgen/privacy_mask.py.

Codes (all errors):

* ``privatliv.cpr``: something shaped like a CPR number whose date is a real calendar date
  once the century is read from the 7th digit (sspgen/privacy_mask.py), in every spelling:
  ``010190-1234``, ``010190 1234``, ``0101901234``, ``010190/1234``, ``010190.1234``, with an
  en dash or a no-break space, ``01.01.90-1234``, ``01-01-90-1234``, ``01 01 90 1234``, folded
  over two lines; not part of a longer run of digits. The words around it decide when it could
  be something else: «cpr», «personnummer», «født» … nearby always make it a CPR number; else
  it is not reported after a label that names another kind of number (``journalnr.``, ``sag``,
  ``j.nr.``, ``kl.``, ``tlf.``, ``ISBN`` …), when a range follows (``100326 1400-1600``), and —
  unless written with a dash — when it continues a run of digit groups or is a dotted date
  followed by a time (``10.03.26 1400``). The message shows the number masked
  (``010190-xxxx``), never in full. A number listed under ``cpr_undtagelser[].vaerdi`` in
  kommune.yaml is allowed (compared by its ten digits, however it is written).
* ``privatliv.email``: an e-mail address anywhere but ``kontakter[].email`` in kommune.yaml,
  also written to fool a harvester (``navn (at) kommune.dk``, ``navn[at]kommune[dot]dk``,
  ``navn@kommune(punktum)dk``).
* ``privatliv.telefon``: a Danish phone number anywhere but ``kontakter[].telefon``: eight
  digits, the first 2–9, written ``43282815``, ``43 28 28 15``, ``43-28-28-15``,
  ``43.28.28.15`` or ``4328 2815``, optionally after ``+45``/``0045``/``(+45)``. A label before
  it (``tlf.``, ``Tlf:``, ``telefon``, ``mobil``, ``tel:`` …) makes it a phone number even when
  glued on. Not flagged, to avoid false positives: digits inside a web address; digits glued
  to letters, other digits or ``. , / : § @ -`` without such a label (ids, dates, times,
  decimals, ranges such as 2022-2026); a group that continues a longer run of spaced digit
  groups; two years side by side (``2022 2026``); eight digits that form a date ``ÅÅÅÅMMDD``;
  amounts (``kr.``, ``DKK``, ``mio.`` …); and numbers labelled CVR, SE, P, EAN or
  journal/sag/konto numbers.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from pathlib import Path
from typing import Any, Iterator

from ... import privacy_mask
from ...diagnostics import Diagnostic, Position, error
from ...read.yamlfile import LineIndex, SourceDocument
from ..load import KommuneData, yaml_files
from ._common import sorted_items
from .privacy_find import cpr_findings, email_matches, may_hold_email, overlaps, phone_matches

_FINDER_VERSION = hashlib.blake2b(Path(privacy_mask.__file__).read_bytes(), digest_size=8).hexdigest()
"""Part of the «scanned clean» mark a cached file keeps: the parse cache's own key covers the
rule modules, not sspgen/privacy_mask.py, so a changed CPR finder must rescan by itself."""

# --------------------------------------------------------------------------------------------
# Walking the data


def walk_values(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string and whole number in a plain tree with its location path, in document order
    (a CPR number may be written as a number: ``1206921234``)."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield loc, str(value)
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from walk_values(child, loc + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from walk_values(child, loc + (index,))


def _is_contact_field(loc: tuple) -> bool:
    return len(loc) >= 3 and loc[0] == "kontakter" and isinstance(loc[1], int) and loc[2] in ("telefon", "email")


class Locator:
    """Reads each scanned file's raw text, and turns (document, value location, matched text)
    into the match's own line and column.

    The reader records where each value starts. For a match inside a long or multi-line value
    we look up the matched text in the file between the value's start and the next recorded
    position; if it is not found literally (escapes, a number broken over two lines), the
    value's start is used. Line index and marks are made only for a file with a finding.
    """

    def __init__(self, root: Path):
        self.root = root
        self.texts: dict[str, str | None] = {}
        self.indexes: dict[str, tuple[LineIndex, list[int]]] = {}

    def text(self, source: SourceDocument) -> str | None:
        """The file's text as saved (without a byte order mark); None if it cannot be read."""
        if source.path not in self.texts:
            try:
                text: str | None = (self.root / source.path).read_text(encoding="utf-8").removeprefix("\ufeff")
            except (OSError, UnicodeDecodeError):
                text = None
            self.texts[source.path] = text
        return self.texts[source.path]

    def lines(self, source: SourceDocument) -> tuple[LineIndex, list[int]] | None:
        """The file's line index and the offsets where the reader recorded a key or value."""
        text = self.text(source)
        if text is None:
            return None
        if source.path not in self.indexes:
            lines = LineIndex(text)
            marks = sorted({self._index(lines, p) for p in (*source.positions.values(), *source.key_positions.values())})
            self.indexes[source.path] = (lines, marks)
        return self.indexes[source.path]

    @staticmethod
    def _index(lines: LineIndex, position: Position) -> int:
        row = min(max(position.line - 1, 0), lines.count - 1)
        return lines.starts[row] + position.column - 1

    def find(self, source: SourceDocument, loc: tuple, needles: list[str]) -> list[Position]:
        """Positions of ``needles`` (in order of appearance) in the value at ``loc``."""
        start_position = source.position(loc)
        text, found = self.text(source), self.lines(source)
        if text is None or found is None:
            return [start_position] * len(needles)
        lines, marks = found
        start = self._index(lines, start_position)
        later = bisect_right(marks, start)
        end = marks[later] if later < len(marks) else len(text)
        positions = []
        cursor = start
        for needle in needles:
            at = text.find(needle, cursor, end)
            if at < 0:
                positions.append(start_position)
                continue
            positions.append(lines.position(at))
            cursor = at + len(needle)
        return positions


# --------------------------------------------------------------------------------------------
# The rule


def check_privacy(data: KommuneData) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    allowed_cpr: set[str] = set()
    kommune_source = None
    if data.kommune is not None:
        allowed_cpr = {re.sub(r"\D", "", u.vaerdi) for u in data.kommune.value.cpr_undtagelser}
        kommune_source = data.kommune.source
    slug = data.slug
    locator = Locator(data.data_dir.parent.parent)
    if kommune_source is None:
        # kommune.yaml failed its schema (reported there). Its contact fields are still the
        # place for phone numbers and e-mail, and its exceptions still hold: without this, one
        # misspelt key there would add a false privacy error for every contact.
        kommune_source, allowed_cpr = _failed_kommune(data)

    clean_key = ("privatliv", slug, tuple(sorted(allowed_cpr)), _FINDER_VERSION)
    for source in sorted(data.sources, key=lambda s: s.path):
        is_kommune = source is kommune_source
        # A file from the parse cache remembers that it was scanned clean (same bytes, same
        # exceptions); the cache key includes this module's source, so a changed rule rescans.
        flags = getattr(source, "flags", None)
        if flags is not None and not is_kommune and clean_key in flags:
            continue
        found = _scan_source(source, locator, allowed_cpr, slug, is_kommune)
        out += found
        if flags is not None and not is_kommune and not found:
            flags.add(clean_key)
    for display in _unparsed_files(data, {source.path for source in data.sources}):
        # A file with a YAML syntax error has no values, but its text is in the repository.
        out += _scan_source(SourceDocument(display, None), locator, allowed_cpr, slug, False)

    for _, side in sorted_items(data.sider):
        page = side.value
        lines = LineIndex(page.body)
        for match, code, message in _contact_details(page.body, slug, []):
            at = lines.position(match.start(), page.body_line - 1)
            out.append(error(side.source.path, at, code, message))

    return out


def _failed_kommune(data: KommuneData) -> tuple[Any, set[str]]:
    """The parsed kommune.yaml that failed its schema, and the CPR exceptions it states."""
    root = data.data_dir.parent.parent
    display = next((d for file, d in yaml_files(root, data.slug) if file.name == "kommune.yaml"
                    and file.parent == data.data_dir), None)
    source = next((s for s in data.sources if s.path == display), None)
    if source is None or not isinstance(source.data, dict):
        return source, set()
    exceptions = source.data.get("cpr_undtagelser")
    allowed = {
        re.sub(r"\D", "", item["vaerdi"])
        for item in (exceptions if isinstance(exceptions, list) else [])
        if isinstance(item, dict) and isinstance(item.get("vaerdi"), str)
    }
    return source, allowed


def _unparsed_files(data: KommuneData, parsed: set[str]) -> list[str]:
    """Display paths of the files the loader read but could not parse (no SourceDocument).
    A symbolic link, or anything that resolves outside the repository, is never opened."""
    root = data.data_dir.parent.parent
    files = yaml_files(root, data.slug)
    if data.content_dir.is_dir():
        files += [(file, file.relative_to(root).as_posix()) for file in sorted(data.content_dir.glob("*.md"))]
    inside = root.resolve()
    found = []
    for file, display in files:
        if display in parsed or file.is_symlink():
            continue
        if not file.resolve().is_relative_to(inside):
            continue
        found.append(display)
    return found


def _scan_source(source: SourceDocument, locator: Locator, allowed_cpr: set[str], slug: str,
                 is_kommune: bool) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    in_text: set[str] = set()
    text = locator.text(source)
    if text is not None:
        # The raw text: comments, keys, numbers and folded lines included, each at its place.
        for match in cpr_findings(text):
            in_text.add(match.digits)
            if match.digits not in allowed_cpr:
                lines, _ = locator.lines(source) or (LineIndex(text), [])
                out.append(error(source.path, lines.position(match.start), "privatliv.cpr",
                                 _cpr_message(match.masked, slug)))
    for loc, value in walk_values(source.data):
        # The values: what the raw text does not show literally (escapes), and contact details.
        if not _may_match(value):
            continue
        cpr_spans: list[tuple[int, int]] = []
        hits: list[tuple[str, str, str]] = []
        for match in cpr_findings(value):
            cpr_spans.append((match.start, match.end))
            if match.digits not in in_text and match.digits not in allowed_cpr:
                hits.append((match.text, "privatliv.cpr", _cpr_message(match.masked, slug)))
        if not (is_kommune and _is_contact_field(loc)):
            hits += [(m.group(0), code, message) for m, code, message in _contact_details(value, slug, cpr_spans)]
        if not hits:
            continue
        positions = locator.find(source, loc, [needle for needle, _, _ in hits])
        out += [error(source.path, position, code, message) for (_, code, message), position in zip(hits, positions)]
    return out


_DIGIT_OR_AT = re.compile("[\\d@]")


def _may_match(text: str) -> bool:
    """Whether `text` has a digit, an '@' or a bracketed «at»: nothing else can be a finding."""
    return _DIGIT_OR_AT.search(text) is not None or may_hold_email(text)


def _contact_details(text: str, slug: str, cpr_spans: list[tuple[int, int]]) -> list[tuple[re.Match[str], str, str]]:
    """(match, code, message) for each e-mail address and phone number in ``text``, in order."""
    if not _may_match(text):
        return []
    found: list[tuple[re.Match[str], str, str]] = []
    for match in email_matches(text):
        found.append((match, "privatliv.email", _contact_message("en e-mailadresse", match.group(0), "email", slug)))
    for match in phone_matches(text):
        if not overlaps(cpr_spans, *match.span()):
            found.append((match, "privatliv.telefon", _contact_message("et telefonnummer", match.group(0), "telefon", slug)))
    found.sort(key=lambda item: item[0].start())
    return found


def _cpr_message(masked: str, slug: str) -> str:
    return (
        f"Her står noget, der ligner et CPR-nummer ({masked}). CPR-numre og andre "
        f"personoplysninger om børn og unge må aldrig stå i disse filer; navngivne sager hører til "
        f"i sagssystemet. Slet nummeret. Er det bevisligt ikke et CPR-nummer (fx et sagsnummer), "
        f"så skriv det under «cpr_undtagelser» i data/{slug}/kommune.yaml med en begrundelse."
    )


def _contact_message(what: str, value: str, field: str, slug: str) -> str:
    return (
        f"Her står {what} («{value}»). Den slags må kun stå i kontaktfelterne («kontakter» → "
        f"«{field}» i data/{slug}/kommune.yaml), så personoplysninger ikke havner andre steder. "
        f"Flyt oplysningen til en kontakt, og henvis til kontakten (på en side med "
        f"«[[kontakter: EMNE]]»)."
    )

