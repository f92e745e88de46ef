"""A cheap fingerprint of the git state, so the preview's fast path notices a new commit."""

from __future__ import annotations

import os
from pathlib import Path


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
