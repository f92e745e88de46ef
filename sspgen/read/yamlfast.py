"""The common case in C: no anchors, aliases or tags possible.

A fast road for clean files; anything unusual is left to the event reader (yamlevents.py),
which gives the exact messages.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from sspgen.diagnostics import Position
from sspgen.read.document import SourceDocument
from sspgen.read.yamlcore import LOADER, MAX_DEPTH, NULLS, shared

_PROPERTY_CHARS = re.compile("[&*!]")
"""Anchors (&), aliases (*) and tags (!) all begin with one of these characters; a text
without any of them can contain none of the three."""


def compose_plain(text: str, path: str, line_offset: int) -> SourceDocument | None:
    """Most files: libyaml composes the node tree in C, and a walk over the nodes gives the
    same tree and positions as the event reader (yamlevents.py), at a fraction of its cost.

    Only for a text that cannot hold an anchor, alias or tag (composing expands aliases,
    which the event reader must refuse without expanding), and only when the file is clean:
    anything the event reader would report (a syntax error, several documents, an empty file,
    a root that is not a mapping, a duplicate, empty or non-text key, too deep nesting) gives
    None, and the event reader reads the file again and reports it with its exact wording."""
    if _PROPERTY_CHARS.search(text):
        return None
    try:
        root = yaml.compose(text, Loader=LOADER)
    except Exception:  # noqa: BLE001 - the event reader reports it
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    positions: dict[tuple, Position] = {}
    key_positions: dict[tuple, Position] = {}
    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    nulls = NULLS

    def walk(node: Any, loc: tuple, depth: int) -> Any:
        mark = node.start_mark
        positions[loc] = Position(mark.line + 1 + line_offset, mark.column + 1)
        kind = type(node)
        if kind is scalar:
            value = node.value
            return None if not node.style and value in nulls else shared(value)
        if depth >= MAX_DEPTH:
            raise _Unusual
        if kind is mapping:
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar:
                    raise _Unusual
                key = key_node.value
                if key == "" or key in out or (not key_node.style and key in nulls):
                    raise _Unusual
                key = shared(key)
                mark = key_node.start_mark
                child = loc + (key,)
                key_positions[child] = Position(mark.line + 1 + line_offset, mark.column + 1)
                out[key] = walk(value_node, child, depth + 1)
            return out
        return [walk(item, loc + (index,), depth + 1) for index, item in enumerate(node.value)]

    try:
        data = walk(root, (), 0)
    except (_Unusual, RecursionError):
        return None
    return SourceDocument(path, data, positions, key_positions)


class _Unusual(Exception):
    """Something the event reader must look at and report."""
