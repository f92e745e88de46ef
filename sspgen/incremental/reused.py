"""An output file taken over from the previous build instead of being written again."""

from __future__ import annotations

import dataclasses
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Reused:
    """An output file taken over from the previous build (hard-linked, not rewritten)."""

    source: Path
    digest: bytes
