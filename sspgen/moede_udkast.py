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
from .model.organisation import Forum, Kommissorium, Skabelonpunkt
from .read.yamlfile import parse_yaml
from .validate.load import KommuneData
from .validate.rules._common import forum_is_kun_metadata, kommissorium_and_origin, kommissorium_for

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


MOEDETYPE_FOR_FORUMTYPE = {
    "netvaerk": "netvaerksmoede",
    "lokalt-samarbejde": "netvaerksmoede",
    "netvaerksforum": "faellesmoede",
    "styregruppe": "styregruppemoede",
    "koordinationsgruppe": "koordinationsmoede",
    "ssp-udvalg": "udvalgsmoede",
    "akutgruppe": "akutmoede",
}
"""The usual meeting type of a forum type; a type missing here gives «andet» (or --type)."""


def standard_moedetype(data: KommuneData, forum: Forum) -> str:
    """The forum type's usual meeting type, if the vocabulary knows it, else «andet»."""
    moedetype = MOEDETYPE_FOR_FORUMTYPE.get(forum.type, "andet")
    return moedetype if moedetype in {b.id for b in data.vokabular.moedetyper} else "andet"


@dataclass
class Skabelonudgave:
    """One version of the forum's agenda template, as the draft's agenda points."""

    fra: date | None
    til: date | None
    kilde: Kommissorium
    punkter: list[dict[str, Any]]
    hints: dict[int, list[str]]


@dataclass
class Grundlag:
    """What every new meeting of a forum starts from, whatever its date: the draft of a given
    day (``udkast_paa``) only picks the template version and the participants in force and
    counts the notice back. The Decap form gets the same facts as JSON (decap_moede.py), so
    the form and `sspgen new moede` write the same file."""

    forum: Forum
    moedetype: str
    tid: Any
    slut: Any
    sted: str | None
    skabeloner: list[Skabelonudgave]
    """In order of precedence: the first in force on the day applies (the plain
    «dagsordensskabelon» last, with no period)."""
    deltagere: list[tuple[str, date | None, date | None]]
    """The fixed participants in order, each with the period of its seat."""
    varsel_dage: int | None = None
    varsel_kilde: Kommissorium | None = None
    kun_metadata: bool = False
    sted_fra_moeder: bool = False
    tid_fra_moeder: bool = False


def grundlag(data: KommuneData, forum: Forum, moedetype: str, skip: date | None = None) -> Grundlag:
    """The facts a new meeting of ``forum`` starts from; ``skip``: a day whose meeting does
    not count among the latest (the new meeting's own day)."""
    only_metadata = forum_is_kun_metadata(data, forum.id)
    recent = _recent_meetings(data, forum.id, skip)
    place, place_from_meetings = _place(forum, recent, only_metadata)
    start, time_from_meetings = _usual(forum.tidspunkt, [m.tid for m in recent])
    varsel, kilde = _varsel(data, forum)
    return Grundlag(
        forum=forum, moedetype=moedetype, tid=start, slut=_end(data, forum, start, recent), sted=place,
        skabeloner=[] if only_metadata else _versions(data, forum),
        deltagere=_participant_seats(data, forum), varsel_dage=varsel, varsel_kilde=kilde,
        kun_metadata=only_metadata, sted_fra_moeder=place_from_meetings, tid_fra_moeder=time_from_meetings,
    )


def udkast(data: KommuneData, forum: Forum, dato: date, moedetype: str) -> Udkast:
    """The draft of ``forum``'s meeting on ``dato``."""
    return udkast_paa(grundlag(data, forum, moedetype, dato), dato)


def udkast_paa(basis: Grundlag, dato: date) -> Udkast:
    """The draft of the meeting on ``dato`` from the forum's facts (layouts/admin/sspgen-moede.js
    does the same in the form)."""
    version = next((v for v in basis.skabeloner if _in_force(v.fra, v.til, dato)), None)
    frist = _frist(basis, dato)
    participants: list[str] = []
    for aktoer, fra, til in basis.deltagere:
        if _in_force(fra, til, dato) and aktoer not in participants:
            participants.append(aktoer)
    meeting: dict[str, Any] = {
        "id": f"{dato.isoformat()}-{basis.forum.id}",
        "forum": basis.forum.id,
        "type": basis.moedetype,
        "dato": dato,
        "tid": basis.tid,
        "slut": basis.slut,
        "sted": basis.sted,
        "status": "planlagt",
        "indkaldt": frist.dato if frist else None,
        "deltagende_aktoerer": participants,
        "dagsorden": list(version.punkter) if version else [],
    }
    return Udkast(
        data=meeting,
        hints=dict(version.hints) if version else {},
        skabelon_kilde=version.kilde if version else None,
        antal_punkter=len(version.punkter) if version else 0,
        frist=frist,
        kun_metadata=basis.kun_metadata,
        sted_fra_moeder=basis.sted_fra_moeder,
        tid_fra_moeder=basis.tid_fra_moeder,
    )


def _in_force(fra: date | None, til: date | None, dato: date) -> bool:
    """The rule of model.base.gaelder_paa, on a period given as two dates."""
    return (fra is None or fra <= dato) and (til is None or dato <= til)


def _versions(data: KommuneData, forum: Forum) -> list[Skabelonudgave]:
    """The template versions in the order template_version (rules/_common.py) tries them."""
    kommissorium, _ = kommissorium_and_origin(data, forum.id)
    if kommissorium is None:
        return []
    found: list[Skabelonudgave] = []
    periods = [(v.gyldig_fra, v.gyldig_til, v.punkter) for v in kommissorium.value.dagsordensskabeloner if not v.forslag]
    for fra, til, points in [*periods, (None, None, kommissorium.value.dagsordensskabelon)]:
        ordered = sorted(points, key=lambda p: p.nummer)
        if ordered:
            hints = {index: lines for index, point in enumerate(ordered) if (lines := _hints(point))}
            found.append(Skabelonudgave(fra, til, kommissorium.value, [_point(p) for p in ordered], hints))
    return found


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


def _recent_meetings(data: KommuneData, forum_id: str, dato: date | None) -> list[Any]:
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


def _participant_seats(data: KommuneData, forum: Forum) -> list[tuple[str, date | None, date | None]]:
    """The actors of the forum's fixed roles (the kommissorium's, if the forum lists none),
    each with its seat's period (a temporary seat has «gyldig_fra/gyldig_til»)."""
    roles = list(forum.sammensaetning)
    if not roles:
        kommissorium = kommissorium_for(data, forum.id)
        roles = list(kommissorium.value.deltagere) if kommissorium else []
    found: list[tuple[str, date | None, date | None]] = []
    for role in roles:
        if role.deltagelse != "fast":
            continue
        if role.aktoer is not None:
            candidates = [role.aktoer]
        else:
            candidates = [s for s in forum.skoler if s in data.aktoerer and data.aktoerer[s].value.type == role.aktoertype]
        found += [(c, role.gyldig_fra, role.gyldig_til) for c in candidates if c in data.aktoerer]
    return found


# --------------------------------------------------------------------------------------------
# The invitation deadline


def _varsel(data: KommuneData, forum: Forum) -> tuple[int | None, Kommissorium | None]:
    """The notice in days of the first kommissorium up the forum chain that gives one."""
    for member in _forum_chain(data, forum):
        kommissorium = kommissorium_for(data, member.id)
        forberedelse = kommissorium.value.forberedelse if kommissorium else None
        if forberedelse is not None and forberedelse.varsel_dage:
            return forberedelse.varsel_dage, kommissorium.value
    return None, None


def _frist(basis: Grundlag, dato: date) -> Frist | None:
    if basis.varsel_dage is None or basis.varsel_kilde is None:
        return None
    by_notice = dato - timedelta(days=basis.varsel_dage)
    moved = previous_working_day(by_notice)
    return Frist(moved, basis.varsel_dage, basis.varsel_kilde, by_notice if moved != by_notice else None)


def flyttet_grund(frist: Frist) -> str | None:
    """Why the deadline was moved, to follow «… er»: «en lørdag», «langfredag», or None."""
    reason = fridag(frist.flyttet_fra) if frist.flyttet_fra else None
    return f"en {reason}" if reason in ("lørdag", "søndag") else reason
