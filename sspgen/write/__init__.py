"""Write a finished build: into a temporary folder next to the output, then swap it in.

A failed build (bad data, a template error, a broken link, a killed process) never touches
the previous output: everything up to the swap happens in the temporary folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

from .links import LinkProblem, check_links
from .swap import discard, swap_in, temp_folder

Postprocess = Callable[[Path], None]
"""Runs on the finished temporary folder before the swap (e.g. a search indexer)."""


def write_tree(folder: Path, files: dict[str, bytes]) -> None:
    made: set[Path] = set()
    for relative, data in sorted(files.items()):
        path = folder / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if isinstance(data, (bytes, bytearray)):
            path.write_bytes(data)
        else:  # a file kept from the previous build (sspgen.incremental.Reused): same inode
            _link(data.source, path)


def _link(source: Path, path: Path) -> None:
    try:
        os.link(source, path)
    except OSError:
        shutil.copy2(source, path)


def write_output(target: Path, files: dict[str, bytes], postprocess: list[Postprocess] | None = None) -> None:
    temp = temp_folder(target)
    try:
        write_tree(temp, files)
        for step in postprocess or []:
            step(temp)
        swap_in(temp, target)
    except BaseException:
        discard(temp)
        raise


__all__ = ["write_output", "write_tree", "check_links", "LinkProblem"]
