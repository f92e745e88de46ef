"""Small helpers shared by the cross-file rules: Danish lists, suggestions, lookups.

Nothing here reports anything by itself; the rule modules decide codes and severities.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Iterator

from ..instanser import alle_fora
from ...model.base import gaelder_paa
from ..load import KommuneData, Located

MAX_LISTED = 10
"""At most this many known values are listed in a message."""


def quoted(values: Iterable[str]) -> str:
    """«a», «b» og «c» (Danish list with guillemets)."""
    items = [f"«{value}»" for value in values]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " og " + items[-1]


def known_list(known: Iterable[str], *, limit: int = MAX_LISTED) -> str:
    """«a», «b», «c» … (og 4 flere) — the known values, sorted, at most ``limit`` of them."""
    values = sorted(set(known))
    shown = ", ".join(f"«{value}»" for value in values[:limit])
    if len(values) > limit:
        shown += f" … (og {len(values) - limit} flere)"
    return shown


def suggestion(unknown: str, known: Iterable[str], *, what: str = "id'er") -> str:
    """The next step for an unknown value: the closest known one, or the known ones listed.

    ``what`` names the known values in the plural, e.g. «aktør-id'er».
    """
    values = sorted(set(known))
    if not values:
        return f"Der er endnu ingen {what} at vælge imellem."
    close = difflib.get_close_matches(unknown, values, n=1, cutoff=0.6)
    if close:
        return f"Mente du «{close[0]}»?"
    return f"Kendte {what}: {known_list(values)}."


def by_id(items: Iterable[Any]) -> dict[str, Any]:
    """First item per id (later duplicates are reported by the id.dublet rule)."""
    found: dict[str, Any] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found


def lookup(entities: dict[str, Located[Any]], entity_id: Any) -> Located[Any] | None:
    """The entity a reference names, or None: no such id, or its file failed to read or
    validate (KommuneData keeps only the valid ones). Rules look referenced entities up with
    this, never with ``entities[id]``: a reference is only as good as the file it points at."""
    if not isinstance(entity_id, str):
        return None
    return entities.get(entity_id)


def is_public(value: Any) -> bool:
    return getattr(value, "synlighed", "intern") == "offentlig"


def sorted_items(entities: dict[str, Located[Any]]) -> list[tuple[str, Located[Any]]]:
    """Entities in a stable order (by id), so output never depends on file system order."""
    return sorted(entities.items())


def kommissorium_for(data: KommuneData, forum_id: str) -> Located[Any] | None:
    """The kommissorium that governs a forum (see :func:`kommissorium_and_origin`)."""
    return kommissorium_and_origin(data, forum_id)[0]


def kommissorium_and_origin(data: KommuneData, forum_id: str) -> tuple[Located[Any] | None, str | None]:
    """The kommissorium that governs a forum, and the forum it belongs to.

    In order: the forum's own ``kommissorium`` field; else the first kommissorium (by id) that
    lists the forum in ``fora``; else, for an instance, its kind's kommissorium; else, for a
    sub-unit, its parent forum's kommissorium (following ``overordnet`` upwards, cycles
    ignored). The second value is the forum whose kommissorium it is: ``forum_id`` itself,
    or the kind or ancestor it is inherited from, so messages can say where an inherited
    template comes from. (None, None) if there is none.
    """
    fora = alle_fora(data)
    seen: set[str] = set()
    current: str | None = forum_id
    while current is not None and current not in seen:
        seen.add(current)
        forum = lookup(fora, current)
        own = lookup(data.kommissorier, forum.value.kommissorium) if forum is not None else None
        if own is not None:
            return own, current
        for _, kommissorium in sorted_items(data.kommissorier):
            if current in kommissorium.value.fora:
                return kommissorium, current
        if forum is None:
            return None, None
        # A kommissorium that failed to read may be this forum's own (named in its field, or
        # listing it): what it says is unknown, so no other forum's is put in its place.
        if forum.value.kommissorium is not None or data.failed("kommissorier"):
            return None, None
        current = getattr(forum.value, "instans_af", None) or forum.value.overordnet
    return None, None


@dataclass(frozen=True)
class Template:
    """The agenda template a meeting follows, and where it comes from (for messages)."""

    kommissorium: Located[Any]
    points: list[Any]
    version: Any | None
    """The Dagsordensskabelon in force, or None for the plain ``dagsordensskabelon`` list."""
    origin: str
    """The forum whose kommissorium holds the template (an ancestor when inherited)."""


def template_version(kommissorium: Any, dag: date | None) -> tuple[Any | None, list[Any]]:
    """The template of a kommissorium in force on ``dag``: (version, points).

    A dated version (``dagsordensskabeloner``) that is in force on the day and is not only a
    proposal wins; else the plain ``dagsordensskabelon`` list, which has no period. Without a
    day (a new meeting not yet dated), the plain list, else the open-ended version that
    began last. (None, []) when nothing applies: such a meeting is not checked."""
    versions = [v for v in kommissorium.dagsordensskabeloner if not v.forslag]
    if dag is not None:
        in_force = [v for v in versions if gaelder_paa(v, dag)]
    else:
        in_force = [] if kommissorium.dagsordensskabelon else [v for v in versions if v.gyldig_til is None]
        in_force = sorted(in_force, key=lambda v: v.gyldig_fra or date.min, reverse=True)
    if in_force:
        return in_force[0], list(in_force[0].punkter)
    return None, list(kommissorium.dagsordensskabelon)


def agenda_template(data: KommuneData, forum_id: str, dag: date | None) -> Template | None:
    """The template a meeting of ``forum_id`` on ``dag`` follows, or None."""
    kommissorium, origin = kommissorium_and_origin(data, forum_id)
    if kommissorium is None or origin is None:
        return None
    version, points = template_version(kommissorium.value, dag)
    if not points:
        return None
    return Template(kommissorium, points, version, origin)


def template_for(data: KommuneData, forum_id: str, dag: date | None = None) -> tuple[Located[Any] | None, list[Any]]:
    """The agenda template for a forum and the kommissorium it comes from (or None, [])."""
    template = agenda_template(data, forum_id, dag)
    if template is None:
        return None, []
    return template.kommissorium, template.points


def agenda_points(points: Iterable[Any], loc: tuple = ("dagsorden",), *,
                  open_only: bool = False) -> Iterator[tuple[tuple, Any]]:
    """Every agenda point with its location, sub-points (``underpunkter``) included, depth first.
    ``open_only``: leave out closed points (``synlighed: intern``) and everything under them."""
    for index, punkt in enumerate(points):
        if open_only and punkt.synlighed == "intern":
            continue
        here = loc + (index,)
        yield here, punkt
        yield from agenda_points(punkt.underpunkter, here + ("underpunkter",), open_only=open_only)


def kun_metadata_types(data: KommuneData) -> set[str]:
    return {begreb.id for begreb in data.vokabular.forumtyper if begreb.kun_metadata}


def forum_is_kun_metadata(data: KommuneData, forum_id: str) -> bool:
    forum = lookup(alle_fora(data), forum_id)  # an instance has its kind's type
    return forum is not None and forum.value.type in kun_metadata_types(data)


def klasse(grade: int) -> str:
    """0 → «0. klasse (børnehaveklassen)», 7 → «7. klasse»."""
    return "0. klasse (børnehaveklassen)" if grade == 0 else f"{grade}. klasse"
