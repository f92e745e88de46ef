"""Facts computed from the data for the pages: next meetings, open follow-ups, the trend map,
curriculum coverage and the organisation tree. Pure functions of one view, so the public site
computes them from public data only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Sequence

from ..render.danish import sorteringsnoegle
from ..render.forumtekst import antal_instanser, ophoert
from ..validate.load import KommuneData
from .view import Lookup


def moede_key(moede: Any) -> tuple:
    return (moede.dato, moede.tid or _MIDNIGHT, moede.id)


_MIDNIGHT = __import__("datetime").time(0, 0)


def moeder_sorted(data: KommuneData) -> list[Any]:
    return sorted((item.value for item in data.moeder.values()), key=moede_key)


def kommissorium_for(data: KommuneData, forum: Any) -> Any:
    """The forum's terms of reference: named on the forum, else one that lists the forum."""
    if forum is None:
        return None
    if forum.kommissorium and forum.kommissorium in data.kommissorier:
        return data.kommissorier[forum.kommissorium].value
    for item in sorted(data.kommissorier.values(), key=lambda i: i.value.id):
        if forum.id in item.value.fora:
            return item.value
    kind = data.fora.get(getattr(forum, "instans_af", None) or "")
    if kind is not None and kind.value is not forum:  # an instance has its kind's terms of reference
        return kommissorium_for(data, kind.value)
    return None


def faellesmoeder_for(data: KommuneData, forum: Any, moeder_pr_forum: dict[str, list[Any]]) -> list[Any]:
    """The joint meetings a forum (a district network) takes part in: the meetings of the forum
    its terms of reference name for joint meetings (`faellesmoeder.forum`), and joint meetings
    (type «faellesmoede») of the forum above it."""
    found: list[Any] = []
    kommissorium = kommissorium_for(data, forum)
    joint = kommissorium.faellesmoeder.forum if kommissorium and kommissorium.faellesmoeder else None
    if joint and joint != forum.id:
        found += moeder_pr_forum.get(joint, [])
    if forum.overordnet and forum.overordnet != joint:
        found += [m for m in moeder_pr_forum.get(forum.overordnet, []) if m.type == "faellesmoede"]
    return found


def indkaldelsesfrist(data: KommuneData, moede: Any) -> date | None:
    """When the invitation goes out: the meeting's own date, else the terms' notice period."""
    if moede.indkaldt is not None:
        return moede.indkaldt
    forum = data.fora.get(moede.forum)
    kommissorium = kommissorium_for(data, forum.value if forum else None)
    if kommissorium and kommissorium.forberedelse and kommissorium.forberedelse.varsel_dage is not None:
        return moede.dato - timedelta(days=kommissorium.forberedelse.varsel_dage)
    return None


def kommende_moeder(data: KommuneData, today: date, limit: int = 8) -> list[Any]:
    return [m for m in moeder_sorted(data) if m.status == "planlagt" and m.dato >= today][:limit]


@dataclass(frozen=True)
class AabenOpfoelgning:
    moede: Any
    punkt: Any
    opfoelgning: Any


def aabne_opfoelgninger(data: KommuneData) -> list[AabenOpfoelgning]:
    found = [
        AabenOpfoelgning(moede, punkt, opf)
        for moede in moeder_sorted(data)
        for punkt in moede.alle_punkter()
        for opf in punkt.opfoelgning
        if opf.status == "aaben"
    ]
    return sorted(found, key=lambda a: (a.opfoelgning.frist is None, a.opfoelgning.frist or date.min, moede_key(a.moede)))


def seneste_tendenser(data: KommuneData, today: date, limit: int = 6) -> list[tuple[Any, list[str]]]:
    """The most recent held meetings that recorded trends, newest first."""
    held = [m for m in moeder_sorted(data) if m.status == "afholdt" and m.dato <= today]
    result = []
    for moede in reversed(held):
        tags = _unique(t for punkt in moede.alle_punkter() for t in punkt.tendenser)
        if tags:
            result.append((moede, tags))
        if len(result) == limit:
            break
    return result


def _unique(values) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


def distrikt(lookup: Lookup, moede: Any) -> str:
    forum = lookup.forum(moede.forum)
    if forum is None:
        return moede.forum
    return forum.distrikt or forum.navn


@dataclass
class Tendenskort:
    """Trend × district × month, from the records of held meetings."""

    distrikter: list[str] = field(default_factory=list)
    maaneder: list[tuple[int, int]] = field(default_factory=list)
    tendenser: list[str] = field(default_factory=list)
    celler: dict[tuple[str, str, tuple[int, int]], list[Any]] = field(default_factory=dict)

    def celle(self, distrikt: str, tendens: str, maaned: tuple[int, int]) -> list[Any]:
        return self.celler.get((distrikt, tendens, maaned), [])

    def tendenser_i(self, distrikt: str) -> list[str]:
        return [t for t, _ in self.raekker(distrikt)]

    def raekker(self, distrikt: str) -> list[tuple[str, list[Sequence[Any]]]]:
        """The district's rows: each trend discussed there, with its cells month by month (the
        meetings, mostly none). Built here rather than cell by cell in the template:
        the map of a large municipality has tens of thousands of cells."""
        rows = self._rows().get(distrikt, {})
        return [(t, [rows[t].get(month, _NO_MEETINGS) for month in self.maaneder]) for t in self.tendenser if t in rows]

    def _rows(self) -> dict[str, dict[str, dict[tuple[int, int], list[Any]]]]:
        # district → trend → month → meetings; kept outside the dataclass fields (derived
        # from `celler`, so the incremental build's fingerprint of the page need not see it).
        rows = self.__dict__.get("_rows_cache")
        if rows is None:
            rows = {}
            for (where, tag, month), moeder in self.celler.items():
                rows.setdefault(where, {}).setdefault(tag, {})[month] = moeder
            self.__dict__["_rows_cache"] = rows
        return rows


_NO_MEETINGS: tuple[Any, ...] = ()


def tendenskort(data: KommuneData, lookup: Lookup) -> Tendenskort:
    kort = Tendenskort()
    vocabulary_order = [b.id for b in data.vokabular.tendenser]
    for moede in moeder_sorted(data):
        if moede.status != "afholdt":
            continue
        month = (moede.dato.year, moede.dato.month)
        where = distrikt(lookup, moede)
        for tag in _unique(t for punkt in moede.alle_punkter() for t in punkt.tendenser):
            kort.celler.setdefault((where, tag, month), []).append(moede)
    kort.distrikter = sorted({k[0] for k in kort.celler}, key=sorteringsnoegle)
    kort.maaneder = _month_range({k[2] for k in kort.celler})
    used = {k[1] for k in kort.celler}
    kort.tendenser = [t for t in vocabulary_order if t in used] + sorted(used - set(vocabulary_order))
    return kort


def _month_range(months: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every month from the first to the last, so a quiet month shows as a gap, not nothing."""
    if not months:
        return []
    (year, month), last = min(months), max(months)
    result = []
    while (year, month) <= last:
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


@dataclass(frozen=True)
class Daekning:
    klassetrin: int
    obligatoriske: list[Any]
    anbefalede: list[Any]
    kraeves: bool
    """True where the coverage rule applies (daekning_fra..daekning_til)."""
    opfyldt: bool


def pensum_daekning(pensum: Any) -> list[Daekning]:
    rows = []
    grades = sorted({g for f in pensum.forloeb for g in f.klassetrin} | set(range(pensum.daekning_fra, pensum.daekning_til + 1)))
    for grade in grades:
        mandatory = [f for f in pensum.forloeb if grade in f.klassetrin and f.status == "obligatorisk"]
        recommended = [f for f in pensum.forloeb if grade in f.klassetrin and f.status == "anbefalet"]
        required = pensum.daekning_fra <= grade <= pensum.daekning_til
        rows.append(Daekning(grade, mandatory, recommended, required, len(mandatory) >= pensum.mindst_pr_klassetrin))
    return rows


@dataclass
class MaalDaekning:
    """A grade band of a curriculum whose learning goals are mandatory."""

    trin: Any
    antal: int
    kraeves: bool
    """True where the band shares a grade with daekning_fra..daekning_til."""


def pensum_maal_daekning(pensum: Any) -> list[MaalDaekning]:
    return [
        MaalDaekning(
            trin,
            sum(1 for m in pensum.laeringsmaal if m.trin == trin.id),
            not (trin.klassetrin_til < pensum.daekning_fra or trin.klassetrin_fra > pensum.daekning_til),
        )
        for trin in pensum.trin
    ]


def laeringsmaal(pensum: Any, emne: str | None, trin: str) -> list[str]:
    return [m.tekst for m in pensum.laeringsmaal if m.emne == emne and m.trin == trin]


@dataclass
class Knude:
    """A forum in the organisation tree."""

    forum: Any
    children: list["Knude"] = field(default_factory=list)
    instanser: str | None = None
    """For a forum kind: how many instances are in force, «14 skoler» (forumtekst.antal_instanser)."""
    grupper: list[str] = field(default_factory=list)
    """For a forum kind: the ids of its instances in force, for the list under the diagram."""

    @property
    def navn(self) -> str:
        """The name the diagram and the list show: «SSP-team (14 skoler)» for a kind."""
        return f"{self.forum.navn} ({self.instanser})" if self.instanser else self.forum.navn


def organisation(data: KommuneData, lookup: Lookup, today: date | None = None) -> list[Knude]:
    """Fora as a forest by `overordnet`; a parent outside the view makes the forum a root.
    A kind's instances are not nodes (the kind's box counts them), and a forum that ended
    before `today` is not drawn (the organisation page lists it under «Tidligere fora»)."""
    order = {name: i for i, name in enumerate(lookup.niveau_orden())}

    def key(forum: Any) -> tuple:
        return (order.get(forum.niveau, len(order)), sorteringsnoegle(forum.navn))

    fora = [
        item.value for item in data.fora.values()
        if getattr(item.value, "instans_af", None) is None and not ophoert(item.value, today)
    ]
    nodes = {f.id: Knude(f, instanser=_antal(f, today), grupper=[i.id for i in f.instanser if not ophoert(i, today)])
             for f in fora}
    roots = []
    for forum in sorted(fora, key=key):
        parent = forum.overordnet
        if parent in nodes and parent != forum.id and not _creates_cycle(nodes, forum.id, parent):
            nodes[parent].children.append(nodes[forum.id])
        else:
            roots.append(nodes[forum.id])
    return roots


def _antal(forum: Any, today: date | None) -> str | None:
    current = [i for i in forum.instanser if not ophoert(i, today)]
    return antal_instanser(current) if current else None


def _creates_cycle(nodes: dict[str, Knude], child: str, parent: str) -> bool:
    seen = set()
    current = parent
    while current is not None and current not in seen:
        if current == child:
            return True
        seen.add(current)
        forum = nodes.get(current)
        current = forum.forum.overordnet if forum else None
    return False
