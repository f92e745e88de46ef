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
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..build import BuildResult
from ..cache import content_hash
from ..model import Moede
from ..read.filebytes import read_bytes
from ..read.yamlfile import parse_yaml
from ..render.environment import TemplateProblem, make_environment
from ..render.site import Renderer
from ..resources import layouts
from ..site import GitDates
from ..site.builder import moede_page
from ..site.pages import PageSpec, Site
from ..validate.files import plain_path
from ..validate.load import KommuneData, Located
from ..validate.rules import RULES
from ..validate.schema import validate_document
from ..write.links import check_links

SWAP_WAIT = 30.0
"""Seconds a fast-path write waits for a build that is swapping its folder in."""


class _Skip(Exception):
    """The fast path steps aside; the full build handles the save."""


@dataclass
class _Kept:
    """What one good build had, as the fast path needs it."""

    number: int
    """The build's number (builds are counted from 1 as they start)."""
    started: float
    """time.monotonic() when the build started: files changed before then are in it."""
    git: tuple | None
    """git_mark() when the build started ("Sidst opdateret" and "today" come from git)."""
    sites: dict[tuple[str, str], Site]
    """(kommune, variant) → the site model."""
    pages: dict[tuple[str, str, str], int]
    """(kommune, variant, url) → index of a meeting's page in site.pages."""
    exists: dict[str, bool] = dataclasses.field(default_factory=dict)
    """Output files known to exist in the served folder (the link check's «files»)."""
    ids: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    """Anchors (ids) of served pages a fast-path page links into."""


@dataclass
class _Written:
    """A page the fast path wrote, until the next build is reconciled with it."""

    display: str
    """The meeting record it was made from (repository path)."""
    source_digest: bytes
    inode: tuple[int, int]


@dataclass(frozen=True)
class Update:
    """A fast-path update that reached the served folder."""

    display: str
    files: tuple[str, ...]
    seconds: float


class _KeptDates(GitDates):
    """The git dates of the kept build for one page: a saved file has no new commit (a new
    commit turns the fast path off until the next build), so the page's «Sidst opdateret»
    is what the build gave it, as long as the page has the same sources."""

    def __init__(self, spec: PageSpec) -> None:  # noqa: D107 - no git call, on purpose
        self.spec = spec

    def last_change(self, paths: tuple[str, ...] | list[str]) -> Any:
        if tuple(paths) != self.spec.sources:
            raise _Skip("andre kilder")
        return self.spec.updated

    def content_date(self, path: str) -> Any:
        return self.spec.updated  # no new commit since the build: the build's date stands


class _OutputFiles(dict):
    """The link check's view of the output: the new pages, and membership of every served
    file (looked up on disk once per build, and only for the targets a page links to)."""

    def __init__(self, pages: dict[str, bytes], folder: Path, exists: dict[str, bool]) -> None:
        super().__init__(pages)
        self.folder = folder
        self.exists = exists

    def __contains__(self, path: object) -> bool:
        if dict.__contains__(self, path):
            return True
        if not isinstance(path, str):
            return False
        found = self.exists.get(path)
        if found is None:
            found = self.exists[path] = os.path.isfile(self.folder / path)
        return found


def git_mark(root: Path) -> tuple | None:
    """A cheap fingerprint of the git state (HEAD, the branch, the reflog): it changes with
    every commit, checkout and reset. None outside git."""
    try:
        folder = root.resolve()
    except OSError:
        return None
    for candidate in (folder, *folder.parents):
        dot_git = candidate / ".git"
        if dot_git.exists():
            break
    else:
        return None
    git_dir = dot_git
    if dot_git.is_file():  # a worktree: «gitdir: …»
        try:
            text = dot_git.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        git_dir = (candidate / text.removeprefix("gitdir:").strip()).resolve()
    common = git_dir
    try:
        common = (git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()).resolve()
    except OSError:
        pass
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    files = [git_dir / "HEAD", git_dir / "logs" / "HEAD", common / "packed-refs"]
    if head.startswith("ref:"):
        ref = head[4:].strip()
        files += [common / ref, common / "logs" / ref]
    return (head, *(_stat(file) for file in files))


def _stat(file: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(file)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def _date_pinned() -> bool:
    """SOURCE_DATE_EPOCH fixes "today"; without it "today" may come from the data."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit()


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
        self._kept: _Kept | None = None
        self._started = 0
        self._started_at: dict[int, tuple[float, tuple | None]] = {}
        self._swapped = 0
        self._swapping = False
        self._other_changed = 0.0
        self._written: dict[str, _Written] = {}
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

    def _keep(self, number: int, result: BuildResult) -> _Kept:
        started, mark = self._started_at.get(number, (0.0, None))
        sites = {(site.kommune, site.variant): site for site in result.sites}
        pages = {(site.kommune, site.variant, page.url): index for site in result.sites
                 for index, page in enumerate(site.pages) if page.template == "moede.html"}
        return _Kept(number, started, mark, sites, pages)

    def _reconcile(self, kept: _Kept) -> None:
        linked: dict[str, set[str]] = {}
        again: set[str] = set()
        for relative, written in sorted(self._written.items()):
            meeting = self._kept_meeting(kept, written.display)
            if meeting is not None and _stat_inode(self.folder / relative) == written.inode:
                linked.setdefault(written.display, set()).add(relative)
            if meeting is not None and getattr(meeting.source, "digest", None) != written.source_digest:
                again.add(written.display)  # the record's bytes differ from the build's: maybe newer
        self._written.clear()
        for display, relatives in sorted(linked.items()):
            self._rerender(kept, display, relatives)
        for display in sorted(again):
            self.requeue(str(self.root / display))

    def _kept_meeting(self, kept: _Kept, display: str) -> Located[Any] | None:
        slug, meeting_id = _slug_and_id(display)
        site = kept.sites.get((slug, "intranet"))
        found = site.lookup.data.moeder.get(meeting_id) if site is not None else None
        return found if found is not None and found.source.path == display else None

    def _rerender(self, kept: _Kept, display: str, relatives: set[str]) -> None:
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
                if _read(self.folder / relative) != data:
                    _write_atomically(self.folder / relative, data)

    def _check_self(self, kept: _Kept) -> None:
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
            redone = moede_page(site.lookup.data, site.variant, _KeptDates(spec), site.today, spec.context["moede"])
            same = _read(self.folder / site.root / spec.file) == self._renderer().page(site, redone).encode("utf-8")
        except (_Skip, TemplateProblem, KeyError):
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
        except _Skip:
            return None

    def _update(self, kept: _Kept, number: int, display: str, started: float) -> Update | None:
        slug, meeting_id = _slug_and_id(display)
        intranet = kept.sites.get((slug, "intranet"))
        if intranet is None:
            raise _Skip("kommunen er ikke bygget")
        data: KommuneData = intranet.lookup.data
        old = data.moeder.get(meeting_id)
        if not plain_path(self.root, display):  # a link: the full build reports it, nothing is read
            self.other_changed()
            raise _Skip("symbolsk link")
        raw, _ = read_bytes(self.root / display, display)
        if old is None or old.source.path != display or raw is None:
            self.other_changed()  # a new, renamed or removed record: the site changes shape
            raise _Skip("ny eller fjernet fil")
        new = self._validated(raw, display, meeting_id, data)
        self._same_shape(old.value, new.value, intranet.today)
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

    def _validated(self, raw: bytes, display: str, meeting_id: str, data: KommuneData) -> Located[Any]:
        """The record, read and checked as `sspgen check` would: the reader, the schema, and
        every rule on a copy of the data that holds this one meeting (the rules' messages about
        this file are the ones it would get in the full check)."""
        document, problems = parse_yaml(raw, display)
        if document is None or any(p.is_error for p in problems):
            raise _Skip("læsefejl")
        value, problems = validate_document(Moede, document)
        if value is None or any(p.is_error for p in problems) or value.id != meeting_id:
            raise _Skip("skemafejl")
        located: Located[Any] = Located(value, document)
        # Only what a meeting's rules look at (fora, kommissorier, aktører, the topic bank, the
        # vocabulary, the municipality); the rest was checked by the kept build.
        alone = dataclasses.replace(data, moeder={meeting_id: located}, sources=[document], planer={},
                                    evalueringer={}, pensum={}, funktionsbeskrivelser={}, sider={})
        for rule in RULES:
            if any(d.is_error and d.path == display for d in rule(alone)):
                raise _Skip("regelfejl")
        return located

    @staticmethod
    def _same_shape(old: Any, new: Any, today: Any) -> None:
        """The save may change the meeting's own page only: the same forum and visibility keep
        it on the same sites with the same sources; "today" (for the front page's upcoming
        meetings) may come from the newest held meeting when SOURCE_DATE_EPOCH is unset."""
        if new.forum != old.forum or new.synlighed != old.synlighed:
            raise _Skip("forum eller synlighed")
        if (new.dato, new.status) != (old.dato, old.status) and not _date_pinned() and today is not None:
            if any(m.status == "afholdt" and m.dato >= today for m in (old, new)):
                raise _Skip("dagen i dag kan flytte sig")

    def _renderer(self) -> Renderer:
        # The build's environment (make_environment keeps one per layouts folder and process),
        # so the templates are compiled already; no PDFs in the preview, as in its build.
        return Renderer(make_environment(self.layouts), self.layouts, self.root, None, "")

    def _render(self, kept: _Kept, views: list[Site], meeting_id: str,
                new: Located[Any]) -> tuple[dict[str, bytes], list[tuple[Site, int, PageSpec]]]:
        renderer = self._renderer()
        pages: dict[str, bytes] = {}
        specs = []
        for site in views:
            index = kept.pages.get((site.kommune, site.variant, site.urls.get(("moede", meeting_id), "")))
            if index is None:
                raise _Skip("siden findes ikke")
            old = site.pages[index]
            spec = moede_page(site.lookup.data, site.variant, _KeptDates(old), site.today, new.value)
            if (spec.url, spec.template, spec.section, spec.fragment) != (old.url, old.template, old.section, old.fragment):
                raise _Skip("siden flytter sig")
            try:
                pages[site.root + spec.file] = renderer.page(site, spec).encode("utf-8")
                if spec.fragment:
                    pages[site.root + spec.url + "fragment.html"] = renderer.page(site, spec, fragment=True).encode("utf-8")
            except TemplateProblem:
                raise _Skip("skabelonfejl") from None
            specs.append((site, index, spec))
        if not pages:
            raise _Skip("ingen sider")
        return pages, specs

    def _check_links(self, kept: _Kept, pages: dict[str, bytes]) -> None:
        """The build's link check on the new pages: links to files of the served site, and
        anchors on the pages they point to."""
        scope = {path: "/".join(path.split("/")[:2]) + "/" for path in pages}
        known: dict[str, tuple] = {}
        if check_links(_OutputFiles(pages, self.folder, kept.exists), scope, known):
            raise _Skip("brudt link")
        for path in pages:
            for target, anchor in known[path][3] or ():
                if anchor and target not in pages and anchor not in self._anchors(kept, target):
                    raise _Skip("brudt anker")

    def _anchors(self, kept: _Kept, target: str) -> frozenset[str]:
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
                if _read(target) == data:
                    continue
                _write_atomically(target, data)
                changed = True
                self._written[relative] = _Written(display, source_digest, _stat_inode(target))
            return changed


def _slug_and_id(display: str) -> tuple[str, str]:
    parts = display.split("/")
    return parts[1], parts[-1][: -len(".yaml")]


def _stat_inode(path: Path) -> tuple[int, int]:
    try:
        found = os.stat(path)
    except OSError:
        return (-1, -1)
    return found.st_ino, found.st_dev


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_atomically(target: Path, data: bytes) -> None:
    """A new file renamed over the old one: a reader sees the old page or the new, never half,
    and the build's hard links to the old file (its previous output) keep their bytes."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.hurtig")
    temp.write_bytes(data)
    os.replace(temp, target)
