"""What a new meeting starts with: the draft `sspgen new moede` writes (and a form can offer).

Everything comes from the data, never from a guess:

* the agenda: the points of the forum's agenda template (the kommissorium that governs the
  forum, found the way `sspgen check` finds it, parent fora included), with their numbers and
  titles only. A template point's description, questions and examples are help for whoever
  writes the agenda, not agenda text, so they go into YAML comments above the point's title
  (``# Hjælp: …``, ``# Eksempel: …``) and never into the meeting's data;
* place and time: the forum's own ``sted`` and ``tidspunkt``; where the forum does not name
  them, what its latest meetings most often had. A parent forum's place is not used: a
  district network does not meet where the municipality-wide forum meets;
* the end time: start plus the usual length (``moedefrekvens.varighed_minutter`` of the forum,
  its parent fora or its kommissorium), else the usual end of its latest meetings;
* participants: the actors of the forum's fixed roles (``deltagelse: fast``); a role given as
  an actor type stands for the forum's schools of that type;
* the invitation date: the meeting date minus the kommissorium's notice (``varsel_dage``),
  moved to the previous working day (danish_calendar) when it falls on a weekend or a day off.

A forum whose type is metadata-only (§115) gets no agenda and only its own places.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any, Iterable, Iterator

from .danish_calendar import fridag, previous_working_day
from .model.base import gaelder_paa
from .model.organisation import Forum, Kommissorium, Skabelonpunkt
from .read.yamlfile import parse_yaml
from .validate.load import KommuneData
from .validate.rules._common import forum_is_kun_metadata, kommissorium_for, template_for

RECENT_MEETINGS = 6
"""How many of the forum's latest meetings say where and when it usually meets."""


@dataclass
class Frist:
    """The invitation deadline and how it was found."""

    dato: date
    varsel_dage: int
    kilde: Kommissorium
    flyttet_fra: date | None = None
    """The date the notice gave, if it was not a working day."""


@dataclass
class Udkast:
    """A new meeting as plain data, plus what the user should be told about it."""

    data: dict[str, Any]
    hints: dict[int, list[str]] = field(default_factory=dict)
    """Comment lines (without «# ») per agenda point index."""
    skabelon_kilde: Kommissorium | None = None
    antal_punkter: int = 0
    frist: Frist | None = None
    kun_metadata: bool = False
    sted_fra_moeder: bool = False
    tid_fra_moeder: bool = False


def udkast(data: KommuneData, forum: Forum, dato: date, moedetype: str) -> Udkast:
    """The draft of ``forum``'s meeting on ``dato``."""
    only_metadata = forum_is_kun_metadata(data, forum.id)
    recent = _recent_meetings(data, forum.id, dato)
    place, place_from_meetings = _place(forum, recent, only_metadata)
    start, time_from_meetings = _usual(forum.tidspunkt, [m.tid for m in recent])
    frist = _frist(data, forum, dato)
    kommissorium, template = template_for(data, forum.id, dato)
    points = [] if only_metadata else sorted(template, key=lambda p: p.nummer)
    meeting: dict[str, Any] = {
        "id": f"{dato.isoformat()}-{forum.id}",
        "forum": forum.id,
        "type": moedetype,
        "dato": dato,
        "tid": start,
        "slut": _end(data, forum, start, recent),
        "sted": place,
        "status": "planlagt",
        "indkaldt": frist.dato if frist else None,
        "deltagende_aktoerer": _participants(data, forum, dato),
        "dagsorden": [_point(p) for p in points],
    }
    return Udkast(
        data=meeting,
        hints={index: hints for index, point in enumerate(points) if (hints := _hints(point))},
        skabelon_kilde=kommissorium.value if kommissorium and points else None,
        antal_punkter=len(points),
        frist=frist,
        kun_metadata=only_metadata,
        sted_fra_moeder=place_from_meetings,
        tid_fra_moeder=time_from_meetings,
    )


# --------------------------------------------------------------------------------------------
# The agenda


def _point(point: Skabelonpunkt) -> dict[str, Any]:
    # «enkeltsager: ja» is a flag, not text: it keeps the check's rules for case points on.
    # A template point's sub-points come along, so the draft already follows the template.
    return {"nummer": point.nummer, "titel": point.titel, "enkeltsager": True if point.enkeltsager else None,
            "underpunkter": [_point(u) for u in point.underpunkter] or None}


def _one_line(text: str) -> str:
    """A comment is one line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def _hints(point: Skabelonpunkt) -> list[str]:
    lines = [f"Hjælp: {_one_line(point.beskrivelse)}"] if point.beskrivelse else []
    lines += [f"Hjælp: {_one_line(q)}" for q in point.spoergsmaal if q.strip()]
    lines += [f"Eksempel: {_one_line(e)}" for e in point.eksempler if e.strip()]
    return lines


def with_hints(text: str, hints: dict[int, list[str]]) -> str:
    """``text`` (a meeting as written by the emitter) with each point's hints as comments
    just above its title line, at the title's indentation: where `sspgen fmt` keeps a comment
    (with the entry that follows it), so a new meeting is already in the canonical format.
    Positions come from the same reader `check` uses, so this does not depend on how the
    emitter lays out a point."""
    if not hints:
        return text
    document, _ = parse_yaml(text.encode("utf-8"), "moede.yaml")
    if document is None:
        return text
    lines = text.split("\n")
    inserts: list[tuple[int, list[str]]] = []
    for index, comments in hints.items():
        at = document.key_positions.get(("dagsorden", index, "titel"))
        if at is None:
            continue
        pad = " " * (at.column - 1)
        inserts.append((at.line - 1, [f"{pad}# {comment}" for comment in comments]))
    for line_number, comment_lines in sorted(inserts, reverse=True):
        lines[line_number:line_number] = comment_lines
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Place, time, participants


def _recent_meetings(data: KommuneData, forum_id: str, dato: date) -> list[Any]:
    """The forum's latest meetings other than one on ``dato``, newest first (cancelled ones
    left out: a cancelled meeting says little about where the forum meets)."""
    meetings = [
        located.value
        for _, located in sorted(data.moeder.items())
        if located.value.forum == forum_id and located.value.status != "aflyst" and located.value.dato != dato
    ]
    meetings.sort(key=lambda m: (m.dato, m.id), reverse=True)
    return meetings[:RECENT_MEETINGS]


def _usual(own: Any, seen: Iterable[Any]) -> tuple[Any, bool]:
    """``own`` if set, else the most common value in ``seen`` (newest first; a tie goes to the
    newest), and whether it came from the meetings."""
    if own:
        return own, False
    values = [value for value in seen if value]
    if not values:
        return None, False
    counts = Counter(values)
    best = max(counts.values())
    return next(value for value in values if counts[value] == best), True


def _place(forum: Forum, recent: list[Any], only_metadata: bool) -> tuple[str | None, bool]:
    seen = [m.sted for m in recent]
    if only_metadata:
        # A §115 meeting may only name one of the forum's own places (metadata_only.py).
        own = {" ".join(p.split()).casefold() for p in [forum.sted or "", *forum.andre_steder] if p}
        seen = [s for s in seen if s and " ".join(s.split()).casefold() in own]
    return _usual(forum.sted, seen)


def _forum_chain(data: KommuneData, forum: Forum) -> Iterator[Forum]:
    """The forum, then the forum it belongs under (`overordnet`), and so on up."""
    seen: set[str] = set()
    current: Forum | None = forum
    while current is not None and current.id not in seen:
        seen.add(current.id)
        yield current
        parent = data.fora.get(current.overordnet) if current.overordnet else None
        current = parent.value if parent else None


def _minutes(data: KommuneData, forum: Forum) -> int | None:
    for member in _forum_chain(data, forum):
        if member.moedefrekvens and member.moedefrekvens.varighed_minutter:
            return member.moedefrekvens.varighed_minutter
    kommissorium = kommissorium_for(data, forum.id)
    frekvens = kommissorium.value.moedefrekvens if kommissorium else None
    return frekvens.varighed_minutter if frekvens else None


def _end(data: KommuneData, forum: Forum, start: time | None, recent: list[Any]) -> time | None:
    """Start plus the usual length; else the usual end of the latest meetings that began then."""
    if start is None:
        return None
    minutes = _minutes(data, forum)
    if minutes is not None:
        total = start.hour * 60 + start.minute + minutes
        return time(total // 60, total % 60) if total < 24 * 60 else None
    end, _ = _usual(None, [m.slut for m in recent if m.tid == start and m.slut and m.slut > start])
    return end


def _participants(data: KommuneData, forum: Forum, dato: date) -> list[str]:
    """The actors of the forum's fixed roles (the kommissorium's, if the forum lists none)
    that are in force on the meeting's day (a temporary seat has «gyldig_fra/gyldig_til»)."""
    roles = list(forum.sammensaetning)
    if not roles:
        kommissorium = kommissorium_for(data, forum.id)
        roles = list(kommissorium.value.deltagere) if kommissorium else []
    found: list[str] = []
    for role in roles:
        if role.deltagelse != "fast" or not gaelder_paa(role, dato):
            continue
        if role.aktoer is not None:
            candidates = [role.aktoer]
        else:
            candidates = [s for s in forum.skoler if s in data.aktoerer and data.aktoerer[s].value.type == role.aktoertype]
        found += [c for c in candidates if c in data.aktoerer and c not in found]
    return found


# --------------------------------------------------------------------------------------------
# The invitation deadline


def _frist(data: KommuneData, forum: Forum, dato: date) -> Frist | None:
    for member in _forum_chain(data, forum):
        kommissorium = kommissorium_for(data, member.id)
        forberedelse = kommissorium.value.forberedelse if kommissorium else None
        if forberedelse is not None and forberedelse.varsel_dage:
            by_notice = dato - timedelta(days=forberedelse.varsel_dage)
            moved = previous_working_day(by_notice)
            return Frist(moved, forberedelse.varsel_dage, kommissorium.value, by_notice if moved != by_notice else None)
    return None


def flyttet_grund(frist: Frist) -> str | None:
    """Why the deadline was moved, to follow «… er»: «en lørdag», «langfredag», or None."""
    reason = fridag(frist.flyttet_fra) if frist.flyttet_fra else None
    return f"en {reason}" if reason in ("lørdag", "søndag") else reason
