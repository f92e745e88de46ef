"""Model v2 (agenda, curriculum, events) on real built pages: `sspgen build` on a copy of the
examples with template versions, optional and repeatable points, sub-points, a curriculum with
mandatory goals under its own name, and events in the calendar, the feeds and the forum page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_helpers import REPO, copy_examples, run_build

K = "brondby"


def _edit(path: Path, change) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _prepare(root: Path) -> None:
    data = root / "data" / K

    def template(k):
        k["dagsordensskabelon"].append({"nummer": "9", "titel": "Næste møde", "valgfrit": "ja",
                                        "underpunkter": [{"nummer": "1", "titel": "Dato og sted"}]})
        k["dagsordensskabeloner"] = [
            {"id": "fra-2030", "gyldig_fra": "2030-01-01", "punkter": [
                {"nummer": "1", "titel": "Velkomst"},
                {"nummer": "2", "titel": "Temapunkt", "gentages": "ja"}]},
            {"id": "forslag-2031", "gyldig_fra": "2031-01-01", "forslag": "ja", "punkter": [
                {"nummer": "1", "titel": "Forslag til nyt punkt"}]},
        ]
    _edit(data / "kommissorier/kommissorium-ssp-netvaerk.yaml", template)

    def sub_points(m):
        m["dagsorden"][0]["underpunkter"] = [
            {"nummer": "1", "titel": "Nyt fra skolerne", "noter": "Skolerne melder om ro i frikvartererne."},
            {"nummer": "2", "titel": "Nyt fra klubben", "noter": "Klubben har fået nye åbningstider."},
        ]
    _edit(data / "moeder/2026-01-15-oester.yaml", sub_points)

    def curriculum(p):
        p["titel"] = "Livsduelighed i skolen"
        p["obligatorisk"] = "laeringsmaal"
        for f in p.get("forloeb", []):
            f["status"] = "anbefalet"
    for file in (data / "pensum").glob("*.yaml"):
        _edit(file, curriculum)

    _write(data / "begivenheder/2026-05-20-temadag.yaml", """\
id: 2026-05-20-temadag
titel: Temadag om unge og fællesskaber
type: temadag
dato: 2026-05-20
tid: "9.00"
slut: "15.00"
sted: Brøndby Rådhus
arrangoer: ssp-netvaerk-oester
beskrivelse: En dag for netværkets medlemmer om fællesskaber i fritiden.
synlighed: offentlig
""")
    _write(data / "begivenheder/2026-09-10-aarsmoede.yaml", """\
id: 2026-09-10-aarsmoede
titel: Årsmøde for SSP-netværkene
type: aarsmoede
dato: 2026-09-10
arrangoer: ssp-netvaerk-oester
beskrivelse: Internt årsmøde med status på året.
""")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("v2agenda"))
    _prepare(root)
    out = root / "output"
    result = run_build(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    check = subprocess.run([sys.executable, "-m", "sspgen.cli", "check", str(root), "--kommune", K, "--format", "json"],
                           cwd=REPO, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    # The valid cases are valid: no agenda, template or curriculum diagnostic, not even a warning.
    codes = {d["code"] for d in json.loads(check.stdout)}
    assert not {c for c in codes if c.startswith(("dagsorden.", "skabelon.", "pensum."))}, check.stdout
    return out


def _page(out: Path, variant: str, url: str) -> str:
    return (out / K / variant / url / "index.html").read_text(encoding="utf-8")


def _forum_url(out: Path, variant: str) -> Path:
    found = [p for p in (out / K / variant).rglob("index.html") if "Temadag om unge og fællesskaber" in p.read_text(encoding="utf-8")
             and "/kalender/" not in p.as_posix()]
    assert found, "no forum page shows the event"
    return found[0]


def test_template_versions_optional_points_and_sub_points_on_the_kommissorium_page(built: Path):
    page = _page(built, "intranet", "kommissorier/kommissorium-ssp-netvaerk")
    assert "Næste møde" in page and "(efter behov)" in page and "Dato og sted" in page
    assert "Dagsordensskabelon fra 1. januar 2030" in page and "Temapunkt" in page and "kan komme flere gange" in page
    assert "Forslag til dagsordensskabelon" in page and "Forslag til nyt punkt" in page


def test_sub_points_with_their_own_minutes_on_the_meeting_page(built: Path):
    page = _page(built, "intranet", "moeder/2026-01-15-oester")
    assert "1.1. Nyt fra skolerne" in page and "Skolerne melder om ro i frikvartererne." in page
    assert "1.2. Nyt fra klubben" in page and "Klubben har fået nye åbningstider." in page


def test_a_curriculum_with_mandatory_goals_says_so_under_its_own_name(built: Path):
    pages = [p for p in (built / K / "intranet" / "pensum").rglob("index.html")]
    assert pages
    page = pages[0].read_text(encoding="utf-8")
    assert "Læringsmålene for hvert trin er obligatoriske" in page
    assert "Mangler forløb" not in page and "Obligatoriske læringsmål pr. emne og trin" in page
    assert "<h1>Livsduelighed i skolen</h1>" in page and "<caption>Livsduelighed i skolen: læringsmål" in page
    assert "Det sociale pensum:" not in page
    # The menu names the curriculum by its title, on every page.
    assert ">Livsduelighed i skolen<" in _page(built, "intranet", "organisation")


def test_events_on_the_calendar_page_in_the_list_and_the_month(built: Path):
    page = _page(built, "intranet", "kalender")
    assert 'id="begivenheder"' in page
    assert "Temadag om unge og fællesskaber" in page and "En dag for netværkets medlemmer" in page
    assert "Begivenheder i maj 2026" in page and "Begivenheder i september 2026" in page
    assert "Årsmøde for SSP-netværkene" in page and "(temadag)" in page


def test_events_in_the_feeds_intranet_and_public(built: Path):
    alle = (built / K / "intranet/kalender/alle.ics").read_text(encoding="utf-8")
    assert "UID:begivenhed-2026-05-20-temadag@" in alle and "SUMMARY:Årsmøde for SSP-netværkene" in alle
    public_feeds = {p.as_posix(): p.read_text(encoding="utf-8") for p in (built / K / "offentlig").rglob("*.ics")}
    with_event = [name for name, text in public_feeds.items() if "Temadag om unge og fællesskaber" in text]
    assert with_event, "the public event is in no public feed"
    assert not any("Årsmøde for SSP-netværkene" in text for text in public_feeds.values())


def test_events_on_the_arranging_forums_page(built: Path):
    public = _forum_url(built, "offentlig").read_text(encoding="utf-8")
    assert "Begivenheder, forummet står for" in public and "Brøndby Rådhus" in public
    assert "Årsmøde for SSP-netværkene" not in public  # intranet only
    intranet = _forum_url(built, "intranet").read_text(encoding="utf-8")
    assert "Årsmøde for SSP-netværkene" in intranet
