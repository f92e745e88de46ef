"""The fast path of `sspgen serve`: a saved meeting record's own page, shown in milliseconds.

A full build of a big municipality takes seconds: every file is validated again, the site
model and the site-wide pages (forum pages, calendar, trend map …) are made again, and the
whole folder is swapped. While a record is being written, most saves touch one meeting record,
and that meeting's page depends on little besides the record itself. So the preview keeps what
the last good build had (the validated data and the site model; the Jinja environment is
shared with the build already), and when an existing meeting record is saved it

1. reads and schema-validates just that file and runs the rules on it (references, vocabulary,
   agenda, calendar, visibility, privacy/CPR); on any error it steps aside;
2. checks that the save changes nothing another page's structure depends on (same id, forum
   and visibility, no change that can move "today", no other file changed since the kept
   build, no new commit), else it steps aside;
3. swaps the meeting into the kept data, makes its page as the site builder does
   (sspgen.site.builder.moede_page), renders it (and its CMS fragment on the public site),
   checks its links like the build's link check, writes the files atomically into the served
   folder and tells the open pages to reload.

The ordinary full build then runs as before and brings every other page up to date; for the
meeting's page it writes the same bytes (tests/test_serve.py checks that on a real session).
Stepping aside is never an error: the full build shows the page (or the errors) as before.

Concurrency: the fast path runs in its own thread, also while a full build runs. Its writes
are held back while a build swaps its folder in, and dropped when a build that read the files
after the fast path did has been swapped in since. After each build the pages the fast path
wrote are reconciled with what the build wrote (see `FastPath.build_finished`).

This module coordinates; beside it: fastcheck.py (is the save safe to show), kept.py (what is
kept from the last good build), served.py (reading and writing the served folder) and
gitmark.py (the git state).
"""


from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

from ..build import BuildResult
from ..cache import content_hash
from ..read.filebytes import read_bytes
from ..render.environment import TemplateProblem, make_environment
from ..render.site import Renderer
from ..resources import layouts
from ..site.builder import moede_page
from ..site.pages import PageSpec, Site
from ..validate.files import plain_path
from ..validate.load import KommuneData, Located
from ..write.links import check_links
from .fastcheck import same_shape, validated
from .gitmark import git_mark
from .kept import Kept, KeptDates, Skip, Update, Written
from .served import OutputFiles, read_file, stat_inode, write_atomically

SWAP_WAIT = 30.0
"""Seconds a fast-path write waits for a build that is swapping its folder in."""


class FastPath:
    def __init__(self, root: Path, folder: Path, has_errors: Callable[[], bool], requeue: Callable[[str], None]) -> None:
        self.root = root
        self.folder = folder
        """The served folder (the build's output folder)."""
        self.has_errors = has_errors
        """Whether the last build attempt failed (then its errors are shown; no fast path)."""
        self.requeue = requeue
        """Queue a file for the fast path again (after a build, see build_finished)."""
        self.layouts = layouts(root)
        self._lock = threading.Condition()
        self._kept: Kept | None = None
        self._started = 0
        self._started_at: dict[int, tuple[float, tuple | None]] = {}
        self._swapped = 0
        self._swapping = False
        self._other_changed = 0.0
        self._written: dict[str, Written] = {}
        self.note: str | None = None
        """A Danish line for the terminal when the fast path was turned off (set once)."""

    # -- what the full build tells the fast path ---------------------------------------------
    def build_starting(self) -> int:
        """Called just before a full build starts; returns its number."""
        mark = git_mark(self.root)
        with self._lock:
            self._started += 1
            self._started_at[self._started] = (time.monotonic(), mark)
            return self._started

    def before_swap(self, folder: Path) -> None:
        """A postprocess step of the build: from now until build_finished, fast-path writes
        wait (a write could land in the folder that is being swapped out)."""
        with self._lock:
            self._swapping = True

    def build_finished(self, number: int, result: BuildResult | None) -> None:
        """Called after every build attempt. A good one becomes the kept state, and the pages
        the fast path wrote are reconciled with it: a page the build kept as it was (hard-linked
        from the served folder: its render state said it was unchanged) but that the fast path
        made from other bytes of the record is rendered again from the build's data, so the
        folder and the build's render state agree; a record whose bytes differ from the ones
        the build read is queued for the fast path again (it may be newer than the build)."""
        try:
            kept = self._keep(number, result) if result is not None and result.ok else None
            with self._lock:
                if kept is not None:
                    self._swapped = number
                    self._kept = kept
                    self._reconcile(kept)
                    self._check_self(kept)
                self._started_at.pop(number, None)
        finally:
            with self._lock:
                self._swapping = False
                self._lock.notify_all()

    def other_changed(self) -> None:
        """A file the fast path does not handle changed (a forum, a template, a new or removed
        record …): no fast path until a build that started after this has finished."""
        with self._lock:
            self._other_changed = time.monotonic()

    def _keep(self, number: int, result: BuildResult) -> Kept:
        started, mark = self._started_at.get(number, (0.0, None))
        sites = {(site.kommune, site.variant): site for site in result.sites}
        pages = {(site.kommune, site.variant, page.url): index for site in result.sites
                 for index, page in enumerate(site.pages) if page.template == "moede.html"}
        return Kept(number, started, mark, sites, pages)

    def _reconcile(self, kept: Kept) -> None:
        linked: dict[str, set[str]] = {}
        again: set[str] = set()
        for relative, written in sorted(self._written.items()):
            meeting = self._kept_meeting(kept, written.display)
            if meeting is not None and stat_inode(self.folder / relative) == written.inode:
                linked.setdefault(written.display, set()).add(relative)
            if meeting is not None and getattr(meeting.source, "digest", None) != written.source_digest:
                again.add(written.display)  # the record's bytes differ from the build's: maybe newer
        self._written.clear()
        for display, relatives in sorted(linked.items()):
            self._rerender(kept, display, relatives)
        for display in sorted(again):
            self.requeue(str(self.root / display))

    def _kept_meeting(self, kept: Kept, display: str) -> Located[Any] | None:
        slug, meeting_id = _slug_and_id(display)
        site = kept.sites.get((slug, "intranet"))
        found = site.lookup.data.moeder.get(meeting_id) if site is not None else None
        return found if found is not None and found.source.path == display else None

    def _rerender(self, kept: Kept, display: str, relatives: set[str]) -> None:
        """The build's own page for a meeting, written over a fast-path page it hard-linked."""
        slug, meeting_id = _slug_and_id(display)
        renderer = self._renderer()
        for variant in ("intranet", "offentlig"):
            site = kept.sites.get((slug, variant))
            index = kept.pages.get((slug, variant, site.urls.get(("moede", meeting_id), ""))) if site else None
            if site is None or index is None:
                continue
            spec = site.pages[index]
            for relative, fragment in ((site.root + spec.file, False), (site.root + spec.url + "fragment.html", True)):
                if relative not in relatives:
                    continue
                data = renderer.page(site, spec, fragment=fragment).encode("utf-8")
                if read_file(self.folder / relative) != data:
                    write_atomically(self.folder / relative, data)

    def _check_self(self, kept: Kept) -> None:
        """Make one meeting page the fast path's way and compare it with the build's file: if
        they ever differ (a template or code that the fast path does not foresee), the fast
        path is turned off for this build's state, so it can never show a page the build
        would not."""
        if not kept.pages:
            return
        slug, variant, url = min(kept.pages)
        site = kept.sites[(slug, variant)]
        spec = site.pages[kept.pages[(slug, variant, url)]]
        try:
            redone = moede_page(site.lookup.data, site.variant, KeptDates(spec), site.today, spec.context["moede"])
            same = read_file(self.folder / site.root / spec.file) == self._renderer().page(site, redone).encode("utf-8")
        except (Skip, TemplateProblem, KeyError):
            same = False
        if not same:
            self._kept = None
            self.note = ("Bemærk: den hurtige visning af gemte mødereferater er slået fra indtil næste "
                         "bygning; siderne bygges som før.")

    # -- the fast path -------------------------------------------------------------------------
    def display(self, path: str) -> str | None:
        """The repository path of a meeting record (data/<kommune>/moeder/…/<id>.yaml), else None."""
        try:
            relative = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        except ValueError:
            return None
        parts = relative.split(os.sep)
        if (len(parts) < 4 or parts[0] != "data" or parts[2] != "moeder" or not parts[-1].endswith(".yaml")
                or parts[1].startswith((".", "_"))):
            return None
        return "/".join(parts)

    def read_by_build(self, path: str) -> bool:
        """Whether a build reads the file: YAML under data/, Markdown under content/, and
        anything else the preview watches (layouts/). A temporary file an editor or sed
        writes beside a record is not."""
        try:
            relative = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        except ValueError:
            return True
        top = relative.split(os.sep, 1)[0]
        if top == "data":
            return relative.endswith(".yaml")
        if top == "content":
            return relative.endswith(".md")
        return True

    def update(self, path: str) -> Update | None:
        """Show the saved meeting record at ``path`` at once, if that is safe; None otherwise."""
        started = time.perf_counter()
        display = self.display(path)
        if display is None:
            return None
        with self._lock:
            kept, number, other = self._kept, self._started, self._other_changed
        if kept is None or other >= kept.started or self.has_errors() or git_mark(self.root) != kept.git:
            return None
        try:
            return self._update(kept, number, display, started)
        except Skip:
            return None

    def _update(self, kept: Kept, number: int, display: str, started: float) -> Update | None:
        slug, meeting_id = _slug_and_id(display)
        intranet = kept.sites.get((slug, "intranet"))
        if intranet is None:
            raise Skip("kommunen er ikke bygget")
        data: KommuneData = intranet.lookup.data
        old = data.moeder.get(meeting_id)
        if not plain_path(self.root, display):  # a link: the full build reports it, nothing is read
            self.other_changed()
            raise Skip("symbolsk link")
        raw, _ = read_bytes(self.root / display, display)
        if old is None or old.source.path != display or raw is None:
            self.other_changed()  # a new, renamed or removed record: the site changes shape
            raise Skip("ny eller fjernet fil")
        new = validated(raw, display, meeting_id, data)
        same_shape(old.value, new.value, intranet.today)
        views = [site for variant in ("intranet", "offentlig")
                 if (site := kept.sites.get((slug, variant))) is not None and meeting_id in site.lookup.data.moeder]
        previous = {id(site): site.lookup.data.moeder[meeting_id] for site in views}
        for site in views:
            site.lookup.data.moeder[meeting_id] = new
        try:
            pages, specs = self._render(kept, views, meeting_id, new)
            self._check_links(kept, pages)
        except BaseException:
            for site in views:
                site.lookup.data.moeder[meeting_id] = previous[id(site)]
            raise
        for site, index, spec in specs:
            site.pages[index] = spec
        if not self._write(pages, number, display, content_hash(raw)):
            return None
        return Update(display, tuple(sorted(pages)), time.perf_counter() - started)

    def _renderer(self) -> Renderer:
        # The build's environment (make_environment keeps one per layouts folder and process),
        # so the templates are compiled already; no PDFs in the preview, as in its build.
        return Renderer(make_environment(self.layouts), self.layouts, self.root, None, "")

    def _render(self, kept: Kept, views: list[Site], meeting_id: str,
                new: Located[Any]) -> tuple[dict[str, bytes], list[tuple[Site, int, PageSpec]]]:
        renderer = self._renderer()
        pages: dict[str, bytes] = {}
        specs = []
        for site in views:
            index = kept.pages.get((site.kommune, site.variant, site.urls.get(("moede", meeting_id), "")))
            if index is None:
                raise Skip("siden findes ikke")
            old = site.pages[index]
            spec = moede_page(site.lookup.data, site.variant, KeptDates(old), site.today, new.value)
            if (spec.url, spec.template, spec.section, spec.fragment) != (old.url, old.template, old.section, old.fragment):
                raise Skip("siden flytter sig")
            try:
                pages[site.root + spec.file] = renderer.page(site, spec).encode("utf-8")
                if spec.fragment:
                    pages[site.root + spec.url + "fragment.html"] = renderer.page(site, spec, fragment=True).encode("utf-8")
            except TemplateProblem:
                raise Skip("skabelonfejl") from None
            specs.append((site, index, spec))
        if not pages:
            raise Skip("ingen sider")
        return pages, specs

    def _check_links(self, kept: Kept, pages: dict[str, bytes]) -> None:
        """The build's link check on the new pages: links to files of the served site, and
        anchors on the pages they point to."""
        scope = {path: "/".join(path.split("/")[:2]) + "/" for path in pages}
        known: dict[str, tuple] = {}
        if check_links(OutputFiles(pages, self.folder, kept.exists), scope, known):
            raise Skip("brudt link")
        for path in pages:
            for target, anchor in known[path][3] or ():
                if anchor and target not in pages and anchor not in self._anchors(kept, target):
                    raise Skip("brudt anker")

    def _anchors(self, kept: Kept, target: str) -> frozenset[str]:
        found = kept.ids.get(target)
        if found is None:
            try:
                content = (self.folder / target).read_bytes()
            except OSError:
                content = b""
            parsed: dict[str, tuple] = {}
            check_links({target: content}, {}, parsed)
            found = kept.ids[target] = frozenset(parsed[target][2]) if target in parsed else frozenset()
        return found

    def _write(self, pages: dict[str, bytes], number: int, display: str, source_digest: bytes) -> bool:
        """Write the pages into the served folder, each atomically; False when a build that
        read the files after this fast path started has been swapped in meanwhile."""
        with self._lock:
            deadline = time.monotonic() + SWAP_WAIT
            while self._swapping and time.monotonic() < deadline:
                self._lock.wait(deadline - time.monotonic())
            if self._swapping or self._swapped > number:
                return False
            changed = False
            for relative, data in sorted(pages.items()):
                target = self.folder / relative
                if read_file(target) == data:
                    continue
                write_atomically(target, data)
                changed = True
                self._written[relative] = Written(display, source_digest, stat_inode(target))
            return changed


def _slug_and_id(display: str) -> tuple[str, str]:
    parts = display.split("/")
    return parts[1], parts[-1][: -len(".yaml")]
