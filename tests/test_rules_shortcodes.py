"""shortcodes.py: a shortcode with a backslash before its brackets (``\\[[dokument: …]]``), as a
Markdown editor writes it when it takes the brackets for text, is an error where it stands."""

from rules_helpers import C, Kommune, expect, with_code
from sspgen.validate.rules.shortcodes import find_escaped

CODE = "side.kortkode-med-backslash"
SIDE = f"{C}/saadan-arbejder-vi.md"


def test_an_escaped_shortcode_is_reported_where_it_stands(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "[[dokument: ssp-plan-pdf]]", "\\[[dokument: ssp-plan-pdf]]")
    d = expect(k.check(), CODE, SIDE, k.where(SIDE, "\\[[dokument"), severity="fejl",
               contains=("«[[dokument: …]]»", "linket til dokumentet", "Formatteret tekst"))
    assert d.message.count("\\") == 1


def test_both_brackets_escaped_and_a_kind_with_an_escaped_underscore(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "[[kontakter: radikalisering]]", "Se \\[\\[kontakter: radikalisering\\]\\]")
    expect(k.check(), CODE, SIDE, k.where(SIDE, "\\[\\[kontakter"), contains="kontakterne")
    assert find_escaped("\\[[min\\_kode: x]]") == [("min_kode", 0, 1)]


def test_shortcodes_as_written_and_code_blocks_are_left_alone(tmp_path):
    k = Kommune(tmp_path).append(SIDE, "\n```\n\\[[dokument: ssp-plan-pdf]]\n```\n\nEn \\[note] og [[ikke kode.\n")
    assert with_code(k.check(), CODE) == []
