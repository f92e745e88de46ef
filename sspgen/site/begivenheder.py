"""Events (begivenheder) on the sites: sorted once, grouped by arranging forum and by month.

An event is not a forum's meeting: it has no agenda and no page of its own. It is listed on
the intranet's calendar page, on its arranging forum's page (both sites), and it goes into
the calendar feeds next to the meetings (render/ics.py tells the two apart).
"""

from __future__ import annotations

from datetime import time
from typing import Any

from ..model.begivenhed import Begivenhed
from ..validate.load import KommuneData


def is_event(entry: Any) -> bool:
    """Whether a calendar entry is an event (not a meeting)."""
    return isinstance(entry, Begivenhed)


def sorted_events(data: KommuneData) -> list[Any]:
    return sorted((item.value for item in data.begivenheder.values()),
                  key=lambda b: (b.dato, b.tid or time.min, b.id))


def by_forum(events: list[Any]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for event in events:
        if event.arrangoer is not None:
            found.setdefault(event.arrangoer, []).append(event)
    return found


def by_month(events: list[Any]) -> dict[tuple[int, int], list[Any]]:
    found: dict[tuple[int, int], list[Any]] = {}
    for event in events:
        found.setdefault((event.dato.year, event.dato.month), []).append(event)
    return found


def calendar_key(entry: Any) -> tuple:
    """Meetings and events in one feed, in date order."""
    return (entry.dato, entry.tid or time.min, entry.id)
