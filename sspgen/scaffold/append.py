"""Appending an item to a list in an existing file (the topic bank, a plan's initiatives).

The new item's lines are inserted into the text someone wrote by hand, and the result is read
back: if anything else in the file would change, nothing is written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..read.yamlfile import parse_yaml
from ..yamlappend import AppendError, append_item
from ..yamlemit import as_read, dump
from .common import ScaffoldError, display


def append_to_file(root: Path, file: Path, key: str, item: dict[str, Any], schema: str) -> str:
    """Append ``item`` to the list ``key`` in ``file`` (created if missing); returns the verb."""
    relative = display(root, file)
    existed = file.exists()
    if existed:
        raw = file.read_bytes()
        document, problems = parse_yaml(raw, relative)
        if document is None:
            raise ScaffoldError(
                f"{relative} har fejl og kan ikke udvides automatisk. Kør «sspgen check», ret "
                "fejlene, og prøv igen."
            )
        text = raw.decode("utf-8")
        try:
            new_text = append_item(text, document, key, item)
        except AppendError as exc:
            raise ScaffoldError(f"{relative}: {exc}") from None
        before = document.data.get(key) or []
    else:
        new_text = dump({key: [item]}, schema=schema)
        before = []
    check, _ = parse_yaml(new_text.encode("utf-8"), relative)
    if check is None or check.data.get(key) != [*before, as_read(item)]:
        raise ScaffoldError(
            f"sspgen kunne ikke tilføje til {relative} uden at ændre andet i filen, så filen er "
            "ikke ændret. Tilføj elementet i hånden."
        )
    tmp = file.with_name(f".{file.name}.sspgen-ny")
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text(new_text, encoding="utf-8", newline="\n")
    os.replace(tmp, file)
    return "Opdaterede" if existed else "Oprettede"
