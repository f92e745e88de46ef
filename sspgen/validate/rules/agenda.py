"""Agendas follow their forum's template.

The template comes from the forum's kommissorium (see _common.kommissorium_and_origin): the one
named in the forum's ``kommissorium`` field, else the one that lists the forum under ``fora``,
else (for a sub-network) the parent forum's, following ``overordnet`` upwards. Of that
kommissorium, the meeting follows the version in ``dagsordensskabeloner`` in force on its date
(a version with ``forslag: ja`` is only a proposal and never checked against), else the plain
``dagsordensskabelon`` list. Meetings of a forum without a template are not checked, and neither
are meetings of a ``kun_metadata`` forum (metadata_only.py reports those).

Which template point a meeting point follows (:func:`follow_template`), in this order:

1. the point's ``skabelonpunkt``: the template point with that number;
2. its title: the template point whose title it is, compared without regard to case and
   spacing, and possibly made more specific after a colon or a dash («Tema: Sociale medier»
   follows «Tema»);
3. its number, if the template is rigid (no optional or repeatable point) and the template point
   with that number is not already followed by another point (then the title is reported as
   wrong).

A meeting's own ``nummer`` values are its order and need not be the template's: with a
repeatable point (``gentages: ja``) and optional points (``valgfrit: ja``) they cannot be.
Sub-points (``underpunkter``) follow the followed template point's sub-points the same way;
when the template point has none, the meeting's sub-points are free.

Codes:

* ``dagsorden.mangler-punkt``: a template point that is not optional is followed by no point.
  An error for an ``afholdt`` meeting (the record is incomplete), a warning for a ``planlagt``
  meeting (the agenda may still be in the making); ``aflyst`` meetings are not checked for
  missing points. A meeting with no agenda at all gets one diagnostic listing the template.
* ``dagsorden.ukendt-punkt`` (error): a point that follows no template point. The advice, taken
  literally, gives a valid file: a close title of a point still free, the repeatable point's
  ``skabelonpunkt``, or the point added to the template under a number the template lacks.
* ``dagsorden.ukendt-skabelonpunkt`` (error): ``skabelonpunkt`` names a number not in the template.
* ``dagsorden.forkert-titel`` (error): matched by number only, the title is not the template's.
* ``dagsorden.gentaget-punkt`` (error): two points follow a template point without ``gentages: ja``.
* ``dagsorden.dublet-nummer`` (error): two points (or sub-points of one point) with one number.
* ``skabelon.overlap`` (error): two versions of a template, not proposals, in force on one day.
* ``skabelon.dublet-id`` (error): two versions of a template with one id.
* ``skabelon.dublet-nummer`` (error): two points of one template (or sub-points of one point)
  with one number.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from ...diagnostics import Diagnostic, error, warning
from ..instanser import alle_fora, kind_id
from ..load import KommuneData, Located
from ._common import Template, agenda_template, forum_is_kun_metadata, lookup, sorted_items


def normalise(title: str) -> str:
    return " ".join(title.split()).casefold()


def title_matches(given: str, template: str) -> bool:
    given, template = normalise(given), normalise(template)
    if given == template:
        return True
    return any(given.startswith(template + sep) for sep in (":", " –", " -", " —"))


def _listing(template: list[Any]) -> str:
    return ", ".join(f"{point.nummer}. «{point.titel}»" for point in sorted(template, key=lambda p: p.nummer))


@dataclass(frozen=True)
class Follow:
    """The template point a meeting point follows, and how that was decided."""

    point: Any | None
    how: str
    """«skabelonpunkt», «titel», «nummer», or «ingen» (the point follows nothing)."""


def follow_template(points: list[Any], template: list[Any]) -> list[Follow]:
    """For each meeting point, the template point it follows (see the module docstring)."""
    by_number = {point.nummer: point for point in template}
    found: list[Follow | None] = []
    for punkt in points:
        if punkt.skabelonpunkt is not None:
            target = by_number.get(punkt.skabelonpunkt)
            found.append(Follow(target, "skabelonpunkt" if target is not None else "ingen"))
            continue
        matches = [point for point in template if title_matches(punkt.titel, point.titel)]
        # «Tema: Unge» follows a template point «Tema: Unge» rather than «Tema».
        best = max(matches, key=lambda point: len(normalise(point.titel)), default=None)
        found.append(Follow(best, "titel") if best is not None else None)
    used = {id(f.point) for f in found if f is not None and f.point is not None}
    # Numbers line up with the template's only in a rigid template; with optional or repeatable
    # points a meeting's numbers are its own, and a number says nothing about the point.
    rigid = not any(point.valgfrit or point.gentages for point in template)
    result = []
    for punkt, follow in zip(points, found):
        if follow is None:
            target = by_number.get(punkt.nummer) if rigid else None
            if target is not None and (id(target) not in used or target.gentages):
                used.add(id(target))
                follow = Follow(target, "nummer")
            else:
                follow = Follow(None, "ingen")
        result.append(follow)
    return result


def check_agenda(data: KommuneData) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for _, kommissorium in sorted_items(data.kommissorier):
        out += _check_versions(kommissorium)
    for _, moede in sorted_items(data.moeder):
        m = moede.value
        if m.forum not in alle_fora(data) or forum_is_kun_metadata(data, m.forum):
            continue
        template = agenda_template(data, m.forum, m.dato)
        if template is None:
            continue
        check = _MeetingCheck(moede, _source_name(data, m.forum, template), _inherited(data, m.forum, template))
        check.points(m.dagsorden, template.points, ("dagsorden",), None)
        out += check.out
    return out


def _period(version: Any) -> str:
    fra, til = version.gyldig_fra, version.gyldig_til
    if fra and til:
        return f"gælder {fra.isoformat()} til {til.isoformat()}"
    if fra:
        return f"gælder fra {fra.isoformat()}"
    if til:
        return f"gælder til {til.isoformat()}"
    return "gælder altid"


def _source_name(data: KommuneData, forum_id: str, template: Template) -> str:
    k = template.kommissorium
    where = f"kommissoriet «{k.value.id}» ({k.source.path})"
    if template.origin != forum_id:
        fora = alle_fora(data)
        origin = lookup(fora, template.origin)
        name = origin.value.navn if origin is not None else template.origin
        forum = lookup(fora, forum_id)
        # An instance follows its kind's template by design: the kind is not a parent forum.
        kind = forum is not None and kind_id(forum.value) == template.origin
        where += f" for «{name}»" if kind else f" for det overordnede forum «{name}»"
    if template.version is not None:
        return f"udgaven «{template.version.id}» af skabelonen ({_period(template.version)}) fra {where}"
    return f"skabelonen fra {where}"


def _inherited(data: KommuneData, forum_id: str, template: Template) -> str:
    """The sentence that says a template is inherited, or ""."""
    if template.origin == forum_id:
        return ""
    forum = lookup(alle_fora(data), forum_id)
    if forum is not None and kind_id(forum.value) == template.origin:
        return ""
    name = forum.value.navn if forum is not None else forum_id
    return (
        f" Forummet «{name}» har ikke sit eget kommissorium og følger derfor det overordnede "
        f"forums skabelon; skal det have sin egen, så giv det et kommissorium med feltet "
        f"«kommissorium» i data/{data.slug}/fora/{forum_id}.yaml."
    )


class _MeetingCheck:
    """The diagnostics for one meeting's points (and, recursively, sub-points)."""

    def __init__(self, moede: Located[Any], source_name: str, inherited: str) -> None:
        self.moede = moede
        self.path = moede.source.path
        self.status = moede.value.status
        self.source_name = source_name
        self.inherited = inherited
        self.out: list[Diagnostic] = []

    def error(self, loc: tuple, code: str, message: str, report: Callable[..., Diagnostic] = error) -> None:
        self.out.append(report(self.path, self.moede.position(*loc), code, message + self.inherited))

    def points(self, points: list[Any], template: list[Any], loc: tuple, parent: Any | None) -> None:
        source = self.source_name if parent is None else f"underpunkterne til «{parent.titel}» i {self.source_name}"
        what = "Punkt" if parent is None else "Underpunkt"
        follows = follow_template(points, template)
        self._numbers(points, loc, what)
        first: dict[int, int] = {}
        added = 0  # unknown points advised into the template get numbers of their own
        for index, (punkt, follow) in enumerate(zip(points, follows)):
            here = loc + (index,)
            target = follow.point
            if target is None:
                added += self._unknown(punkt, here, template, follows, source, what, added)
                continue
            if id(target) in first and not target.gentages:
                self._repeated(punkt, here, target, points[first[id(target)]], source, what)
            first.setdefault(id(target), index)
            if follow.how == "nummer" and not title_matches(punkt.titel, target.titel):
                self.error(
                    here + ("titel",),
                    "dagsorden.forkert-titel",
                    f"{what} {punkt.nummer} hedder «{target.titel}» i {source}, men her "
                    f"«{punkt.titel}». Brug skabelonens titel; den kan gøres mere præcis efter et "
                    f"kolon, fx «{target.titel}: …».",
                )
            if target.underpunkter:
                self.points(punkt.underpunkter, list(target.underpunkter), here + ("underpunkter",), target)
        self._missing(points, template, follows, loc, source, what, parent)

    def _numbers(self, points: list[Any], loc: tuple, what: str) -> None:
        seen: dict[int, int] = {}
        free = max((p.nummer for p in points), default=0) + 1
        for index, punkt in enumerate(points):
            if punkt.nummer in seen:
                line = self.moede.position(*loc, seen[punkt.nummer], "nummer").line
                self.error(
                    loc + (index, "nummer"),
                    "dagsorden.dublet-nummer",
                    f"{what} {punkt.nummer} står to gange (første gang på linje {line}). Hvert "
                    f"nummer må kun bruges én gang; slå punkterne sammen, eller giv punktet et "
                    f"nummer, der ikke er brugt, fx {free}.",
                )
                free += 1
            else:
                seen[punkt.nummer] = index

    def _unknown(self, punkt: Any, here: tuple, template: list[Any], follows: list[Follow], source: str, what: str,
                 added: int) -> int:
        """Report a point that follows nothing; 1 if the advice adds it to the template."""
        if punkt.skabelonpunkt is not None:
            self.error(
                here + ("skabelonpunkt",),
                "dagsorden.ukendt-skabelonpunkt",
                f"«skabelonpunkt: {punkt.skabelonpunkt}» findes ikke i {source}. Skabelonens "
                f"punkter er: {_listing(template)}. Ret nummeret, eller slet «skabelonpunkt».",
            )
            return 0
        taken = {id(f.point) for f in follows if f.point is not None}
        free = [p for p in template if p.gentages or id(p) not in taken]
        close = difflib.get_close_matches(normalise(punkt.titel), [normalise(p.titel) for p in free], n=1, cutoff=0.6)
        repeatable = [p for p in template if p.gentages]
        adds = 0
        if close:
            target = next(p for p in free if normalise(p.titel) == close[0])
            advice = f" Mente du «{target.titel}»? Så ret titlen til «{target.titel}»."
        elif repeatable:
            target = repeatable[0]
            advice = (
                f" Er det et af punkterne under «{target.titel}», så skriv «skabelonpunkt: "
                f"{target.nummer}» under punktet."
            )
        else:
            number = max(p.nummer for p in template) + 1 + added
            where = "i skabelonen" if what == "Punkt" else "under skabelonpunktets «underpunkter»"
            adds = 1
            advice = (
                f" Skal punktet kunne stå på dagsordenen, så tilføj det {where} med "
                f"«nummer: {number}», «titel: {punkt.titel}» og «valgfrit: ja»."
            )
        self.error(
            here + ("titel",),
            "dagsorden.ukendt-punkt",
            f"{what} {punkt.nummer} «{punkt.titel}» findes ikke i {source}. Skabelonens punkter "
            f"er: {_listing(template)}.{advice}",
        )
        return adds

    def _repeated(self, punkt: Any, here: tuple, target: Any, earlier: Any, source: str, what: str) -> None:
        self.error(
            here + ("titel",),
            "dagsorden.gentaget-punkt",
            f"{what} {punkt.nummer} «{punkt.titel}» og punkt {earlier.nummer} «{earlier.titel}» "
            f"følger begge punktet {target.nummer} «{target.titel}» i {source}, men det må kun "
            f"komme én gang. Slå punkterne sammen, eller skriv «gentages: ja» ved punktet i "
            f"skabelonen, hvis det kan komme flere gange.",
        )

    def _missing(self, points: list[Any], template: list[Any], follows: list[Follow], loc: tuple, source: str,
                 what: str, parent: Any | None) -> None:
        if self.status == "aflyst":
            return
        followed = {id(f.point) for f in follows if f.point is not None}
        missing = [p for p in sorted(template, key=lambda p: p.nummer) if not p.valgfrit and id(p) not in followed]
        if not missing:
            return
        report = error if self.status == "afholdt" else warning
        state = (
            "Mødet er afholdt, så referatet skal følge skabelonen"
            if self.status == "afholdt"
            else "Mødet er planlagt; tilføj punktet, før indkaldelsen sendes"
        )
        where = self.moede.source.key_position(loc)
        key = loc[-1]
        if not points:
            message = (
                f"Mødet har ingen dagsorden, men {source} har punkterne {_listing(missing)}. "
                f"{state}: skriv dem under «{key}» med «nummer» og «titel»."
                if parent is None
                else f"Punktet har ingen underpunkter, men {source} har {_listing(missing)}. "
                f"{state}: skriv dem under «{key}» med «nummer» og «titel»."
            )
            self.out.append(report(self.path, where, "dagsorden.mangler-punkt", message + self.inherited))
            return
        for point in missing:
            self.out.append(
                report(
                    self.path,
                    where,
                    "dagsorden.mangler-punkt",
                    f"Dagsordenen mangler {what.lower()} {point.nummer} «{point.titel}» fra {source}. "
                    f"{state}: tilføj et punkt med «titel: {point.titel}» (og et nummer, der ikke "
                    f"er brugt).{self.inherited}",
                )
            )


def _check_versions(kommissorium: Located[Any]) -> list[Diagnostic]:
    """A kommissorium's template versions: unique ids, unique numbers, no two in force at once."""
    k = kommissorium.value
    path = kommissorium.source.path
    out: list[Diagnostic] = []
    out += _template_numbers(kommissorium, list(k.dagsordensskabelon), ("dagsordensskabelon",))
    seen: dict[str, int] = {}
    for index, version in enumerate(k.dagsordensskabeloner):
        out += _template_numbers(kommissorium, list(version.punkter), ("dagsordensskabeloner", index, "punkter"))
        if version.id in seen:
            out.append(error(
                path, kommissorium.position("dagsordensskabeloner", index, "id"), "skabelon.dublet-id",
                f"Udgaven «{version.id}» af dagsordensskabelonen står to gange. Giv hver udgave sit eget id.",
            ))
            continue
        seen[version.id] = index
        if version.forslag:
            continue
        for earlier in k.dagsordensskabeloner[:index]:
            if earlier.forslag or not _overlap(earlier, version):
                continue
            out.append(error(
                path, kommissorium.position("dagsordensskabeloner", index, "gyldig_fra"), "skabelon.overlap",
                f"Udgaven «{version.id}» af dagsordensskabelonen ({_period(version)}) overlapper "
                f"udgaven «{earlier.id}» ({_period(earlier)}), så det er uklart, hvilken et møde "
                f"skal følge. Lad den ene slutte («gyldig_til»), dagen før den anden begynder "
                f"(«gyldig_fra»).",
            ))
    return out


def _overlap(a: Any, b: Any) -> bool:
    a_from, a_to = a.gyldig_fra or date.min, a.gyldig_til or date.max
    b_from, b_to = b.gyldig_fra or date.min, b.gyldig_til or date.max
    return a_from <= b_to and b_from <= a_to


def _template_numbers(kommissorium: Located[Any], points: list[Any], loc: tuple) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: dict[int, int] = {}
    for index, point in enumerate(points):
        if point.nummer in seen:
            line = kommissorium.position(*loc, seen[point.nummer], "nummer").line
            free = max(p.nummer for p in points) + 1
            out.append(error(
                kommissorium.source.path, kommissorium.position(*loc, index, "nummer"), "skabelon.dublet-nummer",
                f"Punkt {point.nummer} står to gange i skabelonen (første gang på linje {line}). "
                f"Giv punktet et nummer, der ikke er brugt, fx {free}.",
            ))
        else:
            seen[point.nummer] = index
        out += _template_numbers(kommissorium, list(point.underpunkter), loc + (index, "underpunkter"))
    return out

