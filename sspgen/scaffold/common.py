"""What every `sspgen new` kind shares: the error and result types, ids and listings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.base import ID_PATTERN

_ID = re.compile(ID_PATTERN)


class ScaffoldError(Exception):
    """A Danish message for the user; nothing was written."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@dataclass
class Result:
    path: Path
    """The file written, relative to the repository root."""
    lines: list[str] = field(default_factory=list)
    """Further Danish lines for the user (deadlines, hints)."""
    verb: str = "Oprettede"
    """«Oprettede» for a new file, «Opdaterede» when an item was added to an existing one."""


def check_id(value: str, option: str) -> str:
    if not _ID.fullmatch(value) or len(value) > 80:
        raise ScaffoldError(
            f"{option} «{value}» er ikke et gyldigt id. Brug små bogstaver a-z, tal og "
            "bindestreger (æ→ae, ø→oe, å→aa), fx «netvaerk-oester».",
            2,
        )
    return value


def listing(values: list[str]) -> str:
    return ", ".join(values) if values else "ingen"


def display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
