"""The served folder as the fast path sees it: reading, atomic writes, and the link check's view."""

from __future__ import annotations

import os
from pathlib import Path


class OutputFiles(dict):
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


def stat_inode(path: Path) -> tuple[int, int]:
    try:
        found = os.stat(path)
    except OSError:
        return (-1, -1)
    return found.st_ino, found.st_dev


def read_file(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_atomically(target: Path, data: bytes) -> None:
    """A new file renamed over the old one: a reader sees the old page or the new, never half,
    and the build's hard links to the old file (its previous output) keep their bytes."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.hurtig")
    temp.write_bytes(data)
    os.replace(temp, target)
