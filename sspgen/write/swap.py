"""Swap a finished folder in place of the previous output, atomically where the OS allows.

On Linux, renameat2(RENAME_EXCHANGE) exchanges the two folders in one step: at every moment
the output folder is either the complete old site or the complete new one. Elsewhere (or on
a file system without it) two renames leave a window of microseconds without an output
folder, but never a half-written one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

from .crash import kill_point

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False if the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def temp_folder(target: Path) -> Path:
    """A fresh folder next to the target (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(target)
    temp = target.parent / f".{target.name}.ny-{os.getpid()}"
    if temp.exists():
        shutil.rmtree(temp)
    temp.mkdir()
    return temp


def _remove_abandoned(target: Path) -> None:
    """Temporary folders left by a killed build (its process is gone) are removed."""
    for folder in target.parent.glob(f".{target.name}.*-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(new: Path, target: Path) -> None:
    """Put `new` where `target` is; the old content is removed afterwards."""
    if not target.exists():
        os.rename(new, target)
        return
    kill_point("swap")
    if _exchange(new, target):
        kill_point("swapped")
        shutil.rmtree(new)  # `new` now holds the old output
        return
    old = target.parent / f".{target.name}.gammel-{os.getpid()}"
    if old.exists():
        shutil.rmtree(old)
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old)


def discard(temp: Path) -> None:
    shutil.rmtree(temp, ignore_errors=True)
