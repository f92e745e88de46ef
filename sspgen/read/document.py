"""Where the parts of a read file stand: the parsed document with positions, and a line index.

Both readers (yamlfile for YAML files, markdownfile for front matter) give a SourceDocument;
the rules use its positions and LineIndex to point at a line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from sspgen.diagnostics import Position

_LINEBREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class SourceDocument:
    """A parsed YAML file (or Markdown front matter): plain data plus where each part stands."""

    path: str
    data: Any
    positions: dict[tuple, Position] = field(default_factory=dict)
    key_positions: dict[tuple, Position] = field(default_factory=dict)

    def position(self, loc: tuple) -> Position:
        """Best position for a location path: exact value position, else longest existing prefix, else (1,1)."""
        loc = tuple(loc)
        for end in range(len(loc), -1, -1):
            found = self.positions.get(loc[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def key_position(self, loc: tuple) -> Position:
        """Position of the key at loc if known, else self.position(loc)."""
        found = self.key_positions.get(tuple(loc))
        return found if found is not None else self.position(loc)


class LineIndex:
    """Maps a character index in a text to a 1-based (line, column) Position."""

    def __init__(self, text: str):
        self.starts = [0]
        self.starts.extend(m.end() for m in _LINEBREAK.finditer(text))
        self.length = len(text)

    @property
    def count(self) -> int:
        return len(self.starts)

    def position(self, index: int, line_offset: int = 0) -> Position:
        row = bisect_right(self.starts, index) - 1
        return Position(row + 1 + line_offset, index - self.starts[row] + 1)
