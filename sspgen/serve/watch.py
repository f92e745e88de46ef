"""Watch data/, content/ and layouts/ with watchdog and turn bursts of events into one rebuild.

An editor's save is several events (write a temporary file, rename it over the old one,
touch a backup); the debouncer waits until the folders have been quiet for a moment, but
never longer than a cap, so a stream of saves still shows up promptly.

A saved meeting record also goes to the fast path (fast.py) through FastQueue, which does
not wait for the folders to be quiet: a file that was closed after writing, or renamed into
place, is taken at once; after a bare write (the editor may still be writing) or a removal
(it may be renaming the file) it waits SETTLE seconds for more.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

QUIET = 0.05
"""Seconds without events before a rebuild starts."""
LONGEST = 0.4
"""A rebuild starts at the latest this long after the first event of a burst."""

SETTLE = 0.03
"""Seconds the fast path waits after a write that is not known to be finished."""
_FINISHED = ("closed", "moved_to")
"""Events after which a file holds what the editor saved."""

POLL = 0.2
"""Seconds between scans when the system's file notifications cannot be used."""
_IGNORED_EVENTS = {"opened", "closed_no_write"}
"""Reading a file is no change (and the build itself reads every file)."""
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".bak", ".orig")


# watchdog logs in English to stderr (fx «InotifyEmitter.queue_events() called when the thread
# is inactive» when the preview stops while files change); the terminal is for Danish messages.
logging.getLogger("watchdog").setLevel(logging.CRITICAL)


def ignored(path: str) -> bool:
    """Editors' temporary and backup files, and hidden files (.#lock, .file.swp …)."""
    name = os.path.basename(path)
    return not name or name.startswith(".") or name.endswith(_IGNORED_SUFFIXES) or name == "4913"


class Debouncer:
    def __init__(self, quiet: float = QUIET, longest: float = LONGEST) -> None:
        self.quiet = quiet
        self.longest = longest
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._pending: set[str] = set()
        self._first = 0.0
        self._last = 0.0

    def poke(self, path: str) -> None:
        now = time.monotonic()
        with self._lock:
            if not self._pending:
                self._first = now
            self._pending.add(path)
            self._last = now
        self._wake.set()

    def wake(self) -> None:
        """Let `wait` look at its ``stop`` now (the preview is stopping), not at its next poll."""
        self._wake.set()

    def wait(self, stop: threading.Event) -> list[str]:
        """The paths of the next burst, once it is over; [] when ``stop`` is set."""
        while not stop.is_set():
            if not self._wake.wait(0.2):
                continue
            while not stop.is_set():
                with self._lock:
                    now = time.monotonic()
                    left = min(self._last + self.quiet - now, self._first + self.longest - now)
                    if left <= 0 or not self._pending:
                        paths = sorted(self._pending)
                        self._pending = set()
                        self._wake.clear()
                        if paths:
                            return paths
                        break
                time.sleep(left)
        return []


class FastQueue:
    """Meeting records waiting for the fast path, each with the time it is due."""

    def __init__(self, settle: float = SETTLE) -> None:
        self.settle = settle
        self._changed = threading.Condition()
        self._due: dict[str, float] = {}
        self._busy = False

    def poke(self, path: str, finished: bool) -> None:
        """``finished``: the event says the file is complete (closed after writing, renamed
        into place); otherwise wait a moment for the rest of the save."""
        with self._changed:
            self._due[path] = time.monotonic() + (0.0 if finished else self.settle)
            self._changed.notify_all()

    def next(self, stop: threading.Event) -> str | None:
        """The next path that is due (the queue is busy until done()); None when ``stop`` is set."""
        with self._changed:
            while not stop.is_set():
                if self._due:
                    path = min(self._due, key=self._due.__getitem__)
                    left = self._due[path] - time.monotonic()
                    if left <= 0:
                        del self._due[path]
                        self._busy = True
                        return path
                    self._changed.wait(min(left, 0.2))
                else:
                    self._changed.wait(0.2)
        return None

    def wake(self) -> None:
        """Let `next` look at its ``stop`` now (the preview is stopping)."""
        with self._changed:
            self._changed.notify_all()

    @property
    def busy(self) -> bool:
        with self._changed:
            return self._busy

    def done(self) -> None:
        with self._changed:
            self._busy = False
            self._changed.notify_all()

    def wait_idle(self, timeout: float) -> None:
        """Until nothing is queued or running (or ``timeout``): the full build starts after the
        fast path, so the fast path does not share the processor with it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while (self._due or self._busy) and time.monotonic() < deadline:
                self._changed.wait(deadline - time.monotonic())


class _Events(FileSystemEventHandler):
    def __init__(self, changed: Callable[[str], None], fast: Callable[[str, str], None] | None = None) -> None:
        self.changed = changed
        self.fast = fast

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _IGNORED_EVENTS:
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file inside changed: that file's own event says which
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", ""):
            paths.append(os.fsdecode(event.dest_path))
        kinds = [event.event_type, "moved_to"] if event.event_type == "moved" else [event.event_type]
        if self.fast is not None:  # before the debouncer hears of it: the fast path goes first
            for path, kind in zip(paths, kinds):
                if not ignored(path):
                    self.fast(path, "directory" if event.is_directory else kind)
        for path in paths:
            if not ignored(path):
                self.changed(path)
                return


def start_watching(folders: list[Path], changed: Callable[[str], None],
                   fast: Callable[[str, str], None] | None = None) -> tuple[BaseObserver, bool]:
    """Watch with the system's notifications (inotify on Linux); where they are exhausted or
    missing (fx the inotify watch limit, some network drives), poll instead. Returns the
    observer and whether it polls. ``fast(path, kind)`` hears of every changed path first,
    with the event's kind («closed», «moved_to», «modified», «directory» …)."""
    handler = _Events(changed, fast)
    for observer_class, polling in ((Observer, False), (PollingObserver, True)):
        observer = observer_class(timeout=POLL) if polling else observer_class()
        try:
            for folder in folders:
                observer.schedule(handler, str(folder), recursive=True)
            observer.daemon = True
            observer.start()
            return observer, polling
        except OSError:
            observer.unschedule_all()
            if polling:
                raise
    raise AssertionError("unreachable")


def snapshot_stats(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """path → (mtime in ns, size) of every file under ``folders``."""
    found: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for directory, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(directory, name)
                try:
                    stat = os.lstat(path)  # a link's own change; what it points at is never read
                except OSError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed_since(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    """Files added, removed or changed between two snapshots (editors' temporary files aside)."""
    return sorted(path for path in before.keys() | after.keys()
                  if before.get(path) != after.get(path) and not ignored(path))
