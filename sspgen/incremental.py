"""Incremental rendering: re-render only the pages whose inputs changed; write only new bytes.

Every output file (a page, its CMS fragment, a calendar, a PDF) gets a *fingerprint* of what
it is made from:

* the code: every file of the sspgen package and the versions of Jinja2, markdown-it-py and
  Pydantic (a new sspgen version re-renders everything);
* the template and everything it extends, includes or imports (changing moede.html
  re-renders the meeting pages, not the plan);
* the site: what every page shows (the municipality's name, contacts and footer, the
  vocabularies, the navigation, "today", the variant);
* the page itself: URL, title, dates, sources, and its context, walked value by value; an
  entity from a file (a meeting, a forum, a plan …) stands for its file's content hash;
* what the page *read* while it was rendered, recorded then and checked now: every lookup
  of another entity (``lookup.forum(id)``, ``lookup.moede(id)``, ``lookup.aktoer(id)`` …, a
  name it shows without having the entity in its context) and every ``site.url_for`` /
  ``site.has`` answer (the links it made, and the ones it left out). So a changed plan goal
  re-renders the pages that show the plan, not every page.

An output whose fingerprint and recorded reads are unchanged, and whose previous file still
exists, is not rendered: the new output folder gets a hard link to the previous file (same
bytes, same mtime, so rsync and browser caches stay warm). A re-rendered file whose bytes
did not change is linked too. Pages to render are spread over the cores when there are many.

The state lives in ``.sspgen-cache/render/`` and is only written after a build succeeded,
through sspgen/cachefile.py: authenticated with a key outside the repository and checked
before anything is unpickled (a committed state file never runs), and not at all while git
tracks `.sspgen-cache/`.
Without content hashes from the parse cache (SSPGEN_CACHE=0) everything is rendered.
tests/test_cache.py compares incremental builds byte for byte with clean builds.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import os
import shutil
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

from . import cachefile
from .cachefile import CACHE_DIR

PARALLEL_MIN = 150
"""Below this many files to render, a worker pool costs more than it saves."""


@dataclasses.dataclass(frozen=True)
class Reused:
    """An output file taken over from the previous build (hard-linked, not rewritten)."""

    source: Path
    digest: bytes


def digest_bytes(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


# --------------------------------------------------------------------------------------------
# Fingerprints


_code: bytes | None = None


def code_fingerprint() -> bytes:
    global _code
    if _code is None:
        import jinja2
        import markdown_it
        import pydantic

        from . import __version__

        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"{__version__}|{jinja2.__version__}|{markdown_it.__version__}|{pydantic.VERSION}".encode())
        package = Path(__file__).resolve().parent
        for file in sorted(package.rglob("*")):
            if file.suffix in (".py", ".yaml") and "__pycache__" not in file.parts:
                digest.update(file.relative_to(package).as_posix().encode())
                digest.update(file.read_bytes())
        _code = digest.digest()
    return _code


class _Walker:
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


def _kommune_state(data: Any) -> tuple[bytes | None, dict[int, bytes], dict[str, bytes]]:
    """(hash of the shared data or None, id → file hash of every entity, meeting id → hash)."""
    known: dict[int, bytes] = {}
    meetings: dict[str, bytes] = {}
    shared = hashlib.blake2b(digest_size=16)
    shared.update(data.slug.encode())
    complete = True
    walker = _Walker({})
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


def _template_closure(env: Any, layouts: Path) -> Callable[[str], bytes]:
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


# --------------------------------------------------------------------------------------------
# Recording what a page reads


_RECORDED_LOOKUPS = ("aktoer", "forum", "kommissorium", "moede", "plan", "pensum", "kontakt", "dokument",
                     "kontakter_om", "emne_titler")
"""Lookup methods whose answers a page's fingerprint depends on (the vocabulary lookups are
covered by the site key: the vocabulary is in it)."""


_MISSING = object()


def _frozen(value: Any) -> Any:
    return tuple(_frozen(item) for item in value) if isinstance(value, (list, tuple)) else value


class _Recorder:
    """Wraps a site's lookups, `url_for` and `has` to record what each render reads.

    A page that shows a forum's name through ``lookup.forum(id)`` depends on that forum's
    file; one that links to a meeting through ``site.url_for`` depends on that URL. The reads
    are stored with the page and checked against the new data before the page is reused."""

    def __init__(self, site: Any, walker: "_Walker") -> None:
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


# --------------------------------------------------------------------------------------------
# The render state


class Incremental:
    """One build's view of the previous build: what can be reused, and what to remember."""

    def __init__(self, root: Path, out: Path, options: list[str], kommuner: list[Any], env: Any,
                 layouts: Path, extra: str) -> None:
        self.out = out
        self.active = cachefile.usable(root) and os.access(root, os.W_OK)
        key = hashlib.blake2b("\0".join(options).encode(), digest_size=8).hexdigest()
        self.file = root / CACHE_DIR / "render" / f"{key}{cachefile.SUFFIX}"
        self.previous: dict[str, tuple] = {}
        self.entries: dict[str, tuple] = {}
        self.paths: set[str] = set()
        """Every file of this build (settle collects them)."""
        self.links: dict[str, tuple[bytes, Any]] = {}
        self.rendered = 0
        self.reused = 0
        self.kommuner = {}
        for data in kommuner:
            shared, known, meetings = _kommune_state(data)
            self.kommuner[data.slug] = (shared, known, meetings)
        self.closure = _template_closure(env, layouts)
        self.base = hashlib.blake2b(code_fingerprint() + extra.encode(), digest_size=16).digest()
        if self.active:
            stored = cachefile.load(self.file, "render")
            try:
                if isinstance(stored, dict) and stored.get("base") == self.base:
                    self.previous = stored["entries"]
                    self.links = stored.get("links", {})
            except Exception:  # written by this key but of another shape: a full render
                self.previous, self.links = {}, {}

    @property
    def has_previous(self) -> bool:
        """Whether the previous build's state was found: then every file this build keeps
        (a Reused one) is that build's file in `out`, and the output can be updated in place."""
        return bool(self.previous)

    # -- keys -------------------------------------------------------------------------------
    def _site_key(self, site: Any) -> bytes | None:
        """What every page of a site shows: the municipality (header, footer, contacts), the
        vocabularies (names of types and trends), the navigation, "today". Everything else a
        page shows is in its context or recorded as it is read."""
        shared, known, _ = self.kommuner.get(site.kommune, (None, {}, {}))
        if shared is None:
            return None
        digest = hashlib.blake2b(self.base, digest_size=16)
        lookup = site.lookup
        _Walker(known).feed(digest, [site.root, site.variant, site.kommune_navn, site.today, site.nav,
                                     lookup.kommune, lookup.data.vokabular])
        return digest.digest()

    def _key(self, site_key: bytes, walker: _Walker, mode: str, value: Any, template: str | None) -> bytes:
        digest = hashlib.blake2b(site_key + mode.encode(), digest_size=16)
        if template is not None:
            digest.update(self.closure(template))
        walker.feed(digest, value)
        return digest.digest()

    # -- rendering ----------------------------------------------------------------------------
    def render_site(self, renderer: Any, site: Any, event: Callable[[Any, Any], Any]) -> dict[str, Any]:
        """Like Renderer.site, but an unchanged file comes back as Reused."""
        from .render import ics

        slug = site.kommune
        shared, known, meetings = self.kommuner.get(slug, (None, {}, {}))
        site_key = self._site_key(site) if self.active else None
        walker = _Walker(known)
        recorder = _Recorder(site, walker)
        jobs: list[tuple] = []
        files: dict[str, Any] = {}
        domain = f"{site.kommune}.ssp"

        def page_fields(page: Any) -> list[Any]:
            return [page.url, page.template, page.title, page.section, page.fragment, page.updated,
                    page.sources, page.context]

        def job_key(job: tuple) -> bytes | None:
            if not site_key:
                return None
            _, kind, spec, mode = job
            if kind == "page":
                return self._key(site_key, walker, mode, page_fields(spec), spec.template)
            if kind == "ics":
                return self._key(site_key, walker, "ics", [spec.path, spec.name, list(spec.meetings),
                                                           [event(site, m) for m in spec.meetings], domain], None)
            return self._key(site_key, walker, "pdf", [spec.path, spec.title, page_fields(spec.page)],
                             spec.page.template)

        for page in site.pages:
            jobs.append((page.file, "page", page, "page"))
            if page.fragment:
                jobs.append((f"{page.url}fragment.html", "page", page, "fragment"))
        for calendar in site.calendars:
            jobs.append((calendar.path, "ics", calendar, "ics"))
        if renderer.pdf is not None:
            for spec in site.pdfs:
                jobs.append((spec.path, "pdf", spec, "pdf"))

        # (job, its fingerprint): a file the previous build did not make cannot be reused, and
        # its fingerprint is taken by the worker that renders it (in parallel, not here).
        todo: list[tuple[tuple, bytes | None]] = []
        for job in jobs:
            full = site.root + job[0]
            entry = self.previous.get(full)
            if entry is None:
                todo.append((job, None))
                continue
            key = job_key(job)
            if key is not None and entry[0] == key and recorder.valid(entry[2], site):
                previous_file = self.out / full
                if previous_file.is_file():
                    files[job[0]] = Reused(previous_file, entry[1])
                    self.entries[full] = entry
                    self.reused += 1
                    continue
            todo.append((job, key))

        def render_one(item: tuple[tuple, bytes | None]) -> tuple[bytes, bytes, list[tuple], bytes | None]:
            job, key = item
            _, kind, spec, mode = job
            if key is None:
                key = job_key(job)
            recorder.start()
            if kind == "page":
                data = renderer.page(site, spec, fragment=(mode == "fragment")).encode("utf-8")
            elif kind == "ics":
                data = ics.meeting_calendar(spec.name, list(spec.meetings), domain, lambda m: event(site, m))
            else:
                data = renderer.pdf.make(renderer.page(site, spec.page, pdf=True))
            return data, digest_bytes(data), recorder.stop(), key

        for (job, _), (data, file_digest, reads, key) in zip(todo, _run(render_one, todo)):
            path = job[0]
            full = site.root + path
            entry = self.previous.get(full)
            files[path] = data
            if entry is not None and entry[1] == file_digest:
                previous_file = self.out / full
                if previous_file.is_file():
                    files[path] = Reused(previous_file, file_digest)  # same bytes: keep the old file
            if key is not None:
                self.entries[full] = (key, file_digest, reads)
            self.rendered += 1
        return files

    # -- after rendering ----------------------------------------------------------------------
    def settle(self, files: dict[str, Any]) -> dict[str, Any]:
        """Files that are not rendered pages (assets, the index) and equal the previous ones
        are linked as well. Called once per municipality: `paths` collects all of them."""
        self.paths.update(files)
        for path, data in list(files.items()):
            if isinstance(data, Reused) or not self.active:
                continue
            previous_file = self.out / path
            try:
                if previous_file.is_file() and previous_file.stat().st_size == len(data) and previous_file.read_bytes() == data:
                    files[path] = Reused(previous_file, digest_bytes(data))
            except OSError:
                pass
        return files

    def save(self) -> None:
        if not self.active:
            return
        try:
            links = {path: value for path, value in self.links.items() if path in self.paths}
            cachefile.dump(self.file, "render", {"base": self.base, "entries": self.entries, "links": links})
        except OSError:
            pass

    def forget(self) -> None:
        try:
            self.file.unlink()
        except OSError:
            pass


# --------------------------------------------------------------------------------------------
# Running jobs over the cores

_WORK: tuple[Callable[[Any], Any], list[Any]] | None = None


def _work(indices: list[int]) -> list[Any]:
    assert _WORK is not None
    function, jobs = _WORK
    out = []
    for index in indices:
        try:
            out.append(("ok", function(jobs[index])))
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
            diagnostic = getattr(exc, "diagnostic", None)
            out.append(("error", (type(exc).__name__, str(exc), diagnostic)))
    return out


def _run(function: Callable[[Any], Any], jobs: list[Any]) -> list[Any]:
    """function(job) for every job, in order; over a fork pool when there are many."""
    global _WORK
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_MIN or workers < 2 or os.environ.get("SSPGEN_WORKERS") == "1":
        return [function(job) for job in jobs]
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return [function(job) for job in jobs]
    _WORK = (function, jobs)
    chunks = [list(range(start, len(jobs), workers * 4)) for start in range(workers * 4)]
    try:
        with context.Pool(workers) as pool:
            parts = pool.map(_work, chunks, chunksize=1)
    finally:
        _WORK = None
    results: list[Any] = [None] * len(jobs)
    for indices, part in zip(chunks, parts):
        for index, (status, value) in zip(indices, part):
            if status == "error":
                name, message, diagnostic = value
                if diagnostic is not None:
                    from .render.environment import TemplateProblem

                    raise TemplateProblem(diagnostic)
                raise RuntimeError(f"{name}: {message}")
            results[index] = value
    return results


# --------------------------------------------------------------------------------------------
# Writing


def link_or_write(path: Path, data: Any) -> None:
    """Write one output file into the new folder: a hard link for a Reused file."""
    if isinstance(data, Reused):
        try:
            os.link(data.source, path)
            return
        except OSError:
            shutil.copy2(data.source, path)
            return
    path.write_bytes(data)
