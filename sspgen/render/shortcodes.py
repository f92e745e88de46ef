"""Prose pages with shortcodes: a paragraph that is only `[[kontakter: EMNE]]` or
`[[dokument: ID]]` becomes contact cards or a document link.

The body is split into Markdown segments and shortcode segments, so the template renders the
cards with the same markup as everywhere else and Markdown never sees the shortcodes. Where
a shortcode is, is decided by the validator's `find_shortcodes`, so check and build agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..validate.rules.shortcodes import find_shortcodes


@dataclass(frozen=True)
class Segment:
    kind: str
    """"markdown", "kontakter" or "dokument"."""
    text: str
    """The Markdown text, or the shortcode's argument (a topic or a document id)."""


def segments(body: str) -> list[Segment]:
    lines = body.splitlines()
    result: list[Segment] = []
    start = 0
    for code in find_shortcodes(body):
        chunk = "\n".join(lines[start : code.line_offset])
        if chunk.strip():
            result.append(Segment("markdown", chunk))
        result.append(Segment(code.kind, code.arg))
        start = code.line_offset + 1
    rest = "\n".join(lines[start:])
    if rest.strip():
        result.append(Segment("markdown", rest))
    return result
