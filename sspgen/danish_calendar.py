"""Danish public holidays and working days, for deadlines such as a meeting's invitation date.

A deadline that falls on a day the municipal office is closed is moved to the previous working
day: sending an invitation a day early does no harm, sending it late breaks the kommissorium's
notice. So the list below is the days a municipal office is closed, not only the official
«helligdage»:

* the official holidays (helligdagsloven): nytårsdag, skærtorsdag, langfredag, påskedag,
  2. påskedag, Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag, 2. juledag, and store
  bededag up to and including 2023 (it was abolished from 2024);
* grundlovsdag (5 June), juleaftensdag (24 December) and nytårsaftensdag (31 December): not
  holidays by law, but days off (grundlovsdag from noon) under the public-sector agreements, so
  no one should have a deadline on them. A half day counts as a day off here, on the safe side.

Bridge days (the Friday after Kristi himmelfartsdag) are not counted: they are local choices.
Easter comes from python-dateutil (the Gregorian computation, well tested there).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

STORE_BEDEDAG_LAST_YEAR = 2023
"""Store bededag was abolished by law from 2024."""

_EASTER_OFFSETS = (
    (-3, "skærtorsdag"),
    (-2, "langfredag"),
    (0, "påskedag"),
    (1, "2. påskedag"),
    (39, "Kristi himmelfartsdag"),
    (49, "pinsedag"),
    (50, "2. pinsedag"),
)
_FIXED = (
    (1, 1, "nytårsdag"),
    (6, 5, "grundlovsdag"),
    (12, 24, "juleaftensdag"),
    (12, 25, "juledag"),
    (12, 26, "2. juledag"),
    (12, 31, "nytårsaftensdag"),
)


@lru_cache(maxsize=64)
def fridage(year: int) -> dict[date, str]:
    """The days off in ``year`` (besides weekends), each with its Danish name."""
    days = {date(year, month, day): name for month, day, name in _FIXED}
    sunday = easter(year)
    for offset, name in _EASTER_OFFSETS:
        days[sunday + timedelta(days=offset)] = name
    if year <= STORE_BEDEDAG_LAST_YEAR:
        days[sunday + timedelta(days=26)] = "store bededag"
    return days


def fridag(day: date) -> str | None:
    """Why ``day`` is not a working day («lørdag», «langfredag» …), or None if it is one."""
    if day.weekday() == 5:
        return "lørdag"
    if day.weekday() == 6:
        return "søndag"
    return fridage(day.year).get(day)


def is_working_day(day: date) -> bool:
    return fridag(day) is None


def previous_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the nearest working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
