"""Danish conventions for dates, times, weekdays and alphabetical order (DESIGN principle 9)."""

from __future__ import annotations

import unicodedata
from datetime import date, time

from markupsafe import Markup

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


def opremsning(items, sidste: str = "og"):
    """Items the Danish way: «a», «a og b», «a, b og c» (no comma before «og»).

    When an item has a comma or an «og» of its own («Center for Familie, Social &
    Beskæftigelse», «SSP-netværk Kundby og Gislinge»), commas and «og» could not tell the
    items apart: they are then separated by semicolons, as a careful writer does. Markup
    items (links) give markup; the decision reads their text."""
    words = [item for item in items if str(item)]
    plain = [item.striptags() if isinstance(item, Markup) else str(item) for item in words]
    if any("," in text or f" {sidste} " in text for text in plain):
        separator, last = "; ", "; "
    else:
        separator, last = ", ", f" {sidste} "
    if words and all(isinstance(item, Markup) for item in words):
        if len(words) == 1:
            return words[0]
        return Markup(separator).join(words[:-1]) + Markup(last) + words[-1]
    if len(plain) <= 1:
        return "".join(plain)
    return f"{separator.join(plain[:-1])}{last}{plain[-1]}"


def genitiv(name: str) -> str:
    """«Byrådet» → «Byrådets», «Politiets»; a name ending in s, x or z takes an apostrophe."""
    return f"{name}'" if name[-1:].casefold() in {"s", "x", "z"} else f"{name}s"


def lille_forbogstav(text: str) -> str:
    """«Formand» → «formand» inside a sentence; «SSP-konsulent» and «Politiet»-like names
    whose second letter is a capital stay as they are."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def stort_forbogstav(text: str) -> str:
    """The first letter in upper case and the rest untouched (Jinja's `capitalize` would
    write «hvert år i SSP-udvalget» as «Hvert år i ssp-udvalget»)."""
    return text[:1].upper() + text[1:]


def klassetrin_interval(fra: int, til: int | None) -> str:
    """«7. klasse», or a range with an en dash as Danish typography wants: «7.–9. klasse»."""
    if til is None or til == fra:
        return klassetrin(fra)
    return f"{fra}.–{til}. klasse"


def alder_interval(fra: int | None, til: int | None) -> str:
    """An age range as a source states it: «18–25 år», «fra 18 år», «op til 24 år», «15 år»."""
    if fra is not None and til is not None:
        return f"{fra} år" if fra == til else f"{fra}–{til} år"
    if fra is not None:
        return f"fra {fra} år"
    if til is not None:
        return f"op til {til} år"
    return ""


def klassetrin_spaend(fra: int | None, til: int | None) -> str:
    """Grades with one bound or both: «7.–9. klasse», «fra 7. klasse», «op til 9. klasse»."""
    if fra is not None:
        return klassetrin_interval(fra, til) if til is not None else f"fra {klassetrin(fra)}"
    if til is not None:
        return f"op til {klassetrin(til)}"
    return ""


def klassetrin_liste(values) -> str:
    """Grades as a reader says them: «7. og 8. klasse», «0.–3. klasse», «1., 3. og 5. klasse».

    Three or more consecutive grades become a range; «klasse» is written once, at the end."""
    grades = sorted(set(values))
    if not grades:
        return ""
    runs: list[list[int]] = [[grades[0]]]
    for grade in grades[1:]:
        if grade == runs[-1][-1] + 1:
            runs[-1].append(grade)
        else:
            runs.append([grade])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{run[0]}.–{run[-1]}.")
        else:
            parts.extend(f"{grade}." for grade in run)
    return f"{opremsning(parts)} klasse"


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
