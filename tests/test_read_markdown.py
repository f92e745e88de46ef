"""Reading Markdown files: required front matter, real line numbers, body checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from read_helpers import FileReader
from sspgen.diagnostics import Position
from sspgen.read.markdownfile import parse_markdown, read_markdown

DISPLAY = "content/brondby/saadan-arbejder-vi.md"


_reader = FileReader(read_markdown, "side.md", DISPLAY)
read, ok, rejected = _reader.read, _reader.ok, _reader.rejected


def codes(diagnostics):
    return [(d.code, d.line, d.column) for d in diagnostics]


def test_front_matter_and_body(tmp_path):
    doc = ok(
        tmp_path,
        "---\n"                        # 1
        "titel: Sådan arbejder vi\n"   # 2
        "synlighed: offentlig\n"       # 3
        "afsnit:\n"                    # 4
        "  - overskrift: Forældre\n"   # 5
        "---\n"                        # 6
        "# Sådan arbejder vi\n"        # 7
        "\n"
        "Tekst med\ttabulator er fin i brødteksten.\n",
    )
    assert doc.path == DISPLAY
    assert doc.front_matter.path == DISPLAY
    assert doc.front_matter.data == {
        "titel": "Sådan arbejder vi",
        "synlighed": "offentlig",
        "afsnit": [{"overskrift": "Forældre"}],
    }
    assert doc.front_matter.positions[("titel",)] == Position(2, 8)
    assert doc.front_matter.key_positions[("synlighed",)] == Position(3, 1)
    assert doc.front_matter.positions[("afsnit", 0, "overskrift")] == Position(5, 17)
    assert doc.body_line == 7
    assert doc.body.startswith("# Sådan arbejder vi\n")
    assert "\t" in doc.body


def test_values_stay_strings_in_front_matter(tmp_path):
    doc = ok(tmp_path, "---\nvist: nej\ndato: 2024-01-01\nkode: 0755\naktiv: on\n---\n")
    assert doc.front_matter.data == {"vist": "nej", "dato": "2024-01-01", "kode": "0755", "aktiv": "on"}
    assert doc.body == ""
    assert doc.body_line == 7


def test_crlf_bom_and_body_normalised(tmp_path):
    doc = ok(tmp_path, b"\xef\xbb\xbf---\r\ntitel: x\r\n---\r\nlinje 1\r\nlinje 2\r\n")
    assert doc.front_matter.data == {"titel": "x"}
    assert doc.front_matter.positions[("titel",)] == Position(2, 8)
    assert doc.body == "linje 1\nlinje 2\n"
    assert doc.body_line == 4


def test_closing_fence_without_newline(tmp_path):
    doc = ok(tmp_path, "---\ntitel: x\n---")
    assert doc.body == "" and doc.body_line == 4


def test_parse_markdown_without_file():
    doc, diagnostics = parse_markdown(b"---\na: b\n---\nhej\n", "x.md")
    assert diagnostics == [] and doc.front_matter.data == {"a": "b"} and doc.body == "hej\n"


def test_missing_front_matter(tmp_path):
    diagnostics = rejected(tmp_path, "# Overskrift\n\ntitel: x\n")
    assert codes(diagnostics) == [("markdown.mangler-forside", 1, 1)]
    assert "---" in diagnostics[0].message


def test_empty_markdown_file(tmp_path):
    assert codes(rejected(tmp_path, "")) == [("markdown.mangler-forside", 1, 1)]


def test_unclosed_front_matter(tmp_path):
    diagnostics = rejected(tmp_path, "---\ntitel: x\n\nTekst uden afslutning\n")
    assert codes(diagnostics) == [("markdown.mangler-forside", 1, 1)]
    assert "afsluttet" in diagnostics[0].message


def test_unclosed_front_matter_still_reports_characters(tmp_path):
    diagnostics = rejected(tmp_path, b"---\ntitel: x\x01\n")
    assert codes(diagnostics) == [("markdown.mangler-forside", 1, 1), ("yaml.kontroltegn", 2, 9)]


def test_empty_front_matter(tmp_path):
    diagnostics = rejected(tmp_path, "---\n---\nTekst\n")
    assert codes(diagnostics) == [("yaml.tom-fil", 2, 1)]
    assert "Forsiden" in diagnostics[0].message


def test_front_matter_must_be_mapping(tmp_path):
    diagnostics = rejected(tmp_path, "---\n- a\n---\n")
    assert codes(diagnostics) == [("yaml.rod-type", 2, 1)]


@pytest.mark.parametrize(
    "front, code, line, column",
    [
        ('titel: "uafsluttet\n', "yaml.syntaks", 2, 8),
        ("titel: x\ntitel: y\n", "yaml.dobbelt-noegle", 3, 1),
        ("titel: &a x\n", "yaml.alias", 2, 8),
        ("titel: !!int 3\n", "yaml.ukendt-tag", 2, 8),
        ("titel:\tx\n", "yaml.tabulator", 2, 7),
        ("? [a]\n: x\n", "yaml.noegle-type", 2, 3),
    ],
)
def test_yaml_rules_apply_with_real_lines(tmp_path, front, code, line, column):
    diagnostics = rejected(tmp_path, "---\n" + front + "---\nTekst\n")
    assert codes(diagnostics) == [(code, line, column)]


def test_body_control_character_and_invalid_utf8(tmp_path):
    diagnostics = rejected(tmp_path, b"---\ntitel: x\n---\nTekst\nmed \x1b fejl og Br\xf8ndby\n")
    assert codes(diagnostics) == [("yaml.kontroltegn", 5, 5), ("yaml.ugyldig-utf8", 5, 17)]


def test_problems_in_front_matter_and_body_together(tmp_path):
    diagnostics = rejected(tmp_path, b"---\na: 1\na: 2\n---\n\x00\n")
    assert codes(diagnostics) == [("yaml.dobbelt-noegle", 3, 1), ("yaml.kontroltegn", 5, 1)]


def test_too_big(tmp_path):
    from sspgen.read.filebytes import MAX_BYTES

    diagnostics = rejected(tmp_path, b"---\na: 1\n---\n" + b"x" * MAX_BYTES)
    assert codes(diagnostics) == [("yaml.for-stor", 1, 1)]


def test_missing_file(tmp_path):
    doc, diagnostics = read_markdown(tmp_path / "nope.md", DISPLAY)
    assert doc is None
    assert [(d.code, d.path, d.line, d.column) for d in diagnostics] == [("fil.ulaeselig", DISPLAY, 1, 1)]
