"""Property tests: the readers never raise and always locate what they report."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sspgen.read.markdownfile import parse_markdown
from sspgen.read.document import SourceDocument
from sspgen.read.yamlfile import parse_yaml

KNOWN_CODES = {
    "yaml.syntaks",
    "yaml.tabulator",
    "yaml.tom-fil",
    "yaml.flere-dokumenter",
    "yaml.ukendt-tag",
    "yaml.alias",
    "yaml.dobbelt-noegle",
    "yaml.noegle-type",
    "yaml.kontroltegn",
    "yaml.ugyldig-utf8",
    "yaml.for-stor",
    "yaml.rod-type",
    "yaml.for-dyb",
    "markdown.mangler-forside",
}

VALID = """\
# yaml-language-server: $schema=../../schema/forum.json
navn: Øster
type: ssp-netvaerk
synlighed: intern
formaal: |
  Netværket kortlægger tendenser i distriktet.
moedefrekvens: maanedlig
deltagere:
  - rolle: tovholder
    aktoer: ssp-konsulent
  - rolle: deltager
    aktoer: 'politi: lokalstation'
dagsorden: [velkomst, "tendenser", emnebank]
aktiv: nej
oprettet: 2024-01-01
""".encode()

FRAGMENTS = [
    b"\t", b"'", b'"', b":", b": ", b"&a ", b"*a", b"!!", b"!!python/object ", b"!x ",
    b"---\n", b"...\n", b"\n", b"\r", b"\r\n", b" ", b"  ", b"- ", b"[", b"]", b"{", b"}",
    b"?", b"? ", b"#", b"|", b">", b"%", b"@", b"`", b",", b"\\", b"~", b"null",
    b"\x00", b"\x07", b"\x1b", b"\x7f", b"\xc2\x85", b"\xef\xbb\xbf", b"\xe2\x80\xa8",
    b"\xff", b"\xc3", b"\xe6", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", "ø".encode(), "😀".encode(),
    b"navn: x\n", b"navn:\n  - a\n",
]

_LINEBREAK = re.compile(rb"\r\n|\r|\n")


@st.composite
def mutated(draw, base: bytes = VALID) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        at = draw(st.integers(min_value=0, max_value=len(data)))
        if op == "delete":
            length = draw(st.integers(min_value=1, max_value=8))
            del data[at:at + length]
        else:
            fragment = draw(st.one_of(st.sampled_from(FRAGMENTS), st.binary(min_size=1, max_size=3)))
            if op == "replace":
                data[at:at + len(fragment)] = fragment
            else:
                data[at:at] = fragment
    return bytes(data)


def max_line(data: bytes) -> int:
    return len(_LINEBREAK.findall(data)) + 1


def check_tree(value, depth=0):
    assert depth < 100
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str and key
            check_tree(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            check_tree(item, depth + 1)
    else:
        assert value is None or type(value) is str


def check_result(result, data: bytes, path: str) -> None:
    doc, diagnostics = result
    if doc is not None:
        assert diagnostics == []
        source = doc if isinstance(doc, SourceDocument) else doc.front_matter
        assert isinstance(source.data, dict)
        check_tree(source.data)
        for table in (source.positions, source.key_positions):
            for position in table.values():
                assert 1 <= position.line <= max_line(data)
                assert position.column >= 1
        return
    assert diagnostics, "a rejected file must say why"
    for d in diagnostics:
        assert d.path == path
        assert d.code in KNOWN_CODES
        assert d.message
        assert d.line >= 1 and d.column >= 1
        assert d.line <= max_line(data) + 1


COMMON = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_valid_base_document_is_accepted():
    doc, diagnostics = parse_yaml(VALID, "x.yaml")
    assert diagnostics == []
    assert doc.data["aktiv"] == "nej" and doc.data["oprettet"] == "2024-01-01"


@COMMON
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(data):
    check_result(parse_yaml(data, "x.yaml"), data, "x.yaml")
    check_result(parse_markdown(data, "x.md"), data, "x.md")


@COMMON
@given(mutated())
def test_mutated_yaml_never_raises(data):
    result = parse_yaml(data, "x.yaml")
    check_result(result, data, "x.yaml")
    assert parse_yaml(data, "x.yaml")[1] == result[1]  # deterministic


@COMMON
@given(mutated(b"---\n" + VALID + b"---\n# Overskrift\n\nBr\xc3\xb8dtekst med\ttab.\n"))
def test_mutated_markdown_never_raises(data):
    check_result(parse_markdown(data, "x.md"), data, "x.md")
