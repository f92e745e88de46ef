"""The trend page with its overview, in headless Chromium at a phone's, a small screen's and a desktop's width:
no horizontal page overflow, axe-core with no WCAG 2.1 A/AA violations, and the sort buttons
(assets/tendenser.js) re-ordering the trend cards. Every municipality whose intranet has a trend
page is tested (found in the build's output, not named here)."""

from __future__ import annotations

import pytest

from browser_support import browser, built, format_violations, require_browser, run_axe, screenshot, server

WIDTHS = (390, 800, 1280)
"""A phone (the stacked cards), a narrow desktop where a wide table scrolls inside its box (its
screen-reader texts must not widen the page), and a desktop."""


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


def _trend_pages() -> list[tuple[str, str]]:
    pages = []
    for kommune, variant, site in built().sites():
        page = site / "tendenser" / "index.html"
        if variant == "intranet" and page.is_file():
            pages.append((kommune, server().url(page)))
    assert pages, "ingen tendensside i buildet"
    return pages


@pytest.mark.parametrize("width", WIDTHS)
def test_trend_page_fits_the_width_and_passes_axe(width: int) -> None:
    for kommune, url in _trend_pages():
        page = browser().new_page()
        try:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            page.wait_for_selector(".sspgen-tendenssortering button")  # the deferred script ran
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{url} ved {width}px: siden er {overflow}px for bred"
            wide = page.evaluate("""() => Array.from(document.querySelectorAll('.sspgen-tendens'))
                .filter(s => s.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .map(s => s.id)""")
            assert not wide, f"{url} ved {width}px: tendenskort bredere end siden: {wide}"
            small = page.evaluate("""() => Array.from(document.querySelectorAll('.sspgen-tendensdiagram text'))
                .map(t => t.getBoundingClientRect().height).filter(h => h > 0 && h < 9)""")
            assert not small, f"{url} ved {width}px: diagrammets tekst er ulæseligt lille"
            violations = run_axe(page)
            assert not violations, format_violations(url, violations)
            screenshot(page, f"tendensoverblik-{kommune}-{width}")
        finally:
            page.close()


def test_sort_buttons_reorder_the_cards() -> None:
    for _, url in _trend_pages():
        page = browser().new_page()
        try:
            page.goto(url)
            cards = ".sspgen-tendensliste > .sspgen-tendens"
            initial = page.eval_on_selector_all(cards, "s => s.map(x => x.dataset.seneste)")
            assert initial == sorted(initial, reverse=True), "uden klik: den senest drøftede først"
            page.get_by_role("button", name="Navn").click()
            names = page.eval_on_selector_all(cards, "s => s.map(x => x.dataset.navn)")
            assert names == page.evaluate("(n) => n.slice().sort(new Intl.Collator('da').compare)", names)
            assert page.get_by_role("button", name="Navn").get_attribute("aria-pressed") == "true"
            page.get_by_role("button", name="Flest møder").click()
            counts = page.eval_on_selector_all(cards, "s => s.map(x => Number(x.dataset.antal))")
            assert counts == sorted(counts, reverse=True)
            page.get_by_role("button", name="Senest drøftet").click()
            assert page.eval_on_selector_all(cards, "s => s.map(x => x.dataset.seneste)") == initial
            assert not run_axe(page)
        finally:
            page.close()
