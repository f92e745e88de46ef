"""How one scalar is written in sspgen's canonical YAML, and what other YAML tools read it as.

sspgen reads every scalar as text and lets the model parse it (``ja``, ``14.00``, ``3``).
Editors with the JSON Schema (VS Code's YAML extension, ``check-jsonschema``) and Decap CMS
read YAML 1.2 instead, where an unquoted ``14.00`` is the number 14 and ``2024`` an integer.
The canonical form therefore quotes exactly the values a YAML 1.2 tool would read as another
type than sspgen does, and writes every other scalar the way Decap's YAML writer (the ``yaml``
npm package, version 1) writes it, so that a Decap save of an unchanged file changes nothing:

* plain where the text reads back as the same string, ``"double quotes"`` otherwise (single
  quotes only for text that holds ``"`` and no ``'``), the rules of ``plainString`` in
  ``yaml/dist/resolveSeq``;
* "the same string" is judged against both YAML 1.2 readers in use: the core schema of the
  ``yaml`` package (VS Code, Decap) and ruamel.yaml's 1.2 resolver (``check-jsonschema``),
  which also reads ``1_000`` and ``0b1`` as integers;
* ``ja``/``nej`` and YAML 1.1's ``yes``/``no``/``on``/``off`` are text in YAML 1.2 and stay
  plain; only YAML 1.1 tools (PyYAML's default loader) would read the latter as booleans, and
  none of the editors or Decap does.

Where the schema says a field is a number or a yes/no (``nummer: 2``, ``tovholder: true``), the
YAML 1.2 type is what sspgen means too, and the value is written plain (see ``types_at``).
"""

from __future__ import annotations

import json
import re
from typing import Any

# The yaml package's core schema (null, bool, int, float) ...
_CORE = re.compile(
    r"~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)"
)
# ... and what ruamel.yaml's 1.2 resolver reads as a number besides (underscores, 0b, 0o-less
# octal).
_RUAMEL = re.compile(
    r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?"
)
_BOOL = re.compile(r"[Tt]rue|TRUE|[Ff]alse|FALSE")
_NULL = re.compile(r"~|[Nn]ull|NULL|")
_INT = re.compile(r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+")

# yaml's plainString: text that cannot be written plain whatever it resolves to.
_NOT_PLAIN = re.compile(r"^[\n\t ,\[\]{}#&*!|>'\"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$")
_DOCUMENT_MARKER = re.compile(r"^(%|---|\.\.\.)", re.MULTILINE)
# Characters sspgen's reader refuses in a file: written as escapes inside double quotes.
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_JSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SHORT_ESCAPES = {0x00: "\\0", 0x07: "\\a", 0x0B: "\\v", 0x1B: "\\e", 0x85: "\\N", 0x2028: "\\L", 0x2029: "\\P"}


def yaml12_type(text: str) -> str:
    """What a YAML 1.2 tool reads the plain scalar ``text`` as, in JSON Schema's type names:
    ``string``, ``integer``, ``number``, ``boolean`` or ``null``."""
    if _NULL.fullmatch(text):
        return "null"
    if _BOOL.fullmatch(text):
        return "boolean"
    if not (_CORE.fullmatch(text) or _RUAMEL.fullmatch(text)):
        return "string"
    return "integer" if _INT.fullmatch(text) or re.fullmatch(r"0o[0-7]+|0x[0-9a-fA-F]+", text) else "number"


def reads_as_text(text: str) -> bool:
    """True if ``text`` written plain is a string for every YAML 1.2 tool."""
    return yaml12_type(text) == "string"


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar as the yaml package writes it (JSON plus YAML's escapes)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _JSON_ESCAPES:
            out.append(_JSON_ESCAPES[char])
        elif code in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[code])
        elif _ESCAPE.match(char):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out) + '"'


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def string_scalar(text: str, *, top_level: bool = False) -> str:
    """One line of text as a scalar: plain if every YAML 1.2 tool reads it back as this text."""
    if "\n" in text or _ESCAPE.search(text):
        return double_quoted(text)
    if not text or _NOT_PLAIN.search(text):
        return single_quoted(text) if '"' in text and "'" not in text else double_quoted(text)
    if (top_level and _DOCUMENT_MARKER.search(text)) or not reads_as_text(text):
        return double_quoted(text)
    return text


def literal_ok(text: str) -> bool:
    """Multi-line text that is written as a literal block (``|``)."""
    if "\n" not in text or text[0] in " \n" or _ESCAPE.search(text.replace("\n", "")):
        return False
    if re.search(r"\n[\t ]+$", text) or not text.strip():
        return False
    # Blank lines at the end («|+») do not survive: editors strip them, and at the end of a
    # file they are the file's own end. Such a text is written double-quoted instead.
    if text.endswith("\n\n"):
        return False
    # Trailing spaces on a line would survive, but editors strip them: keep them quoted.
    return not any(line != line.rstrip(" ") for line in text.split("\n"))


def literal_lines(text: str, indent: int) -> list[str]:
    """The header (``|`` or ``|-``) and the content lines, indented ``indent`` (a text that
    ends in a blank line is never a literal block, see literal_ok)."""
    header = "|" if text.endswith("\n") else "|-"
    body = text[:-1] if text.endswith("\n") else text
    pad = " " * indent
    return [header] + [pad + line if line else "" for line in body.split("\n")]


# --------------------------------------------------------------------------------------------
# What the JSON Schema expects at a place in a file


def types_at(schema: dict[str, Any], loc: tuple[str | int, ...]) -> set[str]:
    """The JSON types the schema allows at ``loc`` (keys and list indexes), for a scalar.

    An unknown place (a misspelt key, no schema) gives ``{"string"}``: sspgen reads text there,
    and check reports the key itself."""
    found = _types(schema, schema, loc, 0)
    return found or {"string"}


def _types(root: dict[str, Any], node: dict[str, Any], loc: tuple[str | int, ...], depth: int) -> set[str]:
    if depth > 40 or not isinstance(node, dict):
        return set()
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return set()
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        return _types(root, target, loc, depth + 1)
    found: set[str] = set()
    for combiner in ("anyOf", "oneOf", "allOf"):
        for option in node.get(combiner, []):
            found |= _types(root, option, loc, depth + 1)
    if not loc:
        found |= _own_types(node)
        return found
    head, rest = loc[0], loc[1:]
    if isinstance(head, int) and "items" in node:
        found |= _types(root, node["items"], rest, depth + 1)
    elif isinstance(head, str):
        child = node.get("properties", {}).get(head)
        if child is None and isinstance(node.get("additionalProperties"), dict):
            child = node["additionalProperties"]
        if child is not None:
            found |= _types(root, child, rest, depth + 1)
    return found


def _own_types(node: dict[str, Any]) -> set[str]:
    kinds = node.get("type")
    found = set([kinds] if isinstance(kinds, str) else kinds or [])
    for value in node.get("enum", []) + ([node["const"]] if "const" in node else []):
        found.add(_json_type(value))
    return found


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"


def fits(yaml_type: str, allowed: set[str]) -> bool:
    """Does a value YAML 1.2 reads as ``yaml_type`` have a type the schema allows?"""
    return yaml_type in allowed or (yaml_type == "integer" and "number" in allowed)
