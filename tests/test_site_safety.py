"""Privacy and hostile input, end to end through `sspgen build` on copies of the examples.

Leak test: a unique marker in intranet-only data reaches the intranet and nothing under any
offentlig/ folder (HTML, fragments, calendars, PDF text, search index).
Hostile text: raw HTML, scripts, event handlers and javascript:/data: links in Markdown and
in plain fields come out as inert text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from site_helpers import copy_examples, readable_text, run_build, tree_files

MARKER = "LÆKAGEMARKØR7F3A"


def edit_yaml(path: Path, change) -> None:
    """Change a data file as staff would (every value a string, as the reader sees it)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def plant_marker(root: Path) -> None:
    # An intranet-only meeting of Faxe's styregruppe, whose other meetings are public.
    write(root / "data/faxe/moeder/2026-10-01-styregruppe.yaml", f"""\
id: 2026-10-01-styregruppe
forum: styregruppe
type: styregruppemoede
titel: Ekstraordinært møde {MARKER}
dato: 2026-10-01
tid: 16.00
slut: 17.00
sted: Mødelokale {MARKER}
status: afholdt
dagsorden:
  - nummer: 1
    titel: Drøftelse {MARKER}
    noter: Referat med {MARKER} på et overordnet niveau.
synlighed: intern
""")
    # The record of an intranet-only meeting of a public network.
    def note(data):
        data["dagsorden"][0]["noter"] = f"Internt referat {MARKER}."
    edit_yaml(root / "data/brondby/moeder/2026-01-13-vester.yaml", note)
    # An intranet-only organisation, contact, document, prose page and topic-bank entry.
    write(root / "data/brondby/aktoerer/laekage-aktoer.yaml", f"""\
id: laekage-aktoer
navn: Intern enhed {MARKER}
type: andet
""")
    def contact(data):
        data["kontakter"].append({"id": "intern-kontakt", "navn": f"Intern kontakt {MARKER}",
                                  "emner": ["intern"], "synlighed": "intern"})
        data["dokumenter"].append({"id": "internt-dokument", "titel": f"Internt notat {MARKER}",
                                   "url": "https://example.org/notat.pdf"})
    edit_yaml(root / "data/brondby/kommune.yaml", contact)
    write(root / "content/brondby/intern-vejledning.md", f"""\
---
titel: Intern vejledning {MARKER}
---
Kun for netværkene: {MARKER}.
""")
    # A closed point (with a sub-point) in a public meeting, and a closed sub-point of an open
    # point: the public site shows «Lukket punkt» only.
    def closed_points(data):
        data["dagsorden"].append({
            "nummer": "9", "titel": f"Personalesag {MARKER}", "noter": f"Lukket referat {MARKER}.",
            "synlighed": "intern",
            "underpunkter": [{"nummer": "1", "titel": f"Underpunkt {MARKER}", "noter": f"Note {MARKER}."}],
        })
        data["dagsorden"][0]["underpunkter"] = [
            {"nummer": "1", "titel": "Åbent underpunkt", "noter": "Alle kan læse dette."},
            {"nummer": "2", "titel": f"Lukket underpunkt {MARKER}", "synlighed": "intern",
             "beslutninger": [f"Beslutning {MARKER}."]},
        ]
    edit_yaml(root / "data/faxe/moeder/2026-03-05-styregruppe.yaml", closed_points)
    # An intranet-only event arranged by the public styregruppe (whose page and feed are public).
    write(root / "data/faxe/begivenheder/2026-11-05-temadag.yaml", f"""\
id: 2026-11-05-temadag
titel: Intern temadag {MARKER}
type: temadag
dato: 2026-11-05
sted: Lokale {MARKER}
arrangoer: styregruppe
beskrivelse: Kun for styregruppen {MARKER}.
""")
    def topic(data):
        data["emner"].append({"id": "laekage-emne", "titel": f"Emne {MARKER}", "status": "foreslaaet"})
    edit_yaml(root / "data/faxe/emnebank.yaml", topic)


@pytest.fixture(scope="module")
def leak_build(tmp_path_factory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("laekage"))
    plant_marker(root)
    out = root / "output"
    result = run_build(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_marker_reaches_the_intranet(leak_build: Path):
    found = {name for name, data in tree_files(leak_build).items()
             if "/intranet/" in name and MARKER in readable_text(leak_build / name, data)}
    assert any(name.startswith("faxe/intranet/moeder/2026-10-01-styregruppe/") for name in found)
    assert "faxe/intranet/moeder/2026-10-01-styregruppe/2026-10-01-styregruppe.pdf" in found  # PDF text is read
    assert "faxe/intranet/moeder/2026-10-01-styregruppe/2026-10-01-styregruppe.ics" in found
    assert "brondby/intranet/moeder/2026-01-13-vester/index.html" in found
    assert "brondby/intranet/sider/intern-vejledning/index.html" in found
    assert "brondby/intranet/aktoerer/index.html" in found
    assert "faxe/intranet/emnebank/index.html" in found
    assert "faxe/intranet/moeder/2026-03-05-styregruppe/index.html" in found  # the closed points
    assert "faxe/intranet/kalender/index.html" in found and "faxe/intranet/kalender/alle.ics" in found  # the event


def test_a_closed_point_of_a_public_meeting_shows_as_lukket_punkt(leak_build: Path):
    page = (leak_build / "faxe/offentlig/moeder/2026-03-05-styregruppe/index.html").read_text(encoding="utf-8")
    assert "9. Lukket punkt" in page and "1.2. Lukket punkt" in page
    assert "1.1. Åbent underpunkt" in page and "Alle kan læse dette." in page


def test_marker_never_reaches_the_public_output(leak_build: Path):
    public = {name: data for name, data in tree_files(leak_build).items() if "/offentlig/" in name}
    assert any(name.endswith(".pdf") for name in public)
    assert any(name.endswith("fragment.html") for name in public)
    assert any(name.endswith(".ics") for name in public)
    leaked = [name for name, data in public.items() if MARKER in readable_text(leak_build / name, data)]
    assert leaked == []
    assert not any("2026-10-01-styregruppe" in name for name in public)
    for name, data in public.items():
        if name.endswith(".ics"):
            assert b"2026-10-01-styregruppe" not in data, name


HOSTILE_MARKDOWN = """

<script>alert('md-script')</script>

<img src=x onerror=alert('md-img')>

[klik her](javascript:alert('md-link')) og [data](data:text/html;base64,PHNjcmlwdD4=) og
<a href="javascript:alert('md-a')">a</a> og [stort](JaVaScRiPt:alert('md-case'))

![sporingspixel](https://evil.example/pixel.png)
"""


def plant_hostile(root: Path) -> None:
    page = root / "content/brondby/saadan-arbejder-vi.md"
    page.write_text(page.read_text(encoding="utf-8") + HOSTILE_MARKDOWN, encoding="utf-8")

    def forum(data):
        data["navn"] = "<script>alert('plain-name')</script> Styregruppe"
        data["formaal"] = "Formål med [et link](javascript:alert('field-md')) og <b onmouseover=alert(1)>fed</b>."
    edit_yaml(root / "data/faxe/fora/styregruppe.yaml", forum)

    def meeting(data):
        data["titel"] = "\" onmouseover=\"alert('attr') <img src=x onerror=alert('title')>"
        data["sted"] = "</title><script>alert('sted')</script>"
    edit_yaml(root / "data/faxe/moeder/2026-03-05-styregruppe.yaml", meeting)


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and value:
                cleaned = "".join(ch for ch in value if ch > " ").lower()
                if cleaned.startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"<{tag} {name}={value}>")
                if tag in ("img", "script", "iframe") and "evil.example" in cleaned:
                    self.problems.append(f"<{tag} {name}={value}> loads from another host")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.problems.append(f"script content: {data!r}")
        self.text.append(data)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("fjendtlig"))
    plant_hostile(root)
    out = root / "output"
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_hostile_text_is_inert_everywhere(hostile_build: Path):
    audited = 0
    for name, data in tree_files(hostile_build).items():
        if not name.endswith(".html") or "/pagefind/" in name:
            continue
        audit = _Audit()
        audit.feed(data.decode("utf-8"))
        assert audit.problems == [], name
        audited += 1
    assert audited > 100


def test_hostile_text_is_shown_as_text(hostile_build: Path):
    page = (hostile_build / "brondby/offentlig/saadan-arbejder-vi/index.html").read_text(encoding="utf-8")
    audit = _Audit()
    audit.feed(page)
    visible = "".join(audit.text)
    assert "<script>alert('md-script')</script>" in visible
    assert "[klik her](javascript:alert('md-link'))" in visible
    assert "evil.example" not in page  # the external image became its alt text
    forum = (hostile_build / "faxe/offentlig/fora/styregruppe/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;plain-name&#39;)&lt;/script&gt; Styregruppe" in forum


def test_obfuscated_scheme_becomes_a_relative_link_that_the_build_refuses():
    """`jav&#x09;ascript:` is percent-encoded into a harmless relative link; the build's
    link check then reports it as a broken link in the page's own file."""
    from sspgen.render.markdown import render

    html = str(render("[x](jav&#x09;ascript:alert(1))"))
    assert 'href="jav%09ascript:alert(1)"' in html
