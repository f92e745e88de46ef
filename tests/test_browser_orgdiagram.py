"""The organisation diagram is readable on a desktop (1280 px) and a phone (390 px): Chromium
draws every text in it at 12 px or more once the SVG is scaled to the page's column (computed
font size × rendered width ÷ viewBox width), on every organisation page of every example, on
both sites. On the phone the nested list is the form to read and the diagram is folded behind
«Vis diagram»; opened, it scrolls inside its figure: the figure itself stays within the
screen, and a keyboard user can focus it to scroll."""

from __future__ import annotations

import pytest

from browser_support import browser, pages_by_kind, require_browser, server

MIN_PX = 12.0


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("variant", ["intranet", "offentlig"])
def test_diagram_text_is_at_least_12px(variant: str, width: int) -> None:
    pages = pages_by_kind().get((variant, "organisation"), ())
    assert pages, f"ingen organisationsside i {variant}"
    for found in pages:
        page = browser().new_page()
        try:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(server().url(found.file), wait_until="load")
            assert response is not None and response.status == 200
            where = f"{found.kommune}/{variant}/{found.relative}"
            diagram, knap = page.locator("main svg.orgdiagram"), page.locator("main .sspgen-diagramknap")
            assert page.locator("main #liste + ul").is_visible(), f"{where}: listen over fora vises ikke"
            if width < 768:
                # On a phone the list is the form to read; the diagram waits behind «Vis diagram».
                assert not diagram.is_visible(), f"{where}: diagrammet er ikke foldet sammen på en telefon"
                knap.click()
                assert diagram.is_visible(), f"{where}: «Vis diagram» viser ikke diagrammet"
            else:
                assert diagram.is_visible() and not knap.is_visible(), \
                    f"{where}: diagrammet vises ikke med det samme på en bred skærm"
            sizes = page.locator("main svg.orgdiagram").evaluate(
                """svg => {
                    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    return Array.from(svg.querySelectorAll('text')).map(t => [
                        t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
                }"""
            )
            figure = page.locator("main figure.sspgen-diagram").evaluate(
                "f => [f.getBoundingClientRect().right, f.tabIndex, f.scrollWidth > f.clientWidth]")
            assert figure[0] <= width, f"{where}: diagrammets figur er bredere end skærmen ({figure[0]} px)"
            assert not figure[2] or figure[1] == 0, f"{where}: figuren ruller, men kan ikke nås med tastaturet"
            assert sizes, f"{where}: diagrammet har ingen tekst"
            small = [f"«{text}» {size:.1f} px" for text, size in sizes if size < MIN_PX]
            assert not small, f"{where}: tekst under {MIN_PX:g} px ved {width} px: {', '.join(small[:5])}"
        finally:
            page.close()
