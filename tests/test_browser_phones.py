"""The pages people read on a phone, in headless Chromium at a phone's width (390 px) and a
desktop's (1280 px): every page of the types below, in every municipality and variant found in
the build's output (never named here).

On each page: no horizontal page overflow (the page never scrolls sideways; a wide table is
stacked into cards on a phone), no text in the main content under 12 px, on a phone a main
menu that takes less than a quarter of the first screen (the "Menu" disclosure, base.html),
and axe-core with no WCAG 2.1 A/AA violations. A screenshot of each page type at both widths
goes to test-artifacts/screenshots/ for review."""

from __future__ import annotations

import pytest

from browser_support import (
    Found, browser, format_violations, pages_by_kind, representative, require_browser, run_axe,
    screenshot, server,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
KINDS = ("forside", "evalueringsmatrix", "pensummatrix", "referat", "forum", "kalender", "plan", "aktoerer",
         "emnebank", "organisation")
MIN_FONT_PX = 12.0
MENU_SHARE = 0.25
FOLLOW_UPS = "Opfølgning på punkt"
"""The caption of a meeting's follow-up table (moede.html): a meeting page "with follow-ups"."""


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


def _pages(kind: str) -> list[Found]:
    found = [f for variant in ("intranet", "offentlig") for f in pages_by_kind().get((variant, kind), ())]
    if kind == "referat":
        found = [f for f in found if FOLLOW_UPS in f.html()]
    return found


def _small_text(page) -> list[str]:  # noqa: ANN001 - Playwright's page
    """Visible text in <main> whose computed font size is under the minimum."""
    return page.evaluate(
        """(minimum) => {
            const found = [];
            const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.textContent.trim();
                const parent = node.parentElement;
                if (!text || !parent) continue;
                const rects = Array.from(parent.getClientRects());
                if (!rects.some(r => r.width > 0 && r.height > 0)) continue;  // not shown
                if (parent.closest('.sr-only, .skipnav')) continue;  // for screen readers only
                const size = parseFloat(getComputedStyle(parent).fontSize);
                if (size < minimum) found.push(`${size}px: ${text.slice(0, 60)}`);
            }
            return found;
        }""",
        MIN_FONT_PX,
    )


def _problems(page, viewport: dict) -> list[str]:  # noqa: ANN001
    problems = []
    overflow = page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        wide = page.evaluate("""() => Array.from(document.querySelectorAll('main *'))
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)""")
        problems.append(f"siden er {overflow}px for bred (rulles sidelæns): {wide}")
    small = _small_text(page)
    if small:
        problems.append(f"{len(small)} tekster under {MIN_FONT_PX:g}px, fx {small[:3]}")
    if viewport is PHONE:
        # A table that scrolls inside its box does not widen the page but is no better to read:
        # on a phone every table fits the screen, and no cell is a tall empty box.
        wide_tables = page.evaluate("""() => Array.from(document.querySelectorAll('main table'))
            .filter(t => t.getBoundingClientRect().width > window.innerWidth)
            .map(t => (t.caption ? t.caption.textContent : t.className).trim().slice(0, 60))""")
        if wide_tables:
            problems.append(f"tabeller bredere end skærmen: {wide_tables}")
        empty = page.evaluate("""() => Array.from(document.querySelectorAll('main td'))
            .filter(td => !td.textContent.trim() && td.getBoundingClientRect().height > 60).length""")
        if empty:
            problems.append(f"{empty} tomme celler, der fylder på skærmen")
        menu = page.evaluate("() => document.querySelector('nav.sspgen-nav').getBoundingClientRect().height")
        if menu >= MENU_SHARE * viewport["height"]:
            problems.append(f"menuen fylder {menu:.0f}px af skærmens {viewport['height']}px før indholdet")
    return problems


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("kind", KINDS)
def test_pages_read_on_a_phone_and_a_desktop(kind: str, viewport: dict) -> None:
    pages = _pages(kind)
    assert pages, f"ingen side af typen «{kind}» i buildet"
    failures = []
    for found in pages:
        url = server().url(found.file)
        page = browser().new_page()
        try:
            page.set_viewport_size(viewport)
            page.goto(url)
            failures += [f"{url} ved {viewport['width']}px: {p}" for p in _problems(page, viewport)]
            violations = run_axe(page)
            if violations:
                failures.append(format_violations(url, violations))
        finally:
            page.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("kind", KINDS)
def test_screenshots_of_each_page_type(kind: str) -> None:
    for variant in ("intranet", "offentlig"):
        candidates = [f for f in _pages(kind) if f.variant == variant]
        if not candidates:
            continue
        found = max(candidates, key=lambda f: (f.file.stat().st_size, f.file.as_posix()))
        for viewport in (PHONE, DESKTOP):
            page = browser().new_page()
            try:
                page.set_viewport_size(viewport)
                page.goto(server().url(found.file))
                path = screenshot(page, f"telefon-{kind}-{variant}-{found.kommune}-{viewport['width']}")
                assert path.stat().st_size > 0
            finally:
                page.close()


def test_the_phone_menu_opens_and_is_shown_on_a_desktop() -> None:
    """On a phone the menu links are hidden until "Menu" is pressed; on a desktop they are shown."""
    found = representative("intranet", "forside")
    page = browser().new_page()
    try:
        page.set_viewport_size(PHONE)
        page.goto(server().url(found.file))
        first = page.locator("nav.sspgen-nav .sspgen-menu a").first
        assert not first.is_visible(), "menuens links vises på en telefon, før man trykker på «Menu»"
        page.get_by_text("Menu", exact=True).click()
        assert first.is_visible(), "«Menu» åbner ikke menuen"
        assert not run_axe(page)
        page.set_viewport_size(DESKTOP)
        page.reload()
        assert first.is_visible(), "menuen vises ikke på en bred skærm"
        assert not page.locator(".sspgen-menuknap").is_visible(), "«Menu»-knappen vises på en bred skærm"
    finally:
        page.close()
