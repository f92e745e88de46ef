"""Short Danish texts made from small model values (cadence, target group, telephone links)."""

from __future__ import annotations

import re
from typing import Any

from . import danish

_PER = {"uge": "om ugen", "maaned": "om måneden", "kvartal": "i kvartalet", "aar": "om året"}


def _minutter(low: int, high: int | None) -> str:
    def one(value: int) -> str:
        hours, minutes = divmod(value, 60)
        if hours and not minutes:
            return f"{hours}"
        if hours and minutes == 30:
            return f"{hours}½"
        if hours:
            return f"{hours} t. {minutes}"
        return f"{minutes}"

    if low % 30 == 0 and (high is None or high % 30 == 0) and low >= 60:
        text = one(low) if high is None or high == low else f"{one(low)}-{one(high)}"
        unit = "time" if text == "1" else "timer"
        return f"{text} {unit}"
    text = f"{low}" if high is None or high == low else f"{low}-{high}"
    return f"{text} minutter"


_SAYS_HOW_OFTEN = {
    "uge": r"ugentlig|om ugen|hver uge|pr\.? uge",
    "maaned": r"månedlig|om måneden|hver måned|pr\.? måned",
    "kvartal": r"kvartal",
    "aar": r"årlig|om året|hvert år|pr\.? år",
}
"""Words with which a remark already says how often (per `per`): the count is not repeated."""


def _remark_says_cadence(value: Any) -> bool:
    remark = (value.bemaerkning or "").casefold()
    if not remark or value.gange is None:
        return False
    count = f"{value.gange}" if not value.gange_op_til or value.gange_op_til == value.gange else f"{value.gange}-{value.gange_op_til}"
    pattern = _SAYS_HOW_OFTEN.get(value.per or "")
    return remark.startswith(count + " ") or bool(pattern and re.search(pattern, remark))


def moede_standardtitel(type_navn: str, forum_navn: str) -> str:
    """A meeting's title when the data gives none: «Netværksmøde i SSP-netværk Vester», and
    «Møde i Styregruppen for …» where the forum's name already says the kind of meeting
    (never «Styregruppemøde, Styregruppen for …»)."""
    kind = type_navn.strip()
    stem = kind.casefold().removesuffix("møde").rstrip("s")
    if " " in kind or not stem or forum_navn.casefold().startswith(stem):
        return f"Møde i {forum_navn}"
    return f"{kind} i {forum_navn}"


def _paa_ugedag(day: str, per: str | None) -> str:
    """«om tirsdagen» for a weekly meeting, «på en tirsdag» for a rarer one; other text as is."""
    if day.strip().casefold() not in danish.UGEDAGE:
        return day
    day = day.strip().casefold()
    return f"om {day}en" if per == "uge" else f"på en {day}"


def saetning(value: Any) -> str:
    """The text as a sentence: a full stop added unless it already ends one."""
    text = str(value or "").strip()
    return text if not text or text[-1] in ".!?:" else f"{text}."


def moedefrekvens(value: Any) -> str:
    """«4 gange om året og efter behov; varighed 1½-2 timer».

    When the remark already says how often in the writer's words («Ugentligt; …», «Hvert
    netværk mødes to gange årligt.»), the remark is the text: the count is not said twice."""
    if value is None:
        return ""
    if _remark_says_cadence(value):
        text = saetning(value.bemaerkning)
        if value.efter_behov and "behov" not in text.casefold():
            text += " Derudover efter behov."
        if value.varighed_minutter and "time" not in text.casefold() and "minut" not in text.casefold():
            text += f" Varighed {_minutter(value.varighed_minutter, value.varighed_minutter_op_til)}."
        return text[:1].upper() + text[1:]
    parts = []
    if value.gange is not None:
        count = f"{value.gange}" if not value.gange_op_til or value.gange_op_til == value.gange else f"{value.gange}-{value.gange_op_til}"
        times = "gang" if count == "1" else "gange"
        parts.append(f"{count} {times} {_PER.get(value.per or '', '')}".strip())
    remark = (value.bemaerkning or "").casefold()
    if value.efter_behov and "behov" not in remark:  # «… ekstra møder efter behov» says it
        parts.append("efter behov")
    text = " og ".join(parts)  # Danish puts no comma before «og»
    if value.ugedag and value.ugedag.strip().casefold() not in remark:
        text += f", {_paa_ugedag(value.ugedag, value.per)}" if text else _paa_ugedag(value.ugedag, value.per)
    if value.varighed_minutter:
        text += f"; varighed {_minutter(value.varighed_minutter, value.varighed_minutter_op_til)}"
    if value.bemaerkning:
        text = f"{text}. {value.bemaerkning}" if text else value.bemaerkning
    return text[:1].upper() + text[1:] if text else ""


def moedefrekvens_kort(value: Any) -> str:
    """Only how often, for a parenthesis in a list («2 gange om året og efter behov»): the
    remark's sentences would not fit there. A remark that is the whole cadence is used."""
    if value is None:
        return ""
    if value.gange is None and not value.efter_behov:
        return moedefrekvens(value)
    parts = []
    if value.gange is not None:
        count = f"{value.gange}" if not value.gange_op_til or value.gange_op_til == value.gange else f"{value.gange}-{value.gange_op_til}"
        parts.append(f"{count} {'gang' if count == '1' else 'gange'} {_PER.get(value.per or '', '')}".strip())
    if value.efter_behov:
        parts.append("efter behov")
    text = " og ".join(parts)
    return text[:1].upper() + text[1:]


def _maalgruppe_dele(value: Any) -> list[tuple[str, str]]:
    """(kind, text) of the target group's grades and ages."""
    parts = []
    grades = danish.klassetrin_spaend(value.klassetrin_fra, value.klassetrin_til)
    if grades:
        parts.append(("klasse", grades))
    ages = danish.alder_interval(value.alder_fra, value.alder_til)
    if ages:
        parts.append(("alder", ages))
    return parts


def maalgruppe(value: Any) -> str:
    """«0.–10. klasse, 6–25 år», «op til 24 år»."""
    if value is None:
        return ""
    return ", ".join(text for _, text in _maalgruppe_dele(value))


_SAYS = {"klasse": r"\bklasse|\bårgang|\bklassetrin", "alder": r"\d+\s*år"}


def maalgruppe_tilfoejelse(value: Any) -> str:
    """The grades and ages a target group's own description does not already state: added
    in brackets after it, never «… fra 0.-9. klasse samt 10. klasse. (0.–10. klasse)»."""
    if value is None:
        return ""
    said = (value.beskrivelse or "").casefold()
    return ", ".join(text for kind, text in _maalgruppe_dele(value) if not re.search(_SAYS[kind], said))


def roller_samlet(roles: list[str]) -> list[str]:
    """Roles next to each other with the same note in brackets said once: «Formand (politisk
    udpeget)», «Næstformand (politisk udpeget)» → «Formand og næstformand (politisk udpeget)»."""
    groups: list[tuple[str, list[str]]] = []
    for role in roles:
        match = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", role.strip())
        name, note = (match.group(1), match.group(2)) if match else (role.strip(), "")
        if note and groups and groups[-1][0] == note:
            groups[-1][1].append(danish.lille_forbogstav(name))
        else:
            groups.append((note, [name]))
    return [f"{danish.opremsning(names)} ({note})" if note else names[0] for note, names in groups]


_DANSKE_ORD = frozenset(
    "og i på til af er det den en et med som der ikke fra om at ny nye nyt rettet tilføjet tilføj "
    "ændret ændring opdateret fjernet fjern ret planen mål efter aftalt godkendt jf".split())
_ENGELSKE_ORD = frozenset(
    "the and of with to in on a an add added adds update updated fix fixed fixes remove removed "
    "merge merged change changed rename renamed example new use test tests page pages".split())


def er_dansk(value: Any) -> bool:
    """Whether a free text (a commit message) reads as Danish rather than English: more
    Danish than English small words. A text with neither (a name, «Færre ord») counts as
    Danish: only a text that is recognisably English is held back from a Danish reader."""
    words = re.findall(r"[^\W\d_]+", str(value or "").casefold())
    english = sum(word in _ENGELSKE_ORD for word in words)
    danish_ = sum(word in _DANSKE_ORD for word in words)
    return english == 0 or danish_ > english


def tel_href(number: str) -> str:
    """A tel: URL with only digits and a leading +, whatever the data says."""
    digits = re.sub(r"[^\d+]", "", number)
    digits = digits[0] + digits[1:].replace("+", "") if digits else ""
    if digits and not digits.startswith("+") and len(digits) == 8:
        digits = "+45" + digits  # Danish numbers are 8 digits
    return f"tel:{digits}"


def kun_tal(values: list[Any]) -> str:
    return ", ".join(str(v) for v in values)
