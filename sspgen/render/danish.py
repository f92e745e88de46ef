"""Danish conventions for dates, times, weekdays and alphabetical order (DESIGN principle 9)."""

from __future__ import annotations

import unicodedata
from datetime import date, time

MAANEDER = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)
UGEDAGE = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
"""Monday first: the Danish week starts on Monday (date.weekday() is 0 on Monday too)."""


def dato(value: date) -> str:
    """13. januar 2026"""
    return f"{value.day}. {MAANEDER[value.month - 1]} {value.year}"


def dato_med_ugedag(value: date) -> str:
    """tirsdag den 13. januar 2026"""
    return f"{ugedag(value)} den {dato(value)}"


def kort_dato(value: date) -> str:
    """13.01.2026 — for dense tables."""
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def ugedag(value: date) -> str:
    return UGEDAGE[value.weekday()]


def maaned(year: int, month: int) -> str:
    """januar 2026"""
    return f"{MAANEDER[month - 1]} {year}"


def klokkeslaet(value: time) -> str:
    """kl. 15.00"""
    return f"kl. {value.hour:02d}.{value.minute:02d}"


def tidsrum(start: time | None, slut: time | None) -> str:
    """kl. 15.00-17.00, or kl. 15.00 alone; empty when no time is known."""
    if start is None:
        return ""
    if slut is None:
        return klokkeslaet(start)
    return f"{klokkeslaet(start)}-{slut.hour:02d}.{slut.minute:02d}"


def klassetrin(value: int) -> str:
    """0 is børnehaveklasse, written «0. klasse» as in the plan."""
    return f"{value}. klasse"


# Danish collation: æ, ø, å after z (and the old spelling aa sorts as å is deliberately not
# applied: ids and names in the data use modern spelling). Accented letters sort with their
# base letter (é with e, ü with y as in Danish dictionaries is too clever; ü with u).
_LAST = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}


def sorteringsnoegle(text: str) -> tuple[str, str]:
    """Key for Danish alphabetical order; the original text breaks ties so order is total."""
    folded = []
    for char in text.casefold():
        if char in _LAST:
            folded.append(_LAST[char])
            continue
        base = unicodedata.normalize("NFKD", char)[0]
        folded.append(base)
    return "".join(folded), text


def dansk_sorteret(items, attribute: str | None = None) -> list:
    """Sort strings, or objects by an attribute, in Danish alphabetical order."""
    if attribute is None:
        return sorted(items, key=lambda item: sorteringsnoegle(str(item)))
    return sorted(items, key=lambda item: sorteringsnoegle(str(getattr(item, attribute))))


def slug(text: str) -> str:
    """A URL segment in Danish ASCII: «Øster» → «oester», «Midt/Vest» → «midt-vest»."""
    lowered = text.casefold()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("§", "paragraf-")):
        lowered = lowered.replace(danish, ascii_)
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    parts = "".join(c if c.isalnum() else "-" for c in ascii_text).split("-")
    return "-".join(part for part in parts if part) or "side"
