"""`sspgen build` on the real examples: every page type exists, in Danish, with the
rules every page must follow (lang, noindex on the intranet, nothing from other hosts, every
internal link resolving), checked on the files on disk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_helpers import (
    assert_every_municipality_has_both_sites,
    assert_internal_links_resolve_and_nothing_loads_from_other_hosts,
    assert_pages_danish_and_intranet_noindex,
    assert_site_models_list_every_built_page,
    copy_examples,
    example_slugs,
    run_build,
)

KOMMUNER = tuple(example_slugs())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("eksempler"))
    out = root / "output"
    result = run_build(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


def test_every_municipality_gets_an_intranet_and_public_site(built: Path):
    assert_every_municipality_has_both_sites(built, KOMMUNER)


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
    assert_pages_danish_and_intranet_noindex(built)


def test_public_page_shows_last_updated_and_accessibility_statement(built: Path):
    html = (built / "brondby" / "offentlig" / "saadan-arbejder-vi" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Sidst opdateret den \d{1,2}\. [a-zæøå]+ \d{4}", html)
    assert ">Tilgængelighedserklæring</a>" in html
    assert 'class="card sspgen-kontakt"' in html  # [[kontakter: …]] became contact cards
    assert "[[" not in html


def test_every_internal_link_resolves_and_nothing_loads_from_other_hosts(built: Path):
    assert_internal_links_resolve_and_nothing_loads_from_other_hosts(built)


def test_only_used_design_system_assets_are_copied(built: Path):
    assets = built / "brondby" / "offentlig" / "assets" / "dkfds"
    css = (assets / "css" / "dkfds.min.css").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in css
    fonts = [p.name for p in (assets / "fonts").rglob("*") if p.is_file()]
    assert fonts and all(name.endswith(".woff2") for name in fonts)
    assert not (assets / "js").exists()


def test_site_models_list_every_built_page(built: Path):
    assert_site_models_list_every_built_page(built, KOMMUNER)
