"""Compare the data at two revisions: the entry point behind `sspgen diff`."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from .compare import KommuneDiff, compare_all
from .entities import snapshots
from .git import default_base, materialise, open_repo, resolve

WORKING_TREE = "arbejdsmappen"


@dataclass
class Comparison:
    base: str
    """Danish label of the base revision, fx «main (1a2b3c4)»."""
    head: str
    diffs: list[KommuneDiff]


def compare_revisions(root: Path, base: str | None = None, head: str | None = None) -> Comparison:
    """Entity diff of ``root``'s data between ``base`` and ``head`` (None: the defaults).

    The default base is the merge base with main/master (else HEAD~1, else nothing); the
    default head is the working tree. Raises GitError for unknown revisions.
    """
    repo = open_repo(root)
    if base is None:
        base_label, base_sha = default_base(repo)
    else:
        base_sha = resolve(repo, base)
        base_label = f"{base} ({base_sha[:7]})"
    head_sha = resolve(repo, head) if head is not None else None
    head_label = f"{head} ({head_sha[:7]})" if head is not None else WORKING_TREE
    with tempfile.TemporaryDirectory(prefix="sspgen-diff-") as tmp:
        base_root = materialise(repo, base_sha, Path(tmp) / "base")
        head_root = materialise(repo, head_sha, Path(tmp) / "head") if head is not None else root
        diffs = compare_all(snapshots(base_root), snapshots(head_root))
    return Comparison(base_label, head_label, diffs)
