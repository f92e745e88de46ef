"""The trend overview on the trend page: trends × districts × periods, counted from the records
of held meetings, so the coordination group sees at a glance where a trend came up lately.

The period is the quarter, or the half-year where no district meets more than twice a year
(a forum that meets twice a year would show three empty quarters out of four). Districts come
from the meetings and from the fora's `distrikt`, so a district with no meetings is shown as
such rather than dropped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from markupsafe import Markup

from ..render.danish import sorteringsnoegle
from ..validate.load import KommuneData
from .derived import _unique, distrikt, moeder_sorted
from .tendensdiagram import diagram
from .view import Lookup


@dataclass(frozen=True, order=True)
class Periode:
    aar: int
    nummer: int
    """The quarter (1–4), or the half-year (1–2)."""
    halvaar: bool

    @staticmethod
    def af(dag: date, halvaar: bool) -> "Periode":
        return Periode(dag.year, (dag.month - 1) // 6 + 1 if halvaar else (dag.month - 1) // 3 + 1, halvaar)

    def naeste(self) -> "Periode":
        last = 2 if self.halvaar else 4
        return Periode(self.aar + 1, 1, self.halvaar) if self.nummer == last else Periode(self.aar, self.nummer + 1, self.halvaar)

    @property
    def noegle(self) -> str:
        return f"{self.aar}-{'h' if self.halvaar else 'k'}{self.nummer}"

    @property
    def navn(self) -> str:
        return f"{self.nummer}. {'halvår' if self.halvaar else 'kvartal'} {self.aar}"

    @property
    def kort_navn(self) -> str:
        """For the chart's axis, where space is short."""
        return f"{self.nummer}. {'hå.' if self.halvaar else 'kv.'} {self.aar}"


NIVEAUER: tuple[tuple[int, str], ...] = ((0, "ikke drøftet"), (1, "ét møde"), (2, "to møder"),
                                        (3, "tre til fire møder"), (5, "fem møder eller flere"))
"""The heat scale: the smallest count of each level and its words (the legend)."""


def niveau(antal: int) -> int:
    return max(i for i, (fra, _) in enumerate(NIVEAUER) if antal >= fra)


@dataclass(frozen=True)
class Celle:
    periode: Periode
    antal: int | None
    """How many of the district's held meetings in the period discussed the trend; None when
    the district held no meetings in the period."""
    moeder: tuple[Any, ...]
    anker: str
    """The id of the list of these meetings on the page (used when there are several)."""
    adresse: str | None
    """The site path of the meeting when there is exactly one."""

    @property
    def niveau(self) -> int:
        return niveau(self.antal or 0)


@dataclass(frozen=True)
class DistriktRaekke:
    distrikt: str
    celler: tuple[Celle, ...]
    """Newest period first."""
    moeder_i_alt: int
    """The district's held meetings in all periods (0: «ingen møder i perioden»)."""


@dataclass(frozen=True)
class TendensKort:
    tendens: str
    navn: str
    beskrivelse: str | None
    antal: int
    seneste: date
    raekker: tuple[DistriktRaekke, ...]
    i_alt: tuple[int, ...]
    """Meetings per period over all districts, newest first (the chart's data table)."""
    distrikter_seneste: int
    """In how many districts it came up in the newest period."""
    diagram: Markup

    def flere(self) -> list[tuple[str, Celle]]:
        """The cells with several meetings, which link to a list of them on the page."""
        return [(row.distrikt, cell) for row in self.raekker for cell in row.celler if (cell.antal or 0) > 1]


@dataclass(frozen=True)
class Tendensoversigt:
    halvaar: bool
    perioder: tuple[Periode, ...]
    """Newest first, every period from the first meeting to the last (quiet ones too)."""
    distrikter: tuple[str, ...]
    tendenser: tuple[TendensKort, ...]
    """Most recently discussed first."""

    @property
    def niveauer(self) -> tuple[tuple[int, str], ...]:
        return NIVEAUER

    @property
    def periodeord(self) -> str:
        return "halvår" if self.halvaar else "kvartal"


def tendensoversigt(data: KommuneData, lookup: Lookup, url_for: Callable[[str, Any], str | None]) -> Tendensoversigt:
    held = [m for m in moeder_sorted(data) if m.status == "afholdt"]
    tagged = {m.id: _unique(t for punkt in m.alle_punkter() for t in punkt.tendenser) for m in held}
    districts = _districts(data, lookup, held, tagged)
    held = [m for m in held if distrikt(lookup, m) in districts]
    halvaar = _twice_a_year_at_most(lookup, held)
    periods = _periods({Periode.af(m.dato, halvaar) for m in held})
    meetings_in: dict[tuple[str, Periode], int] = {}
    found: dict[tuple[str, str, Periode], list[Any]] = {}
    for moede in held:
        where, when = distrikt(lookup, moede), Periode.af(moede.dato, halvaar)
        meetings_in[(where, when)] = meetings_in.get((where, when), 0) + 1
        for tag in tagged[moede.id]:
            found.setdefault((tag, where, when), []).append(moede)
    order = [b.id for b in data.vokabular.tendenser]
    used = {tag for tag, _, _ in found}
    trends = [t for t in order if t in used] + sorted(used - set(order))
    cards = [_card(t, lookup, districts, periods, meetings_in, found, url_for) for t in trends]
    cards.sort(key=lambda c: (-c.seneste.toordinal(), sorteringsnoegle(c.navn)))
    return Tendensoversigt(halvaar, tuple(periods), tuple(districts), tuple(cards))


def _districts(data: KommuneData, lookup: Lookup, held: list[Any], tagged: dict[str, list[str]]) -> list[str]:
    """The districts of the map: where trends were recorded, and every forum's district."""
    names = {distrikt(lookup, m) for m in held if tagged[m.id]}
    names |= {item.value.distrikt for item in data.fora.values() if item.value.distrikt}
    return sorted(names, key=sorteringsnoegle)


def _twice_a_year_at_most(lookup: Lookup, held: list[Any]) -> bool:
    per_year: dict[tuple[str, int], int] = {}
    for moede in held:
        key = (distrikt(lookup, moede), moede.dato.year)
        per_year[key] = per_year.get(key, 0) + 1
    return bool(per_year) and max(per_year.values()) <= 2


def _periods(seen: set[Periode]) -> list[Periode]:
    if not seen:
        return []
    period, last, result = min(seen), max(seen), []
    while period <= last:
        result.append(period)
        period = period.naeste()
    return result[::-1]


def _card(tendens: str, lookup: Lookup, districts: list[str], periods: list[Periode],
          meetings_in: dict[tuple[str, Periode], int], found: dict[tuple[str, str, Periode], list[Any]],
          url_for: Callable[[str, Any], str | None]) -> TendensKort:
    rows = []
    for index, where in enumerate(districts, start=1):
        cells = []
        for period in periods:
            moeder = tuple(found.get((tendens, where, period), ()))
            held = meetings_in.get((where, period), 0)
            anker = f"moeder-{tendens}-{index}-{period.noegle}"
            only = url_for("moede", moeder[0].id) if len(moeder) == 1 else None
            cells.append(Celle(period, len(moeder) if held else None, moeder, anker, only))
        rows.append(DistriktRaekke(where, tuple(cells), sum(meetings_in.get((where, p), 0) for p in periods)))
    totals = tuple(sum(row.celler[i].antal or 0 for row in rows) for i in range(len(periods)))
    everything = [m for (t, _, _), ms in found.items() if t == tendens for m in ms]
    begreb = lookup.begreb("tendenser", tendens)
    navn = lookup.navn("tendenser", tendens)
    newest = sum(1 for row in rows if row.celler and row.celler[0].antal)
    return TendensKort(
        tendens=tendens, navn=navn,
        beskrivelse=begreb.beskrivelse if begreb is not None and begreb.beskrivelse else None,
        antal=len(everything), seneste=max(m.dato for m in everything), raekker=tuple(rows), i_alt=totals,
        distrikter_seneste=newest, diagram=diagram(tendens, navn, periods[::-1], totals[::-1]),
    )
