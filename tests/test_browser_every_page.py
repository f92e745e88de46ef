"""Every page of every example site, in headless Chromium: axe-core with no WCAG 2.1 A/AA
violation at 1280 px, and at both 390 px (a phone) and 1280 px (a desktop) no horizontal page
overflow and no text under 12 px — in the main content as Chromium draws it, and in the
organisation diagram as it is scaled into its column.

The pages are every HTML file of the one build of the examples (browser_support.built()),
found in its output: every municipality and both variants, never named here; the folder of
sites' own index page too. Left out: Pagefind's UI files, assets, the Decap CMS form (its own
app) and the CMS fragments (tested inside a host page in test_browser_fragments.py).

One browser tab walks all pages: each page is loaded once, checked at 1280 px, then resized to
390 px and checked again (a resize re-runs the layout and the media queries as a reload
would). All findings are gathered and reported together, so one run shows all there is to fix.
For review, the first page of each page type (page_kind) is photographed at both widths into
test-artifacts/screenshots/alle-<type>-<variant>-<width>.png.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from browser_support import (
    Found, browser, built, format_violations, page_kind, require_browser, run_axe, screenshot, server,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MIN_FONT_PX = 12.0
SKIPPED_FOLDERS = ("pagefind", "assets", "admin")

_READING = """(minimum) => {
    const problems = [];
    const overflow = document.scrollingElement.scrollWidth - window.innerWidth;
    if (overflow > 0) {
        const wide = Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => !e.closest('.sr-only, .skipnav'))
            .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined
                ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : ''));
        problems.push(`siden er ${overflow}px for bred (rulles sidelæns): ${wide.join(', ')}`);
    }
    const small = [];
    const main = document.querySelector('main') || document.body;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const parent = node.parentElement;
        if (!text || !parent) continue;
        if (!Array.from(parent.getClientRects()).some(r => r.width > 0 && r.height > 0)) continue;
        if (parent.closest('.sr-only, .skipnav')) continue;
        let size = parseFloat(getComputedStyle(parent).fontSize);
        const svg = parent.closest('svg');
        if (svg && svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
            size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;  // drawn size
        }
        if (size < minimum) small.push(`${size.toFixed(1)}px «${text.slice(0, 40)}»`);
    }
    if (small.length) problems.push(`${small.length} tekster under ${minimum}px, fx ${small.slice(0, 3).join('; ')}`);
    return problems;
}"""


def _every_page() -> list[Found]:
    """Every site page in the output, the sites' index page first."""
    out = built().out
    pages = []
    for path in sorted(out.rglob("*.html")):
        parts = path.relative_to(out).parts
        if any(part in SKIPPED_FOLDERS or part.startswith(".") for part in parts):
            continue
        if path.name == "fragment.html" or path.name.startswith("__"):
            continue
        kommune, variant = (parts[0], parts[1]) if len(parts) > 2 else ("", "")
        pages.append(Found(kommune, variant, path))
    return pages


def _kind(found: Found) -> str:
    if not found.variant:
        return "kommuneliste"
    return page_kind(found) or Path(found.relative).stem


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


def test_every_page_passes_axe_and_reads_at_390_and_1280_px() -> None:
    pages = _every_page()
    sites = {(f.kommune, f.variant) for f in pages if f.variant}
    assert len(sites) >= 2 and {v for _, v in sites} == {"intranet", "offentlig"}, \
        f"buildet har ikke både intranet og offentlige sites: {sorted(sites)}"
    started = time.monotonic()
    photographed: set[tuple[str, str]] = set()
    failures: list[str] = []
    state = browser()
    page = state.new_page()
    try:
        for found in pages:
            url = server().url(found.file)
            where = found.file.relative_to(built().out).as_posix()
            page.set_viewport_size(DESKTOP)
            response = page.goto(url, wait_until="load")
            if response is None or response.status != 200:
                failures.append(f"{where}: svarede {response and response.status}")
                continue
            if page.locator("#soeg, .sspgen-soeg").count():
                page.wait_for_selector(".pagefind-ui__search-input", state="visible")
            violations = run_axe(page)
            if violations:
                failures.append(format_violations(where, violations))
            kind = _kind(found)
            shoot = (kind, found.variant) not in photographed
            photographed.add((kind, found.variant))
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                failures += [f"{where} ved {viewport['width']}px: {p}" for p in page.evaluate(_READING, MIN_FONT_PX)]
                if shoot:
                    screenshot(page, f"alle-{kind}-{found.variant or 'rod'}-{viewport['width']}")
            if state.outside:
                failures.append(f"{where} forsøgte at hente fra andre værter: {state.outside[:3]}")
                state.outside.clear()
    finally:
        page.close()
    seconds = time.monotonic() - started
    print(f"\n{len(pages)} sider i {len(sites)} sites gennemgået på {seconds:.0f} s")
    assert not failures, f"{len(failures)} fund på {len(pages)} sider:\n" + "\n".join(failures)


def test_the_checks_find_a_wide_page_and_small_text() -> None:
    """The walk's own checks, on a real page made wrong in the browser: a box wider than the
    phone's screen, a line at 10 px and a diagram drawn at a third of its size."""
    found = next(f for f in _every_page() if f.variant and page_kind(f) == "organisation")
    page = browser().new_page()
    try:
        page.set_viewport_size(PHONE)
        page.goto(server().url(found.file), wait_until="load")
        assert page.evaluate(_READING, MIN_FONT_PX) == [], "siden er ikke i orden, før den gøres forkert"
        page.evaluate("""() => document.querySelector('main').insertAdjacentHTML('afterbegin',
            '<p style="font-size:10px">lille</p><div style="width:900px">bred</div>')""")
        problems = " ".join(page.evaluate(_READING, MIN_FONT_PX))
        assert "for bred" in problems and "«lille»" in problems, problems
        page.reload()
        page.evaluate("""() => {
            const box = document.querySelector('.sspgen-diagramboks'); if (box) box.open = true;
            const svg = document.querySelector('svg.orgdiagram');
            svg.style.width = (svg.viewBox.baseVal.width / 3) + 'px';
        }""")
        problems = " ".join(page.evaluate(_READING, MIN_FONT_PX))
        sizes = [float(size) for size in re.findall(r"([0-9.]+)px «", problems)]
        assert sizes and max(sizes) < MIN_FONT_PX / 2, \
            f"diagrammets tekst i en tredjedel størrelse blev ikke fundet: {problems}"
    finally:
        page.close()
