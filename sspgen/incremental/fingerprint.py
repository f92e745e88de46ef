"""Fingerprints: what an output file is made from, as a hash.

The code, the templates a page uses (with everything they extend, include or import), the
municipality's shared data, and a page's own context walked value by value, where an entity
from a file stands for its file's content hash.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel


def digest_bytes(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


_code: bytes | None = None


def code_fingerprint() -> bytes:
    global _code
    if _code is None:
        import jinja2
        import markdown_it
        import pydantic

        from .. import __version__

        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"{__version__}|{jinja2.__version__}|{markdown_it.__version__}|{pydantic.VERSION}".encode())
        package = Path(__file__).resolve().parents[1]  # the sspgen package, not this folder
        for file in sorted(package.rglob("*")):
            if file.suffix in (".py", ".yaml") and "__pycache__" not in file.parts:
                digest.update(file.relative_to(package).as_posix().encode())
                digest.update(file.read_bytes())
        _code = digest.digest()
    return _code


class Walker:
    """Feeds a value into a hash; known objects (files' entities) stand for their file's hash."""

    def __init__(self, known: dict[int, bytes]) -> None:
        self.known = known

    def feed(self, digest: Any, value: Any) -> None:
        kind = type(value)
        if kind is str:
            digest.update(b"s")
            digest.update(value.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
            return
        if value is None or kind in (int, float, bool):
            digest.update(repr(value).encode())
            digest.update(b"\0")
            return
        found = self.known.get(id(value))
        if found is not None:
            digest.update(b"#")
            digest.update(found)
            return
        if kind in (list, tuple, set, frozenset):
            items = sorted(value, key=repr) if kind in (set, frozenset) else value
            digest.update(b"[")
            for item in items:
                self.feed(digest, item)
            digest.update(b"]")
        elif kind is dict:
            digest.update(b"{")
            for key, item in value.items():
                self.feed(digest, key)
                self.feed(digest, item)
            digest.update(b"}")
        elif isinstance(value, str):  # Markup and other str subclasses
            digest.update(kind.__name__.encode())
            self.feed(digest, str(value))
        elif isinstance(value, (date, datetime, time)):
            digest.update(value.isoformat().encode())
            digest.update(b"\0")
        elif isinstance(value, enum.Enum):
            self.feed(digest, value.value)
        elif isinstance(value, BaseModel):
            digest.update(kind.__name__.encode())
            self.feed(digest, value.__dict__)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            digest.update(kind.__name__.encode())
            for item in dataclasses.fields(value):
                self.feed(digest, item.name)
                self.feed(digest, getattr(value, item.name))
        else:
            # Unknown: its repr may hold an address, which only costs a re-render, never a stale page.
            digest.update(f"{kind.__module__}.{kind.__qualname__}:{value!r}".encode("utf-8", "replace"))


def kommune_state(data: Any) -> tuple[bytes | None, dict[int, bytes], dict[str, bytes]]:
    """(hash of the shared data or None, id → file hash of every entity, meeting id → hash)."""
    known: dict[int, bytes] = {}
    meetings: dict[str, bytes] = {}
    shared = hashlib.blake2b(digest_size=16)
    shared.update(data.slug.encode())
    complete = True
    walker = Walker({})
    for source in sorted(data.sources, key=lambda s: s.path):
        file_digest = getattr(source, "digest", None)
        if file_digest is None:  # not from the parse cache (a prose page's front matter)
            if "/moeder/" in source.path:
                complete = False
            else:
                walker.feed(shared, [source.path, source.data])
            continue
        known[id(source)] = file_digest
        if "/moeder/" not in source.path:
            shared.update(source.path.encode())
            shared.update(file_digest)
    for name in ("aktoerer", "fora", "kommissorier", "funktionsbeskrivelser", "planer", "evalueringer",
                 "pensum", "moeder", "begivenheder"):
        for entity_id, located in getattr(data, name).items():
            file_digest = getattr(located.source, "digest", None)
            if file_digest is None:
                complete = False
                continue
            known[id(located.value)] = file_digest
            known[id(located)] = file_digest
            if name == "moeder":
                meetings[entity_id] = file_digest
    for single in (data.kommune, data.emnebank):
        if single is not None and getattr(single.source, "digest", None) is not None:
            known[id(single.value)] = single.source.digest
    walker.feed(shared, data.vokabular)
    for page_id, located in sorted(data.sider.items()):
        walker.feed(shared, page_id)
        walker.feed(shared, located.value)
        walker.feed(shared, located.source.data)
    return (shared.digest() if complete else None), known, meetings


_REFERENCES: dict[bytes, frozenset[str] | None] = {}
"""Template text hash → the templates it extends, includes or imports (None: unknown)."""


def template_closure(env: Any, layouts: Path) -> Callable[[str], bytes]:
    """name → hash of the template and every template it references (all of them if unsure)."""
    import jinja2.meta

    sources: dict[str, bytes] = {}
    for file in sorted(layouts.rglob("*.html")) + sorted(layouts.rglob("*.xml")):
        sources[file.relative_to(layouts).as_posix()] = file.read_bytes()
    everything = hashlib.blake2b(b"".join(k.encode() + b"\0" + v for k, v in sorted(sources.items())),
                                 digest_size=16).digest()
    references: dict[str, frozenset[str] | None] = {}
    for name, text in sources.items():
        # Parsing every template costs more than rendering a few pages; `sspgen serve` builds
        # again on every save, so a template's references are kept per process by its text.
        text_key = hashlib.blake2b(text, digest_size=16).digest()
        if text_key not in _REFERENCES:
            try:
                found = set(jinja2.meta.find_referenced_templates(env.parse(text.decode("utf-8"))))
                _REFERENCES[text_key] = None if None in found else frozenset(n for n in found if n)
            except Exception:
                _REFERENCES[text_key] = None
        references[name] = _REFERENCES[text_key]
    memo: dict[str, bytes] = {}

    def closure(name: str) -> bytes:
        if name in memo:
            return memo[name]
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            refs = references.get(current)
            if refs is None:
                memo[name] = everything
                return everything
            todo += list(refs)
        digest = hashlib.blake2b(digest_size=16)
        for item in sorted(seen):
            digest.update(item.encode() + b"\0" + sources.get(item, b"?"))
        memo[name] = digest.digest()
        return memo[name]

    return closure
