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
"""

from __future__ import annotations

import os
import re
import stat
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sspgen.diagnostics import Diagnostic, Position, error

MAX_BYTES = 1_000_000
"""Largest accepted file. Larger files are refused with ``yaml.for-stor``."""

MAX_DEPTH = 64
"""Deepest accepted nesting of mappings and lists (``yaml.for-dyb``).

sspgen files nest a handful of levels. The cap keeps later stages (which may recurse) safe,
and the cheap bracket pre-scan that enforces it for flow collections (``[[[[...``) protects
libyaml, whose scanner is quadratic in flow depth (200 KB of ``[`` takes ~20 s).
"""

MAX_REPORTS_PER_CODE = 20
"""At most this many character-level problems of one kind are listed individually."""

_Loader = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_LINEBREAK = re.compile(r"\r\n|\r|\n")

# Characters refused anywhere. Tabs and bytes that were not valid UTF-8 (decoded with
# "surrogateescape" to U+DC80..U+DCFF) are their own kinds. The control set covers everything
# libyaml itself would refuse (non-printable per YAML 1.1), plus C1 controls, a BOM inside the
# text, and the Unicode line/paragraph separators (which libyaml would count as line breaks
# while most editors do not, making every later line number wrong).
_CONTROL_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029\ufffe\uffff"
_BAD_CHARS = re.compile(
    "(?P<tab>\t+)|(?P<bad>[\udc80-\udcff]+)|(?P<ctl>[" + _CONTROL_CLASS + "\ud800-\udc7f\udd00-\udfff]+)"
)
# Neutral replacements (one character each, so positions stay exact): a tab becomes a space,
# everything else U+FFFD, which libyaml accepts and which does not change indentation.
_SANITIZE = {c: "\ufffd" for c in range(0x00, 0x20) if c not in (0x0A, 0x0D)}
_SANITIZE[0x09] = " "
_SANITIZE.update({c: "\ufffd" for c in range(0x7F, 0xA0)})
_SANITIZE.update({c: "\ufffd" for c in (0xFEFF, 0x2028, 0x2029, 0xFFFE, 0xFFFF)})
_SANITIZE.update({c: "\ufffd" for c in range(0xD800, 0xE000)})

_CONTROL_NAMES = {
    0x00: "NUL-tegn",
    0x08: "backspace",
    0x0B: "lodret tabulator",
    0x0C: "sideskift",
    0x1B: "escape-tegn",
    0x7F: "DEL-tegn",
    0x85: "NEL-linjeskift",
    0xA0: "hårdt mellemrum",
    0xFEFF: "byte order mark (BOM)",
    0x2028: "Unicode-linjeskift",
    0x2029: "Unicode-afsnitsskift",
}

_BRACKETS = re.compile(r"[\[\]{}]")

_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


@dataclass
class SourceDocument:
    """A parsed YAML file (or Markdown front matter): plain data plus where each part stands."""

    path: str
    data: Any
    positions: dict[tuple, Position] = field(default_factory=dict)
    key_positions: dict[tuple, Position] = field(default_factory=dict)

    def position(self, loc: tuple) -> Position:
        """Best position for a location path: exact value position, else longest existing prefix, else (1,1)."""
        loc = tuple(loc)
        for end in range(len(loc), -1, -1):
            found = self.positions.get(loc[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def key_position(self, loc: tuple) -> Position:
        """Position of the key at loc if known, else self.position(loc)."""
        found = self.key_positions.get(tuple(loc))
        return found if found is not None else self.position(loc)


# --------------------------------------------------------------------------------------------
# Public entry points


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


# --------------------------------------------------------------------------------------------
# Building blocks (shared with markdownfile)


def _no_follow(path: str, flags: int) -> int:
    """open()'s opener: refuse a link (ELOOP), and never block on a pipe swapped in."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


def read_bytes(file: Path, display_path: str) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a regular file of at most MAX_BYTES. Problems become ``fil.ulaeselig``/``yaml.for-stor``."""
    where = Position(1, 1)
    try:
        # lstat and O_NOFOLLOW: a link is never opened, not even one put in place after the
        # listing (validate/files.py) was made; the listing gives the fuller message.
        info = os.lstat(file)
        if stat.S_ISLNK(info.st_mode):
            return None, [
                error(display_path, where, "fil.symlink",
                      "Filen er et symbolsk link, og sspgen åbner ikke links. Læg en almindelig "
                      "fil her i stedet.")
            ]
        if stat.S_ISDIR(info.st_mode):
            return None, [
                error(display_path, where, "fil.ulaeselig",
                      "Stien er en mappe, ikke en fil. Angiv en fil, eller flyt mappen væk.")
            ]
        if not stat.S_ISREG(info.st_mode):
            return None, [
                error(display_path, where, "fil.ulaeselig",
                      "Stien er ikke en almindelig fil og kan ikke læses. Erstat den med en "
                      "almindelig tekstfil.")
            ]
        if info.st_size > MAX_BYTES:
            return None, check_size(info.st_size, display_path)
        with open(file, "rb", opener=_no_follow) as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, [
            error(display_path, where, "fil.ulaeselig",
                  "Filen findes ikke. Tjek stavningen af filnavnet, eller opret filen.")
        ]
    except PermissionError:
        return None, [
            error(display_path, where, "fil.ulaeselig",
                  "Filen kan ikke læses: adgang nægtet. Giv læseadgang til filen "
                  "(fx med chmod), og prøv igen.")
        ]
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [
            error(display_path, where, "fil.ulaeselig",
                  f"Filen kan ikke læses (systemet svarer: {reason}). Tjek at filen findes og "
                  "kan åbnes, og prøv igen.")
        ]
    if len(data) > MAX_BYTES:  # grew between stat and read
        return None, check_size(len(data), display_path)
    return data, []


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def check_size(size: int, path: str) -> list[Diagnostic]:
    if size <= MAX_BYTES:
        return []
    return [
        error(path, Position(1, 1), "yaml.for-stor",
              f"Filen fylder {_thousands(size)} byte, men højst {_thousands(MAX_BYTES)} byte er "
              "tilladt. Del indholdet op i flere mindre filer.")
    ]


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Strip a leading UTF-8 BOM and decode. Invalid bytes become U+DC80..U+DCFF (reported later).

    Returns (None, [error]) only for UTF-16/32 files, which cannot be read character by character.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            error(path, Position(1, 1), "yaml.ugyldig-utf8",
                  "Filen er gemt med tegnsættet UTF-16, men skal være UTF-8. Gem filen som "
                  "UTF-8 i din editor (ofte under 'Gem som' → 'Kodning').")
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", "surrogateescape"), []


class LineIndex:
    """Maps a character index in a text to a 1-based (line, column) Position."""

    def __init__(self, text: str):
        self.starts = [0]
        self.starts.extend(m.end() for m in _LINEBREAK.finditer(text))
        self.length = len(text)

    @property
    def count(self) -> int:
        return len(self.starts)

    def position(self, index: int, line_offset: int = 0) -> Position:
        row = bisect_right(self.starts, index) - 1
        return Position(row + 1 + line_offset, index - self.starts[row] + 1)


class Collector:
    """Collects diagnostics, listing at most MAX_REPORTS_PER_CODE per code individually.

    A file with thousands of identical mistakes (a whole file indented with tabs, a file saved
    in the wrong character set) gives a readable report instead of thousands of lines.
    """

    def __init__(self, path: str):
        self.path = path
        self.items: list[Diagnostic] = []
        self._counts: dict[str, int] = {}
        self._hidden: dict[str, tuple[int, Position]] = {}

    def wants(self, code: str) -> bool:
        """False once ``code`` is full (then callers may skip building the message)."""
        return self._counts.get(code, 0) < MAX_REPORTS_PER_CODE

    def add(self, position: Position, code: str, message: str) -> None:
        if self.wants(code):
            self._counts[code] = self._counts.get(code, 0) + 1
            self.items.append(error(self.path, position, code, message))
            return
        count, first = self._hidden.get(code, (0, position))
        self._hidden[code] = (count + 1, first)

    def result(self) -> list[Diagnostic]:
        out = list(self.items)
        for code, (count, first) in self._hidden.items():
            out.append(
                error(self.path, first, code,
                      f"... og {count} steder mere med samme slags fejl fra dette sted og frem, "
                      "som ikke er vist enkeltvis. Ret dem på samme måde.")
            )
        out.sort(key=Diagnostic.sort_key)
        return out


def check_characters(
    text: str,
    path: str,
    lines: LineIndex,
    *,
    tabs_until: int | None = None,
) -> tuple[str, list[Diagnostic]]:
    """Report invalid UTF-8, tabs and control characters; return the text with them neutralised.

    Runs of the same kind are reported once at their first character. Tabs are only checked
    before character index ``tabs_until`` (all of the text when None). The returned text has
    the same length and line structure as ``text``.
    """
    collector = Collector(path)
    any_bad = False
    for match in _BAD_CHARS.finditer(text):
        any_bad = True
        kind = match.lastgroup
        if kind == "tab":
            if tabs_until is not None and match.start() >= tabs_until:
                continue
            code = "yaml.tabulator"
        elif kind == "bad":
            code = "yaml.ugyldig-utf8"
        else:
            code = "yaml.kontroltegn"
        position = lines.position(match.start())
        if not collector.wants(code):
            collector.add(position, code, "")
            continue
        if code == "yaml.tabulator":
            message = (
                "Tabulatortegn er ikke tilladt i YAML. Erstat tabulatoren med mellemrum "
                "(indryk med 2 mellemrum pr. niveau)."
            )
        elif code == "yaml.ugyldig-utf8":
            run = match.group()
            raw = " ".join(f"0x{ord(ch) - 0xDC00:02X}" for ch in run[:4]) + (" ..." if len(run) > 4 else "")
            what = "byten" if len(run) == 1 else "bytene"
            message = (
                f"Filen er ikke gyldig UTF-8: {what} {raw} kan ikke læses som tekst. Filen er "
                "nok gemt med et andet tegnsæt (fx Windows-1252); gem den som UTF-8 i din "
                "editor, og ret tegnet her."
            )
        else:
            message = _control_message(match.group()[0])
        collector.add(position, code, message)
    diagnostics = collector.result()
    if not any_bad:
        return text, diagnostics
    return text.translate(_SANITIZE), diagnostics


def _control_message(char: str) -> str:
    point = ord(char)
    name = _CONTROL_NAMES.get(point)
    label = f"{name}, U+{point:04X}" if name else f"U+{point:04X}"
    if point == 0xFEFF:
        return (
            f"Filen indeholder et usynligt tegn ({label}) inde i teksten. Slet tegnet; det "
            "kommer ofte med, når tekst kopieres sammen fra flere filer."
        )
    return (
        f"Filen indeholder et usynligt kontroltegn ({label}), som ikke er tilladt. Slet "
        "tegnet; det kommer ofte med, når tekst kopieres fra et andet program."
    )


# --------------------------------------------------------------------------------------------
# Structure: libyaml events -> plain tree


class _Invalid:
    """Marks a key or value that has already been reported; it is left out of the tree."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<invalid>"


_INVALID = _Invalid()


class _Frame:
    __slots__ = ("is_map", "container", "loc", "start", "expect_key", "key", "key_ok", "seen")

    def __init__(self, is_map: bool, loc: tuple | None, start: Position):
        self.is_map = is_map
        self.start = start
        self.container: Any = {} if is_map else []
        self.loc = loc  # None: inside a key or a discarded value; positions are not recorded
        self.expect_key = True
        self.key: str | None = None
        self.key_ok = False
        self.seen: dict[str, Position] = {}


def _tag_name(tag: str) -> str:
    if tag.startswith(_YAML_TAG_PREFIX):
        return "!!" + tag[len(_YAML_TAG_PREFIX):]
    return tag if tag.startswith("!") else f"!<{tag}>"


def _kind_name(value: Any) -> str:
    if isinstance(value, dict):
        return "en mapping (nøgle: værdi-par)"
    if isinstance(value, list):
        return "en liste"
    if value is None:
        return "en tom værdi"
    return "en enkelt tekstværdi"


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
    collector = Collector(path)
    depth_error = _flow_depth_error(text, path, line_offset)
    if depth_error is not None:
        return None, [depth_error]
    fast = _compose_plain(text, path, line_offset)
    if fast is not None:
        return fast, []

    positions: dict[tuple, Position] = {}
    key_positions: dict[tuple, Position] = {}
    stack: list[_Frame] = []
    root: Any = None
    root_position = Position(1 + line_offset, 1)
    root_empty = False
    documents = 0
    skipping = False

    def at(mark: Any) -> Position:
        return Position(mark.line + 1 + line_offset, mark.column + 1)

    report = collector.add

    def child_loc() -> tuple | None:
        """Location of the node about to start, or None if it is a key / discarded."""
        if not stack:
            return ()
        top = stack[-1]
        if top.loc is None:
            return None
        if top.is_map:
            if top.expect_key or not top.key_ok:
                return None
            return top.loc + (top.key,)
        return top.loc + (len(top.container),)

    def deliver(value: Any, position: Position, *, plain: bool = False, raw: str = "") -> None:
        """Hand a finished node to its parent (or make it the root)."""
        nonlocal root, root_position, root_empty
        if not stack:
            root, root_position = value, position
            root_empty = plain and raw == ""
            return
        top = stack[-1]
        if not top.is_map:
            top.container.append(None if value is _INVALID else value)
            return
        if not top.expect_key:
            if top.key_ok:
                top.container[top.key] = None if value is _INVALID else value
            top.expect_key = True
            return
        # A key.
        top.expect_key = False
        top.key_ok = False
        if value is _INVALID:
            return
        if isinstance(value, (dict, list)):
            report(position, "yaml.noegle-type",
                   f"En nøgle skal være et almindeligt ord som 'navn' eller 'formaal', men her er "
                   f"nøglen {_kind_name(value)}. Skriv nøglen som tekst efterfulgt af ': '.")
            return
        if value is None:
            if raw == "":
                message = ("Der mangler en nøgle før kolonnet. Skriv nøglen foran, fx "
                           "'navn: ...', eller fjern kolonnet.")
            else:
                message = (f"Nøglen '{raw}' betyder 'ingen værdi' i YAML og kan ikke bruges som "
                           "nøgle. Brug et andet ord.")
            report(position, "yaml.noegle-type", message)
            return
        if value == "":
            report(position, "yaml.noegle-type",
                   "Nøglen er tom (''). Skriv et navn på nøglen, fx 'navn: ...'.")
            return
        first = top.seen.get(value)
        if first is not None:
            report(position, "yaml.dobbelt-noegle",
                   f"Nøglen '{value}' står to gange i samme afsnit; første gang på linje "
                   f"{first.line}. En nøgle må kun stå én gang – slet den ene, eller slå "
                   "værdierne sammen.")
            return
        top.seen[value] = position
        top.key = value
        top.key_ok = True
        if top.loc is not None:
            key_positions[top.loc + (value,)] = position

    def check_properties(event: Any, position: Position) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            report(position, "yaml.alias",
                   f"Ankre ('&{anchor}') er ikke tilladt i sspgen-filer. Fjern '&{anchor}', og "
                   "skriv værdien ud alle de steder, den skal bruges. Skal teksten begynde med "
                   "'&', så sæt den i anførselstegn.")
        tag = getattr(event, "tag", None)
        if tag is not None:
            name = _tag_name(tag)
            report(position, "yaml.ukendt-tag",
                   f"Tagget '{name}' er ikke tilladt: sspgen læser alle værdier som tekst. Fjern "
                   f"'{name}'; sæt værdien i anførselstegn, hvis den skal stå præcis som skrevet.")

    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    skipping = True
                    report(at(event.start_mark), "yaml.flere-dokumenter",
                           "Filen indeholder mere end ét YAML-dokument (adskilt af '---'). En "
                           "fil må kun indeholde ét dokument: fjern '---'-linjen, eller del "
                           "indholdet op i flere filer.")
                continue
            if skipping or isinstance(
                event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
            ):
                continue
            position = at(event.start_mark)
            if isinstance(event, yaml.AliasEvent):
                report(position, "yaml.alias",
                       f"Aliaser ('*{event.anchor}') er ikke tilladt i sspgen-filer. Skriv "
                       "værdien ud i stedet for at henvise til den. Skal teksten begynde med "
                       "'*', så sæt den i anførselstegn.")
                deliver(_INVALID, position)
            elif isinstance(event, yaml.ScalarEvent):
                check_properties(event, position)
                plain = not event.style
                value = None if plain and event.value in _NULLS else _shared(event.value)
                loc = child_loc()
                if loc is not None:
                    positions[loc] = position
                deliver(value, position, plain=plain, raw=event.value)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                check_properties(event, position)
                loc = child_loc()
                if loc is not None:
                    positions[loc] = position
                if len(stack) >= MAX_DEPTH:
                    # Stop here: deeper location paths would cost memory quadratic in depth.
                    report(position, "yaml.for-dyb", _depth_message())
                    return None, collector.result()
                stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), loc, position))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                deliver(frame.container, frame.start)
    except yaml.MarkedYAMLError as exc:
        collector.items.append(_syntax_diagnostic(exc, text, path, line_offset))
        return None, collector.result()
    except yaml.YAMLError as exc:
        collector.items.append(_reader_diagnostic(exc, text, path, line_offset))
        return None, collector.result()
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()

    where = "Forsiden (front matter)" if front_matter else "Filen"
    if documents == 0 or (documents == 1 and root_empty):
        empty_at = Position(1 + line_offset, 1)
        report(empty_at, "yaml.tom-fil",
               f"{where} er tom eller indeholder kun kommentarer. Skriv indholdet som "
               "'nøgle: værdi'-linjer, fx 'navn: ...'.")
    elif not isinstance(root, dict) and root is not _INVALID:
        report(root_position, "yaml.rod-type",
               f"{where} skal bestå af 'nøgle: værdi'-linjer (en mapping) på øverste niveau, men "
               f"er {_kind_name(root)}. Skriv indholdet som 'nøgle: værdi', fx 'navn: ...'.")
    if collector.items:
        return None, collector.result()
    positions.setdefault((), root_position)
    return SourceDocument(path, root, positions, key_positions), []


# --------------------------------------------------------------------------------------------
# The common case in C: no anchors, aliases or tags possible


_PROPERTY_CHARS = re.compile("[&*!]")
"""Anchors (&), aliases (*) and tags (!) all begin with one of these characters; a text
without any of them can contain none of the three."""

_SHORT = 64


def _shared(value: str) -> str:
    """Keys, ids, dates and types repeat in every file: one object each (interned) instead of
    one per occurrence keeps the validated data of a national build hundreds of MB smaller
    (the models keep the reader's strings). Long free text is left alone."""
    return sys.intern(value) if len(value) <= _SHORT else value


def _compose_plain(text: str, path: str, line_offset: int) -> SourceDocument | None:
    """Most files: libyaml composes the node tree in C, and a walk over the nodes gives the
    same tree and positions as the event reader below, at a fraction of its cost.

    Only for a text that cannot hold an anchor, alias or tag (composing expands aliases,
    which the event reader must refuse without expanding), and only when the file is clean:
    anything the event reader would report (a syntax error, several documents, an empty file,
    a root that is not a mapping, a duplicate, empty or non-text key, too deep nesting) gives
    None, and the event reader reads the file again and reports it with its exact wording."""
    if _PROPERTY_CHARS.search(text):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except Exception:  # noqa: BLE001 - the event reader reports it
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    positions: dict[tuple, Position] = {}
    key_positions: dict[tuple, Position] = {}
    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    nulls = _NULLS

    def walk(node: Any, loc: tuple, depth: int) -> Any:
        mark = node.start_mark
        positions[loc] = Position(mark.line + 1 + line_offset, mark.column + 1)
        kind = type(node)
        if kind is scalar:
            value = node.value
            return None if not node.style and value in nulls else _shared(value)
        if depth >= MAX_DEPTH:
            raise _Unusual
        if kind is mapping:
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar:
                    raise _Unusual
                key = key_node.value
                if key == "" or key in out or (not key_node.style and key in nulls):
                    raise _Unusual
                key = _shared(key)
                mark = key_node.start_mark
                child = loc + (key,)
                key_positions[child] = Position(mark.line + 1 + line_offset, mark.column + 1)
                out[key] = walk(value_node, child, depth + 1)
            return out
        return [walk(item, loc + (index,), depth + 1) for index, item in enumerate(node.value)]

    try:
        data = walk(root, (), 0)
    except (_Unusual, RecursionError):
        return None
    return SourceDocument(path, data, positions, key_positions)


class _Unusual(Exception):
    """Something the event reader must look at and report."""


def _depth_message() -> str:
    return (
        f"Strukturen er indlejret for dybt (mere end {MAX_DEPTH} niveauer af lister og "
        "mappings inden i hinanden). Gør strukturen fladere, eller tjek for parenteser "
        "('[' og '{'), der ikke er lukket."
    )


def _flow_depth_error(text: str, path: str, line_offset: int) -> Diagnostic | None:
    """Refuse absurd bracket nesting before libyaml sees it (its scanner is quadratic in it).

    Counts brackets without regard to quotes or comments, so it over-estimates; with a cap of
    MAX_DEPTH no real sspgen file comes near it.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                lines = LineIndex(text)
                return error(path, lines.position(match.start(), line_offset), "yaml.for-dyb",
                             _depth_message())
        elif depth:
            depth -= 1
    return None


# --------------------------------------------------------------------------------------------
# Syntax errors in Danish

# (substring of libyaml's problem text, Danish explanation and next step)
_PROBLEMS: list[tuple[str, str]] = [
    ("tab character",
     "der står et tabulatortegn, hvor YAML kræver mellemrum. Erstat det med mellemrum."),
    ("cannot start any token",
     "tegnet {char} kan ikke begynde en værdi her. Sæt værdien i anførselstegn, hvis den skal "
     "begynde med det tegn."),
    ("could not find expected ':'",
     "der mangler et kolon efter nøglen. Skriv 'nøgle: værdi'; er linjen fortsættelsen af en "
     "tekst, så ryk den ind under værdien eller sæt hele teksten i anførselstegn."),
    ("mapping values are not allowed",
     "et kolon med mellemrum efter (': ') kan ikke stå her. Skal teksten indeholde ': ', så "
     "sæt hele værdien i anførselstegn; ellers tjek indrykningen."),
    ("block sequence entries are not allowed",
     "et listepunkt ('- ') kan ikke stå her. Tjek indrykningen; skal teksten begynde med '- ', "
     "så sæt den i anførselstegn."),
    ("did not find expected key",
     "indrykningen passer ikke: linjen står hverken under de andre nøgler på samme niveau eller "
     "er rykket korrekt ind. Ret indrykningen (med mellemrum), så nøgler på samme niveau står "
     "lige under hinanden."),
    ("did not find expected '-' indicator",
     "en liste fortsætter med noget, der ikke er et listepunkt. Alle punkter i listen skal "
     "begynde med '- ' og have samme indrykning."),
    ("did not find expected ',' or ']'",
     "en liste i firkantede parenteser ('[') er ikke lukket med ']', eller der mangler et komma "
     "mellem punkterne. Tilføj ']' eller kommaet; skal teksten indeholde '[', så sæt den i "
     "anførselstegn."),
    ("did not find expected ',' or '}'",
     "en mapping i krøllede parenteser ('{') er ikke lukket med '}', eller der mangler et komma. "
     "Tilføj '}' eller kommaet; skal teksten indeholde '{', så sæt den i anførselstegn."),
    ("did not find expected node content",
     "der mangler en værdi her. Skriv værdien, eller sæt teksten i anførselstegn."),
    ("did not find expected <document start>",
     "der står indhold efter slutmarkeringen '...'. Fjern '...'-linjen."),
    ("found unexpected document indicator",
     "en linje med '---' eller '...' står inde i en tekst i anførselstegn. Luk anførselstegnet "
     "før linjen, eller ryk linjen ind."),
    ("found unknown escape character",
     "ukendt escape-tegn efter '\\' i en tekst i dobbelte anførselstegn. Skriv '\\\\' for en "
     "omvendt skråstreg, eller brug enkelte anførselstegn (')."),
    ("found unexpected end of stream",
     "filen slutter, før en tekst i anførselstegn er lukket. Tilføj det afsluttende "
     "anførselstegn."),
    ("did not find expected alphabetic or numeric character",
     "tegnene '&', '*' og '!' har en særlig betydning i YAML. Sæt værdien i anførselstegn, hvis "
     "den skal begynde med et af dem."),
    ("did not find expected comment or line break",
     "der står tekst efter '|' eller '>' på samme linje. Flyt teksten ned på næste linje, rykket "
     "ind."),
    ("indentation indicator equal to 0",
     "indrykningstallet efter '|' eller '>' må ikke være 0. Fjern tallet."),
    ("did not find expected whitespace or line break",
     "der mangler et mellemrum eller et linjeskift her."),
    ("undefined tag handle",
     "der bruges et ukendt tag-præfiks ('!'). Fjern tagget, eller sæt værdien i anførselstegn."),
    ("did not find expected tag uri",
     "tegnet '!' har en særlig betydning i YAML. Sæt værdien i anførselstegn."),
    ("did not find the expected '>'",
     "tegnet '!' har en særlig betydning i YAML. Sæt værdien i anførselstegn."),
    ("yaml directive",
     "en '%YAML'-linje er ugyldig. Fjern linjen; sspgen har ikke brug for den."),
    ("directive",
     "en linje, der begynder med '%', læses som en YAML-direktiv-linje. Fjern den, eller sæt "
     "teksten i anførselstegn."),
]

_CONTEXTS: list[tuple[str, str]] = [
    ("quoted scalar", "teksten i anførselstegn"),
    ("simple key", "nøglen"),
    ("block mapping", "afsnittet"),
    ("flow mapping", "'{'"),
    ("flow sequence", "'['"),
    ("block collection", "listen"),
    ("block scalar", "tekstblokken"),
    ("anchor", "'&'"),
    ("alias", "'*'"),
    ("tag", "'!'"),
]


def _char_at(text: str, mark: Any) -> str | None:
    if mark is None:
        return None
    lines = LineIndex(text)
    if not 0 <= mark.line < lines.count:
        return None
    index = lines.starts[mark.line] + mark.column
    if 0 <= index < len(text) and text[index] not in "\r\n":
        return text[index]
    return None


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, path: str, line_offset: int) -> Diagnostic:
    problem = (exc.problem or "").lower()
    context = (exc.context or "").lower()
    mark = exc.problem_mark or exc.context_mark
    explanation = None
    for needle, danish in _PROBLEMS:
        if needle.lower() in problem:
            explanation = danish
            break
    # Two problems are detected only on the line after the mistake; point at the mistake.
    use_context = exc.context_mark is not None and (
        ("could not find expected ':'" in problem and "simple key" in context)
        or ("unexpected end of stream" in problem and "quoted scalar" in context)
    )
    if use_context:
        mark = exc.context_mark
    if explanation is None:
        explanation = (
            "strukturen er ugyldig her. Tjek indrykning (kun mellemrum), kolon efter nøgler og "
            "at anførselstegn og parenteser er lukket."
        )
    if "{char}" in explanation:
        char = _char_at(text, exc.problem_mark)
        explanation = explanation.replace("{char}", f"'{char}'" if char and char.isprintable() else "her")
    message = f"YAML-syntaksfejl: {explanation}"
    if exc.context_mark is not None and not use_context and exc.problem_mark is not None:
        cm, pm = exc.context_mark, exc.problem_mark
        if (cm.line, cm.column) != (pm.line, pm.column):
            what = next((da for needle, da in _CONTEXTS if needle in context), None)
            if what is not None:
                message += (
                    f" Fejlen hører til {what}, som begynder på linje {cm.line + 1 + line_offset}, "
                    f"kolonne {cm.column + 1}."
                )
    if mark is None:
        position = Position(1 + line_offset, 1)
    else:
        position = Position(max(mark.line, 0) + 1 + line_offset, max(mark.column, 0) + 1)
    return error(path, position, "yaml.syntaks", message)


def _reader_diagnostic(exc: yaml.YAMLError, text: str, path: str, line_offset: int) -> Diagnostic:
    index = getattr(exc, "position", None)
    if isinstance(index, int) and 0 <= index <= len(text):
        position = LineIndex(text).position(index, line_offset)
    else:
        position = Position(1 + line_offset, 1)
    return error(path, position, "yaml.syntaks",
                 "Filen kan ikke læses som YAML her: der står et tegn, som ikke er tilladt. "
                 "Slet eller erstat tegnet.")
