"""Every internal link and asset reference must resolve; nothing may load from another host.

Checked on the finished files in memory, before anything is swapped in, so a broken link
fails the build and leaves the previous output as it was.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import AbstractSet, Any
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


def _content(data: Any) -> bytes:
    """A file's bytes; an output file kept from the previous build is read from there."""
    return data if isinstance(data, (bytes, bytearray)) else data.source.read_bytes()


def _parse_all(files: dict[str, Any], known: dict[str, tuple] | None) -> tuple[dict[str, _Collector], dict[str, tuple]]:
    """Collectors for every HTML file, and the files whose links were fine last time.

    `known` maps a path to (content hash, references, ids, internal targets or None). It is
    reused for files whose hash is unchanged and updated with the rest. A file that had no
    problem last time is only checked again if one of the files it links to is gone or lost
    the anchor it links to (its internal targets are remembered)."""
    parsed: dict[str, _Collector] = {}
    unchanged: dict[str, tuple] = {}
    for path, data in files.items():
        if not path.endswith(".html"):
            continue
        digest = getattr(data, "digest", None)
        hit = known.get(path) if known is not None else None
        if hit is not None and digest is not None and hit[0] == digest:
            collector = _Collector()
            collector.ids = set(hit[2])
            collector.references = None  # type: ignore[assignment]  # filled only if needed
            parsed[path] = collector
            unchanged[path] = hit
            continue
        content = _content(data)
        parsed[path] = _parse(content)
        if known is not None:
            if digest is None:
                digest = hashlib.blake2b(content, digest_size=16).digest()
            known[path] = (digest, tuple(_shared((r.tag, r.url)) for r in parsed[path].references),
                           _shared(frozenset(map(_shared, parsed[path].ids))), None)
    return parsed, unchanged


_SHARED: dict[Any, Any] = {}
_SHARED_MAX = 2_000_000


def _shared(value: Any) -> Any:
    """One object for equal values. The remembered links of a national build's 126,000 pages
    repeat the same (tag, URL) pairs, anchors and targets (every page has the navigation):
    held once each, they take a fraction of the memory (and of the pickled render state)."""
    found = _SHARED.get(value)
    if found is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        _SHARED[value] = found = value
    return found


def check_links(files: dict[str, Any], scope: dict[str, str], known: dict[str, tuple] | None = None,
                elsewhere: AbstractSet[str] = frozenset()) -> list[LinkProblem]:
    """`scope[file]` is the folder a file's links must stay inside (its site's root).

    `elsewhere` names files of the same output that were checked before (a build checks one
    municipality at a time, then the front page): a link to one of them resolves (its anchors
    are not checked again)."""
    if elsewhere:
        files = _Present(files, elsewhere)
    parsed, unchanged = _parse_all(files, known)
    problems: list[LinkProblem] = []
    for path, collector in sorted(parsed.items()):
        hit = unchanged.get(path)
        if hit is not None:
            targets = hit[3]
            if targets is not None and all(
                target in files and (not anchor or (target in parsed and anchor in parsed[target].ids))
                for target, anchor in targets
            ):
                continue
            collector.references = [Reference(tag, url) for tag, url in hit[1]]
        found = []
        for ref in collector.references:
            reason = _check(path, ref, files, parsed, scope.get(path, ""))
            if reason:
                found.append(LinkProblem(path, ref.url, reason))
        problems += found
        if known is not None and not found and path in known:
            known[path] = known[path][:3] + (_targets(path, collector, scope.get(path, "")),)
    for path, data in sorted(files.items()):
        if path.endswith(".css"):
            for url in _CSS_URL.findall(_content(data).decode("utf-8", errors="replace")):
                reason = _check(path, Reference("css", url), files, parsed, scope.get(path, ""))
                if reason:
                    problems.append(LinkProblem(path, url, reason))
    return problems


class _Present(dict):
    """`files` plus the names in `elsewhere` for `in` (iterating gives `files` only)."""

    def __init__(self, files: dict[str, Any], elsewhere: AbstractSet[str]) -> None:
        super().__init__(files)
        self.elsewhere = elsewhere

    def __contains__(self, path: object) -> bool:
        return dict.__contains__(self, path) or path in self.elsewhere


def _targets(path: str, collector: _Collector, scope: str) -> tuple | None:
    """The (file, anchor) pairs inside the output that a clean file's links depend on."""
    found = set()
    folder = posixpath.dirname(path)
    for ref in collector.references:
        url = ref.url.strip()
        if url.startswith("#"):
            found.add(_shared((path, unquote(url[1:]))))
            continue
        resolved = _resolve(folder, url)
        if resolved is None or resolved[0] or resolved[1].startswith(f"{scope}pagefind/"):
            continue
        found.add(_shared((resolved[1], resolved[2])))
    return tuple(sorted(found))


@lru_cache(maxsize=65536)
def _resolve(folder: str, url: str) -> tuple[str, str, str] | None:
    """(scheme, target file, anchor) of a URL written in a file in `folder`; None if it has
    no path (a bare anchor or an empty link). Pages at the same depth share most of their
    links, so this is memoised."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme or url.startswith("//"):
        return scheme or "//", "", ""
    if not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if parts.path.endswith("/"):
        target = f"{target}/index.html"
    return "", target, unquote(parts.fragment)


def _element_anchor(anchor: str) -> bool:
    """Whether a fragment names an element. «#/collections/moeder/new?forum=…» is a route of
    the Decap form's own router (admin/, the forum pages' «Nyt møde»), not an element id; the
    file it opens is still checked."""
    return bool(anchor) and not anchor.startswith("/")


def _check(path: str, ref: Reference, files: dict[str, bytes], parsed: dict[str, _Collector], scope: str) -> str | None:
    url = ref.url.strip()
    if not url.startswith("#"):
        resolved = _resolve(posixpath.dirname(path), url)
        if resolved is None:
            return None
        if not resolved[0]:  # internal: the common case, without parsing the URL again
            target, anchor = resolved[1], resolved[2]
            if target.startswith("../") or target == "..":
                return "peger uden for output-mappen"
            if scope and not target.startswith(scope):
                return "peger uden for sitet (offentlige sider og intranet må ikke linke på tværs)"
            if target not in files and not target.startswith(f"{scope}pagefind/"):
                return "peger på en fil, der ikke findes i det byggede site"
            if _element_anchor(anchor) and target in parsed and anchor not in parsed[target].ids:
                return f"peger på et anker «#{anchor}», der ikke findes på målsiden"
            return None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme or url.startswith("//"):
        if scheme in ("http", "https") or url.startswith("//"):
            if ref.tag in _LOADING_TAGS or ref.tag in ("css", "style"):
                return "henter indhold fra en anden vært (intet må hentes udefra)"
            return None
        if scheme in ("mailto", "tel", "webcal") and ref.tag == "a":  # webcal: calendar subscriptions
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
    if _element_anchor(anchor) and target in parsed and anchor not in parsed[target].ids:
        return f"peger på et anker «#{anchor}», der ikke findes på målsiden"
    return None
