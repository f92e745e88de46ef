"""Read one Markdown file: required YAML front matter plus the Markdown body.

The file must start with a line ``---``, then the front matter (a YAML mapping, read with
exactly the rules of :mod:`sspgen.read.yamlfile`), then a closing line ``---``. Everything
after the closing line is the body. Positions in the front matter and in every diagnostic are
real file lines.

The whole file must be valid UTF-8 without control characters. Tabs are refused in the front
matter (as in any YAML) but allowed in the body, where Markdown gives them a meaning (code
indentation). Line breaks in the body are normalised to ``\\n``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sspgen.diagnostics import Diagnostic, Position, error
from sspgen.read.characters import check_characters
from sspgen.read.document import LineIndex, SourceDocument
from sspgen.read.filebytes import check_size, decode, read_bytes
from sspgen.read.yamlfile import parse_yaml_text

_FENCE = "---"


@dataclass
class MarkdownDocument:
    path: str
    front_matter: SourceDocument  # positions refer to real file lines
    body: str
    body_line: int  # 1-based line where the body starts


def read_markdown(file: Path, display_path: str) -> tuple[MarkdownDocument | None, list[Diagnostic]]:
    """Read and parse ``file``; diagnostics name ``display_path``. Never raises."""
    data, diagnostics = read_bytes(file, display_path)
    if data is None:
        return None, diagnostics
    return parse_markdown(data, display_path)


def parse_markdown(text_bytes: bytes, path: str) -> tuple[MarkdownDocument | None, list[Diagnostic]]:
    """Parse the bytes of one Markdown file. Returns (document, []) or (None, [errors])."""
    try:
        return _parse_markdown(bytes(text_bytes), path)
    except Exception:  # pragma: no cover - last line of defence, no traceback for a user
        return None, [
            error(path, Position(1, 1), "markdown.mangler-forside",
                  "Filen kunne ikke læses på grund af en uventet fejl i læseren. Tjek filen for "
                  "usædvanlige tegn, og meld fejlen til dem, der vedligeholder sspgen.")
        ]


def _line(text: str, lines: LineIndex, row: int) -> str:
    """Text of 0-based line ``row`` without its line break."""
    start = lines.starts[row]
    end = lines.starts[row + 1] if row + 1 < lines.count else len(text)
    return text[start:end].rstrip("\r\n")


def _is_fence(line: str) -> bool:
    return line.rstrip(" \t") == _FENCE


def _parse_markdown(data: bytes, path: str) -> tuple[MarkdownDocument | None, list[Diagnostic]]:
    too_big = check_size(len(data), path)
    if too_big:
        return None, too_big
    text, diagnostics = decode(data, path)
    if text is None:
        return None, diagnostics
    lines = LineIndex(text)

    # Find the fences on the raw text; character problems are reported separately below.
    close_row = None
    if text and _is_fence(_line(text, lines, 0)):
        for row in range(1, lines.count):
            if lines.starts[row] >= len(text):
                break
            if _is_fence(_line(text, lines, row)):
                close_row = row
                break

    if close_row is None:
        # No usable front matter: still report character problems (tabs only on line 1).
        tabs_until = lines.starts[1] if lines.count > 1 else len(text)
        _, lexical = check_characters(text, path, lines, tabs_until=tabs_until)
        if text and _is_fence(_line(text, lines, 0)):
            message = (
                "Forsiden (front matter) begynder med '---' på linje 1, men bliver aldrig "
                "afsluttet. Tilføj en linje med '---' efter felterne og før selve teksten."
            )
        else:
            message = (
                "Filen mangler en forside (front matter). Første linje skal være '---', derefter "
                "felterne som 'nøgle: værdi'-linjer (fx 'titel: ...') og så en linje med '---' "
                "før selve teksten."
            )
        diagnostics = [error(path, Position(1, 1), "markdown.mangler-forside", message), *lexical]
        diagnostics.sort(key=Diagnostic.sort_key)
        return None, diagnostics

    body_start = lines.starts[close_row + 1] if close_row + 1 < lines.count else len(text)
    clean, lexical = check_characters(text, path, lines, tabs_until=body_start)
    diagnostics += lexical

    yaml_text = clean[lines.starts[1]:lines.starts[close_row]]
    front, structural = parse_yaml_text(yaml_text, path, line_offset=1, front_matter=True)
    diagnostics += structural
    diagnostics.sort(key=Diagnostic.sort_key)
    if diagnostics or front is None:
        return None, diagnostics

    body = text[body_start:].replace("\r\n", "\n").replace("\r", "\n")
    return MarkdownDocument(path, front, body, close_row + 2), []
