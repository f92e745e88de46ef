"""CPR numbers: finding them in any spelling, and masking them in everything sspgen prints.

This module is the one masking step. Every Diagnostic masks its path and message when it is
created (sspgen/diagnostics.py), every formatter masks the line it returns, and the command
line (sspgen/cli.py, sspgen/ci.py) writes all terminal output through ``MaskingStream``. So a
CPR number that sits in the data never leaves sspgen whole, whatever message quotes it.

``find_cpr`` is deliberately generous: every number shaped like a CPR number with a real
calendar date, in every spelling staff type (``010190-1234``, ``010190 1234``, ``0101901234``,
``01.01.90-1234``, ``01 01 90 1234``, ``010190/1234``, with a no-break space or an en dash,
folded over two lines). Masking a date-like number in a message by mistake costs a little
readability; showing a CPR number in a pull-request annotation cannot be undone. The privacy
rule (sspgen/validate/rules/privacy_find.py) narrows these matches down by the words around
them before it reports an error.

Stable public names (other modules import them): ``find_cpr``, ``mask_cpr``, ``CprMatch``,
``century``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import IO, Any, Iterator

DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
"""Hyphen, the Unicode hyphens, en and em dash, minus sign."""
SPACES = " \t\u00a0\u202f\u2007"
"""Space, tab, no-break spaces, figure space."""

_S = f"[{SPACES}]"
# Between the date and the serial: a dash or a dot or a slash (spaces around it allowed), or
# spaces; either may be followed by a line break and the next line's indentation (a number
# folded over two lines in YAML or Markdown); or no separator at all.
_SERIAL_SEPARATOR = (
    rf"(?P<sep>{_S}{{0,2}}[{DASHES}./]{_S}{{0,2}}(?:\n{_S}*)?"
    rf"|{_S}{{1,2}}(?:\n{_S}*)?"
    rf"|\n{_S}*)?"
)
CPR_PATTERN = re.compile(
    r"(?=\d)(?<!\d)"  # the lookahead first lets the search skip non-digits quickly (3× faster)
    r"(?:(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{2})"  # 010190
    rf"|(?P<d2>\d{{2}})(?P<dsep>[{DASHES}./{SPACES}])(?P<m2>\d{{2}})(?P=dsep)(?P<y2>\d{{2}}))"  # 01.01.90
    + _SERIAL_SEPARATOR
    + r"(?P<serial>\d{4})(?!\d)"
)


def century(yy: int, seventh: int) -> int:
    """The full year of a CPR number's date from YY and the first digit of the serial."""
    if seventh <= 3:
        return 1900 + yy
    if seventh in (4, 9):
        return (2000 if yy <= 36 else 1900) + yy
    return (2000 if yy <= 57 else 1800) + yy


@dataclass(frozen=True)
class CprMatch:
    """A CPR-shaped number in a text: where it stands and how it was written."""

    start: int
    end: int
    text: str
    """The number as written, separators and line break included."""
    day: str
    month: str
    year: str
    serial: str
    date_separator: str
    """«» for 010190, else the character between day, month and year («.», «-», « » …)."""
    separator: str
    """What stands between the date and the serial, as written («» for none)."""

    @property
    def digits(self) -> str:
        """The ten digits, for comparing numbers written in different ways."""
        return f"{self.day}{self.month}{self.year}{self.serial}"

    @property
    def masked(self) -> str:
        """010190-xxxx: the date only; the serial (which gives the sex) is never shown."""
        return f"{self.day}{self.month}{self.year}-xxxx"

    @property
    def dashed(self) -> bool:
        """Written the classic way, with a dash before the serial (``010190-1234``, ``01.01.90-1234``)."""
        return any(ch in self.separator for ch in DASHES.replace("\\", ""))


def _is_date(day: str, month: str, yy: str, serial: str) -> bool:
    try:
        date(century(int(yy), int(serial[0])), int(month), int(day))
    except ValueError:
        return False
    return True


_TEN_DIGITS = re.compile(r"\d(?:\D*\d){9}")


def _may_hold_cpr(text: str) -> bool:
    """Ten digits are needed; most strings have far fewer, and this is cheaper than the pattern."""
    if text.isascii():
        return sum(map(text.count, "0123456789")) >= 10
    return _TEN_DIGITS.search(text) is not None


def find_cpr(text: str) -> Iterator[CprMatch]:
    """Every CPR-shaped number in ``text`` whose date is a real calendar date, left to right.

    The date's century comes from the serial's first digit (0–3: 1900s; 4 and 9: 2000s if
    YY ≤ 36, else 1900s; 5–8: 2000s if YY ≤ 57, else 1800s). Modulus 11 is not required (CPR
    numbers issued since 2007 need not satisfy it). A candidate with an impossible date does
    not hide a real number that overlaps it.
    """
    if not _may_hold_cpr(text):
        return
    position = 0
    while True:
        match = CPR_PATTERN.search(text, position)
        if match is None:
            return
        day, month, yy = (match["d"], match["m"], match["y"]) if match["d"] else (match["d2"], match["m2"], match["y2"])
        if _is_date(day, month, yy, match["serial"]):
            yield CprMatch(
                match.start(), match.end(), match.group(0), day, month, yy, match["serial"],
                match["dsep"] or "", match["sep"] or "",
            )
            position = match.end()
        else:
            position = match.start() + 1


def mask_cpr(text: str) -> str:
    """``text`` with every CPR-shaped number replaced by its masked form (``010190-xxxx``)."""
    if not _may_hold_cpr(text):
        return text
    parts: list[str] = []
    position = 0
    for match in find_cpr(text):
        parts.append(text[position:match.start])
        parts.append(match.masked)
        position = match.end
    if not parts:
        return text
    parts.append(text[position:])
    return "".join(parts)


def mask_any(value: Any) -> Any:
    """``mask_cpr`` applied to a string, or to every string in a list, tuple or dict (keys too)."""
    if isinstance(value, str):
        return mask_cpr(value)
    if isinstance(value, (list, tuple)):
        return type(value)(mask_any(item) for item in value)
    if isinstance(value, dict):
        return {mask_any(key): mask_any(item) for key, item in value.items()}
    return value


class MaskingStream:
    """A text stream that masks CPR numbers in everything written to it.

    The command line puts it in front of stdout and stderr, so every line sspgen prints (a
    message, an echoed argument, an internal error's text, a diff) passes the masking step.
    ``print`` writes each argument in one call, so a number is never split between two writes.
    """

    def __init__(self, stream: IO[str]):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(mask_cpr(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
