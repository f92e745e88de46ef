"""Facts for the forum and organisation pages beyond the forum's own fields: a kind's
instances, the contacts for a forum, who escalates or reports to it, which fora it is a member
of, the structure lists of the organisation page and the fora that have ended.

Everything is computed from one view (public or intranet), so a forum the view lacks is never
named: a flow to an intranet-only forum is simply not shown on the public site.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..render.danish import sorteringsnoegle
from ..render.forumtekst import hyppighed, ophoert
from ..validate import faelles
from ..validate.load import KommuneData
from .view import Lookup


@dataclass(frozen=True)
class Instans:
    """A row in the kind's list of instances."""

    forum: Any
    """The expanded instance (validate/instanser.py UdfoldetForum)."""
    kontakter: list[Any]


@dataclass(frozen=True)
class Rapport:
    hyppighed: str
    """«hvert kvartal», «2 gange om året»."""
    til_forum: str | None
    til: str | None
    hvad: str


@dataclass(frozen=True)
class Stroem:
    """An arrow between two fora: escalation («eskalerer til») or information («informerer»)."""

    fra: str
    til: str
    hvad: str | None = None
    hyppighed: str | None = None


def _fora(data: KommuneData) -> list[Any]:
    return sorted((item.value for item in data.fora.values()), key=lambda f: sorteringsnoegle(f.navn))


def er_instans(forum: Any) -> bool:
    return getattr(forum, "instans_af", None) is not None


def instanser_af(data: KommuneData, lookup: Lookup, kind: Any) -> list[Instans]:
    """The kind's instances the view has, in the order the file lists them."""
    rows = []
    for instans in kind.instanser:
        forum = lookup.forum(instans.id)
        if forum is not None and getattr(forum, "instans_af", None) == kind.id:
            rows.append(Instans(forum, kontakter_for(lookup, forum)))
    return rows


def kontakter_for(lookup: Lookup, forum: Any) -> list[Any]:
    """The contacts an instance names, then every contact that names the forum under «fora»."""
    found = {k.id: k for k in (lookup.kontakt(i) for i in getattr(forum, "kontakter", [])) if k is not None}
    for kontakt in lookup.kommune.kontakter if lookup.kommune else []:
        if forum.id in kontakt.fora:
            found.setdefault(kontakt.id, kontakt)
    return list(found.values())


def rapporter(lookup: Lookup, forum: Any) -> list[Rapport]:
    """The forum's reporting duties; a recipient forum outside the view leaves the duty
    without a recipient rather than naming it."""
    rows = []
    for r in forum.rapporterer:
        til_forum = r.til_forum if r.til_forum and lookup.forum(r.til_forum) else None
        rows.append(Rapport(hyppighed(r.per, r.gange), til_forum, r.til, r.hvad))
    return rows


def eskalerer(lookup: Lookup, forum: Any) -> list[str]:
    """The fora the view has that this forum sends cases on to."""
    return [f for f in forum.eskalerer_til if lookup.forum(f)]


def informerer(lookup: Lookup, forum: Any) -> list[Any]:
    return [s for s in forum.informerer if lookup.forum(s.til)]


def modtager_fra(data: KommuneData, forum: Any) -> list[Any]:
    """Fora that send cases on to this one (their «eskalerer_til» names it)."""
    return [f for f in _fora(data) if forum.id in f.eskalerer_til and not er_instans(f)]


def informeres_af(data: KommuneData, forum: Any) -> list[tuple[Any, Any]]:
    return [(f, s) for f in _fora(data) if not er_instans(f) for s in f.informerer if s.til == forum.id]


def medlem_af(data: KommuneData, forum: Any) -> list[Any]:
    """Fora in which this forum has a seat as a whole (`sammensaetning[].forum`)."""
    return [f for f in _fora(data) if not er_instans(f) and any(d.forum == forum.id for d in f.sammensaetning)]


def strukturstroemme(data: KommuneData, lookup: Lookup) -> tuple[list[Stroem], list[Stroem]]:
    """Escalation paths and information flows between fora the view has, for the organisation
    page's readable list (the diagram draws only `overordnet`)."""
    eskalering, information = [], []
    for forum in _fora(data):
        if er_instans(forum):
            continue
        for target in forum.eskalerer_til:
            if lookup.forum(target):
                eskalering.append(Stroem(forum.id, target))
        for s in forum.informerer:
            if lookup.forum(s.til):
                information.append(Stroem(forum.id, s.til, s.hvad, s.hyppighed))
    return eskalering, information


def sagsniveauer_for(lookup: Lookup, forum: Any) -> list[Any]:
    """The case levels that name this forum (or, for an instance, its kind)."""
    ids = {forum.id, getattr(forum, "instans_af", None)}
    return [n for n in (lookup.kommune.sagsniveauer if lookup.kommune else []) if ids & set(n.fora)]


def tidligere_fora(data: KommuneData, today: date | None) -> list[Any]:
    """Fora (not instances) that have ended, newest end first: «Tidligere fora»."""
    ended = [f for f in _fora(data) if not er_instans(f) and ophoert(f, today)]
    return sorted(ended, key=lambda f: (-f.gyldig_til.toordinal(), sorteringsnoegle(f.navn)))


def faelles_forum(data: KommuneData, forum: Any, public: bool) -> faelles.FaellesForum | None:
    """Where a shared forum is described (another municipality's file), if it can be read; on
    the public site only when that file is public too (its name is the other municipality's)."""
    if not forum.faelles:
        return None
    found = faelles.find(Path(data.data_dir).parent, forum.faelles)
    return found if found is not None and (found.offentlig or not public) else None
