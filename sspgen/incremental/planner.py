"""The render state: one build's view of the previous build.

Which outputs can be reused (fingerprint and recorded reads unchanged, the previous file still
there), which must be rendered, and what to remember for the next build.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Callable

from .. import cachefile
from ..cachefile import CACHE_DIR
from .fingerprint import Walker, code_fingerprint, digest_bytes, kommune_state, template_closure
from .pool import run
from .recorder import Recorder
from .reused import Reused


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
            shared, known, meetings = kommune_state(data)
            self.kommuner[data.slug] = (shared, known, meetings)
        self.closure = template_closure(env, layouts)
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
        Walker(known).feed(digest, [site.root, site.variant, site.kommune_navn, site.today, site.nav,
                                     lookup.kommune, lookup.data.vokabular])
        return digest.digest()

    def _key(self, site_key: bytes, walker: Walker, mode: str, value: Any, template: str | None) -> bytes:
        digest = hashlib.blake2b(site_key + mode.encode(), digest_size=16)
        if template is not None:
            digest.update(self.closure(template))
        walker.feed(digest, value)
        return digest.digest()

    # -- rendering ----------------------------------------------------------------------------
    def render_site(self, renderer: Any, site: Any, event: Callable[[Any, Any], Any]) -> dict[str, Any]:
        """Like Renderer.site, but an unchanged file comes back as Reused."""
        from ..render import ics

        slug = site.kommune
        shared, known, meetings = self.kommuner.get(slug, (None, {}, {}))
        site_key = self._site_key(site) if self.active else None
        walker = Walker(known)
        recorder = Recorder(site, walker)
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

        for (job, _), (data, file_digest, reads, key) in zip(todo, run(render_one, todo)):
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
