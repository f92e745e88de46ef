"""The plan's change history for the intranet page «Ændringshistorik».

The history comes from git alone (sspgen.diff.history.plan_history), never from the clock, so
the page is deterministic. Computing it materialises and compares every commit that touched
the plans, which grows with the history; it only changes when HEAD moves, so it is kept per
HEAD commit: in memory (`sspgen serve` rebuilds often) and in `.sspgen-cache/historik/`
(every `make site` after a data edit would pay again otherwise), through
sspgen/cachefile.py: authenticated with a key outside the repository and checked before
anything is unpickled, and not read at all while git tracks `.sspgen-cache/`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..diff.history import HistoryEntry, plan_history

_PACKAGE = Path(__file__).resolve().parent.parent
_SOURCES = ("diff/*.py", "model/*.py", "read/*.py", "validate/load.py", "validate/schema.py", "site/history.py")
"""Code that shapes an entry: a change to it makes cached histories stale."""


@dataclass(frozen=True)
class PlanHistory:
    in_git: bool
    """False outside a git repository (or one without commits): the page says so."""
    entries: tuple[HistoryEntry, ...] = ()
    """Newest first."""


_memory: dict[tuple[str, str, str], PlanHistory] = {}
_fingerprint: str | None = None


def head_commit(root: Path) -> str | None:
    """The commit id of HEAD, or None outside git / before the first commit."""
    try:
        result = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cwd=root,
                                capture_output=True, text=True, check=False, timeout=30,
                                env={**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"})
    except (OSError, subprocess.SubprocessError):
        return None
    sha = result.stdout.strip()
    return sha if result.returncode == 0 and sha else None


def plan_history_at(root: Path, slug: str, head: str | None) -> PlanHistory:
    """The history of data/<slug>/planer/ as of commit ``head`` (from head_commit)."""
    if head is None:
        return PlanHistory(False)
    key = (str(root.resolve()), slug, head)
    if key in _memory:
        return _memory[key]
    file = _cache_file(root, slug)
    found = _load(file, head)
    if found is None:
        found = PlanHistory(True, tuple(plan_history(root, slug)))
        _store(file, head, found)
    _memory[key] = found
    return found


def _code() -> str:
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.blake2b(digest_size=8)
        for pattern in _SOURCES:
            for file in sorted(_PACKAGE.glob(pattern)):
                digest.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0" + file.read_bytes())
        _fingerprint = digest.hexdigest()
    return _fingerprint


def _cache_file(root: Path, slug: str) -> Path | None:
    from .. import cachefile

    if not cachefile.usable(root) or not os.access(root, os.W_OK):
        return None
    return root / cachefile.CACHE_DIR / "historik" / f"{slug}{cachefile.SUFFIX}"


def _load(file: Path | None, head: str) -> PlanHistory | None:
    from .. import cachefile

    if file is None:
        return None
    stored = cachefile.load(file, "historik")  # None if missing, foreign or forged: computed again
    if not isinstance(stored, dict) or stored.get("code") != _code() or stored.get("head") != head:
        return None
    found = stored.get("history")
    return found if isinstance(found, PlanHistory) else None


def _store(file: Path | None, head: str, history: PlanHistory) -> None:
    from .. import cachefile

    if file is None:
        return
    try:
        cachefile.dump(file, "historik", {"code": _code(), "head": head, "history": history})
    except OSError:
        pass  # a read-only checkout simply computes the history each time
