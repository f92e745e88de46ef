"""Every page type of both sites, opened in headless Chromium: WCAG 2.1 A/AA with axe-core,
nothing loaded from another host, every internal link resolves, and a screenshot per type.

The pages are found in the output of a real build (see browser_support.py); each page type is
represented by its page with the most content. A fragment (for the municipality's CMS) is
tested inside a minimal host page, as an editor would embed it.
"""

from __future__ import annotations

import pytest

from browser_support import (
    EXPECTED_KINDS,
    broken_internal_links,
    browser,
    built,
    format_violations,
    pages_by_kind,
    representative,
    require_browser,
    run_axe,
    screenshot,
    server,
)

CASES = [(variant, kind) for variant, kinds in EXPECTED_KINDS.items() for kind in kinds]

CMS_HOST = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kommunens hjemmeside – indlejret SSP-indhold</title>
<link rel="stylesheet" href="{css}">
</head>
<body>
<main class="container">
{fragment}
</main>
</body>
</html>
"""


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


def test_every_page_type_exists_in_the_output() -> None:
    found = pages_by_kind()
    missing = [f"{variant}: {kind}" for variant, kind in CASES if (variant, kind) not in found]
    assert not missing, "Sidetyper, som buildet ikke lavede: " + ", ".join(missing)
    faxe_public = {kind for (variant, kind), pages in found.items() if variant == "offentlig"
                   for page in pages if page.kommune == "faxe"}
    assert {"dagsorden", "beslutningsprotokol", "dagsordener"} <= faxe_public, \
        "Faxes offentlige styregruppe-dagsorden og -protokol eller afsnittet med dem mangler"


@pytest.mark.parametrize(("variant", "kind"), CASES, ids=[f"{v}-{k}" for v, k in CASES])
def test_page_type(variant: str, kind: str) -> None:
    found = representative(variant, kind)
    local = server()
    state = browser()
    page = state.new_page()
    try:
        if kind == "fragment":
            host = found.file.with_name("__cms-vaert__.html")
            url = local.url(host)
            css = "../" * (found.relative.count("/")) + "assets/dkfds/css/dkfds.min.css"
            body = CMS_HOST.format(css=css, fragment=found.html())
            page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body))
        else:
            url = local.url(found.file)
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url} svarede {response and response.status}"
        if kind == "soeg":
            page.wait_for_selector(".pagefind-ui__search-input", state="visible")
        assert page.evaluate("() => document.documentElement.lang") == "da"

        violations = run_axe(page)
        shot = screenshot(page, f"{variant}-{kind}")
        outside = list(state.outside)
        broken = broken_internal_links(page, local)
    finally:
        page.close()

    relative = found.file.relative_to(built().out).as_posix()
    problems = []
    if violations:
        problems.append(format_violations(relative, violations))
    if outside:
        problems.append(f"{relative} forsøgte at hente fra andre værter (alle blev afvist):\n  " + "\n  ".join(outside))
    if broken:
        problems.append(f"{relative} har interne links, der ikke virker:\n  " + "\n  ".join(broken))
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)
    assert shot.stat().st_size > 0
