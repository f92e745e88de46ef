"""Markdown from the data, rendered so that nothing in it can run or load anything.

markdown-it-py's "js-default" preset is CommonMark with raw HTML off, so `<script>` and
`onerror=` arrive as visible text. On top of that, links may only use http(s), mailto and
tel or be relative (which the write stage checks like every other internal link), and images
may only be relative: an image from another host would leak visitors (DESIGN principle 7).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def safe_url(url: str) -> bool:
    """True for http(s)/mailto/tel URLs and relative ones; javascript:, data: … are refused."""
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    match = _SCHEME.match(cleaned)
    if match is None:
        return not cleaned.startswith("//")  # protocol-relative = another host
    return match.group(1).lower() in _ALLOWED_SCHEMES


def _external(url: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    return bool(_SCHEME.match(cleaned)) or cleaned.startswith("//")


def _images_local_only(state: StateCore) -> None:
    """An image from another host becomes its alt text (nothing is loaded from other hosts)."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:
            if child.type == "image" and _external(str(child.attrGet("src") or "")):
                child.type = "text"
                child.tag = ""
                child.attrs = {}
                child.content = "".join(c.content for c in child.children or []) or "billede"
                child.children = None


def _shift_headings(base: int):
    """Make the highest heading in the text level `base`, keeping the page's heading order."""

    def rule(state: StateCore) -> None:
        levels = [int(t.tag[1]) for t in state.tokens if t.type == "heading_open"]
        if not levels:
            return
        shift = base - min(levels)
        for token in state.tokens:
            if token.type in ("heading_open", "heading_close"):
                level = min(6, max(1, int(token.tag[1]) + shift))
                token.tag = f"h{level}"

    return rule


@lru_cache(maxsize=8)
def _parser(base: int) -> MarkdownIt:
    md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = safe_url  # type: ignore[method-assign]
    md.core.ruler.push("sspgen_images", _images_local_only)
    md.core.ruler.push("sspgen_headings", _shift_headings(base))
    return md


def render(text: str | None, heading_base: int = 2) -> Markup:
    """Block Markdown to HTML; headings start at `heading_base` (the page owns h1)."""
    if not text:
        return Markup("")
    return _render_cached(text, heading_base)


def render_inline(text: str | None) -> Markup:
    """Inline Markdown (no paragraphs), for table cells and list items."""
    if not text:
        return Markup("")
    return _render_inline_cached(text)


# The same text is rendered many times: a page and its CMS fragment, the intranet and the
# public site, a forum's page and each of its meetings, an agenda template's descriptions
# repeated in every meeting. Rendering is a pure function of the text, so one process keeps
# the results (bounded: a long `sspgen serve` session must not grow without end).
_ORDINAL_START = re.compile(r"^( {0,3})(\d{1,3})\. (?=[a-zæøå])")
_LIST_LINE = re.compile(r"^ {0,3}\d{1,9}[.)](?: |$)")


def _danish_ordinals(text: str) -> str:
    """A paragraph that starts with a Danish ordinal («10. klassetrin har …», «13. januar
    holdt …») is a sentence, not a numbered list of one item: its full stop is escaped. A real
    list (another numbered line just before or after it) is left alone."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = _ORDINAL_START.match(line)
        if not match or (index and lines[index - 1].strip()):
            continue  # not at the start of a paragraph
        following = []
        for other in lines[index + 1:]:
            if other.strip() or following:
                following.append(other)
            if len(following) > 1 and not other.strip():
                break
        before = next((other for other in reversed(lines[:index]) if other.strip()), "")
        if any(_LIST_LINE.match(other) for other in [before, *following]) or before.startswith(" "):
            continue  # an item of a list (loose or not)
        lines[index] = f"{match.group(1)}{match.group(2)}\\. {line[match.end():]}"
    return "\n".join(lines)


@lru_cache(maxsize=16384)
def _render_cached(text: str, heading_base: int) -> Markup:
    return Markup(_parser(heading_base).render(_danish_ordinals(text)))


@lru_cache(maxsize=16384)
def _render_inline_cached(text: str) -> Markup:
    return Markup(_parser(2).renderInline(text))
