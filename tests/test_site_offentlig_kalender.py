"""The public site's «Kalender»: public meetings and events, never an internal one.

An event that no forum arranges has no forum page to stand on; before this page it appeared
nowhere on the public site. Built with the real CLI on a copy of the examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_helpers import copy_examples, run_build, tree_files, readable_text

MARKER = "LÆKAGEMARKØR9KAL"
PUBLIC_TITLE = "Åbent fyraftensmøde om unge og nattelivet"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("kalender-offentlig"))
    # A public event without an arranger: only the calendar page can show it.
    write(root / "data/brondby/begivenheder/2026-11-19-fyraftensmoede.yaml", f"""\
id: 2026-11-19-fyraftensmoede
titel: {PUBLIC_TITLE}
type: arrangement
dato: 2026-11-19
tid: "17.00"
slut: "19.00"
sted: Brøndby Rådhus, salen
beskrivelse: Forældre og naboer hører om, hvad SSP gør i weekenderne.
synlighed: offentlig
""")
    # An internal event on the same day, without an arranger too.
    write(root / "data/brondby/begivenheder/2026-11-19-internt.yaml", f"""\
id: 2026-11-19-internt
titel: Intern temadag {MARKER}
type: temadag
dato: 2026-11-19
sted: Mødelokale {MARKER}
beskrivelse: Kun for netværkene {MARKER}.
synlighed: intern
""")
    # A municipality with nothing public that has a date: no calendar page, no menu entry.
    for folder in ("moeder", "begivenheder"):
        for path in sorted((root / "data/holbaek" / folder).glob("*.yaml")):
            path.write_text(path.read_text(encoding="utf-8").replace("synlighed: offentlig", "synlighed: intern"),
                            encoding="utf-8")
    out = root / "out"
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_public_calendar_lists_a_public_event_without_arranger(built: Path):
    page = (built / "brondby/offentlig/kalender/index.html").read_text(encoding="utf-8")
    assert PUBLIC_TITLE in page
    assert "Brøndby Rådhus, salen" in page and "hvad SSP gør i weekenderne" in page
    # …and it is in the public feed the page links to.
    assert 'href="alle.ics"' in page
    feed = (built / "brondby/offentlig/kalender/alle.ics").read_text(encoding="utf-8")
    assert PUBLIC_TITLE.replace(",", "\\,") in feed
    # The menu leads to it from the public front page.
    front = (built / "brondby/offentlig/index.html").read_text(encoding="utf-8")
    assert 'href="kalender/index.html"' in front


def test_the_public_calendar_lists_public_meetings_with_their_feed(built: Path):
    # Faxe's styregruppe meets in public: its meetings and its own feed are on the page.
    page = (built / "faxe/offentlig/kalender/index.html").read_text(encoding="utf-8")
    assert "Styregruppen" in page
    assert "styregruppe.ics" in page


def test_no_public_calendar_without_anything_public_with_a_date(built: Path):
    assert not (built / "holbaek/offentlig/kalender").exists()
    front = (built / "holbaek/offentlig/index.html").read_text(encoding="utf-8")
    assert "kalender/" not in front


def test_the_internal_event_stays_on_the_intranet(built: Path):
    files = tree_files(built)
    intranet = [n for n, d in files.items() if "/intranet/" in n and MARKER in readable_text(built / n, d)]
    assert any(n.endswith("kalender/index.html") for n in intranet)
    leaked = [n for n, d in files.items() if "/offentlig/" in n and MARKER in readable_text(built / n, d)]
    assert leaked == []
