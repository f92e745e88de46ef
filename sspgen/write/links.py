"""Every internal link and asset reference must resolve; nothing may load from another host.

Checked on the finished files in memory, before anything is swapped in, so a broken link
fails the build and leaves the previous output as it was.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

_LOADING_TAGS = {"link", "script", "img", "iframe", "source", "embed", "object", "audio", "video", "track", "input", "use", "image"}
_URL_ATTRS = {"href", "src", "srcset", "data", "poster", "action", "xlink:href", "formaction"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass(frozen=True)
class Reference:
    tag: str
    url: str


@dataclass(frozen=True)
class LinkProblem:
    file: str
    url: str
    reason: str


class _Collector:
    """The references and ids of one HTML file.

    A regular-expression scanner, not html.parser: it is several times faster, which matters
    at tens of thousands of pages. It reads start tags outside comments and outside the content
    of <script>/<style> (as an HTML parser does), and unescapes attribute values."""

    def __init__(self) -> None:
        self.references: list[Reference] = []
        self.ids: set[str] = set()

    def feed(self, text: str) -> None:
        if "<!--" in text:
            text = _COMMENT.sub("", text)
        if "<script" in text or "<style" in text:
            text = _RAW_TEXT.sub(r"\1", text)
        for tag_match in _TAG.finditer(text):
            body = tag_match.group(2)
            if "=" not in body:
                continue
            tag = tag_match.group(1).lower()
            for attr in _ATTRIBUTE.finditer(body):
                value = attr.group(2)
                if value is None:
                    value = attr.group(3) if attr.group(3) is not None else attr.group(4)
                if value is None:
                    continue
                name = attr.group(1).lower()
                if name not in _WANTED:
                    continue
                if "&" in value:
                    value = html.unescape(value)
                self._attribute(tag, name, value)

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name in ("id", "name") and (name == "id" or tag == "a"):
            self.ids.add(value)
        if name in _URL_ATTRS:
            if name == "srcset":
                for part in value.split(","):
                    if part.strip():
                        self.references.append(Reference(tag, part.strip().split()[0]))
            else:
                self.references.append(Reference(tag, value))
        if name == "style":
            self.references += [Reference("style", url) for url in _CSS_URL.findall(value)]

    def close(self) -> None:
        pass


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_RAW_TEXT = re.compile(r"(<(script|style)\b[^>]*>).*?(?=</\2\s*>)", re.DOTALL | re.IGNORECASE)
# A start tag. Attribute values never hold a raw '>' in our output (Jinja autoescape and
# markdown-it escape it), so the tag ends at the first '>'.
_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)([^>]*)>")
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_WANTED = {"id", "name", "style", *_URL_ATTRS}


def _parse(content: bytes) -> _Collector:
    collector = _Collector()
    collector.feed(content.decode("utf-8", errors="replace"))
    collector.close()
    return collector


def check_links(files: dict[str, bytes], scope: dict[str, str]) -> list[LinkProblem]:
    """`scope[file]` is the folder a file's links must stay inside (its site's root)."""
    parsed = {path: _parse(data) for path, data in files.items() if path.endswith(".html")}
    problems: list[LinkProblem] = []
    for path, collector in sorted(parsed.items()):
        for ref in collector.references:
            reason = _check(path, ref, files, parsed, scope.get(path, ""))
            if reason:
                problems.append(LinkProblem(path, ref.url, reason))
    for path, data in sorted(files.items()):
        if path.endswith(".css"):
            for url in _CSS_URL.findall(data.decode("utf-8", errors="replace")):
                reason = _check(path, Reference("css", url), files, parsed, scope.get(path, ""))
                if reason:
                    problems.append(LinkProblem(path, url, reason))
    return problems


def _check(path: str, ref: Reference, files: dict[str, bytes], parsed: dict[str, _Collector], scope: str) -> str | None:
    url = ref.url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme or url.startswith("//"):
        if scheme in ("http", "https") or url.startswith("//"):
            if ref.tag in _LOADING_TAGS or ref.tag in ("css", "style"):
                return "henter indhold fra en anden vært (intet må hentes udefra)"
            return None
        if scheme in ("mailto", "tel") and ref.tag == "a":
            return None
        return f"bruger den ikke-tilladte adresseform «{scheme}:»"
    if url.startswith("#"):
        anchor = unquote(url[1:])
        if anchor and path in parsed and anchor not in parsed[path].ids:
            return f"peger på et anker «#{anchor}», der ikke findes på siden"
        return None
    if not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
    if parts.path.endswith("/"):
        target = f"{target}/index.html"
    if target.startswith("../") or target == "..":
        return "peger uden for output-mappen"
    if scope and not target.startswith(scope):
        return "peger uden for sitet (offentlige sider og intranet må ikke linke på tværs)"
    if target not in files and not target.startswith(f"{scope}pagefind/"):  # written after the check by the search step
        return "peger på en fil, der ikke findes i det byggede site"
    anchor = unquote(parts.fragment)
    if anchor and target in parsed and anchor not in parsed[target].ids:
        return f"peger på et anker «#{anchor}», der ikke findes på målsiden"
    return None
