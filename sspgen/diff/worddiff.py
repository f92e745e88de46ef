"""Word-level differences between two texts, as segments a renderer marks up.

Texts are split into words and punctuation marks, so «arbejdet.» → «arbejdet og mere.»
shows only «og mere» as added. Whitespace is not compared: re-wrapping a paragraph in the
YAML file is no change of its words. Long unchanged stretches are cut down to a few words
of context on each side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

CONTEXT_WORDS = 6

SegmentKind = Literal["same", "del", "ins", "gap"]

_TOKEN = re.compile(r"\w[\w'’-]*|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    """«same» unchanged words, «del» removed, «ins» added, «gap» unchanged words left out (…)."""
    text: str
    space_before: bool = True
    """Whether a space separates this segment from the previous one (none before «.»)."""


@dataclass(frozen=True)
class _Token:
    text: str
    space_before: bool


def _tokens(text: str | None) -> list[_Token]:
    text = text or ""
    return [
        _Token(m.group(), m.start() > 0 and text[m.start() - 1].isspace())
        for m in _TOKEN.finditer(text)
    ]


def words(text: str | None) -> list[str]:
    return [token.text for token in _tokens(text)]


def _join(tokens: list[_Token]) -> str:
    out = ""
    for index, token in enumerate(tokens):
        out += (" " if index and token.space_before else "") + token.text
    return out


def _segment(kind: SegmentKind, tokens: list[_Token]) -> Segment:
    return Segment(kind, _join(tokens), tokens[0].space_before)


def word_diff(old: str | None, new: str | None, context: int = CONTEXT_WORDS) -> list[Segment]:
    """Segments turning ``old`` into ``new``; unchanged runs longer than 2×context are cut."""
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [t.text for t in a], [t.text for t in b], autojunk=False)
    segments: list[Segment] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            segments += _context(a[i1:i2], first=index == 0, last=index == len(opcodes) - 1, context=context)
            continue
        if tag in ("delete", "replace"):
            segments.append(_segment("del", a[i1:i2]))
        if tag in ("insert", "replace"):
            segments.append(_segment("ins", b[j1:j2]))
    return segments


def _context(run: list[_Token], *, first: bool, last: bool, context: int) -> list[Segment]:
    keep_before = 0 if first else context  # words after the previous change
    keep_after = 0 if last else context  # words before the next change
    if len(run) <= keep_before + keep_after + 1:
        return [_segment("same", run)]
    out: list[Segment] = []
    if keep_before:
        out.append(_segment("same", run[:keep_before]))
    out.append(Segment("gap", "…"))
    if keep_after:
        out.append(_segment("same", run[-keep_after:]))
    return out


def only_whitespace_changed(old: str | None, new: str | None) -> bool:
    return old != new and words(old) == words(new)


def plain(segments: list[Segment], kinds: tuple[str, ...]) -> str:
    """The text made of the segments of ``kinds`` (fx («same», «ins») for the new text)."""
    out = ""
    for segment in segments:
        if segment.kind in kinds or segment.kind == "gap":
            out += (" " if out and segment.space_before else "") + segment.text
    return out
