"""The organisation diagram and the matrices, as a browser and its accessibility tree see them.

- Every organisation page (each municipality, both sites) has the SVG diagram drawn from the
  fora data, exposed as an image with a name, and an equivalent text version: every forum name
  in the diagram is also in the page's text outside the SVG.
- The evaluation matrix, the curriculum matrix and the trend map are real tables: each has a
  name (caption), column headers and row headers.
"""

from __future__ import annotations

import re

import pytest

from browser_support import browser, pages_by_kind, require_browser, server

MATRIX_KINDS = [("intranet", "evalueringsmatrix"), ("intranet", "pensummatrix"),
                ("offentlig", "pensummatrix"), ("intranet", "tendenskort")]


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


def _open(found):  # noqa: ANN001, ANN202
    page = browser().new_page()
    response = page.goto(server().url(found.file), wait_until="load")
    assert response is not None and response.status == 200
    return page


@pytest.mark.parametrize("variant", ["intranet", "offentlig"])
def test_organisation_diagram_is_an_image_with_a_text_equivalent(variant: str) -> None:
    pages = pages_by_kind().get((variant, "organisation"), ())
    assert pages, f"ingen organisationsside i {variant}"
    for found in pages:
        page = _open(found)
        try:
            where = f"{found.kommune}/{variant}/{found.relative}"
            svg = page.locator("main svg")
            assert svg.count() == 1, f"{where}: forventede ét SVG-diagram, fandt {svg.count()}"
            assert svg.is_visible(), f"{where}: diagrammet er ikke synligt"
            assert svg.get_attribute("role") == "img", f"{where}: SVG'en mangler role=\"img\""
            info = svg.evaluate(
                """svg => {
                    const byIds = (attr) => (svg.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
                        .map(id => document.getElementById(id)).filter(Boolean)
                        .map(el => el.textContent.trim()).join(' ');
                    const title = svg.querySelector(':scope > title');
                    const labels = Array.from(svg.querySelectorAll('text'))
                        .map(t => t.textContent.replace(/\\s+/g, ' ').trim()).filter(Boolean);
                    const clone = document.querySelector('main').cloneNode(true);
                    clone.querySelectorAll('svg').forEach(s => s.remove());
                    return {
                        name: svg.getAttribute('aria-label') || byIds('aria-labelledby') || (title ? title.textContent.trim() : ''),
                        title: title ? title.textContent.trim() : '',
                        labels: labels,
                        text: clone.textContent.replace(/\\s+/g, ' '),
                        box: svg.getBoundingClientRect().width,
                    };
                }"""
            )
            assert info["title"], f"{where}: SVG'en mangler <title>"
            assert info["name"], f"{where}: SVG'en har intet tilgængeligt navn"
            assert page.get_by_role("img", name=re.compile(r"\S")).count() >= 1
            assert info["box"] > 100, f"{where}: diagrammet er for smalt til at læse ({info['box']} px)"
            assert info["labels"], f"{where}: diagrammet har ingen tekst"
            missing = []
            for label in info["labels"]:
                for word in re.findall(r"\w[\w§.-]*", label.replace("…", "")):
                    if word.lower() not in info["text"].lower():
                        missing.append(f"{word!r} (fra «{label}»)")
            assert not missing, f"{where}: diagrammets tekst står ikke i tekstversionen: {', '.join(missing)}"
            fora_links = page.locator("main ul a").count()
            assert fora_links >= 1, f"{where}: ingen liste over fora ved siden af diagrammet"
        finally:
            page.close()


@pytest.mark.parametrize(("variant", "kind"), MATRIX_KINDS, ids=[f"{v}-{k}" for v, k in MATRIX_KINDS])
def test_matrix_is_a_table_with_headers(variant: str, kind: str) -> None:
    pages = pages_by_kind().get((variant, kind), ())
    assert pages, f"ingen side af typen {kind} i {variant}"
    for found in pages:
        page = _open(found)
        try:
            where = f"{found.kommune}/{variant}/{found.relative}"
            tables = page.get_by_role("table")
            assert tables.count() >= 1, f"{where}: matricen er ikke en tabel"
            for index in range(tables.count()):
                table = tables.nth(index)
                name = table.evaluate(
                    "t => (t.caption ? t.caption.textContent : '') || t.getAttribute('aria-label') || ''"
                ).strip()
                assert name, f"{where}: tabel nr. {index + 1} har ingen overskrift (caption)"
                columns = table.get_by_role("columnheader").count()
                rows = table.get_by_role("rowheader").count()
                assert columns >= 2, f"{where}: tabellen «{name}» har {columns} kolonneoverskrifter"
                assert rows >= 1, f"{where}: tabellen «{name}» har ingen rækkeoverskrifter"
        finally:
            page.close()
