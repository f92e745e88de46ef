"""Shortcodes in Markdown pages: a paragraph that is exactly ``[[kontakter: EMNE]]`` or
``[[dokument: ID]]``.

``[[kontakter: radikalisering]]`` stands for the contact block of every contact in
kommune.yaml whose ``emner`` include «radikalisering»; ``[[dokument: ssp-plan-pdf]]`` for a
link to the document with that id under ``dokumenter``; ``[[plan: ID]]`` and ``[[pensum: ID]]``
for a link to the plan's or curriculum's own page on the same site. The validator (visibility.py) and the
site renderer both find them with :func:`find_shortcodes`, so they never disagree.

A shortcode must be a paragraph of its own: one line (indented at most three spaces), with a
blank line, a heading, a thematic break, a code fence or the start/end of the text around it.
Text inside fenced code blocks is never a shortcode.

Code (``check_escaped_shortcodes``):

* ``side.kortkode-med-backslash`` (error): ``\\[[dokument: …]]`` — a shortcode with a backslash
  before its brackets, as a Markdown editor writes it when it takes ``[[`` for text (Decap's
  rich text mode did; the form now offers only plain Markdown). The page would show the brackets as text instead of the link or the
  contact block, so it is reported where it stands.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ...diagnostics import Diagnostic, Position, error

if TYPE_CHECKING:
    from ..load import KommuneData

KINDS = ("kontakter", "dokument", "plan", "pensum")
"""The shortcode kinds the site knows."""

_SHORTCODE = re.compile(r"^( {0,3})\[\[[ \t]*([a-zæøå][a-zæøå0-9_-]*)[ \t]*:[ \t]*([^\[\]\n]*?)[ \t]*\]\][ \t]*$")
# ``\[[kind:`` or ``\[\[kind:`` (a Markdown writer escapes the first bracket, sometimes both).
_ESCAPED = re.compile(r"\\\[\\?\[[ \t]*([a-zæøå][a-zæøå0-9_\\-]*)[ \t]*:")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(?:-+|=+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")


class Shortcode(NamedTuple):
    kind: str
    """«kontakter» or «dokument» (or any word, with ``known_only=False``)."""
    arg: str
    """The argument, stripped: an emne or a dokument id."""
    line_offset: int
    """0-based line index within the body."""
    column: int
    """1-based column of the opening ``[[``."""


def find_shortcodes(body: str, *, known_only: bool = True) -> list[Shortcode]:
    """Every shortcode paragraph in a Markdown body, in order.

    With ``known_only=False``, paragraphs shaped like a shortcode of an unknown kind
    (``[[kontakt: x]]``) are returned too, so the validator can report them.
    """
    found: list[Shortcode] = []
    lines = body.splitlines()
    fence: str | None = None
    for index, line in enumerate(lines):
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match[1][0] == fence[0] and len(fence_match[1]) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match[1]
            continue
        match = _SHORTCODE.match(line)
        if not match:
            continue
        if not (_is_boundary(lines, index - 1) and _is_boundary(lines, index + 1, after=True)):
            continue
        kind = match[2]
        if known_only and kind not in KINDS:
            continue
        found.append(Shortcode(kind, match[3], index, len(match[1]) + 1))
    return found


def _is_boundary(lines: list[str], index: int, *, after: bool = False) -> bool:
    """True if the line at ``index`` cannot continue a paragraph (or does not exist).

    A line of ``-`` or ``=`` right after the paragraph would turn it into a heading.
    """
    if index < 0 or index >= len(lines):
        return True
    line = lines[index]
    if after and _SETEXT.match(line):
        return False
    return (
        not line.strip()
        or bool(_HEADING.match(line))
        or bool(_BREAK.match(line))
        or bool(_FENCE.match(line))
    )


def find_escaped(body: str) -> list[tuple[str, int, int]]:
    """Every escaped shortcode outside code fences: (its kind, 0-based line, 1-based column)."""
    found: list[tuple[str, int, int]] = []
    fence: str | None = None
    for index, line in enumerate(body.splitlines()):
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match[1][0] == fence[0] and len(fence_match[1]) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match[1]
            continue
        for match in _ESCAPED.finditer(line):
            found.append((match[1].replace("\\", ""), index, match.start() + 1))
    return found


def check_escaped_shortcodes(data: "KommuneData") -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for name in sorted(data.sider):
        side = data.sider[name]
        page = side.value
        for kind, line, column in find_escaped(page.body):
            out.append(error(
                side.source.path,
                Position(page.body_line + line, column),
                "side.kortkode-med-backslash",
                f"Kortkoden «[[{kind}: …]]» har en omvendt skråstreg (\\) foran klammerne, så siden ville "
                f"vise klammerne som tekst i stedet for {_WHAT.get(kind, 'indholdet')}. Slet skråstregen "
                f"(eller skråstregerne), så linjen begynder med «[[{kind}:». Det sker, når siden er gemt fra "
                f"et redigeringsværktøj, der læser klammerne som tekst (fx Decaps visning «Formatteret tekst»).",
            ))
    return out


_WHAT = {"kontakter": "kontakterne", "dokument": "linket til dokumentet", "plan": "linket til planen",
         "pensum": "linket til pensummet"}
