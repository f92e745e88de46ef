"""`sspgen build` on the three real examples: every page type exists, in Danish, with the
rules every page must follow (lang, noindex on the intranet, nothing from other hosts, every
internal link resolving), checked on the files on disk."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_helpers import copy_examples, example_slugs, run_build, tree_files

KOMMUNER = tuple(example_slugs())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("eksempler"))
    out = root / "output"
    result = run_build(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


def pages(out: Path) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in tree_files(out).items()
            if name.endswith(".html") and "/pagefind/" not in name}


def test_every_municipality_gets_an_intranet_and_public_site(built: Path):
    index = (built / "index.html").read_text(encoding="utf-8")
    for slug in KOMMUNER:
        assert (built / slug / "intranet" / "index.html").is_file()
        assert (built / slug / "offentlig" / "index.html").is_file()
        assert f'href="{slug}/intranet/index.html"' in index
        assert f'href="{slug}/offentlig/index.html"' in index


@pytest.mark.parametrize("path", [
    "brondby/intranet/organisation/index.html",
    "brondby/intranet/netvaerk/oester/index.html",
    "brondby/intranet/kalender/index.html",
    "brondby/intranet/tendenser/index.html",
    "brondby/intranet/pensum/det-sociale-pensum/index.html",
    "brondby/intranet/plan/ssp-plan-2022-2026/index.html",
    "brondby/intranet/kalender/alle.ics",
    "brondby/offentlig/saadan-arbejder-vi/index.html",
    "brondby/offentlig/saadan-arbejder-vi/fragment.html",
    "brondby/offentlig/organisation/index.html",
    "faxe/intranet/funktioner/index.html",
    "faxe/intranet/emnebank/index.html",
    "holbaek/intranet/emnebank/index.html",
])
def test_page_types_exist(built: Path, path: str):
    assert (built / path).is_file(), path


def test_meetings_have_page_calendar_and_pdf(built: Path):
    meetings = sorted((built / "holbaek" / "intranet" / "moeder").iterdir())
    assert meetings
    for folder in meetings:
        assert (folder / "index.html").is_file()
        assert (folder / f"{folder.name}.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
        assert (folder / f"{folder.name}.pdf").read_bytes().startswith(b"%PDF-")


def test_pdfs_are_tagged_danish_pdf_ua(built: Path):
    from pypdf import PdfReader

    pdf = next((built / "faxe" / "intranet" / "moeder").rglob("*.pdf"))
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_calendar_files_are_rfc5545_with_stable_uids(built: Path):
    feed = (built / "brondby" / "intranet" / "kalender" / "alle.ics").read_bytes().decode("utf-8")
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen" in feed
    assert "DTSTART;TZID=Europe/Copenhagen:" in feed
    uids = re.findall(r"^UID:(.*)\r$", feed, re.M)
    assert uids and len(uids) == len(set(uids))
    assert all(uid.endswith("@brondby.ssp") for uid in uids)


def test_public_faxe_styregruppe_agendas_are_public(built: Path):
    public = built / "faxe" / "offentlig" / "moeder"
    assert any(p.name.endswith("styregruppe") for p in public.iterdir())
    assert not any("koordinationsgruppe" in p.name for p in public.iterdir())


def test_every_page_is_danish_and_the_intranet_is_noindex(built: Path):
    for name, html in pages(built).items():
        if name.endswith("fragment.html"):
            assert html.lstrip().startswith('<div class="sspgen-fragment" lang="da">'), name
            assert "<header" not in html and "<footer" not in html, name
            continue
        assert '<html lang="da">' in html, name
        noindex = '<meta name="robots" content="noindex' in html
        assert noindex == ("/intranet/" in name), name


def test_public_page_shows_last_updated_and_accessibility_statement(built: Path):
    html = (built / "brondby" / "offentlig" / "saadan-arbejder-vi" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Sidst opdateret den \d{1,2}\. [a-zæøå]+ \d{4}", html)
    assert ">Tilgængelighedserklæring</a>" in html
    assert 'class="card sspgen-kontakt"' in html  # [[kontakter: …]] became contact cards
    assert "[[" not in html


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "id" and value:
                self.ids.add(value)
            if key in ("href", "src") and value:
                self.refs.append((tag, value))


def test_every_internal_link_resolves_and_nothing_loads_from_other_hosts(built: Path):
    files = set(tree_files(built))
    parsed = {}
    for name, html in pages(built).items():
        refs = _Refs()
        refs.feed(html)
        parsed[name] = refs
    for name, refs in parsed.items():
        for tag, url in refs.refs:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                assert tag == "a", f"{name} loads {url} from another host"
                continue
            if parts.scheme in ("mailto", "tel"):
                continue
            assert not parts.scheme, f"{name}: {url}"
            if not parts.path:
                assert not parts.fragment or unquote(parts.fragment) in refs.ids, f"{name}: {url}"
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
            assert target in files, f"{name}: {url} -> {target}"
            if target.endswith("/intranet/admin/index.html") and parts.fragment.startswith("/collections/"):
                continue  # a route of the editing form («Nyt møde»), not an element on the page
            if parts.fragment and target in parsed:
                assert unquote(parts.fragment) in parsed[target].ids, f"{name}: {url}"
    public = [name for name in parsed if "/offentlig/" in name]
    for name in public:
        for _, url in parsed[name].refs:
            assert "intranet" not in url, f"{name} links to the intranet: {url}"


def test_only_used_design_system_assets_are_copied(built: Path):
    assets = built / "brondby" / "offentlig" / "assets" / "dkfds"
    css = (assets / "css" / "dkfds.min.css").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in css
    fonts = [p.name for p in (assets / "fonts").rglob("*") if p.is_file()]
    assert fonts and all(name.endswith(".woff2") for name in fonts)
    assert not (assets / "js").exists()


def test_site_models_list_every_built_page(built: Path):
    """The hook for later stages (browser tests): the same pages, without rendering."""
    from sspgen.build import site_models

    sites = site_models(built.parent)
    assert {(s.kommune, s.variant) for s in sites} == {(k, v) for k in KOMMUNER for v in ("intranet", "offentlig")}
    for site in sites:
        for page in site.pages:
            assert (built / site.root / page.file).is_file(), page.file
            if page.fragment:
                assert (built / site.root / page.url / "fragment.html").is_file()
