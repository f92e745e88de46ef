"""Forum kinds with instances: one forum file describes a kind (purpose, composition, cadence,
terms of reference), its `instanser` list the places it exists (one SSP team per school).

An instance is a forum in its own right wherever a forum id is used: meetings name it under
`forum:`, it gets its own page and calendar feed, and its agenda template and §115 status come
from its kind. Rather than teach every rule and page about instances, they are expanded here
into full forum values (`UdfoldetForum`: the kind's fields with the instance's overrides) that
lookups by id see next to the fora from files. Rules that walk the *files* keep using
`data.fora`, so nothing written once in the kind's file is reported once per instance.
"""

from __future__ import annotations

from typing import Any

from ..model.organisation import Forum, ForumInstans
from .load import KommuneData, Located

_CACHE = "_sspgen_instanser"

# Fields an instance replaces when it sets them (the rest comes from the kind).
OVERRIDES = ("beskrivelse", "sted", "tidspunkt", "maalgruppe", "gyldig_fra", "gyldig_til")


class UdfoldetForum(Forum):
    """An instance as a forum: the kind's values with the instance's own (never read from YAML)."""

    instans_af: str | None = None
    """The kind's id."""
    omraade: str | None = None
    kontakter: list[str] = []
    instans: ForumInstans | None = None


def udfold(kind: Forum, instans: ForumInstans) -> UdfoldetForum:
    values: dict[str, Any] = {name: getattr(kind, name) for name in Forum.model_fields}
    for name in OVERRIDES:
        own = getattr(instans, name, None)
        if own is not None and name in values:
            values[name] = own
    values.update(
        id=instans.id,
        distrikt=instans.distrikt,  # where the kind is, is each instance's own (and its page's URL)
        navn=instans.navn,
        skoler=list(dict.fromkeys([instans.skole] if instans.skole else [])) + [
            skole for skole in instans.skoler if skole != instans.skole],
        sammensaetning=[*kind.sammensaetning, *instans.sammensaetning],
        instanser=[],
    )
    # Values are validated already (the kind's file and the instance in it): no second pass.
    return UdfoldetForum.model_construct(
        **values, instans_af=kind.id, omraade=instans.omraade, kontakter=list(instans.kontakter), instans=instans
    )


def instanser(data: KommuneData) -> dict[str, Located[Any]]:
    """Every instance as a located forum (located in its kind's file), by id. An instance whose
    id is taken by a forum file, or by an earlier instance, is left out (rules/fora.py reports it)."""
    cached = data.__dict__.get(_CACHE)
    if cached is not None and cached[0] is data.fora:
        return cached[1]
    found: dict[str, Located[Any]] = {}
    for kind_id in sorted(data.fora):
        located = data.fora[kind_id]
        for instans in located.value.instanser:
            if instans.id in data.fora or instans.id in found:
                continue
            found[instans.id] = Located(udfold(located.value, instans), located.source)
    data.__dict__[_CACHE] = (data.fora, found)
    return found


def alle_fora(data: KommuneData) -> dict[str, Located[Any]]:
    """The fora from files and the instances, by id: what a forum reference may name."""
    expanded = instanser(data)
    if not expanded:
        return data.fora
    return {**data.fora, **expanded}


def kind_id(forum: Any) -> str | None:
    """The kind's id for an expanded instance, else None."""
    return getattr(forum, "instans_af", None)


def med_instanser(data: KommuneData) -> KommuneData:
    """A copy of the data whose `fora` also hold the instances (for the site model: each
    instance gets a forum page, a calendar feed and its meetings' links)."""
    import dataclasses

    return dataclasses.replace(data, fora=alle_fora(data))
