"""`sspgen new`: the real CLI writes valid files, fills in the forum's template, never overwrites.

Every test runs `python3 -m sspgen.cli` in a subprocess against a folder made in the test,
and every file written is checked with the real `sspgen check` (it must add no diagnostic).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sspgen.read.yamlfile import parse_yaml
from sspgen.yamlemit import as_read, dump

ROOT = Path(__file__).resolve().parent.parent


def sspgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "sspgen.cli", *args],
        cwd=cwd or ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def diagnostics(root: Path) -> list[tuple[str, str, str]]:
    result = sspgen("check", "--format", "json", str(root))
    assert "Traceback" not in result.stderr
    return sorted((d["path"], d["code"], d["message"]) for d in json.loads(result.stdout))


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def testby(tmp_path: Path) -> Path:
    """One small municipality: a network that inherits its template from its parent forum."""
    write(tmp_path, "data/testby/kommune.yaml", """\
slug: testby
navn: Testby Kommune
maalgruppe:
  klassetrin_fra: 0
  klassetrin_til: 10
""")
    write(tmp_path, "data/testby/aktoerer/ssp-enheden.yaml", "id: ssp-enheden\nnavn: SSP-enheden\ntype: ssp\n")
    write(tmp_path, "data/testby/fora/ssp-netvaerk.yaml", """\
id: ssp-netvaerk
navn: SSP-netværket
type: netvaerksforum
niveau: operationelt
formaal: Samler netværkene.
kommissorium: kommissorium-netvaerk
""")
    write(tmp_path, "data/testby/fora/netvaerk-oester.yaml", """\
id: netvaerk-oester
navn: SSP-netværk Øster
type: netvaerk
niveau: operationelt
formaal: Kortlægning i Øster.
overordnet: ssp-netvaerk
distrikt: Øster
sted: Ungehuset, Øster
tidspunkt: "14.00"
moedefrekvens:
  gange: 1
  per: maaned
  varighed_minutter: 90
""")
    write(tmp_path, "data/testby/kommissorier/kommissorium-netvaerk.yaml", """\
id: kommissorium-netvaerk
titel: Kommissorium for SSP-netværk
fora:
  - ssp-netvaerk
formaal: Netværkene kortlægger tendenser.
forberedelse:
  varsel_dage: 30
dagsordensskabelon:
  - nummer: 2
    titel: Tendenser
    spoergsmaal:
      - "Hvad ser I: knive, rusmidler?"
  - nummer: 1
    titel: Afdækning og kortlægning
    spoergsmaal:
      - Hvad sker der i bydelen?
      - nej
  - nummer: 3
    titel: Evt.
""")
    write(tmp_path, "data/testby/planer/plan.yaml", """\
# A comment the staff wrote; it must survive.
id: plan
titel: SSP-plan
periode_fra: 2024
periode_til: 2027
indledning: Indledning.
politiske_maal:
  - id: tryghed
    titel: Oplevet tryghed
    beskrivelse: Borgerne skal føle sig trygge.
forebyggelsesniveauer:
  - id: opbyggende
    navn: Det opbyggende niveau
    indsatstype: proaktive indsatser
    beskrivelse: For alle.
indsatser:
  - id: gadeplan
    navn: Indsatser på gadeplan
    politiske_maal: [tryghed]
    forebyggelsesniveau: opbyggende

# The sections follow.
afsnit:
  - id: andet
    titel: Andet
    tekst: Tekst.
""")
    assert diagnostics(tmp_path) == []
    return tmp_path


def test_new_moede_fills_template_place_time_and_notice(testby: Path) -> None:
    result = sspgen("new", "moede", "--forum", "netvaerk-oester", "--dato", "2026-03-15", str(testby))
    assert result.returncode == 0, result.stderr
    assert "data/testby/moeder/2026-03-15-netvaerk-oester.yaml" in result.stdout
    assert "Send indkaldelsen senest fredag den 13. februar 2026" in result.stdout
    file = testby / "data/testby/moeder/2026-03-15-netvaerk-oester.yaml"
    text = file.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/moeder.schema.json\n")
    assert 'tid: "14.00"' in text
    document, problems = parse_yaml(file.read_bytes(), "m")
    assert problems == []
    assert document.data == {
        "id": "2026-03-15-netvaerk-oester",
        "forum": "netvaerk-oester",
        "type": "netvaerksmoede",
        "dato": "2026-03-15",
        "tid": "14.00",
        "slut": "15.30",
        "sted": "Ungehuset, Øster",
        "status": "planlagt",
        "indkaldt": "2026-02-13",
        "dagsorden": [
            {"nummer": "1", "titel": "Afdækning og kortlægning"},
            {"nummer": "2", "titel": "Tendenser"},
            {"nummer": "3", "titel": "Evt."},
        ],
    }
    # The template's questions are hints above the title, not agenda text.
    assert "    # Hjælp: Hvad ser I: knive, rusmidler?\n    titel: Tendenser\n" in text
    assert "    # Hjælp: nej\n" in text
    assert diagnostics(testby) == []


def test_new_moede_refuses_to_overwrite(testby: Path) -> None:
    args = ("new", "moede", "--forum", "netvaerk-oester", "--dato", "2026-03-15", str(testby))
    assert sspgen(*args).returncode == 0
    file = testby / "data/testby/moeder/2026-03-15-netvaerk-oester.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "# mine noter\n", encoding="utf-8")
    before = file.read_bytes()
    again = sspgen(*args)
    assert again.returncode == 1
    assert "findes allerede" in again.stderr and "overskriver aldrig" in again.stderr
    assert "Traceback" not in again.stderr
    assert file.read_bytes() == before


def test_new_moede_unknown_forum_lists_known_ones(testby: Path) -> None:
    result = sspgen("new", "moede", "--forum", "netvaerk-vester", "--dato", "2026-03-15", str(testby))
    assert result.returncode == 1
    assert "Forummet «netvaerk-vester» findes ikke" in result.stderr
    assert "netvaerk-oester" in result.stderr and "ssp-netvaerk" in result.stderr
    assert not (testby / "data/testby/moeder").exists()


def test_new_moede_bad_date_is_a_danish_usage_error(testby: Path) -> None:
    result = sspgen("new", "moede", "--forum", "netvaerk-oester", "--dato", "15-03-2026", str(testby))
    assert result.returncode == 2
    assert "ÅÅÅÅ-MM-DD" in result.stderr and "Traceback" not in result.stderr


def test_kommune_may_be_omitted_when_the_forum_is_unique(testby: Path) -> None:
    shutil.copytree(testby / "data/testby", testby / "data/andeby")
    shutil.rmtree(testby / "data/andeby/fora")
    for file in (testby / "data/andeby").rglob("*.yaml"):
        file.write_text(file.read_text(encoding="utf-8").replace("slug: testby", "slug: andeby"), encoding="utf-8")
    ok = sspgen("new", "moede", "--forum", "netvaerk-oester", "--dato", "2026-04-01", str(testby))
    assert ok.returncode == 0, ok.stderr
    assert (testby / "data/testby/moeder/2026-04-01-netvaerk-oester.yaml").is_file()
    ambiguous = sspgen("new", "aktoer", "--navn", "Klubben", "--type", "klub", str(testby))
    assert ambiguous.returncode == 2 and "--kommune" in ambiguous.stderr


def test_new_moede_in_the_examples_passes_check(tmp_path: Path) -> None:
    for folder in ("data", "content"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    before = diagnostics(tmp_path)
    result = sspgen("new", "moede", "--forum", "ssp-netvaerk-oester", "--dato", "2027-01-20", "--kommune", "brondby", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Send indkaldelsen senest" in result.stdout
    meeting = parse_yaml((tmp_path / "data/brondby/moeder/2027-01-20-ssp-netvaerk-oester.yaml").read_bytes(), "m")[0]
    assert len(meeting.data["dagsorden"]) >= 4  # the network inherits the kommissorium's template
    assert diagnostics(tmp_path) == before


def test_new_aktoer(testby: Path) -> None:
    result = sspgen("new", "aktoer", "--navn", "Klubben Øst", "--type", "klub", "--distrikt", "Øster", str(testby))
    assert result.returncode == 0, result.stderr
    document = parse_yaml((testby / "data/testby/aktoerer/klubben-oest.yaml").read_bytes(), "a")[0]
    assert document.data == {"id": "klubben-oest", "navn": "Klubben Øst", "type": "klub", "distrikt": "Øster"}
    assert diagnostics(testby) == []
    unknown = sspgen("new", "aktoer", "--navn", "X", "--type", "bibliotek", str(testby))
    assert unknown.returncode == 2 and "Kendte aktørtyper" in unknown.stderr
    again = sspgen("new", "aktoer", "--navn", "Klubben Øst", "--type", "klub", str(testby))
    assert again.returncode == 1 and "findes allerede" in again.stderr


def test_new_emne_creates_then_appends_preserving_text(testby: Path) -> None:
    first = sspgen("new", "emne", "--titel", "Unge og lattergas", "--forum", "netvaerk-oester", str(testby))
    assert first.returncode == 0, first.stderr
    file = testby / "data/testby/emnebank.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "# Sidste kommentar\n", encoding="utf-8")
    before = file.read_text(encoding="utf-8")
    second = sspgen("new", "emne", "--titel", "Knive: hvad gør vi?", "--beskrivelse", "ja", str(testby))
    assert second.returncode == 0, second.stderr
    after = file.read_text(encoding="utf-8")
    assert after.startswith(before.replace("# Sidste kommentar\n", ""))
    assert "# Sidste kommentar" in after
    document = parse_yaml(file.read_bytes(), "e")[0]
    assert [e["id"] for e in document.data["emner"]] == ["unge-og-lattergas", "knive-hvad-goer-vi"]
    assert document.data["emner"][1]["titel"] == "Knive: hvad gør vi?"
    assert document.data["emner"][1]["beskrivelse"] == "ja"
    assert diagnostics(testby) == []
    duplicate = sspgen("new", "emne", "--titel", "Unge og lattergas", str(testby))
    assert duplicate.returncode == 1 and "allerede" in duplicate.stderr
    assert file.read_text(encoding="utf-8") == after


def test_new_indsats_appends_to_the_plan_by_text(testby: Path) -> None:
    file = testby / "data/testby/planer/plan.yaml"
    before = file.read_text(encoding="utf-8")
    result = sspgen(
        "new", "indsats", "--navn", "Nattevandring", "--maal", "tryghed", "--niveau", "opbyggende",
        "--ansvarlig", "ssp-enheden", str(testby),
    )
    assert result.returncode == 0, result.stderr
    assert "under mål «Oplevet tryghed»" in result.stdout
    after = file.read_text(encoding="utf-8")
    added = "  - id: nattevandring\n    navn: Nattevandring\n    politiske_maal:\n      - tryghed\n" \
            "    forebyggelsesniveau: opbyggende\n    ansvarlige:\n      - ssp-enheden\n"
    anchor = "    forebyggelsesniveau: opbyggende\n"
    assert after == before.replace(anchor + "\n# The sections", anchor + added + "\n# The sections")
    assert diagnostics(testby) == []
    bad = sspgen("new", "indsats", "--navn", "X", "--maal", "ukendt", "--niveau", "opbyggende", str(testby))
    assert bad.returncode == 2 and "Kendte mål: tryghed" in bad.stderr
    assert file.read_text(encoding="utf-8") == after


def test_new_kommune_skeleton_passes_check(tmp_path: Path) -> None:
    result = sspgen("new", "kommune", "--slug", "koege", "--navn", "Køge Kommune", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data/koege/kommune.yaml").is_file()
    assert (tmp_path / "content/koege/saadan-arbejder-vi.md").is_file()
    assert diagnostics(tmp_path) == []
    check = sspgen("check", str(tmp_path))
    assert check.returncode == 0, check.stdout + check.stderr
    again = sspgen("new", "kommune", "--slug", "koege", "--navn", "Køge Kommune", str(tmp_path))
    assert again.returncode == 1 and "findes allerede" in again.stderr


def test_new_kommune_in_an_empty_folder_writes_the_schemas_its_lines_name(tmp_path: Path) -> None:
    result = sspgen("new", "kommune", "--slug", "koege", "--navn", "Køge Kommune", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "JSON Schema-filer i schema/" in result.stdout
    file = tmp_path / "data/koege/kommune.yaml"
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (file.parent / first.split("=", 1)[1]).resolve()
    assert schema == (tmp_path / "schema/kommune.schema.json").resolve()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "Kommune"
    # An existing schema file is never overwritten (`sspgen schema` updates them).
    moeder = tmp_path / "schema/moeder.schema.json"
    moeder.write_text("{}\n", encoding="utf-8")
    other = sspgen("new", "kommune", "--slug", "faxe-ny", "--navn", "Ny Kommune", str(tmp_path))
    assert other.returncode == 0, other.stderr
    assert moeder.read_text(encoding="utf-8") == "{}\n" and "JSON Schema" not in other.stdout


def test_new_kommune_refuses_a_file_named_schema(tmp_path: Path) -> None:
    (tmp_path / "schema").write_text("ikke en mappe\n", encoding="utf-8")
    result = sspgen("new", "kommune", "--slug", "koege", "--navn", "Køge Kommune", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "schema er en fil, men skal være mappen til JSON Schema-filerne" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema"]  # nothing else was written
    assert (tmp_path / "schema").read_text(encoding="utf-8") == "ikke en mappe\n"


def test_emitted_values_read_back_identically() -> None:
    data = {
        "id": "x",
        "tid": time(9, 0),
        "ja_nej": True,
        "tal": 3,
        "dato": date(2026, 1, 13),
        "tekster": ["nej", "14.00", "ja", "on", "~", "null", "", " indrykket", "a: b", "#x", "- y", "x #y",
                    "2026-01-13", "1e3", "0x1f", ".inf", "12:30", "«æøå»", "@x", "`x`", "x:", "tab\there"],
        "blok": "første linje\nanden linje\n",
        "blok_uden_linjeskift": "første\nanden",
        "liste": [{"nummer": 1, "titel": "T", "spoergsmaal": ["a?", "b"]}],
    }
    text = dump(data, schema="../s.json")
    document, problems = parse_yaml(text.encode("utf-8"), "t")
    assert problems == []
    assert document.data == as_read(data)
    assert 'tid: "09.00"' in text and '- nej\n' in text and '- "14.00"' in text and "ja_nej: ja" in text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_any_text_round_trips(value: str) -> None:
    text = dump({"titel": value, "liste": [value]})
    document, problems = parse_yaml(text.encode("utf-8"), "t")
    assert problems == [], (value, text)
    assert document.data == {"titel": value, "liste": [value]}
