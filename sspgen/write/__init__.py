"""Write a finished build: into a temporary folder next to the output, then swap it in.

A failed build (bad data, a template error, a broken link, a killed process) never touches
the previous output: everything up to the swap happens in the temporary folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Callable

from .links import LinkProblem, check_links
from .swap import discard, swap_in, temp_folder

Postprocess = Callable[[Path], None]
"""Runs on the finished temporary folder before the swap (e.g. a search indexer)."""


def write_tree(folder: Path, files: dict[str, Any], made: set[Path] | None = None) -> None:
    """`made`: folders known to exist already (kept between calls that fill one folder)."""
    made = made if made is not None else set()
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


class OutputFolder:
    """A temporary folder next to `target`, filled in parts (one municipality at a time),
    then swapped in whole by `finish`. Leaving the `with` block any other way (an error, a
    broken link, an exception, a return) discards the folder and leaves `target` as it was;
    a killed process leaves the folder behind, and the next build removes it."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.temp = temp_folder(target)
        self.made: set[Path] = set()
        self.done = False

    def __enter__(self) -> "OutputFolder":
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.done:
            discard(self.temp)

    def write(self, files: dict[str, Any]) -> None:
        write_tree(self.temp, files, self.made)

    def finish(self, postprocess: list[Postprocess] | None = None) -> None:
        """Run the post-write steps on the complete folder, then swap it in."""
        for step in postprocess or []:
            step(self.temp)
        swap_in(self.temp, self.target)
        self.done = True


def write_output(target: Path, files: dict[str, bytes], postprocess: list[Postprocess] | None = None) -> None:
    with OutputFolder(target) as folder:
        folder.write(files)
        folder.finish(postprocess)


__all__ = ["OutputFolder", "write_output", "write_tree", "check_links", "LinkProblem"]
