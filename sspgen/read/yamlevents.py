"""Structure: libyaml events -> plain tree.

The tree is built from the parser's *event stream* rather than from composed nodes, so an
alias is never expanded (a "billion laughs" file costs no more than its size), and every
refusal (anchors, aliases, tags, duplicate or non-text keys, several documents, an empty file,
a root that is not a mapping, too deep nesting) is reported where it stands.
"""

from __future__ import annotations

from typing import Any

import yaml

from sspgen.diagnostics import Diagnostic, Position
from sspgen.read.collector import Collector
from sspgen.read.document import SourceDocument
from sspgen.read.yamlcore import LOADER, MAX_DEPTH, NULLS, depth_message, shared
from sspgen.read.yamlerrors import reader_diagnostic, syntax_diagnostic

_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


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


def read_events(
    text: str,
    path: str,
    *,
    line_offset: int,
    front_matter: bool,
) -> tuple[SourceDocument | None, list[Diagnostic]]:
    """Build the tree from libyaml's events, reporting every refusal where it stands.

    The caller (yamlfile.parse_yaml_text) has checked the characters and the bracket depth.
    """
    collector = Collector(path)
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

    loader = LOADER(text)
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
                value = None if plain and event.value in NULLS else shared(event.value)
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
                    report(position, "yaml.for-dyb", depth_message())
                    return None, collector.result()
                stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), loc, position))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                deliver(frame.container, frame.start)
    except yaml.MarkedYAMLError as exc:
        collector.items.append(syntax_diagnostic(exc, text, path, line_offset))
        return None, collector.result()
    except yaml.YAMLError as exc:
        collector.items.append(reader_diagnostic(exc, text, path, line_offset))
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
