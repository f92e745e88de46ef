"""The meeting calendar: notice, and dates that agree with each other.

Nothing here depends on today's date, so a check gives the same answer on every day.

Codes:

* ``kalender.varsel`` (warning): the forum's kommissorium (see _common.kommissorium_for) asks
  for ``forberedelse.varsel_dage`` days of notice, but the meeting's ``indkaldt`` date is
  fewer days before ``dato``. Notice in the kommissorier is approximate («ca. en måned»), so
  we allow 15 % slack, rounded half up: the least accepted notice is
  ``varsel - floor(varsel * 0.15 + 0.5)`` days — 30 → 25, 14 → 12, 7 → 6. Cancelled
  (``aflyst``) meetings and meetings without ``indkaldt`` are not checked.
* ``kalender.indkaldt-efter-moede`` (error): ``indkaldt`` is after ``dato``.
* ``moede.dato-forkert-id`` (warning): the meeting id starts with a date (2025-01-14-oester)
  that is not its ``dato``.
"""

from __future__ import annotations

import math
import re

from ...diagnostics import Diagnostic, error, warning
from ..load import KommuneData
from ._common import kommissorium_for, sorted_items

SLACK = 0.15

_ID_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-|$)")


def least_notice(varsel_dage: int) -> int:
    """The fewest days of notice accepted for a required notice of ``varsel_dage`` days."""
    return max(0, varsel_dage - math.floor(varsel_dage * SLACK + 0.5))


def check_calendar(data: KommuneData) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for moede_id, moede in sorted_items(data.moeder):
        m = moede.value
        path = moede.source.path

        match = _ID_DATE.match(moede_id)
        if match and match[1] != m.dato.isoformat():
            out.append(
                warning(
                    path,
                    moede.position("id"),
                    "moede.dato-forkert-id",
                    f"Mødets id begynder med datoen {match[1]}, men «dato» er {m.dato.isoformat()}. "
                    f"Ret datoen, eller omdøb mødet (id og filnavn) til "
                    f"«{m.dato.isoformat()}{moede_id[len(match[1]):]}», så id'et passer med datoen.",
                )
            )

        if m.indkaldt is None:
            continue
        if m.indkaldt > m.dato:
            out.append(
                error(
                    path,
                    moede.position("indkaldt"),
                    "kalender.indkaldt-efter-moede",
                    f"Indkaldelsen ({m.indkaldt.isoformat()}) er dateret efter selve mødet "
                    f"({m.dato.isoformat()}). «indkaldt» skal være datoen, indkaldelsen blev (eller "
                    f"skal) sendes, før mødet; ret en af de to datoer.",
                )
            )
            continue
        if m.status == "aflyst":
            continue
        kommissorium = kommissorium_for(data, m.forum)
        if kommissorium is None or kommissorium.value.forberedelse is None:
            continue
        varsel = kommissorium.value.forberedelse.varsel_dage
        if not varsel:
            continue
        given = (m.dato - m.indkaldt).days
        if given < least_notice(varsel):
            out.append(
                warning(
                    path,
                    moede.position("indkaldt"),
                    "kalender.varsel",
                    f"Mødet er indkaldt {given} dag{'e' if given != 1 else ''} før "
                    f"({m.indkaldt.isoformat()} til {m.dato.isoformat()}), men kommissoriet "
                    f"«{kommissorium.value.id}» kræver ca. {varsel} dages varsel (mindst "
                    f"{least_notice(varsel)} dage accepteres). Indkald tidligere, eller ret "
                    f"«varsel_dage» i kommissoriet, hvis varslet er ændret.",
                )
            )
    return out
