"""iCalendar files (RFC 5545) written by hand: one per meeting and a feed per forum.

UIDs come from the meeting ids, so a calendar that subscribed to a feed updates a meeting
rather than duplicating it. DTSTAMP comes from the data (the meeting file's last commit, else
its own dates), never from the clock, so rebuilds are byte-identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Callable

TZID = "Europe/Copenhagen"

# Central European Time with the EU rules in force since 1996: summer time from the last
# Sunday of March 02:00 to the last Sunday of October 03:00.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]

DEFAULT_LENGTH = timedelta(hours=2)


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1),
    never splitting a UTF-8 character."""
    if len(line) <= 18:  # even 18 four-octet characters fit
        return line
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    # Cut the octets, not the characters (a calendar has hundreds of thousands of lines): 75
    # for the first line, 74 after the leading space of each continuation, each cut moved back
    # to the start of the character it would split.
    chunks = []
    start, limit, size = 0, 75, len(data)
    while size - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation octet
            end -= 1
        chunks.append(data[start:end])
        start, limit = end, 74
    chunks.append(data[start:])
    return b"\r\n ".join(chunks).decode("utf-8")


def _ymd(day: date) -> str:
    """20260113: what strftime("%Y%m%d") gives (an unpadded year, as glibc's %Y), at a
    fraction of its cost; a large calendar formats tens of thousands of dates."""
    return f"{day.year}{day.month:02d}{day.day:02d}"


def _local(day: date, moment: time) -> str:
    return f"{_ymd(day)}T{moment.hour:02d}{moment.minute:02d}00"


@dataclass(frozen=True)
class EventInfo:
    """What an event needs beyond the meeting's own data, computed by the site builder."""

    summary: str
    stamp: date
    """DTSTAMP: the meeting file's last commit, else its own dates; never the clock."""
    sequence: int = 0
    """How often the meeting's file was changed after it was first committed (git)."""
    metadata_only: bool = False
    """The forum's type is `kun_metadata` (§115, akut): forum, date and time only."""


def _is_event(entry: Any) -> bool:
    """A begivenhed (an annual meeting, a theme day), not a forum's meeting: it has no status
    and no agenda, and its ids live in a space of their own."""
    return not hasattr(entry, "dagsorden")


def event_lines(moede: Any, uid_domain: str, info: EventInfo, description: str) -> list[str]:
    uid = f"begivenhed-{moede.id}" if _is_event(moede) else moede.id
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}@{uid_domain}",
        f"DTSTAMP:{_ymd(info.stamp)}T000000Z",
    ]
    if moede.tid is not None:
        start = datetime.combine(moede.dato, moede.tid)
        end = datetime.combine(moede.dato, moede.slut) if moede.slut is not None and moede.slut > moede.tid else start + DEFAULT_LENGTH
        lines += [f"DTSTART;TZID={TZID}:{_local(start.date(), start.time())}", f"DTEND;TZID={TZID}:{_local(end.date(), end.time())}"]
    else:
        lines += [f"DTSTART;VALUE=DATE:{_ymd(moede.dato)}", f"DTEND;VALUE=DATE:{_ymd(moede.dato + timedelta(days=1))}"]
    lines.append(f"SUMMARY:{escape_text(info.summary)}")
    # A metadata-only forum's place is its own (the check allows nothing else); no agenda text.
    if moede.sted:
        lines.append(f"LOCATION:{escape_text(moede.sted)}")
    if description and not info.metadata_only:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if info.metadata_only:
        lines.append("CLASS:CONFIDENTIAL")
    status = getattr(moede, "status", "planlagt")
    lines.append("STATUS:" + {"aflyst": "CANCELLED", "planlagt": "CONFIRMED", "afholdt": "CONFIRMED"}[status])
    lines += [f"SEQUENCE:{info.sequence}", f"TRANSP:{transparency(moede, info)}", "END:VEVENT"]
    return lines


def transparency(moede: Any, info: EventInfo) -> str:
    """OPAQUE (busy) for a meeting that takes the reader's time. A cancelled meeting takes none,
    and a metadata-only forum's day without a time (the on-call §115 group «meets» that day if
    cases come up) is a marker, not an appointment: TRANSPARENT. With a start time it blocks."""
    if getattr(moede, "status", None) == "aflyst":
        return "TRANSPARENT"
    if info.metadata_only and moede.tid is None:
        return "TRANSPARENT"
    return "OPAQUE"


def calendar(name: str, events: list[list[str]]) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//sspgen//SSP-moeder//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def agenda_text(moede: Any) -> str:
    """The agenda's point titles: enough to prepare, no record text. For an event: its
    description."""
    if _is_event(moede):
        return moede.beskrivelse or ""
    return "\n".join(f"{p.nummer}. {p.titel}" for p in moede.dagsorden)


def meeting_calendar(name: str, meetings: list[Any], uid_domain: str, info: Callable[[Any], EventInfo]) -> bytes:
    events = []
    for moede in meetings:
        event = info(moede)
        events.append(event_lines(moede, uid_domain, event, "" if event.metadata_only else agenda_text(moede)))
    return calendar(name, events)
