"""Reading YAML files: plain string trees, positions, and every refusal with its location."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from read_helpers import FileReader
from sspgen.diagnostics import Position
from sspgen.read.collector import MAX_REPORTS_PER_CODE
from sspgen.read.document import SourceDocument
from sspgen.read.filebytes import MAX_BYTES
from sspgen.read.yamlcore import MAX_DEPTH
from sspgen.read.yamlfile import parse_yaml, read_yaml

DISPLAY = "data/brondby/fora/oester.yaml"


_reader = FileReader(read_yaml, "oester.yaml", DISPLAY)
read, ok, rejected = _reader.read, _reader.ok, _reader.rejected


def where(diagnostics, code):
    return [(d.line, d.column) for d in diagnostics if d.code == code]


def only(diagnostics, code, line, column):
    assert [(d.code, d.path, d.line, d.column) for d in diagnostics] == [(code, DISPLAY, line, column)]
    return diagnostics[0]


# ---------------------------------------------------------------------------------------------
# Accepted input


def test_all_scalars_stay_strings(tmp_path):
    doc = ok(
        tmp_path,
        "a: nej\nb: no\nc: on\nd: 0755\ne: 2024-01-01\nf: 1e3\ng: .inf\nh: yes\ni: 12:30\n"
        "j: 0x1F\nk: true\nl: 3.0\n",
    )
    assert doc.data == {
        "a": "nej", "b": "no", "c": "on", "d": "0755", "e": "2024-01-01", "f": "1e3",
        "g": ".inf", "h": "yes", "i": "12:30", "j": "0x1F", "k": "true", "l": "3.0",
    }
    assert all(type(v) is str for v in doc.data.values())


def test_keys_that_look_like_booleans_stay_strings(tmp_path):
    doc = ok(tmp_path, "on: a\nno: b\n1: c\n")
    assert doc.data == {"on": "a", "no": "b", "1": "c"}


def test_nulls_only_when_plain(tmp_path):
    doc = ok(
        tmp_path,
        "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: '~'\ng: \"null\"\nh: ''\ni: nUll\n",
    )
    assert doc.data == {
        "a": None, "b": None, "c": None, "d": None, "e": None,
        "f": "~", "g": "null", "h": "", "i": "nUll",
    }


def test_quoted_tilde_is_string_plain_tilde_is_none(tmp_path):
    doc = ok(tmp_path, 'quoted: "~"\nplain: ~\n')
    assert doc.data == {"quoted": "~", "plain": None}


def test_schema_comment_is_fine(tmp_path):
    doc = ok(
        tmp_path,
        "# yaml-language-server: $schema=../../schema/forum.json\nnavn: Øster\n",
    )
    assert doc.data == {"navn": "Øster"}


def test_leading_bom_is_stripped(tmp_path):
    doc = ok(tmp_path, b"\xef\xbb\xbfnavn: x\n")
    assert doc.data == {"navn": "x"}
    assert doc.position(("navn",)) == Position(1, 7)


def test_nested_positions(tmp_path):
    text = (
        "navn: Øster\n"                 # 1
        "dagsorden:\n"                  # 2
        "  - titel: Velkomst\n"         # 3
        "  - titel: Tendenser\n"        # 4
        "    punkter: [knive, 'sociale medier']\n"  # 5
        "  -   titel: Evt.\n"           # 6
        "      varighed: \"10\"\n"      # 7
        "tekst: |\n"                    # 8
        "  Første linje\n"              # 9
    )
    doc = ok(tmp_path, text)
    assert doc.data["dagsorden"][2] == {"titel": "Evt.", "varighed": "10"}
    assert doc.data["tekst"] == "Første linje\n"
    assert doc.positions[()] == Position(1, 1)
    assert doc.positions[("navn",)] == Position(1, 7)
    assert doc.positions[("dagsorden",)] == Position(3, 3)
    assert doc.positions[("dagsorden", 0)] == Position(3, 5)
    assert doc.positions[("dagsorden", 0, "titel")] == Position(3, 12)
    assert doc.positions[("dagsorden", 1, "punkter")] == Position(5, 14)
    assert doc.positions[("dagsorden", 1, "punkter", 1)] == Position(5, 22)
    assert doc.positions[("dagsorden", 2, "titel")] == Position(6, 14)
    assert doc.positions[("dagsorden", 2, "varighed")] == Position(7, 17)
    assert doc.positions[("tekst",)] == Position(8, 8)
    assert doc.key_positions[("dagsorden",)] == Position(2, 1)
    assert doc.key_positions[("dagsorden", 2, "varighed")] == Position(7, 7)
    assert doc.key_positions[("dagsorden", 1, "punkter")] == Position(5, 5)


def test_position_falls_back_to_longest_prefix(tmp_path):
    doc = ok(tmp_path, "a:\n  b:\n    c: x\n")
    assert doc.position(("a", "b", "c")) == Position(3, 8)
    assert doc.position(("a", "b", "missing", 3)) == Position(3, 5)
    assert doc.position(("nothing",)) == Position(1, 1)
    assert SourceDocument("x", {}, {}, {}).position(("a",)) == Position(1, 1)
    # key_position: the key if known, else the value position
    assert doc.key_position(("a", "b", "c")) == Position(3, 5)
    assert doc.key_position(("a", "b", "missing")) == Position(3, 5)
    assert doc.key_position(()) == Position(1, 1)


def test_columns_count_characters_not_bytes(tmp_path):
    doc = ok(tmp_path, "æøå: 😀\nb: [é, x]\n")
    assert doc.positions[("æøå",)] == Position(1, 6)
    assert doc.positions[("b", 1)] == Position(2, 8)


def test_crlf_line_endings(tmp_path):
    doc = ok(tmp_path, "a: 1\r\nb:\r\n  c: x\r\n")
    assert doc.data == {"a": "1", "b": {"c": "x"}}
    assert doc.positions[("b", "c")] == Position(3, 6)


def test_single_explicit_document_start_is_fine(tmp_path):
    doc = ok(tmp_path, "---\na: 1\n...\n")
    assert doc.data == {"a": "1"}


def test_parse_yaml_without_file():
    doc, diagnostics = parse_yaml(b"a: b\n", "x.yaml")
    assert diagnostics == [] and doc.data == {"a": "b"} and doc.path == "x.yaml"


# ---------------------------------------------------------------------------------------------
# Refusals, one per code


@pytest.mark.parametrize(
    "text, line, column",
    [
        ('navn: "Øster\nformaal: x\n', 1, 7),  # unterminated quote: points at the opening quote
        ("navn: Øster\nformaal\ntype: x\n", 2, 1),  # missing ':' : points at the line itself
        ("a:\n  b: 1\n c: 2\n", 3, 2),  # bad indentation
        ("a: b: c\n", 1, 5),  # mapping values not allowed here
        ("liste:\n  - a\n  b\n", 3, 3),  # could not find expected ':' / block sequence
        ("a: [x, y\nb: 2\n", 2, 2),  # unclosed flow sequence
        ("a: @x\n", 1, 4),  # reserved character
        ('a: "x\\qy"\n', 1, 6),  # unknown escape: points at the backslash
    ],
)
def test_syntax_errors(tmp_path, text, line, column):
    d = only(rejected(tmp_path, text), "yaml.syntaks", line, column)
    assert d.message.startswith("YAML-syntaksfejl: ")


def test_syntax_messages_are_danish(tmp_path):
    d = rejected(tmp_path, 'navn: "Øster\n')[0]
    assert "anførselstegn" in d.message
    d = rejected(tmp_path, "a: b: c\n")[0]
    assert "kolon" in d.message
    d = rejected(tmp_path, "a:\n  b: 1\n c: 2\n")[0]
    assert "indrykning" in d.message.lower()
    d = rejected(tmp_path, "a: [x, y\nb: 2\n")[0]
    assert "linje 1, kolonne 4" in d.message  # where the '[' was opened


def test_tabs_are_refused_everywhere(tmp_path):
    diagnostics = rejected(tmp_path, "a:\n\tb: 1\nc: 'x\ty'\n")
    assert where(diagnostics, "yaml.tabulator") == [(2, 1), (3, 6)]
    assert "mellemrum" in diagnostics[0].message
    # The tab is replaced for parsing, so no follow-up syntax error is invented.
    assert {d.code for d in diagnostics} == {"yaml.tabulator"}


def test_empty_file(tmp_path):
    only(rejected(tmp_path, ""), "yaml.tom-fil", 1, 1)


def test_only_comments_and_whitespace(tmp_path):
    d = only(rejected(tmp_path, "# kommentar\n\n   \n# yaml-language-server: $schema=x\n"),
             "yaml.tom-fil", 1, 1)
    assert "tom" in d.message


def test_only_document_marker(tmp_path):
    only(rejected(tmp_path, "---\n"), "yaml.tom-fil", 1, 1)


def test_several_documents(tmp_path):
    d = only(rejected(tmp_path, "a: 1\n---\nb: 2\n"), "yaml.flere-dokumenter", 2, 1)
    assert "---" in d.message


@pytest.mark.parametrize(
    "text, line, column, tag",
    [
        ("a: !!python/object:os.system {}\n", 1, 4, "!!python/object:os.system"),
        ("a: x\nb: !foo bar\n", 2, 4, "!foo"),
        ("a:\n  - !!int 3\n", 2, 5, "!!int"),
        ("a: !!str x\n", 1, 4, "!!str"),
        ("!!map\na: 1\n", 1, 1, "!!map"),
    ],
)
def test_explicit_tags_are_refused(tmp_path, text, line, column, tag):
    d = only(rejected(tmp_path, text), "yaml.ukendt-tag", line, column)
    assert tag in d.message


def test_anchor_and_alias(tmp_path):
    diagnostics = rejected(tmp_path, "a: &x 1\nb: *x\n")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [
        ("yaml.alias", 1, 4),
        ("yaml.alias", 2, 4),
    ]


def test_unused_anchor(tmp_path):
    only(rejected(tmp_path, "a: 1\nb: &ubrugt\n  c: 2\n"), "yaml.alias", 2, 4)


def test_billion_laughs_is_refused_fast(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghij"
    for previous, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    diagnostics = rejected(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert {d.code for d in diagnostics} == {"yaml.alias"}
    assert where(diagnostics, "yaml.alias")[0] == (1, 4)


def test_duplicate_keys(tmp_path):
    diagnostics = rejected(tmp_path, "navn: a\nformaal: b\nnavn: c\nm:\n  x: 1\n  x: 2\n")
    assert where(diagnostics, "yaml.dobbelt-noegle") == [(3, 1), (6, 3)]
    assert "linje 1" in diagnostics[0].message
    assert "'navn'" in diagnostics[0].message


def test_same_key_in_different_mappings_is_fine(tmp_path):
    ok(tmp_path, "a:\n  x: 1\nb:\n  x: 2\nl:\n  - x: 1\n  - x: 2\n")


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("? [a, b]\n: 1\n", 1, 3),
        ("a: 1\n? {x: y}\n: 2\n", 2, 3),
        ("a: 1\n~: 2\n", 2, 1),
        ("a: 1\n: 2\nb: 3\n", 2, 1),  # libyaml: empty key is a syntax error; see below
        ("'': 2\n", 1, 1),
        ("a: {null: 1}\n", 1, 5),
    ],
)
def test_key_type(tmp_path, text, line, column):
    diagnostics = rejected(tmp_path, text)
    assert len(diagnostics) == 1
    d = diagnostics[0]
    assert (d.line, d.column) == (line, column)
    # ': 2' without any key is refused by the parser already.
    assert d.code == ("yaml.syntaks" if text.startswith("a: 1\n: 2") else "yaml.noegle-type")


def test_empty_key_with_question_mark(tmp_path):
    d = only(rejected(tmp_path, "?\n: x\nb: 1\n"), "yaml.noegle-type", 1, 2)
    assert "mangler en nøgle" in d.message
    only(rejected(tmp_path, 'a: {"": x}\n'), "yaml.noegle-type", 1, 5)


@pytest.mark.parametrize(
    "raw, line, column, codepoint",
    [
        (b"a: b\x07c\n", 1, 5, "U+0007"),
        (b"a: 1\nb: x\x00\n", 2, 5, "U+0000"),
        (b"a: x\x7f\n", 1, 5, "U+007F"),
        (b"a: 1\n\xc2\x85b: 2\n", 2, 1, "U+0085"),
        (b"a: \xef\xbb\xbfx\n", 1, 4, "U+FEFF"),
        (b"a: x\xe2\x80\xa8y\n", 1, 5, "U+2028"),
        (b"a: 1\rb: \x1b[0m\n", 2, 4, "U+001B"),  # lone CR counts as a line break
    ],
)
def test_control_characters(tmp_path, raw, line, column, codepoint):
    d = only(rejected(tmp_path, raw), "yaml.kontroltegn", line, column)
    assert codepoint in d.message


def test_several_control_characters_in_one_run(tmp_path):
    diagnostics = rejected(tmp_path, b"a: \x01\nb: \x02\nc: \x03\x04\n")
    assert where(diagnostics, "yaml.kontroltegn") == [(1, 4), (2, 4), (3, 4)]


def test_invalid_utf8(tmp_path):
    # "Brøndby" saved as Latin-1, twice, plus a valid multibyte character before it.
    diagnostics = rejected(tmp_path, "navn: æ\n".encode() + b"by: Br\xf8ndby\nx: \xc3\n")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [
        ("yaml.ugyldig-utf8", 2, 7),
        ("yaml.ugyldig-utf8", 3, 4),
    ]
    assert "0xF8" in diagnostics[0].message and "UTF-8" in diagnostics[0].message


def test_utf16_file(tmp_path):
    d = only(rejected(tmp_path, "a: 1\n".encode("utf-16")), "yaml.ugyldig-utf8", 1, 1)
    assert "UTF-16" in d.message


def test_too_big(tmp_path):
    d = only(rejected(tmp_path, b"a: " + b"x" * MAX_BYTES + b"\n"), "yaml.for-stor", 1, 1)
    assert "1.000.000" in d.message and "1.000.004" in d.message


def test_too_big_via_parse_yaml():
    doc, diagnostics = parse_yaml(b"#" * (MAX_BYTES + 1), "x.yaml")
    assert doc is None and [d.code for d in diagnostics] == ["yaml.for-stor"]


def test_exactly_max_bytes_is_allowed():
    text = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(text) == MAX_BYTES
    doc, diagnostics = parse_yaml(text, "x.yaml")
    assert diagnostics == []


@pytest.mark.parametrize(
    "text, what",
    [("- a\n- b\n", "liste"), ("bare tekst\n", "tekst"), ("~\n", "tom værdi"), ("'x'\n", "tekst")],
)
def test_root_must_be_mapping(tmp_path, text, what):
    d = only(rejected(tmp_path, text), "yaml.rod-type", 1, 1)
    assert what in d.message


def test_root_type_position_after_comments(tmp_path):
    only(rejected(tmp_path, "# kommentar\n\n- a\n"), "yaml.rod-type", 3, 1)


def test_too_deep_block_nesting(tmp_path):
    text = "".join("  " * i + "a:\n" for i in range(MAX_DEPTH + 5))
    only(rejected(tmp_path, text), "yaml.for-dyb", MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)


def test_too_deep_flow_nesting_is_refused_before_parsing(tmp_path):
    started = time.perf_counter()
    text = "a: " + "[" * 300_000 + "]" * 300_000 + "\n"
    only(rejected(tmp_path, text), "yaml.for-dyb", 1, 4 + MAX_DEPTH)
    assert time.perf_counter() - started < 2


def test_many_problems_reported_in_one_pass(tmp_path):
    text = "a: 1\na: 2\nb: &x 3\nc: !!int 4\nd:\n  e: 1\n  e: 2\n"
    diagnostics = rejected(tmp_path, text)
    assert [(d.code, d.line, d.column) for d in diagnostics] == [
        ("yaml.dobbelt-noegle", 2, 1),
        ("yaml.alias", 3, 4),
        ("yaml.ukendt-tag", 4, 4),
        ("yaml.dobbelt-noegle", 7, 3),
    ]


def test_repeated_problem_is_capped(tmp_path):
    text = "".join(f"k{i}:\tv\n" for i in range(100))
    diagnostics = rejected(tmp_path, text)
    assert len(diagnostics) == MAX_REPORTS_PER_CODE + 1
    assert where(diagnostics, "yaml.tabulator")[:2] == [(1, 4), (2, 4)]
    assert "80 steder mere" in diagnostics[-1].message


# ---------------------------------------------------------------------------------------------
# Unreadable files


def test_missing_file(tmp_path):
    doc, diagnostics = read_yaml(tmp_path / "findes-ikke.yaml", DISPLAY)
    assert doc is None
    assert [(d.code, d.path, d.line, d.column) for d in diagnostics] == [("fil.ulaeselig", DISPLAY, 1, 1)]
    assert "findes ikke" in diagnostics[0].message


def test_directory(tmp_path):
    doc, diagnostics = read_yaml(tmp_path, DISPLAY)
    assert doc is None
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("fil.ulaeselig", 1, 1)]
    assert "mappe" in diagnostics[0].message


# Running as root (as CI does) can read any file, so a real permission error cannot be
# produced here; the simulated one below checks the handling.
def test_permission_denied_simulated(tmp_path, monkeypatch):
    import sspgen.read.filebytes as filebytes

    file = tmp_path / "hemmelig.yaml"
    file.write_text("a: 1\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(filebytes, "open", refuse, raising=False)
    doc, diagnostics = read_yaml(file, DISPLAY)
    assert doc is None
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("fil.ulaeselig", 1, 1)]
    assert "adgang nægtet" in diagnostics[0].message
