"""A public page's CMS fragment, made to be pasted into another site (the municipality's CMS).

The fragment is the page's content rendered in fragment mode (layouts/base.html wraps it in
`<div class="sspgen-fragment" lang="da">`). This module rewrites that markup so it neither
breaks on nor restyles the host page:

* every class gets the prefix `sspgen-` (the host's `.card` or `.table` never matches), and
  so does every id and every reference to one (`href="#x"`, `aria-labelledby`, `for` …), so
  an id on the host page is never duplicated;
* relative links and sources become absolute under the municipality's public address
  (`offentlig_webadresse` in kommune.yaml), resolved against the page's own URL, so they work
  from any page of the host site; without an address they stay relative (check warns);
* headings move down so the first is `<h{niveau}>` (default h2): the host page has the h1.

It works on our own output only, with the same assumption as write/links.py: attribute
values never hold a raw `>` (Jinja and markdown-it escape it) and there is no raw HTML from
data (markdown-it runs with html off), so a tag ends at the first `>` outside quotes.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup

PREFIX = "sspgen-"

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HEADING = re.compile(r"h([1-6])", re.IGNORECASE)
_ID_LISTS = {"aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "for", "headers", "list"}
_URLS = {"href", "src", "poster", "xlink:href"}


def prefixed(token: str) -> str:
    return token if token.startswith(PREFIX) else PREFIX + token


class _Rewriter:
    def __init__(self, page_url: str | None, shift: int) -> None:
        self.page_url = page_url
        """The page's absolute public URL (base + the page's path), or None: links stay relative."""
        self.shift = shift

    def tag(self, match: re.Match[str]) -> str:
        closing, name, body = match.group(1), match.group(2), match.group(3)
        heading = _HEADING.fullmatch(name)
        if heading and self.shift:
            name = f"h{min(6, int(heading.group(1)) + self.shift)}"
        if not closing and "=" in body:
            body = _ATTRIBUTE.sub(self.attribute, body)
        return f"<{closing}{name}{body}>"

    def attribute(self, match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if match.group(2) is None or not (name == "class" or name == "id" or name in _ID_LISTS or name in _URLS):
            return match.group(0)
        raw = next((g for g in match.group(3, 4, 5) if g is not None), "")
        value = html.unescape(raw)
        if name == "class" or name in _ID_LISTS:
            new = " ".join(prefixed(token) for token in value.split())
        elif name == "id":
            new = prefixed(value)
        else:
            new = self.url(value)
        if new == value:
            return match.group(0)
        return f'{match.group(1)}="{html.escape(new, quote=True)}"'

    def url(self, value: str) -> str:
        stripped = value.strip()
        if stripped.startswith("#"):
            return "#" + prefixed(stripped[1:]) if len(stripped) > 1 else stripped
        parts = urlsplit(stripped)
        if parts.scheme or stripped.startswith("//") or self.page_url is None or not stripped:
            return value
        return urljoin(self.page_url, stripped)


def embeddable(markup: str, *, base: str | None, page_url: str, niveau: int, css: str | None = None) -> Markup:
    """The fragment `markup` rewritten for a host page (see the module docstring).

    `base` is the public site's address ending in '/', `page_url` the page's path below it
    ("organisation/"), `niveau` the level of the fragment's first heading, and `css` the
    stylesheet to put inside the wrapper (kommune.yaml: fragment_med_stil), or None."""
    rewriter = _Rewriter(urljoin(base, page_url) if base else None, max(0, niveau - 1))
    pieces: list[str] = []
    at = 0
    for comment in _COMMENT.finditer(markup):  # comments are copied as they are
        pieces.append(_TAG.sub(rewriter.tag, markup[at:comment.start()]))
        pieces.append(comment.group(0))
        at = comment.end()
    pieces.append(_TAG.sub(rewriter.tag, markup[at:]))
    result = "".join(pieces)
    if css:
        # Our own stylesheet (layouts/assets/fragment.css), never data: safe inside <style>.
        start = result.index(">", result.index('class="sspgen-fragment"')) + 1
        result = f"{result[:start]}\n<style>\n{css.strip()}\n</style>{result[start:]}"
    return Markup(result)
