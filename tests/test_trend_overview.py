"""The trend overview on the intranet's trend page (tendenser/): trends × districts × periods.

The examples are copied and built with the real CLI (--uden-pdf). Each municipality that records
trends also gets one extra district forum with no meetings («Prøvedal», fictional), so the
«ingen møder» case is exercised on every example. The counts on the page are compared with
counts made here, independently, from the meeting YAML files (yaml.safe_load)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from site_helpers import copy_examples, fora_with_instances, run_build

DEFAULTS = Path(__file__).resolve().parent.parent / "sspgen" / "defaults" / "vokabular.yaml"
EMPTY_DISTRICT = "Prøvedal"
EMPTY_FORUM_ID = "ssp-netvaerk-proevedal"


# -- independent counts from the YAML files ----------------------------------------------------


@dataclass
class Expected:
    halvaar: bool
    districts: set[str]
    held: dict[tuple[str, str], int]
    """(district, period key) → held meetings."""
    counts: dict[tuple[str, str, str], list[str]]
    """(trend id, district, period key) → meeting ids."""
    names: dict[str, str]
    """trend id → display name."""


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _period(day: date, halvaar: bool) -> str:
    return f"{day.year}-h{(day.month - 1) // 6 + 1}" if halvaar else f"{day.year}-k{(day.month - 1) // 3 + 1}"


def _trends(meeting: dict) -> list[str]:
    return list(dict.fromkeys(t for point in meeting.get("dagsorden") or [] for t in point.get("tendenser") or []))


def expected_for(kommune: Path) -> Expected:
    fora = fora_with_instances(kommune / "fora")
    where = {fid: f.get("distrikt") or f["navn"] for fid, f in fora.items()}
    held = [m for m in map(_load, sorted((kommune / "moeder").glob("*.yaml"))) if m.get("status") == "afholdt"]
    districts = {where.get(m["forum"], m["forum"]) for m in held if _trends(m)}
    districts |= {f["distrikt"] for f in fora.values() if f.get("distrikt")}
    held = [m for m in held if where.get(m["forum"], m["forum"]) in districts]
    per_year: dict[tuple[str, int], int] = defaultdict(int)
    for m in held:
        per_year[(where[m["forum"]], m["dato"].year)] += 1
    halvaar = max(per_year.values()) <= 2
    meetings: dict[tuple[str, str], int] = defaultdict(int)
    counts: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for m in held:
        key = (where[m["forum"]], _period(m["dato"], halvaar))
        meetings[key] += 1
        for trend in _trends(m):
            counts[(trend, *key)].append(m["id"])
    names = {t: b["navn"] for t, b in vocabulary(kommune).items()}
    return Expected(halvaar, districts, dict(meetings), dict(counts), names)


def vocabulary(kommune: Path) -> dict[str, dict]:
    """The trends of the vocabulary: sspgen's defaults, extended and overridden by the
    municipality's own vokabular.yaml (as README describes)."""
    found = {b["id"]: b for b in _load(DEFAULTS).get("tendenser") or []}
    own = kommune / "vokabular.yaml"
    if own.is_file():
        found.update({b["id"]: b for b in _load(own).get("tendenser") or []})
    return found


def municipalities_with_trends(data: Path) -> list[Path]:
    found = []
    for kommune in sorted(p for p in data.iterdir() if (p / "kommune.yaml").is_file()):
        meetings = map(_load, sorted((kommune / "moeder").glob("*.yaml"))) if (kommune / "moeder").is_dir() else []
        if any(m.get("status") == "afholdt" and _trends(m) for m in meetings):
            found.append(kommune)
    return found


# -- reading the page ----------------------------------------------------------------------------


@dataclass
class Cell:
    period: str
    text: str = ""
    hrefs: list[str] = field(default_factory=list)


@dataclass
class Card:
    trend: str
    rows: dict[str, list[Cell]] = field(default_factory=dict)
    """district → its cells (a single cell without period when it held no meetings at all)."""
    totals: list[Cell] = field(default_factory=list)
    """The «I alt» row: all districts per period (the chart's data table)."""


class OverviewParser(HTMLParser):
    """The trend cards, their table cells, and every element id → the links inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Card] = []
        self.header: list[str] = []
        self.lists: dict[str, list[str]] = {}
        self._section = False
        self._thead = False
        self._th: list[str] | None = None
        self._row: str | None = None
        self._cell: Cell | None = None
        self._li: str | None = None
        self._tfoot = False
        self.latest: Card | None = None
        """The table of the newest period: trend name → its cells, one per district."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and "sspgen-tendens" in (a.get("class") or "").split():
            self.cards.append(Card(a["id"].removeprefix("tendens-")))
            self._section = True
        elif tag == "table" and a.get("id") == "seneste-tabel":
            self.latest = Card("")
            self.cards.append(self.latest)
            self._section = True
        elif not self._section:
            return
        elif tag == "thead":
            self._thead, self.header = True, []
        elif tag == "tfoot":
            self._tfoot = True
        elif tag == "td" and self._tfoot:
            self._cell = Cell(a.get("data-label") or "")
            self.cards[-1].totals.append(self._cell)
        elif tag == "th" and a.get("scope") == "row" and not self._tfoot:
            self._th = []
        elif tag == "th" and self._thead:
            self._th = []
        elif tag == "td" and self._row is not None:
            self._cell = Cell(a.get("data-label") or "")
            self.cards[-1].rows[self._row].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell.hrefs.append(a["href"] or "")
        elif tag == "li" and a.get("id"):
            self._li = a["id"]
            self.lists[self._li] = []
        elif tag == "a" and self._li is not None:
            self.lists[self._li].append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" or (tag == "table" and self.cards and self.cards[-1] is self.latest):
            self._section = False
        elif tag == "thead":
            self._thead = False
        elif tag == "tfoot":
            self._tfoot = False
        elif tag == "th" and self._th is not None:
            text = " ".join("".join(self._th).split())
            if self._thead:
                self.header.append(text)
            else:
                self._row = text
                self.cards[-1].rows[text] = []
            self._th = None
        elif tag == "td":
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "li":
            self._li = None

    def handle_data(self, data: str) -> None:
        if self._th is not None:
            self._th.append(data)
        if self._cell is not None:
            self._cell.text += data


def period_key(name: str) -> str:
    """«2. kvartal 2026» → 2026-k2, «1. halvår 2026» → 2026-h1."""
    match = re.fullmatch(r"(\d)\. (kvartal|halvår) (\d{4})", name)
    assert match, f"ukendt periode i overblikket: {name!r}"
    return f"{match.group(3)}-{'h' if match.group(2) == 'halvår' else 'k'}{match.group(1)}"


# -- the build ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    root: Path
    out: Path


def _add_empty_district(kommune: Path) -> None:
    """A district network with no meetings, made from one of the municipality's own fora."""
    source = next(iter(sorted((kommune / "fora").glob("*.yaml"))))
    forum = _load(source)
    forum.update(id=EMPTY_FORUM_ID, navn=f"SSP-netværk {EMPTY_DISTRICT}", distrikt=EMPTY_DISTRICT)
    for key in ("kontakt", "email", "telefon"):
        forum.pop(key, None)
    (kommune / "fora" / f"{EMPTY_FORUM_ID}.yaml").write_text(
        yaml.safe_dump(forum, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_examples(tmp_path_factory.mktemp("repo"))
    for kommune in municipalities_with_trends(root / "data"):
        _add_empty_district(kommune)
    out = root / "out"
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return Build(root, out)


def _page(build: Build, kommune: Path) -> Path:
    return build.out / kommune.name / "intranet" / "tendenser" / "index.html"


def _parse(page: Path) -> OverviewParser:
    parser = OverviewParser()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.cards = [c for c in parser.cards if c is not parser.latest]
    return parser


def _kommuner(build: Build) -> list[Path]:
    found = municipalities_with_trends(build.root / "data")
    assert found, "ingen eksempelkommune har tendenser i sine referater"
    return found


# -- the tests --------------------------------------------------------------------------------------


def test_counts_equal_the_meeting_files(build: Build) -> None:
    for kommune in _kommuner(build):
        expected = expected_for(kommune)
        parsed = _parse(_page(build, kommune))
        trends = {t for t, _, _ in expected.counts}
        assert {c.trend for c in parsed.cards} == trends, kommune.name
        word = "halvår" if expected.halvaar else "kvartal"
        periods = [period_key(h) for h in parsed.header[1:]]
        assert periods and all(word in h for h in parsed.header[1:]), (kommune.name, parsed.header)
        assert periods == sorted(periods, reverse=True), "det nyeste periode skal stå først"
        for card in parsed.cards:
            assert set(card.rows) == expected.districts, (kommune.name, card.trend)
            for district, cells in card.rows.items():
                if not any(expected.held.get((district, p)) for p in periods):
                    assert [c.text.strip() for c in cells] == ["ingen møder i perioden"], (kommune.name, district)
                    continue
                assert [period_key(c.period) for c in cells] == periods
                for cell in cells:
                    key = period_key(cell.period)
                    if not expected.held.get((district, key)):
                        assert cell.text.strip() == "–ingen møder", (kommune.name, card.trend, district, key)
                        continue
                    count = len(expected.counts.get((card.trend, district, key), []))
                    shown = re.match(r"\d+", cell.text.strip())
                    assert shown and int(shown.group()) == count, (kommune.name, card.trend, district, key, cell.text)
            totals = [sum(len(expected.counts.get((card.trend, d, p), [])) for d in expected.districts) for p in periods]
            assert [int(c.text) for c in card.totals] == totals, (kommune.name, card.trend)


def test_the_newest_period_table_equals_the_meeting_files(build: Build) -> None:
    for kommune in _kommuner(build):
        expected = expected_for(kommune)
        parsed = _parse(_page(build, kommune))
        newest = period_key(parsed.header[1])  # the first card's newest period
        ids = {expected.names.get(t, t): t for t in {t for t, _, _ in expected.counts}}
        assert parsed.latest is not None and set(parsed.latest.rows) == set(ids), kommune.name
        for name, cells in parsed.latest.rows.items():
            by_district = {c.period: c.text.strip() for c in cells}
            spread = by_district.pop("Distrikter")
            assert set(by_district) == expected.districts
            seen = 0
            for district, text in by_district.items():
                if not expected.held.get((district, newest)):
                    assert text == "–ingen møder", (kommune.name, name, district)
                    continue
                count = len(expected.counts.get((ids[name], district, newest), []))
                assert int(re.match(r"\d+", text).group()) == count, (kommune.name, name, district)
                seen += count > 0
            assert spread == f"{seen} af {len(expected.districts)}", (kommune.name, name)


def test_every_count_links_to_the_meetings_behind_it(build: Build) -> None:
    checked = 0
    for kommune in _kommuner(build):
        expected = expected_for(kommune)
        page = _page(build, kommune)
        parsed = _parse(page)
        for card in parsed.cards:
            name = expected.names.get(card.trend, card.trend)
            for district, cells in card.rows.items():
                for cell in cells:
                    if not cell.period or not cell.text.strip()[:1].isdigit() or cell.text.strip() == "0":
                        assert not cell.hrefs, (kommune.name, card.trend, district, cell)
                        continue
                    assert len(cell.hrefs) == 1, (kommune.name, card.trend, district, cell)
                    href = cell.hrefs[0]
                    links = parsed.lists[href[1:]] if href.startswith("#") else [href]
                    ids = []
                    for link in links:
                        target = (page.parent / urlsplit(link).path).resolve()
                        assert target.is_file(), f"{page}: {link} findes ikke"
                        assert target.parent.parent.name == "moeder", link
                        # A trend inside a list is written in lower case («…, grupperinger og …»).
                        assert name.casefold() in target.read_text(encoding="utf-8").casefold(), \
                            f"{link} nævner ikke {name}"
                        ids.append(target.parent.name)
                    key = (card.trend, district, period_key(cell.period))
                    assert sorted(ids) == sorted(expected.counts[key]), (kommune.name, key)
                    checked += 1
    assert checked, "ingen celle med et tal blev kontrolleret"


def test_a_district_without_meetings_is_shown_as_such(build: Build) -> None:
    for kommune in _kommuner(build):
        parsed = _parse(_page(build, kommune))
        assert parsed.cards
        for card in parsed.cards:
            cells = card.rows.get(EMPTY_DISTRICT)
            assert cells is not None, f"{kommune.name}: {EMPTY_DISTRICT} mangler i {card.trend}"
            assert [c.text.strip() for c in cells] == ["ingen møder i perioden"]


def test_glossary_shown_where_filled_and_hidden_where_empty(build: Build) -> None:
    for kommune in _kommuner(build):
        entries = {t: (b.get("beskrivelse") or "").strip() for t, b in vocabulary(kommune).items()}
        html = _page(build, kommune).read_text(encoding="utf-8")
        for card in _parse(_page(build, kommune)).cards:
            section = html[html.index(f'id="tendens-{card.trend}"'):]
            section = section[: section.index("</section>")]
            text = entries.get(card.trend, "")
            if text:
                assert f'<p class="sspgen-begreb">{_escape(text)}</p>' in section, (kommune.name, card.trend)
            else:
                assert "sspgen-begreb" not in section, (kommune.name, card.trend)
        assert "<dd>–</dd>" not in html


def test_cards_are_ordered_by_most_recent_occurrence(build: Build) -> None:
    for kommune in _kommuner(build):
        expected = expected_for(kommune)
        dates = {m["id"]: m["dato"] for m in map(_load, (kommune / "moeder").glob("*.yaml"))}
        latest = defaultdict(lambda: date.min)
        for (trend, _, _), ids in expected.counts.items():
            latest[trend] = max([latest[trend], *(dates[i] for i in ids)])
        order = [c.trend for c in _parse(_page(build, kommune)).cards]
        assert [latest[t] for t in order] == sorted((latest[t] for t in order), reverse=True), kommune.name


def test_the_chart_has_a_title_a_description_and_every_number(build: Build) -> None:
    for kommune in _kommuner(build):
        html = _page(build, kommune).read_text(encoding="utf-8")
        charts = re.findall(r"<svg class=\"sspgen-tendensdiagram\".*?</svg>", html, re.S)
        assert len(charts) == len(_parse(_page(build, kommune)).cards)
        for chart in charts:
            assert 'role="img"' in chart and "<title " in chart
            description = re.search(r"<desc [^>]*>(.*?)</desc>", chart).group(1)
            bars = re.findall(r'class="tal">(\d+)<', chart)
            assert re.findall(r": (\d+) møde", description) == bars


def test_the_overview_is_deterministic(build: Build, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = run_build(build.root, again, "--uden-pdf")
    assert result.returncode == 0, result.stderr
    for kommune in _kommuner(build):
        first = _page(build, kommune).read_bytes()
        assert (again / kommune.name / "intranet" / "tendenser" / "index.html").read_bytes() == first


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_public_site_has_no_trend_page(build: Build) -> None:
    for kommune in _kommuner(build):
        assert not (build.out / kommune.name / "offentlig" / "tendenser").exists()
        assert "tendenser.js" not in (build.out / kommune.name / "offentlig" / "index.html").read_text(encoding="utf-8")

