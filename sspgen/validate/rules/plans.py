"""A plan's own dates agree with the plan's period.

Nothing here depends on today's date, so a check gives the same answer on every day.

Codes:

* ``plan.uden-for-perioden`` (warning): an activity's ``dato`` or a goal's ``frist`` lies
  outside the plan's validity (``gyldig_fra``/``gyldig_til``) or outside its plan period (the
  years ``periode_fra``/``periode_til``). Most likely a typo in the year; it may also be a
  deadline deliberately set after the plan runs out, so it is a warning, not an error. An
  activity given only by month (``maaned``) has no year to disagree with.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ...diagnostics import Diagnostic, warning
from ..load import KommuneData, Located
from ._common import sorted_items


def outside(plan: Any, day: date) -> str | None:
    """Why `day` lies outside the plan's period («planen gælder fra …»), or None if inside."""
    if plan.gyldig_fra is not None and day < plan.gyldig_fra:
        return f"planen gælder først fra {plan.gyldig_fra.isoformat()} («gyldig_fra»)"
    if plan.gyldig_til is not None and day > plan.gyldig_til:
        return f"planen gælder kun til {plan.gyldig_til.isoformat()} («gyldig_til»)"
    if plan.periode_fra is not None and day.year < plan.periode_fra:
        return f"planperioden begynder først i {plan.periode_fra} («periode_fra»)"
    if plan.periode_til is not None and day.year > plan.periode_til:
        return f"planperioden slutter i {plan.periode_til} («periode_til»)"
    return None


def _dated_parts(plan: Any) -> list[tuple[tuple, date, str, str]]:
    """(location, date, what it is, the field) of every dated part of a plan."""
    parts: list[tuple[tuple, date, str, str]] = []
    for index, maal in enumerate(plan.maal):
        if maal.frist is not None:
            parts.append((("maal", index, "frist"), maal.frist, f"Målet «{maal.titel}» har fristen", "frist"))
    for index, aktivitet in enumerate(plan.aktiviteter):
        if aktivitet.dato is not None:
            parts.append((("aktiviteter", index, "dato"), aktivitet.dato,
                          f"Aktiviteten «{aktivitet.titel}» har datoen", "dato"))
    return parts


def _check_plan(plan: Located[Any]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for loc, day, what, field in _dated_parts(plan.value):
        why = outside(plan.value, day)
        if why is None:
            continue
        out.append(warning(
            plan.source.path, plan.position(*loc), "plan.uden-for-perioden",
            f"{what} {day.isoformat()}, men {why}. Ret årstallet i «{field}», hvis det er en "
            "slåfejl, eller ret planens periode, hvis planen gælder længere.",
        ))
    return out


def check_plans(data: KommuneData) -> list[Diagnostic]:
    return [d for _, plan in sorted_items(data.planer) for d in _check_plan(plan)]
