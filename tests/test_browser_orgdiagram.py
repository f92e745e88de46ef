"""The organisation diagram is readable at 1280 px: Chromium draws every text in it at 12 px
or more once the SVG is scaled to the page's column (computed font size × rendered width ÷
viewBox width), on every organisation page of every example, on both sites."""

from __future__ import annotations

import pytest

from browser_support import browser, pages_by_kind, require_browser, server

WIDTH = 1280
MIN_PX = 12.0


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


@pytest.mark.parametrize("variant", ["intranet", "offentlig"])
def test_diagram_text_is_at_least_12px_at_1280(variant: str) -> None:
    pages = pages_by_kind().get((variant, "organisation"), ())
    assert pages, f"ingen organisationsside i {variant}"
    for found in pages:
        page = browser().new_page()
        try:
            page.set_viewport_size({"width": WIDTH, "height": 900})
            response = page.goto(server().url(found.file), wait_until="load")
            assert response is not None and response.status == 200
            sizes = page.locator("main svg.orgdiagram").evaluate(
                """svg => {
                    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    return Array.from(svg.querySelectorAll('text')).map(t => [
                        t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
                }"""
            )
            where = f"{found.kommune}/{variant}/{found.relative}"
            assert sizes, f"{where}: diagrammet har ingen tekst"
            small = [f"«{text}» {size:.1f} px" for text, size in sizes if size < MIN_PX]
            assert not small, f"{where}: tekst under {MIN_PX:g} px ved {WIDTH} px: {', '.join(small[:5])}"
        finally:
            page.close()
