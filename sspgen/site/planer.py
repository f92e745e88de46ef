"""Plans of every kind on the pages: their order, a yearly plan's months, the fora they belong to.

A plan's kind (`Plan.type`, vocabulary «plantyper») decides nothing in code: the plan page shows
whichever parts the plan has (political goals, action-plan goals, activities by month,
preparedness situations), so a municipality's own plan type needs no code change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..render.danish import MAANEDER, dato


def sorteringsnoegle(plan: Any) -> tuple:
    """Newest first: by the period's first year, else the validity's, then by id."""
    year = plan.periode_fra or (plan.gyldig_fra.year if plan.gyldig_fra else 0)
    return (-year, plan.id)


def periode(plan: Any) -> str:
    """«Planperiode 2022-2026», «Planperiode fra 2026»; empty when the plan states no period."""
    fra, til = plan.periode_fra, plan.periode_til
    if fra is not None and til is not None:
        return f"Planperiode {fra}" if fra == til else f"Planperiode {fra}-{til}"
    if fra is not None:
        return f"Planperiode fra {fra}"
    if til is not None:
        return f"Planperiode til {til}"
    return ""


def gyldighed(fra: date | None, til: date | None) -> str:
    """«Gælder fra 1. august 2026 til 31. juli 2027»; empty when neither end is known."""
    if fra is not None and til is not None:
        return f"Gælder fra {dato(fra)} til {dato(til)}"
    if fra is not None:
        return f"Gælder fra {dato(fra)}"
    if til is not None:
        return f"Gælder til {dato(til)}"
    return ""


def maaneder(plan: Any) -> list[tuple[str, list[Any]]]:
    """The activities by month, as («Januar», [activities]). A plan valid from August (a school
    year) starts its wheel in August; within a month, dated activities come in date order
    after those that only name the month, each group in the order written."""
    first = plan.gyldig_fra.month if plan.gyldig_fra else 1
    by_month: dict[int, list[tuple[tuple, Any]]] = {}
    for index, aktivitet in enumerate(plan.aktiviteter):
        month = aktivitet.maaned if aktivitet.maaned is not None else aktivitet.dato.month
        key = (aktivitet.dato is not None, aktivitet.dato or date.min, index)
        by_month.setdefault(month, []).append((key, aktivitet))
    order = sorted(by_month, key=lambda month: (month - first) % 12)
    return [(MAANEDER[month - 1].capitalize(), [a for _, a in sorted(by_month[month], key=lambda x: x[0])])
            for month in order]


def for_forum(planer: list[Any], forum: Any) -> list[Any]:
    """The plans a forum's page links to: those it owns, and those for its local area."""
    omraader = {value for value in (forum.distrikt, getattr(forum, "omraade", None)) if value}
    return [p for p in planer if p.forum == forum.id or (p.omraade is not None and p.omraade in omraader)]
