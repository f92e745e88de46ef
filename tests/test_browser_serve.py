"""`sspgen serve` in headless Chromium: an open page reloads by itself when a file is saved,
shows the Danish error banner for broken data (checked with axe-core, WCAG 2.1 A/AA) and
recovers when the data is fixed; nothing is loaded from another host.

Playwright runs in its own process (as in test_decap.py): the other browser tests keep one
Playwright session open for the whole test run, and a second one cannot start beside it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import AXE, WCAG_TAGS, require_browser
from serve_helpers import MEETING, MEETING_URL, start
from site_helpers import copy_examples

SCRIPT = r"""
import json, re, sys, time
from pathlib import Path
from urllib.parse import urlsplit
from playwright.sync_api import sync_playwright

base, page_path, data_file, axe_file, tags = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4], json.loads(sys.argv[5])
port = urlsplit(base).port
result = {"outside": [], "errors": []}

def axe(page):
    page.add_script_tag(path=axe_file)
    return page.evaluate('''async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return r.violations.map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }''', tags)

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless", "--disable-gpu"])
    page = browser.new_page(locale="da-DK")
    page.set_default_timeout(60000)
    page.on("pageerror", lambda e: result["errors"].append(str(e)))
    def route(route, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob") or (parts.hostname == "127.0.0.1" and parts.port == port):
            route.continue_()
        else:
            result["outside"].append(request.url)
            route.abort()
    page.route("**/*", route)
    page.goto(base + page_path)
    result["before"] = page.inner_text("main")
    result["lang"] = page.evaluate("() => document.documentElement.lang")

    good = data_file.read_text(encoding="utf-8")
    place = re.search(r"^sted: .*$", good, re.M).group(0)
    started = time.perf_counter()
    data_file.write_text(good.replace(place, "sted: Browserlokalet", 1), encoding="utf-8")
    page.wait_for_function("() => document.body.innerText.includes('Browserlokalet')")
    result["reloaded_after"] = time.perf_counter() - started

    status = re.search(r"^status: .*$", good, re.M).group(0)
    data_file.write_text(data_file.read_text(encoding="utf-8") + status + "\n", encoding="utf-8")
    page.wait_for_selector("#sspgen-serve-fejl")
    result["banner"] = page.inner_text("#sspgen-serve-fejl")
    result["banner_axe"] = axe(page)

    data_file.write_text(good, encoding="utf-8")
    page.wait_for_function("() => !document.getElementById('sspgen-serve-fejl')")
    result["after"] = page.inner_text("main")
    browser.close()
print(json.dumps(result))
"""


def test_the_open_page_reloads_shows_errors_and_recovers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    require_browser()
    root = copy_examples(tmp_path / "repo")
    preview = start(root, tmp_path)
    try:
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, preview.url(), MEETING_URL, str(root / MEETING), str(AXE),
             json.dumps(WCAG_TAGS)],
            capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr + "\n" + preview.output()
        seen = json.loads(result.stdout)
    finally:
        assert preview.stop() == 0, preview.output()
    with capsys.disabled():
        print(f"\nsspgen serve: browseren viste ændringen efter {seen['reloaded_after']:.2f} s")
    assert seen["lang"] == "da"
    assert "Brøndbyvester Skole" in seen["before"]
    assert "Fejl i data: 1 fejl" in seen["banner"] and "[yaml.dobbelt-noegle]" in seen["banner"]
    assert f"{MEETING}:" in seen["banner"]
    assert not seen["banner_axe"], "axe-core fandt fejl i fejlbanneret:\n" + "\n".join(seen["banner_axe"])
    assert "Brøndbyvester Skole" in seen["after"]
    assert not seen["outside"], seen["outside"]
    assert not seen["errors"], seen["errors"]
