"""A big site's search index is split in bundles (sspgen/write/search.py), so that a small
change re-indexes a few bundles instead of the whole site.

The split must be invisible to a visitor and never stale:
- the bundles together hold exactly the pages one index would hold, each page once;
- after a change (a page changed, a meeting record deleted) the index is byte for byte the
  one a clean build makes, and bundles without a changed page are kept (same inode);
- in the real browser, the search page merges the bundles: a search finds the same pages as
  in one index.

The examples are small (one bundle per site), so these tests lower the bundle size.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from browser_support import browser, built, pagefind_records, require_browser, server
from site_helpers import copy_examples
from sspgen import build as build_module
from sspgen.write import search

KOMMUNE = "brondby"
SMALL = 20
"""Pages per bundle in these tests: Brøndby's intranet (72 pages) then has four bundles."""


def _build(root: Path, out: Path) -> None:
    result = build_module.build(root, out, KOMMUNE, pdf=False, admin=False)
    assert result.ok, result.diagnostics


def _bundles(site: Path) -> dict[str, str]:
    return json.loads((site / "pagefind" / search.MANIFEST).read_text(encoding="utf-8"))["bundles"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


@pytest.fixture()
def split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "PAGES_PER_BUNDLE", SMALL)


def test_bundles_hold_the_pages_of_one_index_each_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_examples(tmp_path / "repo")
    _build(root, tmp_path / "one")
    monkeypatch.setattr(search, "PAGES_PER_BUNDLE", SMALL)
    _build(root, tmp_path / "split")
    site = tmp_path / "split" / KOMMUNE / "intranet"
    bundles = _bundles(site)
    assert len(bundles) >= 3, bundles
    one = sorted(r["url"] for r in pagefind_records(tmp_path / "one" / KOMMUNE / "intranet"))
    parts = sorted(r["url"] for r in pagefind_records(site))
    assert parts == one  # the same pages, none twice
    for name in bundles:
        folder = site / "pagefind" / name
        assert (folder / "pagefind-entry.json").is_file(), name
        if name:  # an extra bundle carries its index, not the search UI
            assert not (folder / "pagefind-ui.js").exists()
    assert (site / "pagefind" / "pagefind-ui.js").is_file()


def _meeting_file(root: Path) -> Path:
    return sorted((root / "data" / KOMMUNE / "moeder").glob("*.yaml"))[-1]


def test_a_change_reindexes_only_its_bundles_and_equals_a_clean_build(tmp_path: Path, split: None) -> None:
    root = copy_examples(tmp_path / "repo")
    out = tmp_path / "output"
    _build(root, out)
    site = out / KOMMUNE / "intranet"
    before = _inodes(site / "pagefind")
    meeting = _meeting_file(root)
    text = meeting.read_text(encoding="utf-8")
    changed = re.sub(r"(?m)^sted: .*$", "sted: Rådhuset, mødelokale 2", text, count=1)
    assert changed != text
    meeting.write_text(changed, encoding="utf-8")
    _build(root, out)
    after = _inodes(site / "pagefind")

    def entry(name: str) -> str:
        return f"{name}/pagefind-entry.json" if name else "pagefind-entry.json"

    kept = [name for name in _bundles(site) if after[entry(name)] == before[entry(name)]]
    redone = [name for name in _bundles(site) if after[entry(name)] != before[entry(name)]]
    assert kept, "ingen søgebundt blev genbrugt"
    assert redone, "intet søgebundt blev lavet igen, selv om en side er ændret"
    _build(root, tmp_path / "clean")
    assert _tree(site / "pagefind") == _tree(tmp_path / "clean" / KOMMUNE / "intranet" / "pagefind")


def test_a_deleted_meeting_leaves_no_stale_record(tmp_path: Path, split: None) -> None:
    root = copy_examples(tmp_path / "repo")
    out = tmp_path / "output"
    _build(root, out)
    meeting = _meeting_file(root)
    url = f"/moeder/{meeting.stem}/index.html"
    assert url in {r["url"] for r in pagefind_records(out / KOMMUNE / "intranet")}
    meeting.unlink()
    _build(root, out)
    assert url not in {r["url"] for r in pagefind_records(out / KOMMUNE / "intranet")}
    _build(root, tmp_path / "clean")
    assert _tree(out / KOMMUNE / "intranet" / "pagefind") == _tree(tmp_path / "clean" / KOMMUNE / "intranet" / "pagefind")


# -- in the browser ----------------------------------------------------------------------------

_ALL_RESULTS = """async ([bundle, merged, word]) => {
    const pagefind = await import(bundle + 'pagefind.js');
    await pagefind.options({ baseUrl: '/' });
    window.sspgenMerged = window.sspgenMerged || new Set();  // a module is imported once a page
    if (!window.sspgenMerged.has(bundle)) {
        window.sspgenMerged.add(bundle);
        for (const name of merged) { await pagefind.mergeIndex(bundle + name + '/', { baseUrl: '/' }); }
    }
    const search = await pagefind.search(word);
    return (await Promise.all(search.results.map(r => r.data()))).map(d => d.url).sort();
}"""


def test_search_page_merges_the_bundles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same words find the same pages in one index and in the split one, and the search
    page (soeg.js) merges the bundles by itself."""
    require_browser()
    root = copy_examples(tmp_path / "repo")
    _build(root, tmp_path / "one")
    monkeypatch.setattr(search, "PAGES_PER_BUNDLE", SMALL)
    _build(root, tmp_path / "split")
    # Served beside the examples; a folder starting with "." is no municipality to the other tests.
    served = built().out / f".delt-{hashlib.sha256(str(tmp_path).encode()).hexdigest()[:8]}"
    shutil.copytree(tmp_path / "one", served / "one")
    shutil.copytree(tmp_path / "split", served / "split")
    try:
        one_site, split_site = served / "one" / KOMMUNE / "intranet", served / "split" / KOMMUNE / "intranet"
        extra = sorted(name for name in _bundles(split_site) if name)
        assert len(extra) >= 2
        page = browser().new_page()
        try:  # Pagefind's own API on a page without the search UI: every result, not 5 a time
            page.goto(server().url(split_site / "index.html"))
            for word in ("netværk", "referat", "forebyggelse"):
                whole = page.evaluate(_ALL_RESULTS, [server().url(one_site / "pagefind") + "/", [], word])
                merged = page.evaluate(_ALL_RESULTS, [server().url(split_site / "pagefind") + "/", extra, word])
                assert whole, f"«{word}» findes ikke i eksemplet"
                assert merged == whole, f"«{word}»: de opdelte søgebundter finder andre sider end ét indeks"
            expected = len(page.evaluate(_ALL_RESULTS, [server().url(one_site / "pagefind") + "/", [], "referat"]))
        finally:
            page.close()
        page = browser().new_page()
        try:  # the search page itself (soeg.js) merges the extra bundles into its result list
            page.goto(server().url(split_site / "soeg" / "index.html"))
            page.wait_for_selector(".pagefind-ui__search-input", state="visible")
            page.locator(".pagefind-ui__search-input").fill("referat")
            page.wait_for_function(
                "() => { const m = document.querySelector('.pagefind-ui__message');"
                " return m && /^\\d+ resultat/.test(m.textContent.trim()); }", timeout=30_000)
            assert int(page.locator(".pagefind-ui__message").inner_text().split()[0]) == expected
        finally:
            page.close()
    finally:
        shutil.rmtree(served, ignore_errors=True)
