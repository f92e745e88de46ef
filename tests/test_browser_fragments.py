"""Every public CMS fragment (fragment.html), embedded in a host page as a web editor would
paste it into the municipality's CMS, in headless Chromium.

The host page has its own stylesheet with the class names CMSs commonly use (`.card`,
`.table`, `.button`, `h1`–`h3`, `a`, `svg`). For every fragment found in the output (no
municipality is named here) the test measures the host's elements, inserts the fragment, and
asserts: the host's computed styles are unchanged; every link and source of the fragment is
absolute under the municipality's `offentlig_webadresse` (and names a file that exists in the
built public site), points to another site, or is an anchor inside the fragment; the org
diagram's shapes have the same colours as on the site's own page; the page has one `h1`, the
host's; the fragment's first heading has the configured level; and axe-core reports no
WCAG 2.1 A/AA violation for the combined page.

Two ways of embedding are tested: the examples as they are, with the host page loading the
public site's assets/fragment.css together with the fragment, and a build of a copy in which
every municipality has `fragment_med_stil: ja` (the stylesheet inline) and
`fragment_overskriftsniveau: 3`.
"""

from __future__ import annotations

import atexit
import functools
import posixpath
import shutil
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from browser_support import ROOT, browser, built, format_violations, require_browser, run_axe, server
from site_helpers import copy_examples, run_build

HOST_PAGE = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>Kommunens hjemmeside – SSP</title>
<style>
html { overflow-y: scroll; font-size: 62.5%; }
body { font: 1.6rem/1.5 Georgia, serif; color: #222222; margin: 0 2rem; }
h1 { font-size: 3.4rem; color: #003d6b; margin: 0 0 1.5rem; }
h2 { font-size: 2.6rem; color: #6b1d1d; border-bottom: 3px solid #6b1d1d; }
h3 { font-size: 2rem; text-transform: uppercase; letter-spacing: 0.1em; }
a { color: #0b4f8a; text-decoration: underline dotted; }
p { max-width: 60rem; }
.card { display: inline-block; width: 24rem; padding: 3rem; background: #1a1a1a; color: #ffffff; border-radius: 1rem; }
.card a, .card h2 { color: #ffffff; border-color: #ffffff; }
.card-content { font-style: italic; }
.table { width: 50%; border: 4px double #333333; }
.table th, .table td { padding: 1rem; }
.button { display: inline-block; padding: 1rem 2rem; background: #0b4f8a; color: #ffffff; }
.h4 { font-size: 1.2rem; }
svg { fill: currentColor; vertical-align: middle; }
</style>
</head>
<body>
<header>
  <h1 data-host>Kommunens hjemmeside</h1>
  <svg data-host width="24" height="24" viewBox="0 0 24 24" role="img" aria-label="Kommunens logo"><rect width="24" height="24" rx="4"/></svg>
</header>
<main>
  <div class="card" data-host>
    <div class="card-content" data-host>
      <h2 data-host>Nyheder</h2>
      <p data-host>Læs om <a data-host href="/nyheder/">kommunens nyheder</a>.</p>
      <a class="button" data-host href="/kontakt/">Kontakt kommunen</a>
    </div>
  </div>
  <table class="table" data-host>
    <caption data-host>Borgerservice</caption>
    <tr><th scope="row" data-host>Mandag</th><td data-host>8–15</td></tr>
  </table>
  <h3 data-host>Om SSP-samarbejdet</h3>
  <div id="cms-indhold"></div>
  <div class="card" data-host><p data-host><a data-host href="/">Til forsiden</a></p></div>
</main>
</body>
</html>
"""

STYLES = """(selector) => Array.from(document.querySelectorAll(selector), element => {
    const style = getComputedStyle(element);
    const values = {};
    for (let i = 0; i < style.length; i++) values[style[i]] = style.getPropertyValue(style[i]);
    return [element.outerHTML.slice(0, 80), values];
})"""

DIAGRAM = """() => Array.from(document.querySelectorAll('.sspgen-diagram svg rect, .sspgen-diagram svg path, .sspgen-diagram svg text'),
    element => { const s = getComputedStyle(element);
                 return [element.tagName, s.fill, s.stroke, s.strokeWidth, s.fontSize, s.fontWeight]; })"""

INSERT = """async ([html, css]) => {
    if (css) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = css;
        const loaded = new Promise((resolve, reject) => { link.onload = resolve; link.onerror = reject; });
        document.head.appendChild(link);
        await loaded;
    }
    document.getElementById('cms-indhold').insertAdjacentHTML('beforeend', html);
}"""

EMBEDDED = """() => {
    const root = document.querySelector('#cms-indhold > .sspgen-fragment');
    const refs = [];
    for (const [attr, selector] of [['href', '[href]'], ['src', '[src]']])
        root.querySelectorAll(selector).forEach(e => refs.push(e.getAttribute(attr)));
    const classes = new Set();
    root.querySelectorAll('[class]').forEach(e => e.classList.forEach(c => classes.add(c)));
    return {
        lang: root.getAttribute('lang'),
        wrappers: document.querySelectorAll('#cms-indhold > *').length,
        refs,
        ids: Array.from(root.querySelectorAll('[id]'), e => e.id),
        classes: Array.from(classes),
        headings: Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6'), h => Number(h.tagName[1])),
        h1: Array.from(document.querySelectorAll('h1'), h => h.hasAttribute('data-host')),
    };
}"""


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


@dataclass(frozen=True)
class Setting:
    base: str | None
    niveau: int


def _settings(data: Path) -> dict[str, Setting]:
    """Each municipality's fragment settings, read from its kommune.yaml (safe_load)."""
    found = {}
    for path in sorted(data.glob("*/kommune.yaml")):
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        base = values.get("offentlig_webadresse")
        if base and not base.endswith("/"):
            base += "/"
        found[path.parent.name] = Setting(base, int(values.get("fragment_overskriftsniveau", 2)))
    return found


@functools.cache
def _inline_build() -> Path:
    """A copy of the examples with the stylesheet inline and headings from h3, built without PDFs."""
    folder = Path(tempfile.mkdtemp(prefix="sspgen-fragmenter-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    copy_examples(folder / "kilde")
    for path in (folder / "kilde" / "data").glob("*/kommune.yaml"):
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(text + "\nfragment_med_stil: ja\nfragment_overskriftsniveau: 3\n", encoding="utf-8")
    result = run_build(folder / "kilde", folder / "output", "--uden-pdf")
    if result.returncode != 0:
        pytest.fail(f"sspgen build fejlede ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    return folder


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


@functools.cache
def _ids_in(path: Path) -> frozenset[str]:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return frozenset(parser.ids)


def _link_problems(ref: str, setting: Setting, public: Path, ids: set[str]) -> str | None:
    """None if `ref` (an href or src inside the embedded fragment) works from any host page."""
    value = ref.strip()
    if value.startswith("#"):
        return None if unquote(value[1:]) in ids else f"{ref}: ankeret findes ikke i fragmentet"
    parts = urlsplit(value)
    if setting.base and value.startswith(setting.base):
        relative = unquote(parts.path)[len(urlsplit(setting.base).path):]
        target = public / posixpath.normpath(relative or ".")
        if value.split("#")[0].endswith("/") or relative == "":
            target = target / "index.html"
        if not target.is_file():
            return f"{ref}: {target.relative_to(public)} findes ikke i det offentlige site"
        if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids_in(target):
            return f"{ref}: ankeret findes ikke på målsiden"
        return None
    if parts.scheme in ("mailto", "tel"):
        return None
    if parts.scheme in ("http", "https") and parts.hostname:
        return None  # a link written in the data (a document on the municipality's site, a law)
    return f"{ref}: relativt link, som ikke virker på en anden side"


def _fragments(out: Path) -> list[Path]:
    found = sorted(out.glob("*/offentlig/**/fragment.html"))
    assert found, f"ingen fragmenter i {out}"
    return found


def _check_all(out: Path, data: Path, inline: bool) -> None:
    settings = _settings(data)
    local = server()
    state = browser()
    diagrams: dict[Path, list] = {}
    problems: list[str] = []
    absolute_links = diagram_count = 0
    for fragment in _fragments(out):
        relative = fragment.relative_to(out)
        kommune = relative.parts[0]
        setting = settings[kommune]
        public = out / kommune / "offentlig"
        html = fragment.read_text(encoding="utf-8")
        css = None if inline else local.url(f"{kommune}/offentlig/assets/fragment.css")
        host_url = local.url(f"{kommune}/__cms-vaert__.html")
        page = state.new_page()
        try:
            page.route(host_url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                                             body=HOST_PAGE))
            page.goto(host_url, wait_until="load")
            before = page.evaluate(STYLES, "[data-host]")
            page.evaluate(INSERT, [html, css])
            after = page.evaluate(STYLES, "[data-host]")
            embedded = page.evaluate(EMBEDDED)
            diagram = page.evaluate(DIAGRAM)
            violations = run_axe(page)
            outside = list(state.outside)
        finally:
            page.close()

        where = f"{'indlejret stil' if inline else 'fragment.css'}: {relative}"
        if len(before) != HOST_PAGE.count("data-host") or any(len(values) < 100 for _, values in before):
            problems.append(f"{where}: værtssidens stil blev ikke målt ({len(before)} elementer)")
        for (element, old), (_, new) in zip(before, after):
            changed = sorted(name for name in old if old[name] != new.get(name))
            if changed:
                problems.append(f"{where}: værtens {element}… ændrede stil: "
                                + ", ".join(f"{n} {old[n]} → {new[n]}" for n in changed[:6]))
        if embedded["wrappers"] != 1 or embedded["lang"] != "da":
            problems.append(f"{where}: ikke ét omsluttende element med lang=da ({embedded['wrappers']}, {embedded['lang']})")
        strangers = [c for c in embedded["classes"] if not c.startswith("sspgen-")]
        if strangers:
            problems.append(f"{where}: klasser uden sspgen-: {strangers}")
        if embedded["h1"] != [True]:
            problems.append(f"{where}: siden har {len(embedded['h1'])} h1 (kun værtens må være der)")
        if not embedded["headings"] or min(embedded["headings"]) != setting.niveau:
            problems.append(f"{where}: første overskriftsniveau er {embedded['headings'][:1]}, ikke h{setting.niveau}")
        ids = set(embedded["ids"])
        for ref in embedded["refs"]:
            problem = _link_problems(ref, setting, public, ids)
            if problem:
                problems.append(f"{where}: {problem}")
            elif setting.base and ref.startswith(setting.base):
                absolute_links += 1
        if diagram:
            diagram_count += 1
            site_page = fragment.with_name("index.html").relative_to(out)
            if site_page not in diagrams:
                diagrams[site_page] = _site_diagram(local.url(site_page.as_posix()))
            if diagram != diagrams[site_page]:
                problems.append(f"{where}: diagrammets farver afviger fra sitets side:\n  {diagram[:3]}\n  {diagrams[site_page][:3]}")
            if not any(tag == "rect" and fill == "rgb(255, 255, 255)" for tag, fill, *_ in diagram):
                problems.append(f"{where}: diagrammets bokse er ikke hvide: {diagram[:3]}")
        if violations:
            problems.append(f"{where}: " + format_violations(host_url, violations))
        if outside:
            problems.append(f"{where}: hentede fra andre værter: {outside}")
    if not absolute_links:
        problems.append("ingen fragmenter linker under offentlig_webadresse: testen prøver intet")
    if not diagram_count:
        problems.append("intet fragment har organisationsdiagrammet: testen prøver intet")
    if problems:
        pytest.fail(f"{len(problems)} problem(er):\n" + "\n".join(problems), pytrace=False)


def _site_diagram(url: str) -> list:
    page = browser().new_page()
    try:
        page.goto(url, wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")  # no request cut off at close
        return page.evaluate(DIAGRAM)
    finally:
        page.close()


def test_fragments_with_the_stylesheet_file_embed_cleanly() -> None:
    _check_all(built().out, ROOT / "data", inline=False)


def test_fragments_with_the_stylesheet_inline_embed_cleanly() -> None:
    folder = _inline_build()
    _check_all(folder / "output", folder / "kilde" / "data", inline=True)
