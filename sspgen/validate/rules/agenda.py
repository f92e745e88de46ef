"""Agendas follow their forum's template.

The template is the ``dagsordensskabelon`` of the forum's kommissorium: the one named in the
forum's ``kommissorium`` field, else the one that lists the forum under ``fora``, else (for a
sub-network) the parent forum's, following ``overordnet`` upwards. Meetings of a forum without
a template are not checked, and neither are meetings of a ``kun_metadata`` forum (they may
have no agenda at all; metadata_only.py reports that).

A meeting point matches a template point by ``nummer``; its ``titel`` must be the template's
title, compared without regard to case and spacing. The title may be made more specific after
a colon or a dash: «Oplæg: Sociale medier» matches the template point «Oplæg».

Codes:

* ``dagsorden.mangler-punkt``: a template point is missing. An error for an ``afholdt``
  meeting (the record is incomplete), a warning for a ``planlagt`` meeting (the agenda may
  still be in the making); ``aflyst`` meetings are not checked for missing points. A meeting
  with no agenda at all gets one diagnostic listing the whole template, not one per point.
* ``dagsorden.ukendt-punkt`` (error): a point whose number is not in the template.
* ``dagsorden.forkert-titel`` (error): the title is not the template's title for that number.
* ``dagsorden.dublet-nummer`` (error): two points with the same number.
"""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic, error, warning
from ..instanser import alle_fora
from ..load import KommuneData, Located
from ._common import forum_is_kun_metadata, sorted_items, template_for


def normalise(title: str) -> str:
    return " ".join(title.split()).casefold()


def title_matches(given: str, template: str) -> bool:
    given, template = normalise(given), normalise(template)
    if given == template:
        return True
    return any(given.startswith(template + sep) for sep in (":", " –", " -", " —"))


def _listing(template: list[Any]) -> str:
    return ", ".join(f"{point.nummer}. «{point.titel}»" for point in sorted(template, key=lambda p: p.nummer))


def check_agenda(data: KommuneData) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for _, moede in sorted_items(data.moeder):
        m = moede.value
        if m.forum not in alle_fora(data) or forum_is_kun_metadata(data, m.forum):
            continue
        kommissorium, template = template_for(data, m.forum)
        if kommissorium is None:
            continue
        out += _check_meeting(moede, kommissorium, template)
    return out


def _check_meeting(moede: Located[Any], kommissorium: Located[Any], template: list[Any]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    m = moede.value
    path = moede.source.path
    source_name = f"dagsordensskabelonen i kommissoriet «{kommissorium.value.id}» ({kommissorium.source.path})"
    by_number = {point.nummer: point for point in template}
    seen: dict[int, int] = {}

    for index, punkt in enumerate(m.dagsorden):
        if punkt.nummer in seen:
            line = moede.position("dagsorden", seen[punkt.nummer], "nummer").line
            out.append(
                error(
                    path,
                    moede.position("dagsorden", index, "nummer"),
                    "dagsorden.dublet-nummer",
                    f"Punkt {punkt.nummer} står to gange i dagsordenen (første gang på linje {line}). "
                    f"Hvert nummer må kun bruges én gang; slå punkterne sammen, eller ret nummeret.",
                )
            )
            continue
        seen[punkt.nummer] = index
        expected = by_number.get(punkt.nummer)
        if expected is None:
            elsewhere = [p.nummer for p in template if title_matches(punkt.titel, p.titel)]
            hint = (
                f" «{punkt.titel}» er punkt {elsewhere[0]} i skabelonen; ret nummeret til {elsewhere[0]}."
                if elsewhere
                else " Brug skabelonens numre og titler, eller tilføj punktet til skabelonen i kommissoriet."
            )
            out.append(
                error(
                    path,
                    moede.position("dagsorden", index, "nummer"),
                    "dagsorden.ukendt-punkt",
                    f"Punkt {punkt.nummer} «{punkt.titel}» findes ikke i {source_name}. "
                    f"Skabelonens punkter er: {_listing(template)}.{hint}",
                )
            )
        elif not title_matches(punkt.titel, expected.titel):
            out.append(
                error(
                    path,
                    moede.position("dagsorden", index, "titel"),
                    "dagsorden.forkert-titel",
                    f"Punkt {punkt.nummer} hedder «{expected.titel}» i {source_name}, men her "
                    f"«{punkt.titel}». Brug skabelonens titel; den kan gøres mere præcis efter et "
                    f"kolon, fx «{expected.titel}: …».",
                )
            )

    if m.status == "aflyst":
        return out
    report = error if m.status == "afholdt" else warning
    state = (
        "Mødet er afholdt, så referatet skal følge skabelonen"
        if m.status == "afholdt"
        else "Mødet er planlagt; tilføj punktet, før indkaldelsen sendes"
    )
    missing = [point for point in sorted(template, key=lambda p: p.nummer) if point.nummer not in seen]
    if not missing:
        return out
    where = moede.source.key_position(("dagsorden",))
    if not m.dagsorden:
        out.append(
            report(
                path,
                where,
                "dagsorden.mangler-punkt",
                f"Mødet har ingen dagsorden, men {source_name} har punkterne {_listing(template)}. "
                f"{state}: skriv dem under «dagsorden» med «nummer» og «titel».",
            )
        )
        return out
    for point in missing:
        out.append(
            report(
                path,
                where,
                "dagsorden.mangler-punkt",
                f"Dagsordenen mangler punkt {point.nummer} «{point.titel}» fra {source_name}. "
                f"{state}: tilføj punktet med «nummer: {point.nummer}» og «titel: {point.titel}».",
            )
        )
    return out
