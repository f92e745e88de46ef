"""Vocabulary values: types, levels and trends must be values some vocabulary defines.

The vocabularies ship with sspgen (sspgen/defaults/vokabular.yaml) and a municipality extends
them in data/<kommune>/vokabular.yaml. A value no vocabulary defines is an error, so a typo
never passes.

Codes:

* ``vokabular.ukendt-vaerdi`` (error): Aktoer.type and a participant's aktoertype ∉ aktoertyper, Forum.type ∉ forumtyper,
  Forum.niveau ∉ niveauer, Moede.type ∉ moedetyper, Plan.type ∉ plantyper,
  Begivenhed.type ∉ begivenhedstyper.
* ``ref.ukendt-tendens`` (error): a meeting's ``dagsorden[].tendenser`` entry ∉ tendenser.
  Tendenser are references into the vocabulary, so they carry a ``ref.*`` code; the message is
  the same kind as above.
* ``id.dublet`` (error): the same id twice in one list of data/<kommune>/vokabular.yaml.

While data/<kommune>/vokabular.yaml itself fails to read or validate, unknown values are not
reported: they may be the ones it defines, and its own errors come first.
"""

from __future__ import annotations

import difflib
from typing import Any

from ...diagnostics import Diagnostic, error
from ...model import Vokabular
from ..load import KommuneData, Located
from ._common import agenda_points, known_list, sorted_items

LABELS = {
    "aktoertyper": "aktørtype",
    "forumtyper": "forumtype",
    "niveauer": "niveau",
    "moedetyper": "mødetype",
    "tendenser": "tendens",
    "plantyper": "plantype",
    "begivenhedstyper": "begivenhedstype",
}


def check_vocabulary(data: KommuneData) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def check(located: Located[Any], loc: tuple, value: str, vocabulary: str, code: str = "vokabular.ukendt-vaerdi") -> None:
        allowed = [begreb.id for begreb in getattr(data.vokabular, vocabulary)]
        if value in allowed or data.failed("vokabular"):
            return  # with a broken vokabular.yaml, the value may be one it defines
        close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
        hint = f"Mente du «{close[0]}»? " if close else ""
        out.append(
            error(
                located.source.path,
                located.position(*loc),
                code,
                f"«{value}» er ikke en kendt {LABELS[vocabulary]}. {hint}Tilladte værdier: "
                f"{known_list(allowed, limit=len(allowed))}. En kommune kan tilføje sine egne "
                f"værdier under «{vocabulary}» i data/{data.slug}/vokabular.yaml.",
            )
        )

    def seats(located: Located[Any], loc: tuple, deltagere: list[Any]) -> None:
        for index, deltager in enumerate(deltagere):
            if deltager.aktoertype is not None:
                check(located, loc + (index, "aktoertype"), deltager.aktoertype, "aktoertyper")

    for _, aktoer in sorted_items(data.aktoerer):
        check(aktoer, ("type",), aktoer.value.type, "aktoertyper")
    for _, forum in sorted_items(data.fora):
        check(forum, ("type",), forum.value.type, "forumtyper")
        check(forum, ("niveau",), forum.value.niveau, "niveauer")
        seats(forum, ("sammensaetning",), forum.value.sammensaetning)
        if forum.value.formoede:
            seats(forum, ("formoede", "deltagere"), forum.value.formoede.deltagere)
    for _, kommissorium in sorted_items(data.kommissorier):
        seats(kommissorium, ("deltagere",), kommissorium.value.deltagere)
    for _, plan in sorted_items(data.planer):
        check(plan, ("type",), plan.value.type, "plantyper")
    for _, moede in sorted_items(data.moeder):
        check(moede, ("type",), moede.value.type, "moedetyper")
        for loc, punkt in agenda_points(moede.value.dagsorden, ("dagsorden",)):
            for number, tendens in enumerate(punkt.tendenser):
                check(moede, loc + ("tendenser", number), tendens, "tendenser", "ref.ukendt-tendens")
    for _, begivenhed in sorted_items(data.begivenheder):
        check(begivenhed, ("type",), begivenhed.value.type, "begivenhedstyper")

    out += _local_duplicates(data)
    return out


def _local_duplicates(data: KommuneData) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    path = f"data/{data.slug}/vokabular.yaml"
    for source in data.sources:
        if not (source.path == path or source.path.endswith("/" + path)):
            continue
        if not isinstance(source.data, dict):
            continue
        for name in Vokabular.model_fields:
            items = source.data.get(name)
            if not isinstance(items, list):
                continue
            first: dict[str, int] = {}
            for index, item in enumerate(items):
                value = item.get("id") if isinstance(item, dict) else None
                if not isinstance(value, str):
                    continue
                if value in first:
                    line = source.position((name, first[value], "id")).line
                    out.append(
                        error(
                            source.path,
                            source.position((name, index, "id")),
                            "id.dublet",
                            f"Værdien «{value}» står to gange under «{name}»; første gang på linje "
                            f"{line}. Hver værdi må kun stå én gang: slet den ene.",
                        )
                    )
                else:
                    first[value] = index
    return out
