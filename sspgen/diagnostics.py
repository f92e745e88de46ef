"""Diagnostics: the located, Danish messages every stage reports instead of raising.

Every problem a user can cause becomes a Diagnostic with a file, line, column, a Danish
message and a stable code (e.g. ``ref.ukendt-aktoer``). Stages collect them and go on, so one
run reports everything; the CLI prints them and sets the exit code.

A Diagnostic masks CPR numbers in its path and message when it is made, and every formatter
masks the line it returns (sspgen/privacy_mask.py): a message that quotes the data (an unknown
key, a wrong value, a file name) never shows a CPR number whole, in any output format.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Iterable

from .privacy_mask import mask_cpr


class Severity(str, Enum):
    FEJL = "fejl"
    ADVARSEL = "advarsel"


@dataclass(frozen=True, order=True)
class Position:
    """1-based line and column in a source file."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity
    message: str
    code: str

    def __post_init__(self) -> None:
        # The one place every diagnostic passes, whoever made it (error(), warning(), strict(),
        # dataclasses.replace): mask here, so no stage has to remember to.
        for name in ("path", "message"):
            value = getattr(self, name)
            masked = mask_cpr(value)
            if masked is not value:
                object.__setattr__(self, name, masked)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.FEJL

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)


def error(path: str, position: Position, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, position.line, position.column, Severity.FEJL, message, code)


def warning(path: str, position: Position, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, position.line, position.column, Severity.ADVARSEL, message, code)


def strict(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Under --strict every warning counts as an error."""
    return [
        Diagnostic(d.path, d.line, d.column, Severity.FEJL, d.message, d.code)
        for d in diagnostics
    ]


def format_text(d: Diagnostic) -> str:
    return mask_cpr(f"{d.path}:{d.line}:{d.column}: {d.severity.value}: {d.message} [{d.code}]")


def _github_escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(d: Diagnostic) -> str:
    kind = "error" if d.is_error else "warning"
    props = ",".join(
        f"{key}={_github_escape(str(value), property_value=True)}"
        for key, value in (
            ("file", d.path),
            ("line", d.line),
            ("col", d.column),
            ("title", d.code),
        )
    )
    return mask_cpr(f"::{kind} {props}::{_github_escape(d.message)} [{d.code}]")


def format_json(diagnostics: list[Diagnostic]) -> str:
    rows = []
    for d in diagnostics:
        row = asdict(d)
        row["severity"] = d.severity.value
        rows.append(row)
    return mask_cpr(json.dumps(rows, ensure_ascii=False, indent=2))


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "Ingen fejl fundet."
    return f"{errors} {'fejl'} og {warnings} {'advarsel' if warnings == 1 else 'advarsler'}."
