"""Shared machinery for the browser tests (tests/test_browser_*.py).

One build of the examples (with the real CLI, into a temporary folder), one local web server
(Python's http.server on 127.0.0.1, a free port, in a thread) and one headless Chromium
(Debian's /usr/bin/chromium, driven by Playwright; no browser is ever downloaded) serve the
whole test session. They are created on first use and memoised here rather than in pytest
fixtures, so several test modules share them; they are torn down at interpreter exit.

Each test opens its own page in the one browser context. Every request the browser makes is
routed through `_route`: requests to the local server go on, anything else is recorded and
aborted, and `Browser.new_page` hands the test the list of those it saw.
"""

from __future__ import annotations

import atexit
import functools
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
HOST = "127.0.0.1"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
VARIANTS = ("intranet", "offentlig")


def require_browser() -> None:
    """Skip (on a developer's machine) or fail (in CI) when the browser tools are missing."""
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} (kør «make browser»)")
    if not AXE.is_file():
        missing.append(f"{AXE.relative_to(ROOT)} (kør «npm ci»)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("Python-pakken playwright (kør «pip install -e '.[test]'»)")
    if missing:
        message = "Browsertestene mangler: " + "; ".join(missing)
        pytest.fail(message, pytrace=False)  # `make test` installs them; a skip would prove nothing


# -- the build -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    out: Path
    """The output folder: out/<kommune>/<variant>/…"""

    def site(self, kommune: str, variant: str) -> Path:
        return self.out / kommune / variant

    def sites(self) -> list[tuple[str, str, Path]]:
        found = []
        for kommune in sorted(p for p in self.out.iterdir() if p.is_dir() and not p.name.startswith(".")):
            for variant in VARIANTS:
                if (kommune / variant / "index.html").is_file():
                    found.append((kommune.name, variant, kommune / variant))
        return found


@functools.cache
def built() -> Built:
    """Build every example once, with the real CLI, into a fresh temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="sspgen-browser-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    out = folder / "output"
    result = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "build", str(ROOT), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"sspgen build fejlede ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    return Built(out)


# -- the local web server --------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".ics": "text/calendar"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


@dataclass(frozen=True)
class Server:
    base: str
    """http://127.0.0.1:PORT/ — the output folder's root."""
    port: int

    def url(self, path: Path | str) -> str:
        relative = path.relative_to(built().out).as_posix() if isinstance(path, Path) else path
        return urljoin(self.base, relative)


@functools.cache
def server() -> Server:
    out = built().out
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = ThreadingHTTPServer((HOST, 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="sspgen-browser-server", daemon=True)
    thread.start()

    def stop() -> None:
        httpd.shutdown()
        httpd.server_close()

    atexit.register(stop)
    port = httpd.server_address[1]
    return Server(f"http://{HOST}:{port}/", port)


# -- the browser -----------------------------------------------------------------------------


@dataclass
class Browser:
    context: object
    outside: list[str] = field(default_factory=list)
    """Every request the browser tried to make to another host (all were aborted)."""

    def new_page(self):
        self.outside.clear()
        page = self.context.new_page()  # type: ignore[attr-defined]
        page.set_default_timeout(15_000)
        return page


@functools.cache
def playwright_driver():  # noqa: ANN201 - Playwright's sync API object
    """The one Playwright of this test process: a second sync_playwright() while one runs fails
    («Sync API inside the asyncio loop»), so every in-process browser test starts from this."""
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    atexit.register(driver.stop)
    return driver


@functools.cache
def browser() -> Browser:
    require_browser()
    profile = tempfile.mkdtemp(prefix="sspgen-chromium-")
    playwright = playwright_driver()
    context = playwright.chromium.launch_persistent_context(
        user_data_dir=profile,
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 900},
        service_workers="block",
    )
    state = Browser(context)
    local = server()

    def route(route, request) -> None:  # noqa: ANN001 - Playwright's types
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about", "file"):
            route.continue_()
        elif parts.hostname == HOST and parts.port == local.port:
            route.continue_()
        else:
            state.outside.append(request.url)
            route.abort()

    context.route("**/*", route)

    def stop() -> None:
        try:
            context.close()
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    atexit.register(stop)
    return state


# -- checks ----------------------------------------------------------------------------------


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def run_axe(page) -> list[dict]:  # noqa: ANN001
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_axe_source())
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
            }));
        }""",
        WCAG_TAGS,
    )


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe-core-overtrædelse(r) på {url}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            lines.append(f"      {node['html'][:240]}")
            for summary_line in (node["summary"] or "").splitlines():
                lines.append(f"      {summary_line}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … og {len(v['nodes']) - 8} elementer mere")
    return "\n".join(lines)


@functools.cache
def url_status(url: str) -> int:
    """HTTP status of a local URL (HEAD, falling back to GET), memoised across tests."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code == 501:
                continue
            return exc.code
    return 0


def page_references(page) -> list[str]:  # noqa: ANN001
    """Absolute URLs of every link and asset the page's DOM refers to."""
    return page.evaluate(
        """() => {
            const urls = [];
            const take = (selector, attr) => document.querySelectorAll(selector).forEach(el => {
                const value = el.getAttribute(attr);
                if (value !== null && value.trim() !== '') urls.push(new URL(value, document.baseURI).href);
            });
            take('a[href]', 'href'); take('area[href]', 'href'); take('link[href]', 'href');
            take('script[src]', 'src'); take('img[src]', 'src'); take('iframe[src]', 'src');
            take('form[action]', 'action');
            return urls;
        }"""
    )


def broken_internal_links(page, local: Server) -> list[str]:  # noqa: ANN001
    """Local links and assets that do not answer 200, and anchors that do not exist.

    A link to an anchor on the page itself is checked in the live DOM (it also covers a
    fragment shown inside a host page that exists only in the browser)."""
    here = urlsplit(page.url)._replace(fragment="", query="").geturl()
    ids_here = set(page.evaluate("() => Array.from(document.querySelectorAll('[id], a[name]'), e => e.id || e.name)"))
    problems = []
    for url in sorted(set(page_references(page))):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            continue  # mailto:, tel: …
        if parts.hostname != HOST:
            continue  # ordinary links to other sites are allowed; loading from them is not
        target = parts._replace(fragment="", query="").geturl()
        if target == here:
            if parts.fragment and unquote(parts.fragment) not in ids_here:
                problems.append(f"{url} → ankeret #{parts.fragment} findes ikke på siden")
            continue
        status = url_status(target)
        if status != 200:
            problems.append(f"{url} → HTTP {status}")
        elif parts.fragment and target.endswith(".html"):
            if target.endswith("/intranet/admin/index.html") and parts.fragment.startswith("/collections/"):
                continue  # a route of the editing form («Nyt møde»), not an element on the page
            if unquote(parts.fragment) not in _ids(target):
                problems.append(f"{url} → ankeret #{parts.fragment} findes ikke")
    return problems


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


@functools.cache
def _ids(url: str) -> frozenset[str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        parser = _Ids()
        parser.feed(response.read().decode("utf-8", errors="replace"))
    return frozenset(parser.ids)


def screenshot(page, name: str) -> Path:  # noqa: ANN001
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_.-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path


# -- page types, discovered from the output ---------------------------------------------------

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(_TAGS.sub(" ", html))).strip()


def h1_of(html: str) -> str:
    match = _H1.search(html)
    return text_of(match.group(1)) if match else ""


@dataclass(frozen=True)
class Found:
    kommune: str
    variant: str
    file: Path
    """The HTML file inside the output folder."""

    @property
    def relative(self) -> str:
        return self.file.relative_to(built().out / self.kommune / self.variant).as_posix()

    def html(self) -> str:
        return self.file.read_text(encoding="utf-8")


@functools.cache
def all_pages() -> tuple[Found, ...]:
    found = []
    for kommune, variant, folder in built().sites():
        for path in sorted(folder.rglob("*.html")):
            relative = path.relative_to(folder).as_posix()
            if relative.startswith(("pagefind/", "assets/", "admin/")):
                continue  # the search UI, assets and the Decap CMS form (its own app) are no site pages
            found.append(Found(kommune, variant, path))
    return tuple(found)


def pagefind_records(site: Path) -> list[dict]:
    """The pages a site's Pagefind index holds (url, content, meta), read from the fragments of
    all its bundles (the main one and the extra ones inside it)."""
    records = []
    for fragment in sorted((site / "pagefind").glob("**/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        data = data[data.index(b"{"):]
        records.append(json.loads(data))
    return records



def page_kind(found: Found) -> str | None:
    """The page type of an output file, from its URL (and, for meetings, its heading)."""
    relative = found.relative
    if relative.endswith("fragment.html"):
        return "fragment"
    folder = relative[: -len("index.html")] if relative.endswith("index.html") else None
    if folder is None:
        return None
    if folder == "":
        return "forside"
    first = folder.split("/")[0]
    simple = {
        "organisation": "organisation", "fora": "forum", "netvaerk": "netvaerk",
        "kommissorier": "kommissorium", "kalender": "kalender", "emnebank": "emnebank",
        "tendenser": "tendenskort", "plan": "plan", "evaluering": "evalueringsmatrix",
        "pensum": "pensummatrix", "funktioner": "funktionsbeskrivelser", "aktoerer": "aktoerer",
        "kontakt": "kontakt", "soeg": "soeg", "aendringshistorik": "aendringshistorik",
        "dagsordener": "dagsordener",
    }
    if first == "moeder":
        heading = h1_of(found.html())
        for prefix, kind in (("Dagsorden", "dagsorden"), ("Referat", "referat"), ("Aflyst", "aflyst"),
                             ("Beslutningsprotokol", "beslutningsprotokol")):
            if heading.startswith(prefix):
                return kind
        return "moede"
    if first in simple:
        return simple[first]
    if "Sådan arbejder vi" in h1_of(found.html()):
        return "saadan-arbejder-vi"
    return "side"  # a prose page (content/…)


INTRANET_KINDS = (
    "forside", "organisation", "forum", "netvaerk", "kommissorium", "dagsorden", "referat",
    "beslutningsprotokol", "kalender", "emnebank", "tendenskort", "plan", "evalueringsmatrix", "pensummatrix",
    "funktionsbeskrivelser", "aktoerer", "kontakt", "soeg", "side", "aendringshistorik",
)
PUBLIC_KINDS = (
    "forside", "organisation", "forum", "netvaerk", "kommissorium", "plan", "pensummatrix",
    "funktionsbeskrivelser", "aktoerer", "kontakt", "soeg", "saadan-arbejder-vi", "side",
    "fragment",
    # Faxe's public styregruppe agendas and decision protocols, and their section
    "dagsorden", "beslutningsprotokol", "dagsordener",
    # the public «Kalender» (Faxe's public meetings)
    "kalender",
)
EXPECTED_KINDS = {"intranet": INTRANET_KINDS, "offentlig": PUBLIC_KINDS}


@functools.cache
def pages_by_kind() -> dict[tuple[str, str], tuple[Found, ...]]:
    grouped: dict[tuple[str, str], list[Found]] = {}
    for found in all_pages():
        kind = page_kind(found)
        if kind is not None:
            grouped.setdefault((found.variant, kind), []).append(found)
    return {key: tuple(value) for key, value in grouped.items()}


def representative(variant: str, kind: str) -> Found:
    """The page that stands for a page type: the one with the most content (ties by path)."""
    candidates = pages_by_kind().get((variant, kind), ())
    if not candidates:
        pytest.fail(f"Sidetypen «{kind}» findes ikke i noget {variant}-site i output.", pytrace=False)
    return max(candidates, key=lambda f: (f.file.stat().st_size, f.file.as_posix()))
