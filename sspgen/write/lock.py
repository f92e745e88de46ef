"""One build at a time per output folder.

A build holds an exclusive lock (flock) on a small file beside the output folder,
`.<name>-build.lock` (beside it, never inside it: it would be published). The kernel releases
the lock when the holding process ends, however it ends, so a lock left by a killed build is
simply taken over. The holder writes its process id into the file only so that a build that
has to wait can say which build it waits for.

The lock is re-entrant within one thread (the command takes it for the whole command, the
build function takes it again); another thread or process waits. A second build waits for
the first and then builds (the output is then the second build's), or, with a time limit
(`--ventetid`), gives up with a Danish message and leaves the output alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

try:
    import fcntl
except ImportError:  # Windows: no flock; builds are then not serialised
    fcntl = None  # type: ignore[assignment]

POLL = 0.05
"""Seconds between attempts while waiting for another build."""

_held: dict[tuple[str, int], int] = {}
"""(lock file, thread) → how many times this thread holds it."""


class OutputBusy(Exception):
    """Another build holds the output folder, and this one would not wait (longer)."""


def lock_path(out: Path) -> Path:
    out = Path(os.path.abspath(out))
    return out.parent / f".{out.name}-build.lock"


def _open(out: Path) -> tuple[int, Path]:
    """The lock file beside the output; where that folder is not writable, one in the
    temporary folder named by the output's path."""
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644), path
    except PermissionError:
        name = hashlib.blake2b(str(path).encode(), digest_size=8).hexdigest()
        path = Path(tempfile.gettempdir()) / f"sspgen-{name}.lock"
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644), path


def _holder(fd: int) -> str:
    """«(proces 1234) » for the waiting message, or "" if the holder has not written it yet."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (proces {text})" if text.isdigit() else ""


def _try(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")  # Danish decimal comma


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@contextlib.contextmanager
def output_lock(out: Path, wait: float | None = None, say: Callable[[str], None] = _say) -> Iterator[None]:
    """Hold the output folder `out` for one build. `wait`: seconds to wait for another build
    (None: as long as it takes; 0: not at all); then OutputBusy with a Danish message."""
    if fcntl is None:
        yield
        return
    key = (str(lock_path(out)), threading.get_ident())
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    fd, _ = _open(out)
    try:
        if not _try(fd):
            holder = _holder(fd)
            if wait is not None and wait <= 0:
                raise OutputBusy(f"en anden bygning{holder} skriver allerede i «{out}». Denne bygning er "
                                 "stoppet uden at røre mappen. Prøv igen, når den anden er færdig.")
            say(f"En anden bygning{holder} skriver i «{out}». Venter, til den er færdig …")
            deadline = None if wait is None else time.monotonic() + wait
            while not _try(fd):
                if deadline is not None and time.monotonic() >= deadline:
                    raise OutputBusy(f"en anden bygning{_holder(fd) or holder} skriver stadig i «{out}» efter "
                                     f"{_seconds(wait)} sekunders ventetid. Denne bygning er stoppet uden at røre mappen. "
                                     "Prøv igen, når den anden er færdig, eller vent længere med --ventetid.")
                time.sleep(POLL)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock


__all__ = ["output_lock", "OutputBusy", "lock_path"]
