"""Read one YAML file into a plain tree with source positions.

The reader is strict on purpose. Staff write these files by hand, so every YAML feature that
surprises people or can be abused is refused with a located Danish message instead of being
interpreted:

* Every scalar stays a string. ``nej``, ``on``, ``0755``, ``2024-01-01``, ``1e3`` and ``.inf``
  are never turned into booleans, numbers or dates (we parse with libyaml's *base* loader,
  which resolves no implicit types). Only a plain (unquoted) empty value, ``~``, ``null``,
  ``Null`` and ``NULL`` become ``None``; quoted ``"~"`` stays the string ``"~"``.
* Explicit tags (``!!int``, ``!foo``, ``!!python/object`` ... and also ``!!str``) are refused
  (``yaml.ukendt-tag``): everything is a string anyway, so a tag is either a no-op or an
  attempt at something we do not support. Quoting is the way to keep a value verbatim.
* Anchors and aliases (``&a`` / ``*a``) are refused (``yaml.alias``), defined-but-unused
  anchors too. The tree is built from the parser's *event stream* rather than from composed
  nodes, so an alias is never expanded: a "billion laughs" file costs no more than its size.
* Tabs, control characters, invalid UTF-8, duplicate keys, non-string keys, several
  documents, an empty file and a root that is not a mapping are refused, each with its own
  stable code.

Character-level problems (invalid UTF-8, tabs, control characters) are all reported, and the
text is then parsed with each offending character replaced by one neutral character (so line
and column numbers stay exact) to find structural problems in the same run. Any diagnostic
means the file is rejected: the document is only returned when there are none.

Lines and columns are 1-based and count Unicode code points, as editors do. Line breaks are
``\\n``, ``\\r\\n`` and ``\\r`` (the same set libyaml uses once U+0085/U+2028/U+2029, which
we refuse, are out of the way).

This module holds the public entry points; each step has its own module in sspgen/read/:
filebytes.py (read the bytes safely, decode), characters.py (invalid UTF-8, tabs, control
characters), yamlcore.py (what both YAML roads share, and the nesting limit), yamlfast.py (the
fast road for clean files), yamlevents.py (the event reader that reports every refusal),
yamlerrors.py (libyaml's errors in Danish), collector.py (a cap on repeated messages) and document.py
(SourceDocument, LineIndex).
"""

from __future__ import annotations

from pathlib import Path

from sspgen.diagnostics import Diagnostic, Position, error
from sspgen.read.characters import check_characters
from sspgen.read.document import LineIndex, SourceDocument
from sspgen.read.filebytes import check_size, decode, read_bytes
from sspgen.read.yamlcore import flow_depth_error
from sspgen.read.yamlevents import read_events
from sspgen.read.yamlfast import compose_plain


def read_yaml(file: Path, display_path: str) -> tuple[SourceDocument | None, list[Diagnostic]]:
    """Read and parse ``file``; diagnostics name ``display_path``. Never raises."""
    data, diagnostics = read_bytes(file, display_path)
    if data is None:
        return None, diagnostics
    return parse_yaml(data, display_path)


def parse_yaml(text_bytes: bytes, path: str) -> tuple[SourceDocument | None, list[Diagnostic]]:
    """Parse the bytes of one YAML file. Returns (document, []) or (None, [errors]). Never raises."""
    try:
        return _parse_yaml(bytes(text_bytes), path)
    except Exception:  # pragma: no cover - last line of defence, no traceback for a user
        return None, [error(path, Position(1, 1), "yaml.syntaks", _INTERNAL_MESSAGE)]


_INTERNAL_MESSAGE = (
    "Filen kunne ikke læses som YAML på grund af en uventet fejl i læseren. "
    "Tjek filen for usædvanlige tegn, og meld fejlen til dem, der vedligeholder sspgen."
)


def _parse_yaml(data: bytes, path: str) -> tuple[SourceDocument | None, list[Diagnostic]]:
    too_big = check_size(len(data), path)
    if too_big:
        return None, too_big
    text, diagnostics = decode(data, path)
    if text is None:
        return None, diagnostics
    lines = LineIndex(text)
    clean, lexical = check_characters(text, path, lines)
    diagnostics += lexical
    document, structural = parse_yaml_text(clean, path)
    diagnostics += structural
    diagnostics.sort(key=Diagnostic.sort_key)
    if diagnostics:
        return None, diagnostics
    return document, []


def parse_yaml_text(
    text: str,
    path: str,
    *,
    line_offset: int = 0,
    front_matter: bool = False,
) -> tuple[SourceDocument | None, list[Diagnostic]]:
    """Parse already character-checked text. ``line_offset`` is added to every line number.

    ``front_matter`` only changes the wording of messages about the whole document.
    """
    depth_error = flow_depth_error(text, path, line_offset)
    if depth_error is not None:
        return None, [depth_error]
    fast = compose_plain(text, path, line_offset)
    if fast is not None:
        return fast, []
    return read_events(text, path, line_offset=line_offset, front_matter=front_matter)
