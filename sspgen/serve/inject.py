"""What `sspgen serve` adds to the HTML it serves, on the fly (the built files stay as
`sspgen build` writes them): the reload script, the Danish error banner while the data has
errors, a note on the search page, and the pages the server makes itself (the error page
before any build succeeded, «ikke fundet», the list of sites)."""

from __future__ import annotations

import re
from html import escape

from ..diagnostics import Diagnostic
from ..privacy_mask import mask_cpr
from .state import Snapshot

EVENTS = "/__sspgen/haendelser"
"""Server-Sent Events: the build version, sent at once and again after every build."""
VERSION = "/__sspgen/version"
"""The build version as plain text (for tools and tests)."""

_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_MAIN_START = re.compile(rb"<main\b[^>]*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)

# Inline, because the preview must not depend on anything the site itself may lack; the
# colours keep WCAG AA contrast and the heading says «fejl», so nothing rests on colour.
_STYLE = """<style>
.sspgen-serve-fejl { font: 16px/1.5 "IBM Plex Sans", Arial, sans-serif; color: #1a1a1a; background: #fff4f4;
  border: 4px solid #b00020; margin: 0; padding: 16px 24px; }
.sspgen-serve-fejl h2 { font-size: 22px; margin: 0 0 8px; color: #8a0019; }
.sspgen-serve-fejl ol { margin: 8px 0 0; padding-left: 24px; }
.sspgen-serve-fejl li { margin: 6px 0; }
.sspgen-serve-fejl code { font: 15px/1.4 monospace; background: #ffffff; border: 1px solid #bfbfbf; padding: 0 4px; word-break: break-all; }
.sspgen-serve-kode { color: #424242; }
.sspgen-serve-note { font: 16px/1.5 "IBM Plex Sans", Arial, sans-serif; color: #1a1a1a; background: #f5f5f5;
  border-left: 4px solid #1a1a1a; padding: 12px 16px; margin: 16px 0; }
#soeg .sspgen-note { display: none; }
</style>
"""


def reload_script(version: str) -> str:
    """Reloads the page when the server reports another build than the one it was served
    from. EventSource reconnects by itself, also to a restarted server."""
    return f"""<script>
(function () {{
  "use strict";
  var built = {version!r};
  if (!window.EventSource) {{ return; }}
  var events = new EventSource("{EVENTS}");
  events.onmessage = function (event) {{
    if (event.data !== built) {{ events.close(); window.location.reload(); }}
  }};
}})();
</script>
"""


def _error_items(errors: tuple[Diagnostic, ...]) -> str:
    """Diagnostics mask CPR numbers when they are made; the finished list is masked again, so
    nothing added here later can show one. (Not the whole page: the reload script's build
    version must stay exactly as the server sends it.)"""
    items = []
    for d in errors:
        items.append(
            f'<li><code>{escape(d.path)}:{d.line}:{d.column}</code>: {escape(d.message)} '
            f'<span class="sspgen-serve-kode">[{escape(d.code)}]</span></li>'
        )
    return mask_cpr("\n".join(items))


def _count(errors: tuple[Diagnostic, ...]) -> str:
    return "1 fejl" if len(errors) == 1 else f"{len(errors)} fejl"


def error_banner(errors: tuple[Diagnostic, ...]) -> str:
    return f"""<section class="sspgen-serve-fejl" id="sspgen-serve-fejl" lang="da" aria-labelledby="sspgen-serve-fejl-titel">
<h2 id="sspgen-serve-fejl-titel">Fejl i data: {_count(errors)}. Siden nedenfor er den seneste udgave, der kunne bygges</h2>
<p>Ret fejlene, og gem filen. Så bygges siderne igen, og siden her opdateres af sig selv.
Fejlene står også i terminalen, hvor <code>sspgen serve</code> kører.</p>
<ol>
{_error_items(errors)}
</ol>
</section>
"""


SEARCH_NOTE = """<p class="sspgen-serve-note" lang="da">Søgningen er slået fra i forhåndsvisningen
(<code>sspgen serve</code>), så siderne kan bygges igen på et øjeblik. Byg hele sitet med
<code>make site</code> (eller <code>sspgen build</code>) for at prøve søgningen.</p>
"""


def decorate(html: bytes, snap: Snapshot, search_page: bool) -> bytes:
    """A built page as the preview serves it."""
    match = _HEAD_END.search(html)
    if match is not None:
        html = html[: match.start()] + _STYLE.encode("utf-8") + html[match.start():]
    if snap.errors:
        banner = (_STYLE if match is None else "") + error_banner(snap.errors)
        html = _insert_after(_BODY_START, html, banner.encode("utf-8"), at_start=True)
    elif match is None and search_page:
        html = _STYLE.encode("utf-8") + html
    if search_page:
        html = _insert_after(_MAIN_START, html, SEARCH_NOTE.encode("utf-8"), at_start=False)
    script = reload_script(snap.version).encode("utf-8")
    matches = list(_BODY_END.finditer(html))
    if matches:
        at = matches[-1].start()
        return html[:at] + script + html[at:]
    return html + script


def _insert_after(pattern: re.Pattern[bytes], html: bytes, addition: bytes, at_start: bool) -> bytes:
    match = pattern.search(html)
    if match is None:
        return addition + html if at_start else html
    return html[: match.end()] + b"\n" + addition + html[match.end():]


def _page(title: str, body: str, version: str) -> bytes:
    """A page the server makes itself. The body may echo the requested address: masked."""
    title, body = mask_cpr(title), mask_cpr(body)
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{escape(title)} – sspgen serve</title>
{_STYLE}<style>body {{ font: 16px/1.5 "IBM Plex Sans", Arial, sans-serif; color: #1a1a1a; margin: 0; }}
main {{ max-width: 960px; margin: 0 auto; padding: 24px; }} a {{ color: #0059b3; }}</style>
</head>
<body>
<main>
{body}
</main>
{reload_script(version)}</body>
</html>
""".encode("utf-8")


def error_page(snap: Snapshot) -> bytes:
    """Every page, while no build has succeeded yet: the errors and nothing else."""
    body = f"""<h1>Siderne kan ikke bygges: der er {_count(snap.errors)} i data</h1>
<p>Ret fejlene herunder, og gem filen. Så bygges siderne igen, og siden her opdateres af sig selv.
Fejlene står også i terminalen, hvor <code>sspgen serve</code> kører.</p>
<section class="sspgen-serve-fejl" aria-labelledby="fejl-titel">
<h2 id="fejl-titel">Fejl</h2>
<ol>
{_error_items(snap.errors)}
</ol>
</section>"""
    return _page("Fejl i data", body, snap.version)


def not_found_page(path: str, snap: Snapshot) -> bytes:
    body = f"""<h1>Siden findes ikke</h1>
<p>Der er ingen side på adressen <code>{escape(path)}</code> i forhåndsvisningen.
Findes den efter næste bygning, vises den her af sig selv.</p>
<p><a href="/">Til oversigten over sites</a></p>"""
    banner = error_banner(snap.errors) if snap.errors else ""
    return _page("Siden findes ikke", banner + body, snap.version)


def sites_page(sites: list[tuple[str, str]], snap: Snapshot) -> bytes:
    """The front page when the build wrote no index.html (a build of one municipality)."""
    links = "\n".join(f'<li><a href="{escape(url)}">{escape(name)}</a></li>' for name, url in sites)
    banner = error_banner(snap.errors) if snap.errors else ""
    body = f"<h1>Forhåndsvisning</h1>\n<ul>\n{links}\n</ul>"
    return _page("Forhåndsvisning", banner + body, snap.version)
