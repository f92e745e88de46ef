"""The plan's history for the intranet page «Ændringshistorik».

For each commit that touched ``data/<kommune>/planer/`` (newest first): its date, author,
message and the same entity diff as `sspgen diff`, against its first parent. Only the plan
files are materialised and loaded, and each revision is loaded once.

Usage (in the site build)::

    from sspgen.diff.history import plan_history
    for entry in plan_history(root, "brondby"):
        entry.dato            # datetime.date (committer date), entry.tidspunkt: full datetime
        entry.besked          # commit subject; entry.beskrivelse the body
        entry.commit          # full id; entry.kort the short one
        for change in entry.changes:            # sspgen.diff.compare.Change
            headline(change, "text")             # sspgen.diff.render: «Politisk mål «X»: …»
            change.details[i].words              # word-diff segments (kind same/del/ins/gap)

Outside a git repository, or in one without commits, the history is empty (no exception):
a site built from an exported folder simply has no history page content.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .approval import Approval, approvals
from .compare import Change, compare_snapshots
from .entities import Snapshot, snapshot
from .git import GitError, commits_touching, materialise, open_repo


@dataclass
class HistoryEntry:
    commit: str
    kort: str
    """The first 7 characters of the commit id."""
    tidspunkt: datetime
    dato: date
    forfatter: str
    besked: str
    """The commit message's first line."""
    beskrivelse: str
    """The rest of the commit message."""
    changes: list[Change] = field(default_factory=list)
    """What changed in the plans, as `sspgen diff` reports it (may be empty, fx for a reformat)."""
    godkendelse: Approval | None = None
    """Who let the change into the main line (sspgen.diff.approval)."""


def plan_history(root: Path, slug: str) -> list[HistoryEntry]:
    """Newest first. Empty when ``root`` is not in a git repository or has no such commits."""
    try:
        repo = open_repo(root)
        commits = commits_touching(repo, f"data/{slug}/planer")
        approved = approvals(repo) if commits else {}
    except GitError:
        return []
    folder = f"data/{slug}/planer"
    entries = []
    with tempfile.TemporaryDirectory(prefix="sspgen-historik-") as tmp:
        cache: dict[str | None, Snapshot] = {}

        def load(sha: str | None) -> Snapshot:
            if sha not in cache:
                where = materialise(repo, sha, Path(tmp) / (sha or "tom"), (folder,))
                cache[sha] = _plans_only(snapshot(where, slug))
            return cache[sha]

        for commit in commits:
            diff = compare_snapshots(load(commit.parent), load(commit.sha))
            entries.append(
                HistoryEntry(
                    commit.sha, commit.sha[:7], commit.date, commit.date.date(), commit.author,
                    commit.subject, commit.body, diff.changes, approved.get(commit.sha),
                )
            )
    return entries


def _plans_only(snap: Snapshot) -> Snapshot:
    """Only the plans: the folder holds nothing else, but kommune.yaml's absence is no change."""
    entities = {key: entity for key, entity in snap.entities.items() if entity.group == "planer"}
    broken = {path for path in snap.broken if "/planer/" in path}
    problems = [d for d in snap.problems if d.path in broken]
    return Snapshot(snap.slug, snap.navn, entities, broken, problems, snap.root)
