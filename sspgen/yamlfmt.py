"""sspgen's one canonical YAML format, written by ``sspgen fmt``, ``sspgen new`` and Decap.

The formatter is our own small emitter over libyaml's event stream (the parser sspgen's reader
uses), not a general round-trip library: sspgen files are block mappings of text, lists and a
few numbers, so the canonical form can be stated in a few rules and checked byte for byte
against Decap's writer (the ``yaml`` npm package, version 1, with line folding off):

* block style everywhere; two spaces of indentation; list dashes indented two spaces under
  their key (``yaml``'s ``indentSeq``); flow collections (``[a, b]``) become block lists; an
  empty list or mapping is ``[]`` / ``{}``; key order is kept;
* scalars follow :mod:`sspgen.yamlstyle`: plain unless a YAML 1.2 tool would read another type
  or the text cannot be plain, then ``"double quotes"``; a value in a number or yes/no field
  is written plain (``nummer: 2``, not ``"2"``); null is ``null``;
* multi-line text is a literal block (``|``, ``|-``, ``|+`` by its trailing line breaks) with
  its lines exactly as they are: nothing is re-wrapped or joined. A folded block (``>``) is
  copied line by line, only re-indented. A long single line stays one line;
* comments are kept: a comment line stays before the entry that followed it (indented like
  that entry), an end-of-line comment stays on the line of the entry it was on; comments after
  the last entry end the file. The ``# yaml-language-server: $schema=...`` line is a comment
  like any other and stays first;
* blank lines outside block text are removed (Decap's writer has none), line breaks are
  ``\\n`` and the file ends with exactly one.

Known differences from Decap's writer, all in text staff hardly write: text starting with a
space or blank line, or with trailing spaces on a line, is double-quoted here (Decap writes a
block with an indentation indicator); ``1_000`` is quoted here because check-jsonschema's YAML
reader takes it as a number.

Every result is checked before it is used: read back with sspgen's reader it must give exactly
the same data, and it must hold the same comments. If not, :class:`FormatError` is raised and
no file is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

from .read.yamlfile import parse_yaml_text
from .yamlstyle import double_quoted, fits, literal_lines, literal_ok, string_scalar, types_at, yaml12_type

INDENT = 2
_Loader = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader


class FormatError(Exception):
    """The formatter could not keep the data or the comments: a bug, never written."""


@dataclass
class Scalar:
    value: str
    style: str | None  # None plain, "'", '"', "|", ">"
    line: int  # 0-based start line
    column: int
    end_line: int
    end_column: int


@dataclass
class Mapping:
    line: int
    pairs: list[tuple[Scalar, "Node"]] = field(default_factory=list)


@dataclass
class Sequence:
    line: int
    items: list["Node"] = field(default_factory=list)


Node = Union[Scalar, Mapping, Sequence]


@dataclass
class Ambiguous:
    """A plain value that a YAML 1.2 tool reads as another type than sspgen does."""

    line: int  # 0-based, in the text given
    column: int
    text: str
    yaml_type: str
    loc: tuple[str | int, ...]


# --------------------------------------------------------------------------------------------
# Parsing: the event stream into a tree that remembers styles and lines


def parse_tree(text: str) -> Node:
    """The document's root node. The text must already have passed sspgen's reader."""
    stack: list[Any] = []
    root: Node | None = None
    pending_key: list[Scalar | None] = []

    def add(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif pending_key[-1] is None:
            assert isinstance(node, Scalar), "keys are scalars (the reader refuses others)"
            pending_key[-1] = node
        else:
            parent.pairs.append((pending_key[-1], node))
            pending_key[-1] = None

    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.ScalarEvent):
            add(Scalar(event.value, event.style or None, mark.line, mark.column, event.end_mark.line,
                       event.end_mark.column))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            node: Node = Mapping(mark.line) if isinstance(event, yaml.MappingStartEvent) else Sequence(mark.line)
            add(node)
            stack.append(node)
            pending_key.append(None)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            pending_key.pop()
    if root is None:
        raise FormatError("empty document")
    return root


# --------------------------------------------------------------------------------------------
# Comments


@dataclass
class Comment:
    line: int  # 0-based
    text: str  # from '#' on, trailing spaces removed
    whole_line: bool


_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*[ \t]+(#.*)$")


def find_comments(text: str) -> list[Comment]:
    """Every comment in the text, found around libyaml's tokens (which never hold one)."""
    lines = text.split("\n")
    covered_to = [0] * (len(lines) + 1)  # per line, the column up to which tokens reach
    inside = [False] * (len(lines) + 1)
    comments: list[Comment] = []
    for token in yaml.scan(text, Loader=_Loader):
        start, end = token.start_mark, token.end_mark
        if end.line > start.line:
            for row in range(start.line + 1, end.line):
                inside[row] = True
            if getattr(token, "style", None) in ("|", ">"):
                match = _HEADER_COMMENT.match(lines[start.line][start.column:])
                if match:
                    comments.append(Comment(start.line, match[1].rstrip(), False))
            inside[start.line] = True
        covered_to[end.line] = max(covered_to[end.line], end.column)
    for row, line in enumerate(lines):
        if inside[row]:
            continue
        column = _comment_start(line, covered_to[row])
        if column is not None:
            comments.append(Comment(row, line[column:].rstrip(), not line[:column].strip()))
    comments.sort(key=lambda c: c.line)
    return comments


def _comment_start(line: str, after: int) -> int | None:
    for column in range(after, len(line)):
        if line[column] == "#" and (column == 0 or line[column - 1] in " \t"):
            return column
        if line[column] not in " \t":
            return None
    return None


# --------------------------------------------------------------------------------------------
# Emitting


@dataclass
class _Line:
    text: str
    source: int | None  # 0-based source line of the entry that starts here; None: block text


class _Emitter:
    def __init__(self, source_lines: list[str], schema: dict[str, Any] | None):
        self.source_lines = source_lines
        self.schema = schema

    def allowed(self, loc: tuple[str | int, ...]) -> set[str]:
        return types_at(self.schema, loc) if self.schema else {"string"}

    def mapping(self, node: Mapping, indent: int, loc: tuple[str | int, ...]) -> list[_Line]:
        out: list[_Line] = []
        pad = " " * indent
        for key, value in node.pairs:
            head = f"{pad}{string_scalar(key.value, top_level=indent == 0)}:"
            out += self.value_after(head, key.line, value, indent, loc + (key.value,))
        return out

    def value_after(self, head: str, line: int, value: Node, indent: int, loc: tuple[str | int, ...]) -> list[_Line]:
        """``head`` (``key:`` or ``-``) followed by ``value``, whose own lines indent by 2."""
        if isinstance(value, Mapping):
            if not value.pairs:
                return [_Line(f"{head} {{}}", line)]
            return [_Line(head, line)] + self.mapping(value, indent + INDENT, loc)
        if isinstance(value, Sequence):
            if not value.items:
                return [_Line(f"{head} []", line)]
            return [_Line(head, line)] + self.sequence(value, indent + INDENT, loc)
        first, *rest = self.scalar(value, indent + INDENT, loc)
        return [_Line(f"{head} {first}", line)] + [_Line(text, None) for text in rest]

    def sequence(self, node: Sequence, indent: int, loc: tuple[str | int, ...]) -> list[_Line]:
        out: list[_Line] = []
        pad = " " * indent
        for index, item in enumerate(node.items):
            item_loc = loc + (index,)
            if isinstance(item, Mapping) and item.pairs:
                inner = self.mapping(item, indent + INDENT, item_loc)
                inner[0] = _Line(f"{pad}- {inner[0].text.lstrip()}", item.line)
                out += inner
            elif isinstance(item, Sequence) and item.items:
                inner = self.sequence(item, indent + INDENT, item_loc)
                inner[0] = _Line(f"{pad}- {inner[0].text.lstrip()}", item.line)
                out += inner
            else:
                out += self.value_after(f"{pad}-", item.line, item, indent, item_loc)
        return out

    def scalar(self, node: Scalar, indent: int, loc: tuple[str | int, ...]) -> list[str]:
        """The scalar's text: one line, or a block header and its content lines."""
        text = node.value
        if node.style == ">":
            return self.folded_copy(node, indent)
        kind = yaml12_type(text)
        if node.style is None and kind != "string":
            if kind == "null":
                return ["null"]
            if fits(kind, self.allowed(loc)):
                return [text.lower() if kind == "boolean" else text]
            return [double_quoted(text)]
        if node.style in ("'", '"') and kind in ("integer", "number", "boolean"):
            allowed = self.allowed(loc)
            if fits(kind, allowed) and "string" not in allowed:
                return [text.lower() if kind == "boolean" else text]
        if "\n" in text:
            return literal_lines(text, indent) if literal_ok(text) else [double_quoted(text)]
        return [string_scalar(text)]

    def folded_copy(self, node: Scalar, indent: int) -> list[str]:
        """A folded block's lines as written, only re-indented (folding decides its meaning)."""
        header_line = self.source_lines[node.line][node.column:]
        header = re.match(r"[|>][-+0-9]*", header_line)
        assert header is not None
        # The token ends at column 0 of the line after the block, or inside its last line.
        body = self.source_lines[node.line + 1:node.end_line + (1 if node.end_column > 0 else 0)]
        while body and not body[-1].strip() and not header[0].endswith("+"):
            body.pop()
        filled = [line for line in body if line.strip()]
        margin = min((len(line) - len(line.lstrip(" ")) for line in filled), default=0)
        pad = " " * indent
        # Chomping from the value, so a block that ended the file without a line break keeps its text.
        trailing = len(node.value) - len(node.value.rstrip("\n"))
        indicator = ">-" if trailing == 0 else ">" if trailing == 1 else ">+"
        if indicator == ">+" and not header[0].endswith("+"):
            indicator = header[0]
        if filled and len(filled[0]) - len(filled[0].lstrip(" ")) > margin:
            indicator += str(INDENT)  # the first line is indented more: say where the text starts
        return [indicator] + [pad + line[margin:] if line.strip() else "" for line in body]


def _place_comments(lines: list[_Line], comments: list[Comment]) -> list[str]:
    """Put the comments back: a comment line before the next entry, an end-of-line comment on
    the line of its entry."""
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    tail: list[str] = []
    sources = [(index, line.source) for index, line in enumerate(lines) if line.source is not None]
    for comment in comments:
        if comment.whole_line:
            target = next((index for index, source in sources if source > comment.line), None)
            if target is None:
                tail.append(comment.text)
            else:
                before.setdefault(target, []).append(comment.text)
            continue
        same = next((index for index, source in sources if source == comment.line), None)
        if same is None:
            earlier = [index for index, source in sources if source < comment.line]
            same = earlier[-1] if earlier else 0
        after.setdefault(same, []).append(comment.text)
    out: list[str] = []
    for index, line in enumerate(lines):
        indent = " " * (len(line.text) - len(line.text.lstrip(" ")))
        out += [indent + text for text in before.get(index, [])]
        out.append(" ".join([line.text, *after.get(index, [])]))
    return out + tail


def format_yaml(text: str, schema: dict[str, Any] | None, path: str = "fil") -> str:
    """The canonical form of a YAML text that sspgen's reader accepts."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    root = parse_tree(text)
    if not isinstance(root, Mapping):
        raise FormatError("the root is not a mapping")
    emitter = _Emitter(text.split("\n"), schema)
    comments = find_comments(text)
    lines = emitter.mapping(root, 0, ())
    result = "\n".join(_place_comments(lines, comments)).rstrip("\n") + "\n"
    _verify(text, result, comments, path)
    return result


def _verify(before: str, after: str, comments: list[Comment], path: str) -> None:
    old, _ = parse_yaml_text(before, path)
    new, problems = parse_yaml_text(after, path)
    if old is None or new is None or problems or new.data != old.data:
        raise FormatError("the formatted text does not read back as the same data")
    if sorted(c.text for c in find_comments(after)) != sorted(c.text for c in comments):
        raise FormatError("a comment could not be kept")


# --------------------------------------------------------------------------------------------
# Values that YAML 1.2 tools read differently (for `sspgen check`)


def ambiguous_values(text: str, schema: dict[str, Any] | None) -> list[Ambiguous]:
    """Plain values a YAML 1.2 tool reads as another type than sspgen, and quoted numbers or
    yes/no values in a field whose schema wants the number (editors mark both red)."""
    root = parse_tree(text.replace("\r\n", "\n").replace("\r", "\n"))
    found: list[Ambiguous] = []
    emitter = _Emitter([], schema)

    def walk(node: Node, loc: tuple[str | int, ...]) -> None:
        if isinstance(node, Mapping):
            for key, value in node.pairs:
                walk(value, loc + (key.value,))
        elif isinstance(node, Sequence):
            for index, item in enumerate(node.items):
                walk(item, loc + (index,))
        elif node.style in (None, "'", '"'):
            kind = yaml12_type(node.value)
            if kind in ("string", "null"):
                return
            allowed = emitter.allowed(loc)
            wrong_plain = node.style is None and not fits(kind, allowed)
            wrong_quoted = node.style is not None and fits(kind, allowed) and "string" not in allowed
            if wrong_plain or wrong_quoted:
                found.append(Ambiguous(node.line, node.column, node.value, kind if wrong_plain else "string", loc))

    walk(root, ())
    return found
