"""Prose pages that are due for a review, and sources that disagree about the same fact.

Codes:

* ``side.gennemgang`` (warning): a page's ``gennemgaas_senest`` date has passed. "Today" is the
  build's today (SOURCE_DATE_EPOCH, else the newest commit of data/ and content/, else the
  newest date in the data; sspgen/site/dates.py), never the clock, so check answers the same on
  every machine and the warning appears in the same commit as the page's new date would.
* ``faellesmoede.modstrid`` (warning): a forum says how often it meets across the networks,
  and the kommissorium that sets its joint meetings says another number. The page would print
  both as true; the message names both files and lines so one of them is corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic, Position, warning
from ..load import KommuneData
from ._common import lookup


@dataclass(frozen=True)
class ReviewDate:
    """A page's review-by date and where it is written (kept before the YAML trees are let go)."""

    path: str
    position: Position
    due: date


def review_dates(data: KommuneData) -> list[ReviewDate]:
    return [
        ReviewDate(located.source.path, located.position("gennemgaas_senest"), located.value.side.gennemgaas_senest)
        for located in data.sider.values()
        if located.value.side.gennemgaas_senest is not None
    ]


def check_review_dates(root: Path, kommuner: list[KommuneData], found: list[ReviewDate]) -> list[Diagnostic]:
    if not found:
        return []  # no git call when no page has a review date
    from ...site.dates import GitDates, today  # the site package imports validate

    now = today(GitDates(root), kommuner)
    return [
        warning(
            item.path, item.position, "side.gennemgang",
            f"Siden skulle have været gennemgået senest {_dansk_dato(item.due)} (i dag er "
            f"{_dansk_dato(now)}). Læs teksten igennem, ret det, der ikke længere passer, og sæt "
            "en ny dato i «gennemgaas_senest».",
        )
        for item in found
        if item.due < now
    ]


_MAANEDER = ("januar februar marts april maj juni juli august september oktober november december").split()


def _dansk_dato(day: date) -> str:
    return f"{day.day}. {_MAANEDER[day.month - 1]} {day.year}"


_PER_AAR = {"uge": 52, "maaned": 12, "kvartal": 4, "aar": 1}


def _per_year(frekvens: Any) -> tuple[int, int] | None:
    """The yearly count as a range (a «1-2 gange» cadence is 1 to 2), or None if not counted."""
    if frekvens is None or frekvens.gange is None or frekvens.per not in _PER_AAR:
        return None
    factor = _PER_AAR[frekvens.per]
    return frekvens.gange * factor, (frekvens.gange_op_til or frekvens.gange) * factor


def _i_ord(span: tuple[int, int]) -> str:
    low, high = span
    return f"{low} gange om året" if low == high else f"{low}-{high} gange om året"


def check_joint_meetings(data: KommuneData) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for kommissorium in data.kommissorier.values():
        faelles = kommissorium.value.faellesmoeder
        if faelles is None or faelles.forum is None:
            continue
        forum = lookup(data.fora, faelles.forum)
        if forum is None:
            continue  # an unknown forum is reported by the reference rules
        own, fixed = _per_year(forum.value.moedefrekvens), _per_year(faelles.moedefrekvens)
        if own is None or fixed is None or not (own[1] < fixed[0] or fixed[1] < own[0]):
            continue  # not counted, or the ranges agree somewhere
        where = kommissorium.position("faellesmoeder", "moedefrekvens", "gange")
        problems.append(warning(
            forum.source.path, forum.position("moedefrekvens", "gange"), "faellesmoede.modstrid",
            f"Her står, at «{forum.value.navn}» mødes {_i_ord(own)}, men kommissoriet i "
            f"{kommissorium.source.path} (linje {where.line}, kolonne {where.column}) fastsætter "
            f"fællesmøder {_i_ord(fixed)}. Siderne ville vise begge tal, som om de begge gjaldt. "
            "Find ud af, hvilket tal der er det rigtige, og ret den anden fil.",
        ))
    return problems
