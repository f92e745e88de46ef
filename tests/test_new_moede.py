"""A meeting in one click: `sspgen new moede` starts from the forum's template, place, time,
participants and a notice that lands on a working day; Danish days off are computed right.

The CLI tests run `python -m sspgen.cli` on folders made in the test (or copies of data/), and
every file written must leave `sspgen check` exactly as it was.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sspgen.danish_calendar import fridag, fridage, is_working_day, previous_working_day
from sspgen.read.yamlfile import parse_yaml
from test_new import ROOT, diagnostics, sspgen, write

# --------------------------------------------------------------------------------------------
# Danish days off


def gregorian_easter(year: int) -> date:
    """The anonymous Gregorian algorithm (Meeus/Jones/Butcher), independent of dateutil."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


@pytest.mark.parametrize("year", range(1950, 2101))
def test_easter_days_follow_the_gregorian_algorithm(year: int) -> None:
    by_name = {name: day for day, name in fridage(year).items()}
    assert by_name["påskedag"] == gregorian_easter(year)
    assert by_name["langfredag"] == gregorian_easter(year) - timedelta(days=2)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2023, {"2023-04-06": "skærtorsdag", "2023-04-07": "langfredag", "2023-04-09": "påskedag",
                "2023-04-10": "2. påskedag", "2023-05-05": "store bededag", "2023-05-18": "Kristi himmelfartsdag",
                "2023-05-28": "pinsedag", "2023-05-29": "2. pinsedag"}),
        (2024, {"2024-03-28": "skærtorsdag", "2024-03-29": "langfredag", "2024-03-31": "påskedag",
                "2024-04-01": "2. påskedag", "2024-05-09": "Kristi himmelfartsdag", "2024-05-19": "pinsedag",
                "2024-05-20": "2. pinsedag"}),
        (2026, {"2026-04-02": "skærtorsdag", "2026-04-03": "langfredag", "2026-04-05": "påskedag",
                "2026-04-06": "2. påskedag", "2026-05-14": "Kristi himmelfartsdag", "2026-05-24": "pinsedag",
                "2026-05-25": "2. pinsedag"}),
        (2027, {"2027-03-25": "skærtorsdag", "2027-03-26": "langfredag", "2027-03-28": "påskedag",
                "2027-03-29": "2. påskedag", "2027-05-06": "Kristi himmelfartsdag", "2027-05-16": "pinsedag",
                "2027-05-17": "2. pinsedag"}),
    ],
)
def test_days_off_of_known_years(year: int, expected: dict[str, str]) -> None:
    fixed = {f"{year}-01-01": "nytårsdag", f"{year}-06-05": "grundlovsdag", f"{year}-12-24": "juleaftensdag",
             f"{year}-12-25": "juledag", f"{year}-12-26": "2. juledag", f"{year}-12-31": "nytårsaftensdag"}
    assert {day.isoformat(): name for day, name in fridage(year).items()} == {**expected, **fixed}


def test_store_bededag_is_a_working_day_from_2024() -> None:
    assert fridag(date(2023, 5, 5)) == "store bededag"
    assert is_working_day(date(2024, 4, 26))  # would have been store bededag
    assert is_working_day(date(2026, 5, 1))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-04", "2026-03-04"),  # a Wednesday stays
        ("2026-03-15", "2026-03-13"),  # Sunday → Friday
        ("2026-04-06", "2026-04-01"),  # 2. påskedag, påskedag, Saturday, langfredag, skærtorsdag
        ("2026-05-14", "2026-05-13"),  # Kristi himmelfartsdag
        ("2026-05-25", "2026-05-22"),  # 2. pinsedag, pinsedag, Saturday
        ("2026-06-05", "2026-06-04"),  # grundlovsdag
        ("2026-12-26", "2026-12-23"),  # 2. juledag, juledag, juleaftensdag
        ("2027-01-01", "2026-12-30"),  # nytårsdag, nytårsaftensdag
        ("2023-05-05", "2023-05-04"),  # store bededag while it existed
    ],
)
def test_previous_working_day(day: str, expected: str) -> None:
    assert previous_working_day(date.fromisoformat(day)).isoformat() == expected


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_previous_working_day_is_the_nearest_working_day_not_after(day: date) -> None:
    found = previous_working_day(day)
    assert found <= day and found.weekday() < 5 and found not in fridage(found.year)
    between = found + timedelta(days=1)
    while between <= day:  # every day skipped was a weekend or a day off
        assert fridag(between) is not None
        between += timedelta(days=1)


# --------------------------------------------------------------------------------------------
# The meeting `new` writes


def walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def all_fora(root: Path) -> list[tuple[str, str]]:
    """(kommune, forum) for every forum file under data/ (never a hard-coded list)."""
    return sorted((path.parts[-3], path.stem) for path in (root / "data").glob("*/fora/*.yaml"))


def ended_before(root: Path, kommune: str, forum: str, day: date) -> bool:
    """Whether the forum file has a «gyldig_til» before ``day``."""
    document, _ = parse_yaml((root / "data" / kommune / "fora" / f"{forum}.yaml").read_bytes(), f"{forum}.yaml")
    ended = document.data.get("gyldig_til")
    return ended is not None and date.fromisoformat(str(ended)) < day


def template_titles(root: Path, kommune: str) -> set[tuple[str, str]]:
    """(nummer, titel) of every template point in the municipality's kommissorier."""
    found = set()
    for path in (root / "data" / kommune / "kommissorier").glob("*.yaml"):
        document, _ = parse_yaml(path.read_bytes(), path.name)
        versions = [v.get("punkter") or [] for v in document.data.get("dagsordensskabeloner") or []]
        for points in [document.data.get("dagsordensskabelon") or [], *versions]:
            for point in points:
                found.add((point["nummer"], point["titel"]))
    return found


def test_every_forum_of_every_example_gets_a_meeting_that_passes_check(tmp_path: Path) -> None:
    for folder in ("data", "content"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    before = diagnostics(tmp_path)
    fora = all_fora(tmp_path)
    assert fora
    written = []
    for kommune, forum in fora:
        if ended_before(tmp_path, kommune, forum, date(2027, 4, 13)):
            continue  # a forum that has ended gets no new meeting (check warns: moede.uden-for-gyldighed)
        # 2027-04-13 minus a 30-day notice is Sunday 14 March: the deadline moves to Friday.
        result = sspgen("new", "moede", "--forum", forum, "--dato", "2027-04-13", "--kommune", kommune, str(tmp_path))
        assert result.returncode == 0, (forum, result.stderr)
        file = tmp_path / "data" / kommune / "moeder" / f"2027-04-13-{forum}.yaml"
        document, problems = parse_yaml(file.read_bytes(), file.name)
        assert problems == []
        meeting = document.data
        assert all(value not in ("", [], {}, None) for value in walk(meeting)), meeting
        titles = template_titles(tmp_path, kommune)
        for point in meeting.get("dagsorden", []):
            assert set(point) <= {"nummer", "titel", "enkeltsager", "underpunkter"}, point
            assert (point["nummer"], point["titel"]) in titles
        if "indkaldt" in meeting:
            assert is_working_day(date.fromisoformat(meeting["indkaldt"]))
        written.append((kommune, forum, meeting))
    assert diagnostics(tmp_path) == before
    # The examples have networks with a template and a notice, and one forum that meets like
    # its earlier meetings; at least one is metadata-only and gets no agenda.
    assert any(m.get("dagsorden") for _, _, m in written)
    assert any(m.get("indkaldt") == "2027-03-12" for _, _, m in written)
    assert any("tid" in m and "sted" in m for _, _, m in written)
    assert any("dagsorden" not in m and m["type"] == "akutmoede" for _, _, m in written)


@pytest.fixture
def byen(tmp_path: Path) -> Path:
    """A municipality with a template point that has a description, questions, examples and
    individual cases, a forum with fixed and occasional roles, and earlier meetings."""
    write(tmp_path, "data/byen/kommune.yaml", "slug: byen\nnavn: Byen Kommune\nmaalgruppe:\n  klassetrin_fra: 0\n  klassetrin_til: 10\n")
    for aktoer, kind in (("ssp-enheden", "ssp"), ("byskolen", "skole"), ("aaskolen", "skole"), ("politiet", "politi")):
        write(tmp_path, f"data/byen/aktoerer/{aktoer}.yaml", f"id: {aktoer}\nnavn: {aktoer.title()}\ntype: {kind}\n")
    write(tmp_path, "data/byen/fora/netvaerk.yaml", """\
id: netvaerk
navn: Netværket
type: netvaerk
niveau: operationelt
formaal: Kortlægning.
kommissorium: kommissorium
skoler:
  - byskolen
  - aaskolen
sammensaetning:
  - rolle: Tovholder
    aktoer: ssp-enheden
    tovholder: ja
  - rolle: SSP-lærer fra hver skole
    aktoertype: skole
  - rolle: Politiet
    aktoer: politiet
    deltagelse: efter behov
""")
    write(tmp_path, "data/byen/kommissorier/kommissorium.yaml", """\
id: kommissorium
titel: Kommissorium for netværket
fora:
  - netvaerk
formaal: Netværket kortlægger tendenser.
forberedelse:
  varsel_dage: 30
dagsordensskabelon:
  - nummer: 1
    titel: Tendenser
    beskrivelse: |
      Hvad rører sig
      i distriktet?
    spoergsmaal:
      - "Hvad ser I: knive, rusmidler?"
    eksempler:
      - bekymringssamtaler
  - nummer: 2
    titel: Enkeltsager
    enkeltsager: ja
    spoergsmaal:
      - Er der sager til sagssystemet?
""")
    for day, tid, sted in (("2026-01-13", "13.00", "Byskolen"), ("2026-02-10", "13.00", "Byskolen"),
                           ("2026-03-10", "15.00", "Rådhuset")):
        write(tmp_path, f"data/byen/moeder/{day}-netvaerk.yaml", f"""\
id: {day}-netvaerk
forum: netvaerk
type: netvaerksmoede
dato: {day}
tid: "{tid}"
slut: "{int(tid[:2]) + 2}.00"
sted: {sted}
status: afholdt
dagsorden:
  - nummer: 1
    titel: Tendenser
  - nummer: 2
    titel: Enkeltsager
""")
    assert diagnostics(tmp_path) == [], diagnostics(tmp_path)
    return tmp_path


def test_new_moede_hints_participants_usual_place_and_holiday_deadline(byen: Path) -> None:
    # 2026-05-03 minus 30 days is langfredag 3 April; skærtorsdag is off too: Wednesday 1 April.
    result = sspgen("new", "moede", "--forum", "netvaerk", "--dato", "2026-05-03", str(byen))
    assert result.returncode == 0, result.stderr
    assert "Send indkaldelsen senest onsdag den 1. april 2026" in result.stdout
    assert "3. april 2026 er langfredag, så fristen er rykket til arbejdsdagen før" in result.stdout
    assert "seneste møder" in result.stdout
    file = byen / "data/byen/moeder/2026-05-03-netvaerk.yaml"
    text = file.read_text(encoding="utf-8")
    document, problems = parse_yaml(file.read_bytes(), file.name)
    assert problems == []
    assert document.data["indkaldt"] == "2026-04-01"
    # The usual place and time of the latest meetings (2 of 3), with their usual end.
    assert (document.data["tid"], document.data["slut"], document.data["sted"]) == ("13.00", "15.00", "Byskolen")
    # Fixed roles only; a role by actor type stands for the forum's schools of that type.
    assert document.data["deltagende_aktoerer"] == ["ssp-enheden", "byskolen", "aaskolen"]
    assert document.data["dagsorden"] == [
        {"nummer": "1", "titel": "Tendenser"},
        {"nummer": "2", "titel": "Enkeltsager", "enkeltsager": "ja"},
    ]
    assert (
        "    # Hjælp: Hvad rører sig i distriktet?\n"
        "    # Hjælp: Hvad ser I: knive, rusmidler?\n"
        "    # Eksempel: bekymringssamtaler\n"
        "    titel: Tendenser\n"
        "  - nummer: 2\n"
    ) in text
    assert "    # Hjælp: Er der sager til sagssystemet?\n" in text
    assert diagnostics(byen) == []


def test_the_forums_own_place_and_time_win_over_its_meetings(byen: Path) -> None:
    forum = byen / "data/byen/fora/netvaerk.yaml"
    forum.write_text(forum.read_text(encoding="utf-8") + 'sted: Ungehuset\ntidspunkt: "09.30"\n', encoding="utf-8")
    # 2026-03-06 minus 30 days is Wednesday 4 February: a working day, not moved.
    result = sspgen("new", "moede", "--forum", "netvaerk", "--dato", "2026-03-06", str(byen))
    assert result.returncode == 0, result.stderr
    assert "rykket" not in result.stdout and "seneste møder" not in result.stdout
    document, _ = parse_yaml((byen / "data/byen/moeder/2026-03-06-netvaerk.yaml").read_bytes(), "m")
    assert (document.data["tid"], document.data["sted"], document.data["indkaldt"]) == ("09.30", "Ungehuset", "2026-02-04")
    assert "slut" not in document.data  # no usual length, and no earlier meeting began at 09.30
    assert diagnostics(byen) == []


def test_a_meeting_on_a_date_taken_is_refused_and_nothing_changes(byen: Path) -> None:
    file = byen / "data/byen/moeder/2026-01-13-netvaerk.yaml"
    before = file.read_bytes()
    result = sspgen("new", "moede", "--forum", "netvaerk", "--dato", "2026-01-13", str(byen))
    assert result.returncode == 1 and "findes allerede" in result.stderr and "Traceback" not in result.stderr
    assert file.read_bytes() == before


def test_a_new_meeting_follows_the_template_version_in_force_with_its_sub_points(byen: Path) -> None:
    kommissorium = byen / "data/byen/kommissorier/kommissorium.yaml"
    kommissorium.write_text(kommissorium.read_text(encoding="utf-8") + """\
dagsordensskabeloner:
  - id: fra-2027
    gyldig_fra: 2027-01-01
    punkter:
      - nummer: 1
        titel: Nyt fra skolerne
        underpunkter:
          - nummer: 1
            titel: Byskolen
          - nummer: 2
            titel: Åskolen
      - nummer: 2
        titel: Temapunkt
        gentages: ja
""", encoding="utf-8")
    assert diagnostics(byen) == []  # the old meetings keep following the plain template
    result = sspgen("new", "moede", "--forum", "netvaerk", "--dato", "2027-04-13", "--kommune", "byen", str(byen))
    assert result.returncode == 0, result.stderr
    file = byen / "data/byen/moeder/2027-04-13-netvaerk.yaml"
    document, problems = parse_yaml(file.read_bytes(), file.name)
    assert problems == []
    points = document.data["dagsorden"]
    assert [(p["nummer"], p["titel"]) for p in points] == [("1", "Nyt fra skolerne"), ("2", "Temapunkt")]
    assert [(u["nummer"], u["titel"]) for u in points[0]["underpunkter"]] == [("1", "Byskolen"), ("2", "Åskolen")]
    assert diagnostics(byen) == []
