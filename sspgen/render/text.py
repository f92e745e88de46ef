"""Short Danish texts made from small model values (cadence, target group, telephone links)."""

from __future__ import annotations

import re
from typing import Any

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


def moedefrekvens(value: Any) -> str:
    """«4 gange om året, og efter behov; varighed 1½-2 timer»."""
    if value is None:
        return ""
    parts = []
    if value.gange is not None:
        count = f"{value.gange}" if not value.gange_op_til or value.gange_op_til == value.gange else f"{value.gange}-{value.gange_op_til}"
        times = "gang" if count == "1" else "gange"
        parts.append(f"{count} {times} {_PER.get(value.per or '', '')}".strip())
    if value.efter_behov:
        parts.append("efter behov" if not parts else "og efter behov")
    text = ", ".join(parts)
    if value.ugedag:
        text += f", {value.ugedag}"
    if value.varighed_minutter:
        text += f"; varighed {_minutter(value.varighed_minutter, value.varighed_minutter_op_til)}"
    if value.bemaerkning:
        text += f". {value.bemaerkning}"
    return text[:1].upper() + text[1:] if text else ""


def maalgruppe(value: Any) -> str:
    """«0.-10. klasse, 6-25 år»."""
    if value is None:
        return ""
    parts = []
    if value.klassetrin_fra is not None:
        high = value.klassetrin_til
        parts.append(f"{value.klassetrin_fra}.-{high}. klasse" if high is not None and high != value.klassetrin_fra else f"{value.klassetrin_fra}. klasse")
    if value.alder_fra is not None:
        high = value.alder_til
        parts.append(f"{value.alder_fra}-{high} år" if high is not None and high != value.alder_fra else f"fra {value.alder_fra} år")
    return ", ".join(parts)


def tel_href(number: str) -> str:
    """A tel: URL with only digits and a leading +, whatever the data says."""
    digits = re.sub(r"[^\d+]", "", number)
    digits = digits[0] + digits[1:].replace("+", "") if digits else ""
    if digits and not digits.startswith("+") and len(digits) == 8:
        digits = "+45" + digits  # Danish numbers are 8 digits
    return f"tel:{digits}"


def kun_tal(values: list[Any]) -> str:
    return ", ".join(str(v) for v in values)
