"""Recording what a page reads while it is rendered, and checking those reads later."""

from __future__ import annotations

import hashlib
from typing import Any, Callable

from .fingerprint import Walker


_RECORDED_LOOKUPS = ("aktoer", "forum", "kommissorium", "moede", "plan", "pensum", "kontakt", "dokument",
                     "kontakter_om", "emne_titler")
"""Lookup methods whose answers a page's fingerprint depends on (the vocabulary lookups are
covered by the site key: the vocabulary is in it)."""


_MISSING = object()


def _frozen(value: Any) -> Any:
    return tuple(_frozen(item) for item in value) if isinstance(value, (list, tuple)) else value


class Recorder:
    """Wraps a site's lookups, `url_for` and `has` to record what each render reads.

    A page that shows a forum's name through ``lookup.forum(id)`` depends on that forum's
    file; one that links to a meeting through ``site.url_for`` depends on that URL. The reads
    are stored with the page and checked against the new data before the page is reused."""

    def __init__(self, site: Any, walker: "Walker") -> None:
        self.reads: dict[tuple, bytes | str | bool | None] | None = None
        self.current: dict[tuple, bytes | None] = {}
        """(lookup, arguments) → hash of today's answer, for checking stored reads."""
        self.walker = walker
        self.site = site
        lookup = site.lookup
        self.originals = {name: getattr(type(lookup), name).__get__(lookup) for name in _RECORDED_LOOKUPS
                          if hasattr(type(lookup), name)}
        original_url_for = type(site).url_for.__get__(site)
        urls = {page.url for page in site.pages}
        self.urls = urls

        def wrap(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
            def recorded(*args: Any) -> Any:
                found = original(*args)
                reads = self.reads
                if reads is not None:
                    # Nearly every lookup is by one id: a tuple of strings is its own key.
                    key = ("l", name, args if len(args) == 1 and type(args[0]) is str else _frozen(args))
                    if key not in reads:
                        reads[key] = self._hash(found)
                return found
            return recorded

        for name, original in self.originals.items():
            setattr(lookup, name, wrap(name, original))

        def url_for(kind: str, entity_id: Any) -> Any:
            found = original_url_for(kind, entity_id)
            if self.reads is not None:
                self.reads[("u", kind, entity_id)] = found
            return found

        def has(url: str) -> bool:
            found = url in urls
            if self.reads is not None:
                self.reads[("h", url)] = found
            return found

        site.url_for = url_for
        site.has = has

    def _hash(self, value: Any) -> bytes:
        digest = hashlib.blake2b(digest_size=12)
        self.walker.feed(digest, value)
        return digest.digest()

    def start(self) -> None:
        self.reads = {}

    def stop(self) -> list[tuple]:
        reads, self.reads = self.reads or {}, None
        return [(*key, value) for key, value in reads.items()]

    def valid(self, reads: list[tuple], site: Any) -> bool:
        current = self.current
        for read in reads:
            kind = read[0]
            if kind == "l":
                # Many pages read the same forum or actor: hash each answer once per build (the
                # data does not change while a build runs).
                try:
                    found = current.get((read[1], read[2]), _MISSING)
                except TypeError:  # arguments that cannot be a key: ask again
                    found = _MISSING
                if found is _MISSING:
                    original = self.originals.get(read[1])
                    found = None if original is None else self._hash(original(*read[2]))
                    try:
                        current[(read[1], read[2])] = found
                    except TypeError:
                        pass
                if found is None or found != read[3]:
                    return False
            elif kind == "u":
                if type(site).url_for(site, read[1], read[2]) != read[3]:
                    return False
            elif kind == "h":
                if (read[1] in self.urls) != read[2]:
                    return False
            else:
                return False
        return True
