"""«Dagsordener og beslutningsprotokoller»: the public section for fora that publish their
agendas and decision protocols (sspgen/site/protokoller.py).

The expectations come from walking data/ (YAML read as plain data, not through sspgen), so a new
example municipality, forum or meeting needs no change here. The site is the real CLI build of
the examples (browser_support.built(), shared with the browser tests), PDFs included.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from html import unescape
from pathlib import Path

import pytest
import yaml

from browser_support import browser, built, format_violations, require_browser, run_axe, screenshot, server
from site_helpers import REPO, copy_examples, example_slugs, readable_text, run_build

SECTION = "dagsordener"
MENU_LABEL = "Dagsordener og protokoller"
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december"]


def _dato(value: date) -> str:
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def _yes(value: object) -> bool:
    return value is True or value == "ja"


def _records(root: Path, slug: str, folder: str) -> dict[str, dict]:
    records = {}
    for path in sorted((root / "data" / slug / folder).glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        records[record["id"]] = record
    return records


def _public(record: dict) -> bool:
    return record.get("synlighed", "intern") == "offentlig"


def expected_documents(root: Path, slug: str) -> dict[str, list[dict]]:
    """Per public forum id, the public meetings whose agenda or protocol it publishes, newest first."""
    fora = {fid: f for fid, f in _records(root, slug, "fora").items() if _public(f)}
    result: dict[str, list[dict]] = {}
    for moede in _records(root, slug, "moeder").values():
        forum = fora.get(moede["forum"])
        if forum is None or not _public(moede):
            continue
        if _yes(forum.get("offentlig_dagsorden")) or moede.get("beslutningsprotokol"):
            result.setdefault(moede["forum"], []).append(moede)
    for moeder in result.values():
        moeder.sort(key=lambda m: (m["dato"], str(m.get("tid") or ""), m["id"]), reverse=True)
    return result


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _main(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    match = re.search(r"<main\b.*?</main>", html, re.S)
    assert match, f"{path}: ingen <main>"
    return match.group(0)


def _menu(path: Path) -> str:
    match = re.search(r'<nav class="sspgen-nav".*?</nav>', path.read_text(encoding="utf-8"), re.S)
    assert match, f"{path}: ingen hovedmenu"
    return _text(match.group(0))


def _forum_names(slug: str) -> dict[str, str]:
    return {fid: f["navn"] for fid, f in _records(REPO, slug, "fora").items()}


def test_some_example_publishes_protocols() -> None:
    """Without one, the tests below would pass on nothing."""
    assert any(expected_documents(REPO, slug) for slug in example_slugs())


@pytest.mark.parametrize("slug", example_slugs())
def test_section_and_menu_exist_exactly_when_there_is_something_to_show(slug: str) -> None:
    site = built().site(slug, "offentlig")
    expected = expected_documents(REPO, slug)
    page = site / SECTION / "index.html"
    assert page.is_file() == bool(expected), f"{slug}: siden {SECTION}/ findes={page.is_file()}, forventet {bool(expected)}"
    front = site / "index.html"
    assert (MENU_LABEL in _menu(front)) == bool(expected), f"{slug}: menupunktet passer ikke til data"
    assert MENU_LABEL not in _menu(built().site(slug, "intranet") / "index.html")


@pytest.mark.parametrize("slug", example_slugs())
def test_section_lists_each_public_document_newest_first_with_its_date(slug: str) -> None:
    expected = expected_documents(REPO, slug)
    if not expected:
        return
    main = _main(built().site(slug, "offentlig") / SECTION / "index.html")
    names = _forum_names(slug)
    for forum_id, moeder in expected.items():
        section = re.search(rf'<section[^>]*aria-labelledby="forum-{re.escape(forum_id)}".*?</section>', main, re.S)
        assert section, f"{slug}: intet afsnit for {forum_id}"
        assert names[forum_id] in _text(section.group(0))
        items = re.findall(r"<li>(.*?)</li>", section.group(0), re.S)
        assert len(items) == len(moeder), f"{slug}/{forum_id}: {len(items)} punkter, forventet {len(moeder)}"
        for item, moede in zip(items, moeder):
            assert f"../moeder/{moede['id']}/" in item, f"{slug}: {moede['id']} står ikke på sin plads"
            assert _dato(moede["dato"]) in _text(item)
            kind = "Beslutningsprotokol" if moede.get("beslutningsprotokol") else (
                "Referat" if moede["status"] == "afholdt" else "Aflyst møde" if moede["status"] == "aflyst" else "Dagsorden")
            assert _text(item).startswith(kind), f"{slug}: {moede['id']} hedder ikke «{kind}»: {_text(item)}"


@pytest.mark.parametrize("slug", example_slugs())
def test_forum_page_links_its_public_sentence_to_the_section(slug: str) -> None:
    site = built().site(slug, "offentlig")
    fora = _records(REPO, slug, "fora")
    for forum_id in expected_documents(REPO, slug):
        if not _yes(fora[forum_id].get("offentlig_dagsorden")):
            continue  # the sentence is only on a forum that says it publishes
        heading = f"<h1>{fora[forum_id]['navn']}</h1>"
        pages = [p for folder in ("fora", "netvaerk") for p in (site / folder).glob("*/index.html")
                 if heading in unescape(p.read_text(encoding="utf-8"))]
        assert len(pages) == 1, f"{slug}: forummets side for {forum_id} ikke fundet: {pages}"
        assert re.search(r'<a href="[./]*dagsordener/index\.html">Dagsorden og beslutningsprotokol</a> er offentligt',
                         pages[0].read_text(encoding="utf-8")), f"{slug}: {pages[0]} linker ikke til afsnittet"


def _protocols(slug: str) -> list[dict]:
    return [m for moeder in expected_documents(REPO, slug).values() for m in moeder if m.get("beslutningsprotokol")]


@pytest.mark.parametrize("slug", example_slugs())
def test_protocol_titles_and_signature_block(slug: str) -> None:
    names = _forum_names(slug)
    for variant in ("offentlig", "intranet"):
        site = built().site(slug, variant)
        for moede in _protocols(slug):
            page = site / "moeder" / moede["id"] / "index.html"
            title = f"Beslutningsprotokol, {names[moede['forum']]}, {_dato(moede['dato'])}"
            main = _main(page)
            h1 = re.search(r"<h1>(.*?)</h1>", main, re.S)
            assert h1 and _text(h1.group(1)) == title, f"{page}: {h1 and _text(h1.group(1))!r}"
            assert re.search(r"<h2>Dagsorden</h2>", main), f"{page}: dagsordenen hedder ikke «Dagsorden»"
            protokol = moede["beslutningsprotokol"]
            signed = f"Underskrevet {_dato(protokol['underskrevet'])}"
            lines = [_text(li) for li in re.findall(r'<li class="sspgen-underskrift">(.*?)</li>', main, re.S)]
            assert len(lines) == len(protokol["underskrevet_af"]), f"{page}: {lines}"
            for rolle, line in zip(protokol["underskrevet_af"], lines):
                assert rolle in line and line.endswith(signed), f"{page}: {line!r}"
            pdf = page.parent / f"{moede['id']}.pdf"
            text = re.sub(r"\s+", " ", readable_text(pdf, pdf.read_bytes()))
            assert title in text, f"{pdf}: titlen mangler"
            for rolle in protokol["underskrevet_af"]:
                assert re.sub(r"\s+", " ", rolle) in text, f"{pdf}: {rolle} mangler i underskriftsblokken"
            assert text.count(signed) >= len(protokol["underskrevet_af"]), f"{pdf}: mangler «{signed}» pr. underskriver"


def _site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*"))
                     if p.is_file() and p.suffix in {".html", ".ics", ".xml", ".json", ".txt"})


@pytest.mark.parametrize("slug", example_slugs())
def test_public_site_never_contains_an_intranet_only_meeting(slug: str) -> None:
    site = built().site(slug, "offentlig")
    text = _site_text(site)
    fora = _records(REPO, slug, "fora")
    hidden = [m for m in _records(REPO, slug, "moeder").values()
              if not _public(m) or not _public(fora.get(m["forum"], {}))]
    for moede in hidden:
        assert not (site / "moeder" / moede["id"]).exists(), f"{slug}: {moede['id']} har en offentlig side"
        assert moede["id"] not in text, f"{slug}: {moede['id']} nævnes på det offentlige site"
        if moede.get("titel"):
            assert moede["titel"] not in text, f"{slug}: titlen «{moede['titel']}» står på det offentlige site"


def test_no_section_when_the_meetings_turn_intranet_only(tmp_path: Path) -> None:
    """The same examples with every public meeting made intranet-only: no section, no menu
    entry, no link from a forum page, anywhere."""
    root = copy_examples(tmp_path / "repo")
    for path in root.glob("data/*/moeder/*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("synlighed: offentlig", "synlighed: intern"),
                        encoding="utf-8")
    out = tmp_path / "out"
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    for slug in example_slugs():
        assert not expected_documents(root, slug)
        site = out / slug / "offentlig"
        assert not (site / SECTION).exists()
        assert MENU_LABEL not in _site_text(site)
        assert "dagsordener/index.html" not in _site_text(site)
    shutil.rmtree(out)


@pytest.mark.parametrize("width", (390, 1280))
def test_section_page_passes_axe(width: int) -> None:
    require_browser()
    pages = [(slug, built().site(slug, "offentlig") / SECTION / "index.html")
             for slug in example_slugs() if expected_documents(REPO, slug)]
    protocols = [(slug, built().site(slug, "offentlig") / "moeder" / m["id"] / "index.html")
                 for slug in example_slugs() for m in _protocols(slug)[:1]]
    assert pages and protocols
    for slug, path in pages + protocols:
        url = server().url(path)
        page = browser().new_page()
        try:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            violations = run_axe(page)
            assert not violations, format_violations(url, violations)
            # The new parts fit the width (a meeting's follow-up tables are the phone work's, not this).
            wide = page.evaluate("""() => Array.from(document.querySelectorAll(
                    '.sspgen-dokumentgruppe, .sspgen-underskrifter, main h1'))
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .map(e => e.className || e.tagName)""")
            assert not wide, f"{url} ved {width}px: bredere end siden: {wide}"
            screenshot(page, f"{path.parent.name}-{slug}-{width}")
        finally:
            page.close()


def _prose_pages_linking_the_section(slug: str) -> list[str]:
    return sorted(p.stem for p in (REPO / "content" / slug).glob("*.md")
                  if "](/dagsordener/)" in p.read_text(encoding="utf-8"))


def test_some_prose_page_links_the_section() -> None:
    assert any(_prose_pages_linking_the_section(slug) for slug in example_slugs())


@pytest.mark.parametrize("slug", example_slugs())
def test_prose_link_to_the_section_resolves_or_reads_as_text(slug: str) -> None:
    """`[…](/dagsordener/)` in a prose page: a relative link on the public site where the section
    exists, plain text on the intranet (which has no such section)."""
    has_section = bool(expected_documents(REPO, slug))
    for page_id in _prose_pages_linking_the_section(slug):
        public = (built().site(slug, "offentlig") / page_id / "index.html")
        if public.is_file():
            found = re.search(r'<a href="\.\./dagsordener/index\.html">[^<]+</a>', _main(public))
            assert bool(found) == has_section, f"{public}: linket passer ikke til afsnittet"
        intranet = _main(built().site(slug, "intranet") / "sider" / page_id / "index.html")
        assert 'href="/dagsordener/' not in intranet and "dagsordener/index.html" not in intranet
        source = (REPO / "content" / slug / f"{page_id}.md").read_text(encoding="utf-8")
        for words in re.findall(r"\[([^\]]+)\]\(/dagsordener/\)", source):
            assert re.sub(r"\s+", " ", words) in _text(intranet), f"{slug}/{page_id}: «{words}» mangler på intranettet"
