"""Write a finished build: the whole output swapped in at once, or only its changes.

A first build (or one without the render state of the previous one) fills a temporary folder
next to the output and swaps it in whole. A later build *updates* the previous output: only
files with new bytes are staged (in the temporary folder), then moved into the output one by
one (each atomically, by rename), and files the build no longer makes are removed. Building
a new tree of a big site costs a directory per page (5,000 meeting pages: seconds of
mkdir/rmdir on a slow disk), an update costs what changed.

Either way a failed build (bad data, a template error, a broken link, a failed search index)
leaves the previous output as it was: nothing is moved into the output before everything is
rendered and checked, and if a step after the move fails (the search index), the moved files
are put back.

A build killed while it changes the output (tests/test_build_killed.py kills it at each step)
leaves the previous site, the new one, or, in an update, a mix of old and new files. The next
build repairs it: the render state, which lets a build trust the output's files, is dropped
before the first change (`finish(before_change=…)`) and saved only after success, so that
build renders everything and replaces the whole folder; and a search bundle is kept only when
its manifest says it was made from exactly the pages now there (sspgen/write/search.py).
One build at a time writes into an output folder (sspgen/write/lock.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any, Callable

from .crash import kill_point
from .links import LinkProblem, check_links
from .swap import discard, swap_in, temp_folder

Postprocess = Callable[[Path], None]
"""Runs on the complete output (e.g. the search indexer): the temporary folder before the swap,
or the output itself after an update's moves."""


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
        else:  # a file kept from the previous build (sspgen.incremental.reused.Reused): same inode
            _link(data.source, path)


def _link(source: Path, path: Path) -> None:
    try:
        os.link(source, path)
    except OSError:
        shutil.copy2(source, path)


GENERATED_LATER = "pagefind"
"""Folders the post-write steps make (the search index): an update leaves them to the step."""


class OutputFolder:
    """The output of one build, filled in parts (one municipality at a time) and put in place
    by `finish`: a temporary folder next to `target` swapped in whole, or, with ``update``
    (the previous output is there and every kept file is a Reused one from it), only the
    changes. Leaving the `with` block any other way (an error, a broken link, an exception, a
    return) discards the temporary folder and leaves `target` as it was; a killed process
    leaves the folder behind, and the next build removes it."""

    def __init__(self, target: Path, update: bool = False) -> None:
        self.target = target
        self.update = update and target.is_dir()
        self.temp = temp_folder(target)
        self.made: set[Path] = set()
        self.paths: set[str] = set()
        """update: every file of the new output (path inside target)."""
        self.staged: list[tuple[str, Path]] = []
        """update: the files with new bytes (path inside target, staged file)."""
        self.done = False

    def __enter__(self) -> "OutputFolder":
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.done:
            discard(self.temp)

    def write(self, files: dict[str, Any]) -> None:
        if not self.update:
            write_tree(self.temp, files, self.made)
            return
        # Staged flat (one file name each, no folders): a folder per page is what an update
        # saves, also when a template change re-renders 5,000 meeting pages.
        for relative, data in sorted(files.items()):
            self.paths.add(relative)
            if isinstance(data, (bytes, bytearray)):
                staged = self.temp / str(len(self.staged))
                staged.write_bytes(data)
            elif Path(data.source) != self.target / relative:
                staged = self.temp / str(len(self.staged))
                _link(data.source, staged)
            else:
                continue
            self.staged.append((relative, staged))

    def finish(self, postprocess: list[Postprocess] | None = None,
               before_change: Callable[[], None] | None = None) -> None:
        """Put the new output in place, then run the post-write steps on it (the search index:
        it reads the pages). In an update, a failing step puts the moved files back.
        `before_change` runs just before the first change to the target (the build drops its
        render state there: from then on the state may no longer describe the output)."""
        if not self.update:
            for step in postprocess or []:
                step(self.temp)
            if before_change is not None:
                before_change()
            swap_in(self.temp, self.target)
            self.done = True
            return
        journal = _Journal(self.target, self.temp / ".tidligere")
        if before_change is not None:
            before_change()
        try:
            for relative, staged in self.staged:
                journal.put(relative, staged)
            # What is in the folder, not what the previous build made: another build into the
            # same folder (`--kommune`) or a person may have left files there.
            sites = {path[:-len("index.html")] for path in self.paths if path.endswith("index.html")}
            for relative in sorted(set(_files(self.target, sites)) - self.paths):
                journal.remove(relative)
            for step in postprocess or []:
                step(self.target)
        except BaseException:
            journal.undo()
            raise
        kill_point("tidy")
        journal.tidy()
        discard(self.temp)
        self.done = True


class _Journal:
    """The moves of an update, so they can be undone: a replaced or removed file is kept
    (as a hard link, or moved) in `backup` until the update is complete."""

    def __init__(self, target: Path, backup: Path) -> None:
        self.target = target
        self.backup = backup
        self.replaced: list[str] = []
        self.added: list[str] = []
        self.removed: list[str] = []
        self.folders: list[Path] = []
        self.kept: dict[str, Path] = {}

    def _keep(self, relative: str) -> None:
        self.backup.mkdir(exist_ok=True)
        self.kept[relative] = self.backup / str(len(self.kept))
        os.link(self.target / relative, self.kept[relative])

    def put(self, relative: str, staged: Path) -> None:
        path = self.target / relative
        if path.is_file():
            self._keep(relative)
            self.replaced.append(relative)
        else:
            self._make_parents(path.parent)
            self.added.append(relative)
        kill_point("put")
        os.replace(staged, path)

    def remove(self, relative: str) -> None:
        self._keep(relative)
        self.removed.append(relative)
        kill_point("remove")
        (self.target / relative).unlink()

    def _make_parents(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            made.mkdir()
            self.folders.append(made)

    def undo(self) -> None:
        for relative in self.added:
            (self.target / relative).unlink(missing_ok=True)
        for made in reversed(self.folders):
            with contextlib.suppress(OSError):
                made.rmdir()
        for relative in self.replaced + self.removed:
            os.replace(self.kept[relative], self.target / relative)

    def tidy(self) -> None:
        """Folders left empty by removed files go too (a deleted meeting's folder)."""
        for relative in sorted(self.removed, reverse=True):
            folder = (self.target / relative).parent
            while folder != self.target:
                try:
                    folder.rmdir()
                except OSError:
                    break
                folder = folder.parent


def _files(folder: Path, sites: set[str]) -> list[str]:
    """Every file below `folder`, except in the search index of a site that is still built
    (a folder in `sites`, "" for the folder itself): that index is the search step's."""
    found = []
    for dirpath, folders, names in os.walk(folder):
        relative = os.path.relpath(dirpath, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        if prefix in sites:
            folders[:] = [name for name in folders if name != GENERATED_LATER]
        found += [prefix + name for name in names]
    return found


__all__ = ["OutputFolder", "check_links", "LinkProblem"]
