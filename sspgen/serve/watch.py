"""Watch data/, content/ and layouts/ with watchdog and turn bursts of events into one rebuild.

An editor's save is several events (write a temporary file, rename it over the old one,
touch a backup); the debouncer waits until the folders have been quiet for a moment, but
never longer than a cap, so a stream of saves still shows up promptly.
"""

from __future__ import annotations

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

POLL = 0.2
"""Seconds between scans when the system's file notifications cannot be used."""
_IGNORED_EVENTS = {"opened", "closed_no_write"}
"""Reading a file is no change (and the build itself reads every file)."""
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".bak", ".orig")


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


class _Events(FileSystemEventHandler):
    def __init__(self, changed: Callable[[str], None]) -> None:
        self.changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _IGNORED_EVENTS:
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file inside changed: that file's own event says which
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", ""):
            paths.append(os.fsdecode(event.dest_path))
        for path in paths:
            if not ignored(path):
                self.changed(path)
                return


def start_watching(folders: list[Path], changed: Callable[[str], None]) -> tuple[BaseObserver, bool]:
    """Watch with the system's notifications (inotify on Linux); where they are exhausted or
    missing (fx the inotify watch limit, some network drives), poll instead. Returns the
    observer and whether it polls."""
    handler = _Events(changed)
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
                    stat = os.stat(path)
                except OSError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed_since(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    """Files added, removed or changed between two snapshots (editors' temporary files aside)."""
    return sorted(path for path in before.keys() | after.keys()
                  if before.get(path) != after.get(path) and not ignored(path))
