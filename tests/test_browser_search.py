"""Search: Pagefind's index per site, used through the search page in a real browser.

- Each site has its own index, in Danish (stemming), built from its own `index.html` pages
  only: never from CMS fragments, never from another site.
- The public index holds only text from public pages.
- The search box finds a word by a different inflection than the one on the pages.
- In the public site, intranet-only words find nothing (and the same words do find pages on
  the intranet, so the search itself works).
- Re-indexing a site gives byte-identical files.
"""

from __future__ import annotations

import collections
import re
import shutil
from pathlib import Path

import pytest

from browser_support import (
    browser,
    built,
    format_violations,
    pagefind_records,
    require_browser,
    run_axe,
    screenshot,
    server,
    text_of,
)
from site_helpers import example_slugs

# What the pages contain, and inflected forms to search for: the test searches for the first form
# that occurs on no page, so a hit proves Danish stemming rather than a literal match.
INFLECTIONS = [
    ("netværk", ["netværkets", "netværkenes", "netværkerne"]),
    ("kriminalitet", ["kriminalitetens", "kriminaliteterne", "kriminaliteten"]),
]
WORD = re.compile(r"[a-zæøå]{6,}")


def _sites() -> list[tuple[str, str, Path]]:
    return built().sites()


def _page_urls(site: Path) -> set[str]:
    return {"/" + p.relative_to(site).as_posix() for p in site.rglob("index.html")
            if not p.relative_to(site).as_posix().startswith("pagefind/")}


def test_every_site_has_its_own_danish_index() -> None:
    import json

    sites = _sites()
    assert len(sites) >= 6
    for kommune, variant, site in sites:
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert set(entry["languages"]) == {"da"}, f"{kommune}/{variant}: sprog {entry['languages']}"
        assert entry["languages"]["da"]["wasm"] == "da", f"{kommune}/{variant}: ingen dansk stemming"
        for asset in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "wasm.da.pagefind"):
            assert (site / "pagefind" / asset).is_file(), f"{kommune}/{variant}: pagefind/{asset} mangler"


def test_each_index_holds_only_its_own_site_pages_and_no_fragments() -> None:
    for kommune, variant, site in _sites():
        records = pagefind_records(site)
        urls = {r["url"] for r in records}
        assert urls, f"{kommune}/{variant}: tomt søgeindeks"
        assert not [u for u in urls if "fragment" in u], f"{kommune}/{variant}: fragmenter i indekset"
        stray = urls - _page_urls(site)
        assert not stray, f"{kommune}/{variant}: indekset peger på sider uden for sitet: {sorted(stray)}"
        assert "/soeg/index.html" not in urls or all(
            not r["content"].strip() for r in records if r["url"] == "/soeg/index.html"
        ), f"{kommune}/{variant}: søgesidens egen tekst er indekseret"


def test_public_index_text_comes_from_public_pages_only() -> None:
    """Every word in a public index record stands on the public page it points to."""
    for kommune, variant, site in _sites():
        if variant != "offentlig":
            continue
        for record in pagefind_records(site):
            page = site / record["url"].lstrip("/")
            squeezed = re.sub(r"\s+", "", text_of(page.read_text(encoding="utf-8"))).lower()
            for token in re.findall(r"\w+", record["content"].lower()):
                assert token in squeezed, (
                    f"{kommune}/offentlig: indeksteksten «{token}» for {record['url']} står ikke på siden"
                )


def test_reindexing_gives_identical_bytes(tmp_path: Path) -> None:
    from sspgen.write.search import index_site

    kommune, variant, site = _sites()[0]
    copy = tmp_path / variant
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    index_site(copy)
    first = {p.relative_to(copy / "pagefind").as_posix(): p.read_bytes() for p in (copy / "pagefind").rglob("*") if p.is_file()}
    built_index = {p.relative_to(site / "pagefind").as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}
    assert sorted(first) == sorted(built_index)
    changed = [name for name in first if first[name] != built_index[name]]
    assert not changed, f"Pagefind skrev andre bytes anden gang: {changed}"


# -- in the browser ----------------------------------------------------------------------------


def _search(page, word: str) -> tuple[str, list[str], list[str]]:  # noqa: ANN001
    """Type a word into Pagefind's search box; the result message, links and highlighted words.

    The box is emptied first (which clears the results), so nothing from an earlier search can
    be mistaken for this one's results."""
    box = page.locator(".pagefind-ui__search-input")
    box.fill("")
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__result, .pagefind-ui__message')")
    box.fill(word)
    page.wait_for_function(
        """(word) => {
            const m = document.querySelector('.pagefind-ui__message');
            return m && m.textContent.trim().endsWith(word) && !m.textContent.includes('Søger');
        }""",
        arg=word,
        timeout=30_000,  # the first search compiles Pagefind's WebAssembly, slow on a busy machine
    )
    message = page.locator(".pagefind-ui__message").inner_text().strip()
    if message.startswith("Ingen resultater"):
        return message, [], []
    page.wait_for_selector(".pagefind-ui__result-link")
    links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
    marks = [m.lower() for m in page.locator(".pagefind-ui__result-excerpt mark").all_inner_texts()]
    return message, links, marks


def _open_search(kommune: str, variant: str):  # noqa: ANN202
    page = browser().new_page()
    response = page.goto(server().url(built().site(kommune, variant) / "soeg" / "index.html"))
    assert response is not None and response.status == 200
    page.wait_for_selector(".pagefind-ui__search-input", state="visible")
    return page


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


def test_search_box_finds_a_danish_word_by_another_inflection() -> None:
    kommune, variant = "brondby", "intranet"
    site = built().site(kommune, variant)
    all_text = " ".join(r["content"].lower() for r in pagefind_records(site))
    state = browser()
    page = _open_search(kommune, variant)
    try:
        for stem, forms in INFLECTIONS:
            assert stem in all_text
            absent = [form for form in forms if form not in all_text]
            assert absent, f"alle bøjningerne {forms} står ordret på siderne; tilføj en, der ikke gør"
            query = absent[0]
            message, links, marks = _search(page, query)
            assert links, f"Søgning på «{query}» fandt intet ({message}), men siderne indeholder «{stem}»"
            # The hits really are pages with the word, and the links lead to them.
            assert links[0].startswith(server().base), links[0]
            assert any(stem in mark for mark in marks), f"«{query}»: ingen fremhævet «{stem}» i {marks}"
        violations = run_axe(page)  # the result list is part of the page too
        assert not violations, format_violations(f"{kommune}/{variant}/soeg (med resultater)", violations)
        screenshot(page, f"{variant}-soeg-resultater")
        response = page.goto(links[0])
        assert response is not None and response.status == 200, f"søgeresultatet {links[0]} virker ikke"
        assert not state.outside, f"søgningen hentede fra andre værter: {state.outside}"
    finally:
        page.close()


def test_header_search_box_sends_the_word_to_the_search_page() -> None:
    page = browser().new_page()
    try:
        page.goto(server().url(built().site("holbaek", "intranet") / "index.html"))
        page.get_by_role("search").get_by_label("Søg").fill("skolerne")
        page.get_by_role("search").get_by_role("button", name="Søg").click()
        page.wait_for_url(re.compile(r"/soeg/index\.html\?q=skolerne$"))
        page.wait_for_selector(".pagefind-ui__result-link")
        assert page.locator(".pagefind-ui__result-link").count() >= 1
    finally:
        page.close()


def _intranet_only_words(kommune: str, count: int = 4) -> list[str]:
    """Frequent words of intranet-only pages that no public page contains, not even as a stem."""
    intranet = built().site(kommune, "intranet")
    public = built().site(kommune, "offentlig")
    public_text = " ".join(
        text_of(p.read_text(encoding="utf-8")).lower() for p in sorted(public.rglob("*.html"))
        if "pagefind" not in p.parts
    ) + " ".join(r["content"].lower() for r in pagefind_records(public))
    public_urls = _page_urls(public)
    counts: collections.Counter[str] = collections.Counter()
    for record in pagefind_records(intranet):
        if record["url"] in public_urls:
            continue
        counts.update(WORD.findall(record["content"].lower()))
    words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
             if w[: max(5, len(w) - 3)] not in public_text]
    return words[:count]


@pytest.mark.parametrize("kommune", example_slugs())
def test_public_search_finds_nothing_intranet_only(kommune: str) -> None:
    """Words that stand only on intranet pages are never a hit in the public search.

    Pagefind also matches known words inside a query word (a search for «årgang» shows pages
    with «år»), so the public search may list pages; none of them may show the word itself."""
    words = _intranet_only_words(kommune)
    assert words, f"{kommune}: fandt ingen ord, der kun står på intranettet"
    page = _open_search(kommune, "offentlig")
    try:
        for word in words:
            stem = word[: max(5, len(word) - 3)]
            message, links, marks = _search(page, word)
            leaked = [mark for mark in marks if stem in mark]
            assert not leaked, f"{kommune}: den offentlige søgning viser intranet-ordet «{word}»: {leaked} i {links}"
    finally:
        page.close()
    page = _open_search(kommune, "intranet")
    try:
        for word in words:
            stem = word[: max(5, len(word) - 3)]
            message, links, marks = _search(page, word)
            assert any(stem in mark for mark in marks), f"{kommune}: intranettets søgning fandt ikke «{word}» ({message})"
    finally:
        page.close()


def test_search_page_opened_from_disk_says_why_it_cannot_search() -> None:
    """Browsers block the index on file:// pages; the page says so in Danish instead of failing."""
    page = browser().new_page()
    try:
        page.goto((built().site("faxe", "offentlig") / "soeg" / "index.html").as_uri())
        page.get_by_text("Søgningen virker kun, når siderne vises fra en webserver").wait_for()
    finally:
        page.close()
