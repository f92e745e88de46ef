"""What the preview's fast path keeps from the last good build, and what it tells the server."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..site import GitDates
from ..site.pages import PageSpec, Site


class Skip(Exception):
    """The fast path steps aside; the full build handles the save."""


@dataclass
class Kept:
    """What one good build had, as the fast path needs it."""

    number: int
    """The build's number (builds are counted from 1 as they start)."""
    started: float
    """time.monotonic() when the build started: files changed before then are in it."""
    git: tuple | None
    """git_mark() when the build started ("Sidst opdateret" and "today" come from git)."""
    sites: dict[tuple[str, str], Site]
    """(kommune, variant) → the site model."""
    pages: dict[tuple[str, str, str], int]
    """(kommune, variant, url) → index of a meeting's page in site.pages."""
    exists: dict[str, bool] = dataclasses.field(default_factory=dict)
    """Output files known to exist in the served folder (the link check's «files»)."""
    ids: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    """Anchors (ids) of served pages a fast-path page links into."""


@dataclass
class Written:
    """A page the fast path wrote, until the next build is reconciled with it."""

    display: str
    """The meeting record it was made from (repository path)."""
    source_digest: bytes
    inode: tuple[int, int]


@dataclass(frozen=True)
class Update:
    """A fast-path update that reached the served folder."""

    display: str
    files: tuple[str, ...]
    seconds: float


class KeptDates(GitDates):
    """The git dates of the kept build for one page: a saved file has no new commit (a new
    commit turns the fast path off until the next build), so the page's «Sidst opdateret»
    is what the build gave it, as long as the page has the same sources."""

    def __init__(self, spec: PageSpec) -> None:  # noqa: D107 - no git call, on purpose
        self.spec = spec

    def last_change(self, paths: tuple[str, ...] | list[str]) -> Any:
        if tuple(paths) != self.spec.sources:
            raise Skip("andre kilder")
        return self.spec.updated

    def content_date(self, path: str) -> Any:
        return self.spec.updated  # no new commit since the build: the build's date stands
