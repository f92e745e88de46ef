"""Collect diagnostics for one file, listing many of the same kind as one summary line."""

from __future__ import annotations

from sspgen.diagnostics import Diagnostic, Position, error

MAX_REPORTS_PER_CODE = 20
"""At most this many character-level problems of one kind are listed individually."""


class Collector:
    """Collects diagnostics, listing at most MAX_REPORTS_PER_CODE per code individually.

    A file with thousands of identical mistakes (a whole file indented with tabs, a file saved
    in the wrong character set) gives a readable report instead of thousands of lines.
    """

    def __init__(self, path: str):
        self.path = path
        self.items: list[Diagnostic] = []
        self._counts: dict[str, int] = {}
        self._hidden: dict[str, tuple[int, Position]] = {}

    def wants(self, code: str) -> bool:
        """False once ``code`` is full (then callers may skip building the message)."""
        return self._counts.get(code, 0) < MAX_REPORTS_PER_CODE

    def add(self, position: Position, code: str, message: str) -> None:
        if self.wants(code):
            self._counts[code] = self._counts.get(code, 0) + 1
            self.items.append(error(self.path, position, code, message))
            return
        count, first = self._hidden.get(code, (0, position))
        self._hidden[code] = (count + 1, first)

    def result(self) -> list[Diagnostic]:
        out = list(self.items)
        for code, (count, first) in self._hidden.items():
            out.append(
                error(self.path, first, code,
                      f"... og {count} steder mere med samme slags fejl fra dette sted og frem, "
                      "som ikke er vist enkeltvis. Ret dem på samme måde.")
            )
        out.sort(key=Diagnostic.sort_key)
        return out
