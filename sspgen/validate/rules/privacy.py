"""No personal data about children, ever (DESIGN principle 3).

The repository holds organisation, plans and meeting records at an overall level; named cases
belong in the case system. Every string value of every file that was read (walked with its
location, so the message points at it) and every Markdown body is scanned.

Codes (all errors):

* ``privatliv.cpr``: something shaped like a CPR number: ``DDMMYY-SSSS``, ``DDMMYY SSSS`` or
  ``DDMMYYSSSS``, not part of a longer run of digits, whose date is a real calendar date once
  the century is read from the 7th digit (0–3: 1900s; 4 and 9: 2000s if YY ≤ 36, else 1900s;
  5–8: 2000s if YY ≤ 57, else 1800s). Modulus 11 is not required (CPR numbers issued since
  2007 need not satisfy it). The message shows the number masked (``010190-xxxx``), never in
  full. A number listed under ``cpr_undtagelser[].vaerdi`` in kommune.yaml (exact text) is
  allowed.
* ``privatliv.email``: an e-mail address anywhere but ``kontakter[].email`` in kommune.yaml.
* ``privatliv.telefon``: a Danish phone number anywhere but ``kontakter[].telefon``: eight
  digits, the first 2–9, written ``43282815``, ``43 28 28 15`` or ``4328 2815``, optionally
  after ``+45``/``0045``. Not flagged, to avoid false positives: digits inside a web address;
  digits glued to letters, other digits or ``. , / : § @ -`` (but ``tel:`` is a phone) (ids, dates, times, decimals,
  ranges such as 2022-2026); a group that continues a longer run of spaced digit groups;
  two years side by side (``2022 2026``); eight digits that form a date ``ÅÅÅÅMMDD``;
  amounts (``kr.``, ``DKK``, ``mio.`` …); and numbers labelled CVR, SE, P, EAN or
  journal/sag/konto numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from ...diagnostics import Diagnostic, Position, error
from ...read.yamlfile import LineIndex, SourceDocument
from ..load import KommuneData
from ._common import sorted_items

# --------------------------------------------------------------------------------------------
# Finding things in text

CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?!\d)")

EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

_SP = "[ \u00a0]"
PHONE = re.compile(
    r"(?:(?<=tel:)|(?<![\w+.,/:§@-]))"
    r"(?P<prefix>(?:\+45|0045)" + _SP + r"?)?"
    r"(?P<number>[2-9]\d{7}"
    r"|[2-9]\d" + _SP + r"\d{2}" + _SP + r"\d{2}" + _SP + r"\d{2}"
    r"|[2-9]\d{3}" + _SP + r"\d{4})"
    r"(?!\d)(?![.,:/-]\d)(?![^\W\d_])"
)
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)

_YEAR = re.compile(r"(?:19|20)\d\d")
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|kr\.|kroner|dkk|,-|mio|mia|%)", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:kr|dkk)\.?"
    r"|\b(?:cvr|ean)(?:[\s.:-]*(?:nr|nummer))?"
    r"|\b(?:se|p|j|journal|sags?|konto|reg)[\s.:-]*(?:nr|nummer))"
    r"[\s.:-]*$",
    re.IGNORECASE,
)


def century(yy: int, seventh: int) -> int:
    """The full year of a CPR number's date from YY and the first digit of the serial."""
    if seventh <= 3:
        return 1900 + yy
    if seventh in (4, 9):
        return (2000 if yy <= 36 else 1900) + yy
    return (2000 if yy <= 57 else 1800) + yy


def cpr_matches(text: str) -> Iterator[re.Match[str]]:
    """Every CPR-shaped number in ``text`` with a real calendar date."""
    for match in CPR.finditer(text):
        day, month, yy, serial = int(match[1]), int(match[2]), int(match[3]), match[4]
        try:
            date(century(yy, int(serial[0])), month, day)
        except ValueError:
            continue
        yield match


def mask_cpr(match: re.Match[str]) -> str:
    """010190-xxxx: the date part only, the serial never shown."""
    return f"{match[1]}{match[2]}{match[3]}-xxxx"


def _url_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in URL.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and a < end for a, b in spans)


def email_matches(text: str) -> list[re.Match[str]]:
    return list(EMAIL.finditer(text))


def phone_matches(text: str) -> list[re.Match[str]]:
    """Danish phone numbers in ``text``, with the exclusions described in the module docstring."""
    found = []
    urls = _url_spans(text)
    emails = [m.span() for m in EMAIL.finditer(text)]
    for match in PHONE.finditer(text):
        start, end = match.span()
        if _inside(urls, start, end) or _overlaps(emails, start, end):
            continue
        number = match["number"]
        digits = re.sub(r"\D", "", number)
        before, after = text[max(0, start - 30):start], text[end:end + 12]
        if match["prefix"] is None:
            if re.search(r"\d" + _SP + r"$", before):
                continue  # continues a longer run of digit groups
            if _LABEL_BEFORE.search(before):
                continue  # an amount, a CVR/SE/P/EAN number or a journal number
            if len(number) == 9 and _YEAR.fullmatch(digits[:4]) and _YEAR.fullmatch(digits[4:]):
                continue  # two years: «2022 2026»
            if len(number) == 8 and _is_compact_date(digits):
                continue
        if re.match(_SP + r"\d", after):
            continue
        if _AMOUNT_AFTER.match(after):
            continue
        found.append(match)
    return found


def _is_compact_date(digits: str) -> bool:
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    if not 1990 <= year <= 2099:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------------------------
# Walking the data


def walk_strings(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string in a plain tree with its location path, in document order."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from walk_strings(child, loc + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from walk_strings(child, loc + (index,))


def _is_contact_field(loc: tuple) -> bool:
    return len(loc) >= 3 and loc[0] == "kontakter" and isinstance(loc[1], int) and loc[2] in ("telefon", "email")


class Locator:
    """Turns (document, value location, matched text) into the match's own line and column.

    The reader records where each value starts. For a match inside a long or multi-line value
    we look up the matched text in the file between the value's start and the next recorded
    position; if it is not found literally (escapes, a number broken over two lines), the
    value's start is used.
    """

    def __init__(self, root: Path):
        self.root = root
        self.cache: dict[str, tuple[str, LineIndex, list[int]] | None] = {}

    def _file(self, source: SourceDocument) -> tuple[str, LineIndex, list[int]] | None:
        if source.path not in self.cache:
            try:
                text = (self.root / source.path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self.cache[source.path] = None
            else:
                text = text.removeprefix("\ufeff")
                lines = LineIndex(text)
                marks = sorted(
                    {self._index(lines, p) for p in (*source.positions.values(), *source.key_positions.values())}
                )
                self.cache[source.path] = (text, lines, marks)
        return self.cache[source.path]

    @staticmethod
    def _index(lines: LineIndex, position: Position) -> int:
        row = min(max(position.line - 1, 0), lines.count - 1)
        return lines.starts[row] + position.column - 1

    def find(self, source: SourceDocument, loc: tuple, needles: list[str]) -> list[Position]:
        """Positions of ``needles`` (in order of appearance) in the value at ``loc``."""
        start_position = source.position(loc)
        found = self._file(source)
        if found is None:
            return [start_position] * len(needles)
        text, lines, marks = found
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
        allowed_cpr = {u.vaerdi for u in data.kommune.value.cpr_undtagelser}
        kommune_source = data.kommune.source
    slug = data.slug
    locator = Locator(data.data_dir.parent.parent)

    clean_key = ("privatliv", slug, tuple(sorted(allowed_cpr)))
    for source in sorted(data.sources, key=lambda s: s.path):
        is_kommune = source is kommune_source
        # A file from the parse cache remembers that it was scanned clean (same bytes, same
        # exceptions); the cache key includes this module's source, so a changed rule rescans.
        flags = getattr(source, "flags", None)
        if flags is not None and not is_kommune and clean_key in flags:
            continue
        findings = len(out)
        for loc, text in walk_strings(source.data):
            hits = _scan(text, allowed_cpr, slug, contact_field=is_kommune and _is_contact_field(loc))
            if not hits:
                continue
            positions = locator.find(source, loc, [match.group(0) for match, _, _ in hits])
            for (_, code, message), position in zip(hits, positions):
                out.append(error(source.path, position, code, message))
        if flags is not None and not is_kommune and len(out) == findings:
            flags.add(clean_key)

    for _, side in sorted_items(data.sider):
        page = side.value
        lines = LineIndex(page.body)
        for match, code, message in _scan(page.body, allowed_cpr, slug, contact_field=False):
            at = lines.position(match.start(), page.body_line - 1)
            out.append(error(side.source.path, at, code, message))

    return out


_ASCII_DIGIT_OR_AT = re.compile("[0-9@]")


def _may_match(text: str) -> bool:
    """Whether `text` has a digit (str.isdigit) or an '@': nothing else can be a finding.
    For ASCII text one regular-expression search instead of a Python loop over characters."""
    if text.isascii():
        return _ASCII_DIGIT_OR_AT.search(text) is not None
    return "@" in text or any(ch.isdigit() for ch in text)


def _scan(text: str, allowed_cpr: set[str], slug: str, *, contact_field: bool) -> list[tuple[re.Match[str], str, str]]:
    """(match, code, message) for each finding in ``text``, in order of appearance."""
    if not _may_match(text):
        return []
    found: list[tuple[re.Match[str], str, str]] = []
    cpr_spans = []
    for match in cpr_matches(text):
        if match.group(0) in allowed_cpr:
            continue
        cpr_spans.append(match.span())
        found.append((match, "privatliv.cpr", _cpr_message(mask_cpr(match), slug)))
    if not contact_field:
        for match in email_matches(text):
            found.append((match, "privatliv.email", _contact_message("en e-mailadresse", match.group(0), "email", slug)))
        for match in phone_matches(text):
            if not _overlaps(cpr_spans, *match.span()):
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

