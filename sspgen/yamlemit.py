"""A small YAML emitter for the files sspgen writes for staff (``sspgen new``).

PyYAML's dumper would do, but its output does not look like the hand-written files (it
re-wraps text, quotes with single quotes and sorts keys). This emitter writes sspgen's one
canonical format (sspgen/yamlfmt.py describes it; the scalar rules are in sspgen/yamlstyle.py):
block style in the order given, literal blocks (``|``) for multi-line text, and a value quoted
only where a YAML 1.2 tool could read it as something other than the text it is:
``"14.00"`` (a number in YAML 1.2), ``"2024"``; ``2-3`` and ``nej`` are fine plain, ``"# x"``
would be a comment. ``sspgen fmt --check`` passes on everything it writes.

sspgen's own reader keeps every scalar a string, so the rule that matters is: what we write
reads back to exactly the same text. ``tests/test_new.py`` checks that round trip.

Values: dict (key order kept; ``None`` values and empty lists are left out), list, str,
bool (``ja``/``nej``), int, date (``2026-01-13``), time (``"14.00"``).
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from .yamlstyle import double_quoted, literal_lines, literal_ok, string_scalar

INDENT = 2


def needs_quotes(text: str) -> bool:
    """True if ``text`` written plain would not read back as the same string everywhere."""
    return string_scalar(text) != text


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is a subset of it)."""
    return double_quoted(text)


def scalar(value: Any) -> str:
    """One scalar on one line."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return quoted(f"{value.hour:02d}.{value.minute:02d}")
    if isinstance(value, str):
        return string_scalar(value)
    raise TypeError(f"cannot emit {type(value).__name__}")


def _literal_ok(text: str) -> bool:
    return literal_ok(text)


def _literal(text: str, indent: int) -> list[str]:
    return literal_lines(text, indent)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (list, dict)) and not value)


def mapping_lines(data: dict[str, Any], indent: int = 0) -> list[str]:
    """Lines for a mapping whose keys start at column ``indent``."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        if _is_empty(value):
            continue
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += mapping_lines(value, indent + INDENT)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            for item in value:
                lines += item_lines(item, indent + INDENT)
        elif isinstance(value, str) and _literal_ok(value):
            first, *rest = _literal(value, indent + INDENT)
            lines.append(f"{pad}{key}: {first}")
            lines += rest
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines


def item_lines(item: Any, indent: int) -> list[str]:
    """Lines for one list item whose dash stands at column ``indent``."""
    pad = " " * indent
    if isinstance(item, dict):
        inner = mapping_lines(item, indent + INDENT)
        if not inner:
            raise ValueError("cannot emit an empty mapping as a list item")
        return [f"{pad}- {inner[0].lstrip()}"] + inner[1:]
    if isinstance(item, list):
        raise ValueError("lists directly inside lists are not used in sspgen files")
    if isinstance(item, str) and _literal_ok(item):
        first, *rest = _literal(item, indent + INDENT)
        return [f"{pad}- {first}"] + rest
    return [f"{pad}- {scalar(item)}"]


def dump(data: dict[str, Any], *, schema: str | None = None) -> str:
    """A whole file; ``schema`` adds the yaml-language-server comment line first.

    With a schema line, the text is also passed through the formatter with that schema, so a
    number field given as text (``"nummer": "1"``, as a template is read) is written ``1``:
    the file is canonical (``sspgen fmt --check``) however the values were typed."""
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += mapping_lines(data)
    text = "\n".join(lines) + "\n"
    if schema is None:
        return text  # the values' Python types decide (an int is written as a number)
    return canonical(text, schema.rsplit("/", 1)[-1].removesuffix(".schema.json"))


def canonical(text: str, kind: str | None) -> str:
    """``text`` in the canonical format for the schema of ``kind`` (a kind name: «moeder»)."""
    from .model import KIND_BY_NAME
    from .schema_export import schema_for
    from .yamlfmt import format_yaml

    model = KIND_BY_NAME.get(kind) if kind else None
    return format_yaml(text, schema_for(model) if model else None)


def as_read(value: Any) -> Any:
    """What the reader gives back for ``value``: every scalar a string, empties left out."""
    if isinstance(value, dict):
        return {k: as_read(v) for k, v in value.items() if not _is_empty(v)}
    if isinstance(value, list):
        return [as_read(v) for v in value]
    if isinstance(value, time):
        return f"{value.hour:02d}.{value.minute:02d}"
    if isinstance(value, (bool, int, date)):
        return scalar(value)
    return value
