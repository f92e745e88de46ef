"""Dates that come from git or the data, never from the clock (DESIGN principle 5)."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

from ..validate.load import KommuneData


class GitDates:
    """The last commit date of every file under data/ and content/, read with one git call."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.by_file: dict[str, date] = {}
        self.commits: dict[str, int] = {}
        """How many commits changed each file: a calendar event's SEQUENCE (render/ics.py)."""
        self.newest: date | None = None
        self._head: str | None = None
        self._head_read = False
        self._read(root)

    def head(self) -> str | None:
        """The commit id of HEAD (None outside git), read once per build."""
        if not self._head_read:
            from .history import head_commit

            self._head, self._head_read = head_commit(self.root), True
        return self._head

    def _read(self, root: Path) -> None:
        try:
            result = subprocess.run(
                ["git", "log", "--format=\x1e%cs", "--name-only", "--no-renames", "--", "data", "content"],
                cwd=root, capture_output=True, text=True, check=False, timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            return  # not a git checkout, or no git: fall back to the data's own dates
        if result.returncode != 0:
            return
        prefix = self._prefix(root)
        for block in result.stdout.split("\x1e")[1:]:
            lines = [line for line in block.splitlines() if line.strip()]
            if not lines:
                continue
            day = date.fromisoformat(lines[0].strip())
            if self.newest is None or day > self.newest:
                self.newest = day
            for name in lines[1:]:
                name = name.strip()
                if prefix and name.startswith(prefix):
                    name = name[len(prefix):]
                # git log lists newest commits first: the first date seen for a file is its last.
                self.by_file.setdefault(name, day)
                self.commits[name] = self.commits.get(name, 0) + 1

    @staticmethod
    def _prefix(root: Path) -> str:
        """git prints paths from the repository top; our paths are relative to root."""
        try:
            result = subprocess.run(
                ["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True, check=False, timeout=10
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return result.stdout.strip() if result.returncode == 0 else ""

    def revision(self, path: str) -> int:
        """0 for a file as first committed (or outside git), then one more for every commit
        that changed it: RFC 5545's SEQUENCE, which starts at 0 and only grows."""
        return max(self.commits.get(path, 0) - 1, 0)

    def content_date(self, path: str) -> date | None:
        """The last commit that changed this one file (a prose page's own text)."""
        return self.by_file.get(path)

    def last_change(self, paths: tuple[str, ...] | list[str]) -> date | None:
        found = [self.by_file[p] for p in paths if p in self.by_file]
        return max(found) if found else None


def newest_data_date(data: KommuneData) -> date | None:
    """The newest date the data itself records as past: `opdateret` fields and held meetings."""
    found: list[date] = []
    if data.kommune and data.kommune.value.opdateret:
        found.append(data.kommune.value.opdateret)
    found += [p.value.side.opdateret for p in data.sider.values() if p.value.side.opdateret]
    found += [m.value.dato for m in data.moeder.values() if m.value.status == "afholdt"]
    return max(found) if found else None


def today(git: GitDates, kommuner: list[KommuneData]) -> date:
    """'Today' for the front pages: SOURCE_DATE_EPOCH, else the newest commit of the data,
    else the newest date in the data. Never the clock, so a rebuild is byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    if git.newest is not None:
        return git.newest
    dates = [d for d in (newest_data_date(k) for k in kommuner) if d is not None]
    return max(dates) if dates else date(2000, 1, 1)
