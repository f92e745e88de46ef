"""A file that cannot be read at a revision: its error and its lines, for the reviewer.

When a change breaks a file (a YAML error, a field the model refuses), the file holds no
entities at that revision. Comparing entities alone would then show everything in it as
removed, and hide what really changed. Instead the diff shows the file as changed, names the
first error the way `sspgen check` does (line, column, Danish message, masked like every
Diagnostic), and shows the lines that changed, so the reviewer sees the edit that broke it.
"""

from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostic
from ..model.kinds import KINDS
from ..privacy_mask import mask_cpr
from .labels import TOP_LABELS

CONTEXT_LINES = 1
"""Unchanged lines shown around each changed block."""

MAX_DIFF_LINES = 40
"""At most this many diff lines per file; the rest is counted, not shown."""


def file_text(root: Path | None, path: str) -> str | None:
    """The text of ``path`` (relative to ``root``) at that revision, or None if it is not there."""
    if root is None:
        return None
    file = root / path
    if not file.is_file() or file.is_symlink():
        return None
    return file.read_bytes().decode("utf-8", errors="replace")


def first_error(problems: list[Diagnostic], path: str) -> str:
    """«linje 4, kolonne 3: <message> [code]» for the first error in ``path`` (and how many more)."""
    errors = sorted((d for d in problems if d.path == path and d.is_error), key=Diagnostic.sort_key)
    if not errors:
        return "filen har fejl (se sspgen check)"
    first = errors[0]
    text = f"linje {first.line}, kolonne {first.column}: {first.message} [{first.code}]"
    if len(errors) > 1:
        more = len(errors) - 1
        text += f" (og {more} fejl mere; se sspgen check)"
    return text


def text_diff(old: str | None, new: str | None) -> list[str]:
    """The changed lines as «- old», «+ new» and «  context», each block headed «@@ linje N @@»."""
    before = (old or "").splitlines()
    after = (new or "").splitlines()
    lines: list[str] = []
    for group in difflib.SequenceMatcher(None, before, after, autojunk=False).get_grouped_opcodes(CONTEXT_LINES):
        lines.append(f"@@ linje {group[0][3] + 1} @@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [f"  {line}" for line in before[i1:i2]]
                continue
            lines += [f"- {line}" for line in before[i1:i2]]
            lines += [f"+ {line}" for line in after[j1:j2]]
    if len(lines) > MAX_DIFF_LINES:
        hidden = len(lines) - MAX_DIFF_LINES
        lines = lines[:MAX_DIFF_LINES] + [f"… ({hidden} linjer mere)"]
    return [mask_cpr(line) for line in lines]


def kind_of(path: str) -> tuple[str, str]:
    """(group, Danish label) of a file from where it lies: data/<kommune>/<folder>/… or content/."""
    parts = PurePosixPath(path).parts
    if parts and parts[0] == "content":
        return "sider", TOP_LABELS["sider"]
    place = parts[2] if len(parts) > 2 else ""
    for kind in KINDS:
        if place in (kind.folder, kind.filename):
            return kind.name, TOP_LABELS.get(kind.name, kind.name)
    return "filer", "Fil"
