"""Shared helpers for the reader tests: write bytes to a real file, read it, assert the outcome."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from sspgen.diagnostics import Diagnostic, Severity


class FileReader:
    """Reads `content` through `read_file` as a real file named `filename`, shown as `display`."""

    def __init__(self, read_file: Callable[[Path, str], tuple[Any, list[Diagnostic]]], filename: str, display: str):
        self.read_file = read_file
        self.filename = filename
        self.display = display

    def read(self, tmp_path: Path, content: bytes | str) -> tuple[Any, list[Diagnostic]]:
        if isinstance(content, str):
            content = content.encode("utf-8")
        file = tmp_path / self.filename
        file.write_bytes(content)
        return self.read_file(file, self.display)

    def ok(self, tmp_path: Path, content: bytes | str) -> Any:
        doc, diagnostics = self.read(tmp_path, content)
        assert diagnostics == []
        assert doc is not None
        return doc

    def rejected(self, tmp_path: Path, content: bytes | str) -> list[Diagnostic]:
        doc, diagnostics = self.read(tmp_path, content)
        assert doc is None
        assert diagnostics
        for d in diagnostics:
            assert d.path == self.display
            assert d.severity is Severity.FEJL
            assert d.line >= 1 and d.column >= 1
            assert d.message
        return diagnostics
