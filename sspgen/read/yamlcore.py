"""What both YAML roads (the fast composer and the event reader) share.

The loader (libyaml's *base* loader: no implicit types), the plain values that mean "no
value", interning of short strings, and the nesting limit with its cheap bracket pre-scan.
"""

from __future__ import annotations

import re
import sys

import yaml

from sspgen.diagnostics import Diagnostic, error
from sspgen.read.document import LineIndex

MAX_DEPTH = 64
"""Deepest accepted nesting of mappings and lists (``yaml.for-dyb``).

sspgen files nest a handful of levels. The cap keeps later stages (which may recurse) safe,
and the cheap bracket pre-scan that enforces it for flow collections (``[[[[...``) protects
libyaml, whose scanner is quadratic in flow depth (200 KB of ``[`` takes ~20 s).
"""

LOADER = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BRACKETS = re.compile(r"[\[\]{}]")

_SHORT = 64


def shared(value: str) -> str:
    """Keys, ids, dates and types repeat in every file: one object each (interned) instead of
    one per occurrence keeps the validated data of a national build hundreds of MB smaller
    (the models keep the reader's strings). Long free text is left alone."""
    return sys.intern(value) if len(value) <= _SHORT else value


def depth_message() -> str:
    return (
        f"Strukturen er indlejret for dybt (mere end {MAX_DEPTH} niveauer af lister og "
        "mappings inden i hinanden). Gør strukturen fladere, eller tjek for parenteser "
        "('[' og '{'), der ikke er lukket."
    )


def flow_depth_error(text: str, path: str, line_offset: int) -> Diagnostic | None:
    """Refuse absurd bracket nesting before libyaml sees it (its scanner is quadratic in it).

    Counts brackets without regard to quotes or comments, so it over-estimates; with a cap of
    MAX_DEPTH no real sspgen file comes near it.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                lines = LineIndex(text)
                return error(path, lines.position(match.start(), line_offset), "yaml.for-dyb",
                             depth_message())
        elif depth:
            depth -= 1
    return None
