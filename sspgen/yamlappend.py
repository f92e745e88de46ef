"""Append an item to a top-level list in a hand-written YAML file, by editing its text.

Re-dumping a file the staff wrote would lose their comments, line breaks and key order. So
``sspgen new emne`` and ``sspgen new indsats`` insert the new item's lines right after the
last item of the list (with the list's own indentation) and leave every other byte alone.
The caller re-reads the result and checks that the list grew by exactly the new item.
"""

from __future__ import annotations

import re
from typing import Any

from .read.document import SourceDocument
from .yamlemit import item_lines

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


class AppendError(ValueError):
    """The list is written in a way we do not edit by text (the message is Danish)."""


def append_item(text: str, document: SourceDocument, key: str, item: Any) -> str:
    """``text`` with ``item`` appended to the top-level list ``key`` (created if absent)."""
    lines = _LINE.findall(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    current = document.data.get(key) if isinstance(document.data, dict) else None
    key_position = document.key_positions.get((key,))

    if key_position is None:  # no such key yet: add it at the end
        return "".join(lines) + f"{key}:\n" + _join(item_lines(item, 2))

    key_line = key_position.line - 1
    if current is None or current == []:
        # `key:` with nothing, `key: ~` or `key: []`: make it a block list.
        if not re.fullmatch(rf"{re.escape(key)}:\s*(\[\s*\]|~|null|Null|NULL)?\s*(#.*)?\n?", lines[key_line]):
            raise AppendError(_unsupported(key))
        lines[key_line] = f"{key}:\n"
        return "".join(lines[: key_line + 1]) + _join(item_lines(item, 2)) + "".join(lines[key_line + 1 :])

    if not isinstance(current, list):
        raise AppendError(f"Feltet «{key}» er ikke en liste, så der kan ikke tilføjes noget til det.")
    start = document.positions.get((key,))
    if start is None or lines[start.line - 1][start.column - 1 : start.column] != "-":
        raise AppendError(_unsupported(key))
    indent = start.column - 1
    end = _block_end(lines, key_line, indentless=indent == 0)
    return "".join(lines[:end]) + _join(item_lines(item, indent)) + "".join(lines[end:])


def _block_end(lines: list[str], key_line: int, *, indentless: bool = False) -> int:
    """Index of the first line after the block of the top-level key on ``key_line``.

    The block ends before the next line that starts at column 1 with content; blank lines and
    comment lines at column 1 just before that line belong to what follows, not to the list.
    An ``indentless`` list (dashes at column 1, which YAML allows) continues on dash lines.
    """
    end = len(lines)
    for index in range(key_line + 1, len(lines)):
        line = lines[index]
        if indentless and (line.startswith("- ") or line.rstrip("\n") == "-"):
            continue
        if line.strip() and not line[0].isspace() and not line.startswith("#"):
            end = index
            break
    while end > key_line + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return end


def _join(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _unsupported(key: str) -> str:
    return (
        f"Listen «{key}» er skrevet på en måde, som sspgen ikke kan tilføje til automatisk "
        f"(fx på én linje med [ ]). Skriv listen med én linje pr. element, der begynder med «- », "
        "og prøv igen – eller tilføj elementet i hånden."
    )
