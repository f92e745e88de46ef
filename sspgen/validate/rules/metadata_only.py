"""Meetings of §115 fora and agenda points about individual cases hold no free text.

Named cases belong in the case system (DESIGN principle 3). Two kinds of meeting record are
where a careless line would name a child: a meeting of the §115 akutgruppe, and an agenda
point where individual cases are discussed. Both may only hold what cannot carry a name.

Codes (all errors):

* ``privatliv.kun-metadata``: a meeting of a forum whose type has ``kun_metadata: ja`` has a
  field other than the metadata in :data:`KUN_METADATA_ALLOWED` (``dagsorden``, ``oplaeg``,
  ``nye_emner``, ``beslutningsprotokol`` … and ``titel``: such a meeting has no title of its
  own; its pages show the forum's name).
* ``privatliv.kun-metadata-sted``: such a meeting's ``sted`` is not one of the forum's own
  places (its ``sted`` and ``andre_steder``), compared without regard to case and spacing. A
  place is chosen, never typed freely, so «hjemme hos …» cannot be written there.
* ``privatliv.kun-metadata-vokabular``: the municipality's vokabular.yaml sets
  ``kun_metadata: nej`` on a forum type the defaults (sspgen/defaults/vokabular.yaml) mark
  metadata-only. A municipality may make rules stricter, never weaker; the merge in
  load.py keeps the default's ``kun_metadata`` whatever the municipality writes.
* ``privatliv.enkeltsag-tekst``: an agenda point about individual cases (``enkeltsager: ja``
  on the point or on its template point) has ``beskrivelse``, ``noter``, ``beslutninger``,
  ``opfoelgning`` or ``tendenser``, or a question (``spoergsmaal``) that is not one of its
  template point's questions word for word.
* ``privatliv.enkeltsag-titel``: such a point's ``titel`` is not its template point's title
  (compared without regard to case and spacing; unlike other points, nothing may be added
  after a colon), or, for a point with no template point, not «Enkeltsager».
"""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic, error
from ...model import Moede
from ..instanser import alle_fora
from ..load import KommuneData, Located, default_vocabulary
from ._common import forum_is_kun_metadata, quoted, sorted_items, template_for
from .agenda import follow_template

KUN_METADATA_ALLOWED = (
    "id", "forum", "type", "dato", "tid", "slut", "sted", "status", "indkaldt",
    "deltagende_aktoerer", "antal_sager", "synlighed",
)

ENKELTSAG_FORBIDDEN = ("beskrivelse", "noter", "tendenser", "beslutninger", "opfoelgning", "underpunkter")

STANDARD_ENKELTSAG_TITEL = "Enkeltsager"
"""The title of an individual-cases point that has no template point to take its title from."""

WHY = "Sager om navngivne børn og unge hører til i sagssystemet, ikke her."


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_metadata_only(data: KommuneData) -> list[Diagnostic]:
    out = _vocabulary(data)
    for _, moede in sorted_items(data.moeder):
        if forum_is_kun_metadata(data, moede.value.forum):
            out += _metadata_meeting(data, moede)
        else:
            out += _case_points(data, moede)
    return out


# --------------------------------------------------------------------------------------------
# The municipality's vocabulary cannot weaken a default


def _vocabulary(data: KommuneData) -> list[Diagnostic]:
    local = data.lokalt_vokabular
    if local is None:
        return []
    protected = {begreb.id for begreb in default_vocabulary().forumtyper if begreb.kun_metadata}
    out = []
    for index, begreb in enumerate(local.value.forumtyper):
        if begreb.id in protected and "kun_metadata" in begreb.model_fields_set and not begreb.kun_metadata:
            out.append(
                error(
                    local.source.path,
                    local.source.key_position(("forumtyper", index, "kun_metadata")),
                    "privatliv.kun-metadata-vokabular",
                    f"Forumtypen «{begreb.id}» må kun have metadata i alle kommuner (det står i "
                    f"sspgen's standardvokabular, sspgen/defaults/vokabular.yaml), og en kommune kan gøre reglerne strengere, men "
                    f"ikke lempe dem. {WHY} Slet linjen «kun_metadata: nej»; reglen gælder under "
                    f"alle omstændigheder.",
                )
            )
    return out


# --------------------------------------------------------------------------------------------
# Meetings of a metadata-only forum


def _metadata_meeting(data: KommuneData, moede: Located[Any]) -> list[Diagnostic]:
    m = moede.value
    forum = alle_fora(data)[m.forum]
    where = f"Møder i forummet «{m.forum}» (type «{forum.value.type}»)"
    out = []
    for name in Moede.model_fields:
        if name in KUN_METADATA_ALLOWED or getattr(m, name) in (None, [], ""):
            continue
        at = moede.source.key_position((name,))
        if name == "titel":
            message = (
                f"{where} har ingen titel ud over forummets navn, for en titel er fritekst. "
                f"{WHY} Slet «titel»."
            )
        else:
            message = (
                f"{where} må kun have metadata, men her står «{name}». Akutgruppen efter §115 "
                f"drøfter navngivne børn og unge. {WHY} Slet «{name}»; tilladte felter er "
                f"{quoted(KUN_METADATA_ALLOWED)}."
            )
        out.append(error(moede.source.path, at, "privatliv.kun-metadata", message))
    if m.sted is not None and normalise(m.sted) not in {normalise(place) for place in _places(forum.value)}:
        out.append(_place_error(moede, forum, where))
    return out


def _places(forum: Any) -> list[str]:
    return ([forum.sted] if forum.sted else []) + list(forum.andre_steder)


def _either(places: list[str]) -> str:
    """«A», «B» eller «C»."""
    items = [f"«{place}»" for place in places]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " eller " + items[-1]


def _place_error(moede: Located[Any], forum: Located[Any], where: str) -> Diagnostic:
    places = _places(forum.value)
    choice = (
        f"Vælg {_either(places)}, eller tilføj stedet under «andre_steder» "
        f"i {forum.source.path}."
        if places
        else f"Forummet har ingen faste steder; skriv dem under «sted» (og «andre_steder») i "
        f"{forum.source.path}, eller slet «sted» her."
    )
    return error(
        moede.source.path,
        moede.source.position(("sted",)),
        "privatliv.kun-metadata-sted",
        f"{where} må kun have et sted, der er valgt blandt forummets faste steder, ikke fritekst "
        f"(et sted kan pege på et barn, fx en adresse). {choice}",
    )


# --------------------------------------------------------------------------------------------
# Agenda points about individual cases


def _case_points(data: KommuneData, moede: Located[Any]) -> list[Diagnostic]:
    m = moede.value
    _, template = template_for(data, m.forum, m.dato) if m.forum in alle_fora(data) else (None, [])
    out: list[Diagnostic] = []
    # The template point a point follows is decided as in agenda.py, so the two rules agree.
    for index, (punkt, follow) in enumerate(zip(m.dagsorden, follow_template(list(m.dagsorden), template))):
        expected = follow.point
        if punkt.enkeltsager or (expected is not None and expected.enkeltsager):
            out += _case_point(moede, index, punkt, expected)
    return out


def _case_point(moede: Located[Any], index: int, punkt: Any, expected: Any | None) -> list[Diagnostic]:
    path = moede.source.path
    title = expected.titel if expected is not None else STANDARD_ENKELTSAG_TITEL
    # The point is named by its proper title: the one written may hold what must not be repeated.
    name = f"Punkt {punkt.nummer} «{title}» handler om enkeltsager"
    out = []
    if normalise(punkt.titel) != normalise(title):
        source = "skabelonens titel" if expected is not None else "standardtitlen for et punkt uden skabelon"
        out.append(
            error(
                path,
                moede.source.position(("dagsorden", index, "titel")),
                "privatliv.enkeltsag-titel",
                f"Punkt {punkt.nummer} handler om enkeltsager, så titlen skal være {source}, "
                f"«{title}», uden tilføjelser. {WHY} Ret titlen til «{title}».",
            )
        )
    for field in ENKELTSAG_FORBIDDEN:
        if getattr(punkt, field) in (None, []):
            continue
        out.append(
            error(
                path,
                moede.source.key_position(("dagsorden", index, field)),
                "privatliv.enkeltsag-tekst",
                f"{name}, så det må ikke have «{field}». Enkeltsager drøftes kun mundtligt og "
                f"noteres i sagssystemet. Slet «{field}» her; skriv generelle iagttagelser under "
                f"et andet punkt (fx tendenser).",
            )
        )
    allowed = {normalise(q) for q in (expected.spoergsmaal if expected is not None else [])}
    for number, question in enumerate(punkt.spoergsmaal):
        if normalise(question) in allowed:
            continue
        out.append(
            error(
                path,
                moede.source.position(("dagsorden", index, "spoergsmaal", number)),
                "privatliv.enkeltsag-tekst",
                f"{name}, så det må kun have skabelonens egne spørgsmål, ikke nye. Et spørgsmål "
                f"om en sag kan pege på et barn. {WHY} Slet spørgsmålet her.",
            )
        )
    return out
