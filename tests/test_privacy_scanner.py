"""The privacy scanner, next version: CPR numbers in every spelling staff type, phone numbers
in every Danish form, obfuscated e-mail addresses — and ordinary SSP text that must pass.

All numbers are fictional; none is a real person's CPR number.
"""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules_helpers import C, D, Kommune, describe, expect, with_code
from sspgen.privacy_mask import century, find_cpr, mask_cpr
from sspgen.validate.rules.privacy_find import cpr_findings, email_matches, phone_matches

MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
FORUM = f"{D}/fora/netvaerk-oester.yaml"
KOMMUNE = f"{D}/kommune.yaml"
SIDE = f"{C}/saadan-arbejder-vi.md"


# -- The benign corpus: ordinary SSP text gives no finding at all ---------------------------------

BENIGN = [
    # compact dates with times, time ranges
    "Møde 100326 1400-1600 på rådhuset",
    "100326 kl. 14-16",
    "Mødet er kl. 15.00-17.00",
    "fra 14:00 til 16:00",
    "tid: 1400-1600",
    "10.03.26 1400 i aulaen",
    "10-03-26 1400 i aulaen",
    "10/03/26 1400",
    "d. 12.03.2026 kl. 14.00",
    "Dato: 12.03.2026",
    "2026-03-12T14:00",
    "Dato 20250114",
    # police report, journal and case numbers
    "journalnr. 0100-12345-00012-24",
    "Politiets journalnr. 0100-84512-00123-25 er oplyst",
    "sagsnr. 24-123456",
    "Sagsnr. 240312-1234",
    "sagsnr. 010190-1234",  # the README's examples of a number with its label
    "journalnr. 010190-1234",
    "j.nr. 120592-1234",
    "J.nr 1205921234",
    "anmeldelsesnr. 1205921234",
    "politirapport nr. 120592 1234",
    # case counts, budget figures, amounts
    "antal sager: 12",
    "Der var 14 sager i 2025 mod 9 i 2024.",
    "Budget: 1.250.000 kr.",
    "1.250.000 kr. i 2026 og 1.300.000 kr. i 2027",
    "25 000 000 kr.",
    "Budget 25000000 kr.",
    "kr. 120.592,12",
    "CVR-nr. 29189633",
    "EAN 5798000012345",
    # school years, years, periods, classes
    "skoleåret 2025/26",
    "Planen gælder 2022-2026.",
    "i årene 2022 2026",
    "0.-9. klasse og 10. klasse",
    "7.-9. årgang, 13-17 år",
    "Retsplejelovens §115 og servicelovens §§ 52 og 57",
    # ISBNs, versions, ids, web addresses
    "ISBN 87-7724-123-4",
    "ISBN 8772412345",
    "ISBN-10 0306406152",
    "ISBN 978-87-7724-123-4",
    "Se https://testby.dk/media/1205921234/plan.pdf",
    "2025-01-14-oester",
    "version 1.2.3",
    # tables and runs of numbers
    "12 10 24 1500 2000 2500",
    "Numre 12 34 56 78 90 22",
    "Reg.nr. 1234 kontonr. 1205921234",
    "1234 5678",
    "3 gange om året, 1,5-2 timer",
    # e-mail-like text that is not an address
    "Følg @testby",
    "kl. 15.00 @ skolen",
    "Vi mødes (at) skolen kl. 14",
    "Husk at testby.dk har nyheder",
]


@pytest.mark.parametrize("text", BENIGN)
def test_benign_text_gives_no_finding(text):
    assert [m.text for m in cpr_findings(text)] == []
    assert [m.group(0) for m in phone_matches(text)] == []
    assert [m.group(0) for m in email_matches(text)] == []


def test_the_benign_corpus_in_real_files_checks_clean(tmp_path):
    """The whole corpus as meeting notes, a comment and a page body: no privacy finding."""
    notes = "\n".join(f"  {text!r}" for text in BENIGN)
    block = "".join(f"      {t}\n" for t in BENIGN)
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: |\n" + block + "      Flere unge")
    k.edit(FORUM, "formaal: Tidlig forebyggelse i Øster.", "formaal: Tidlig forebyggelse i Øster.  # " + BENIGN[0])
    k.edit(SIDE, "Læs planen:", "\n".join(BENIGN) + "\n\nLæs planen:")
    result = k.check()
    found = [d for d in result.diagnostics if d.code.startswith("privatliv.")]
    assert found == [], describe(result) + notes


# -- The positive corpus: every spelling staff actually type ------------------------------------

CPR_SPELLINGS = [
    ("120592-1234", "120592-xxxx"),
    ("120592 1234", "120592-xxxx"),
    ("1205921234", "120592-xxxx"),
    ("120592.1234", "120592-xxxx"),
    ("120592/1234", "120592-xxxx"),
    ("120592\u00a01234", "120592-xxxx"),  # no-break space
    ("120592\u20131234", "120592-xxxx"),  # en dash
    ("120592\u20111234", "120592-xxxx"),  # no-break hyphen
    ("120592 - 1234", "120592-xxxx"),
    ("06.06.95-1678", "060695-xxxx"),
    ("06.06.95 1678", "060695-xxxx"),
    ("06-06-95-1678", "060695-xxxx"),
    ("06/06/95-1678", "060695-xxxx"),
    ("060695 1678", "060695-xxxx"),
    ("06 06 95 1678", "060695-xxxx"),
    ("06 06 95 1234", "060695-xxxx"),  # the serial could be a time, but nobody writes a date so
    ("120592-\n1234", "120592-xxxx"),  # folded over two lines
    ("120592-\n      1234", "120592-xxxx"),
    ("120592\n  1234", "120592-xxxx"),
    ("010107-4001", "010107-xxxx"),  # born 2007: need not satisfy modulus 11
]


@pytest.mark.parametrize("number, masked", CPR_SPELLINGS)
@pytest.mark.parametrize("frame", ["{}", "Drengen {} blev drøftet.", "({})", "Noter: {}.", "cpr: {}"])
def test_every_spelling_is_found_and_masked(number, masked, frame):
    text = frame.format(number)
    assert [m.masked for m in cpr_findings(text)] == [masked]
    assert mask_cpr(text) == frame.format(masked)


SPELLINGS = [
    "{d}{m}{y}-{s}", "{d}{m}{y} {s}", "{d}{m}{y}{s}", "{d}{m}{y}\u2013{s}", "{d}{m}{y}\u00a0{s}",
    "{d}{m}{y}/{s}", "{d}.{m}.{y}-{s}", "{d}-{m}-{y}-{s}", "{d} {m} {y} {s}", "{d}{m}{y}-\n    {s}",
]


@st.composite
def cpr_numbers(draw):
    """A date from 1900 to 2036 and a serial whose first digit puts it in that century."""
    day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2036, 12, 31)))
    first = draw(st.sampled_from([0, 1, 2, 3] if day.year < 2000 else [4, 5, 6, 7, 8, 9]))
    serial_text = f"{first}{draw(st.integers(0, 999)):03d}"
    assert century(day.year % 100, first) == day.year
    return day, serial_text


@settings(max_examples=500, deadline=None)
@given(cpr_numbers(), st.sampled_from(SPELLINGS), st.sampled_from(["", "Noter: ", "født "]))
def test_every_real_cpr_number_in_every_spelling_is_found(number, spelling, before):
    day, serial_text = number
    yy = day.year % 100
    number = spelling.format(d=f"{day:%d}", m=f"{day:%m}", y=f"{yy:02d}", s=serial_text)
    text = f"{before}{number}."
    assert [m.masked for m in cpr_findings(text)] == [f"{day:%d%m}{yy:02d}-xxxx"]
    assert serial_text not in mask_cpr(text).replace(f"{day:%d%m}{yy:02d}", "")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789 -./\n\u00a0\u2013abc", max_size=60))
def test_masked_text_holds_no_cpr_number(text):
    """Masking leaves nothing for the finder, and masking twice changes nothing."""
    masked = mask_cpr(text)
    assert list(find_cpr(masked)) == []
    assert mask_cpr(masked) == masked


@pytest.mark.parametrize(
    "text",
    [
        "cpr.nr. 10.03.26 1400",  # a date and a time, but called a CPR number
        "personnummer 100326 1400-1600",
        "født 12 10 24 1500",
        "CPR: j.nr. 1205921234",
    ],
)
def test_cpr_words_nearby_outweigh_everything(text):
    assert len(list(cpr_findings(text))) == 1


@pytest.mark.parametrize("text", ["3. 1205921234", "- 120592 1234", "| 1205921234 | 3 |", "1) 120592 1234 og 2) 130592-4321"])
def test_numbers_in_lists_and_tables_are_found(text):
    assert [m.masked for m in cpr_findings(text)][:1] == ["120592-xxxx"]


def test_a_case_named_by_its_cpr_number_is_found():
    """A bare «sag» is no number label: «se sag 1205921234» is a child's case by CPR number."""
    assert [m.masked for m in cpr_findings("Se sag 1205921234 i Øster.")] == ["120592-xxxx"]


def test_masking_is_generous_where_the_rule_is_careful():
    """The rule lets «j.nr. 120592-1234» pass; a message that quotes it still masks it."""
    assert list(cpr_findings("j.nr. 120592-1234")) == []
    assert mask_cpr("j.nr. 120592-1234") == "j.nr. 120592-xxxx"
    assert [m.masked for m in find_cpr("j.nr. 120592-1234")] == ["120592-xxxx"]


PHONES = [
    ("Ring +45 20 30 40 50", "+45 20 30 40 50"),
    ("Ring 0045 20304050", "0045 20304050"),
    ("Ring 0045 20 30 40 50", "0045 20 30 40 50"),
    ("Ring (+45) 20304050", "(+45) 20304050"),
    ("Ring 20-30-40-50", "20-30-40-50"),
    ("Ring 20.30.40.50", "20.30.40.50"),
    ("Tlf:20304050", "20304050"),
    ("Tlf.20304050", "20304050"),
    ("tlf. 20 30 40 50", "20 30 40 50"),
    ("Mobil: 2030 4050", "2030 4050"),
    ("telefon 20.30.40.50", "20.30.40.50"),
    ("Ring 20304050, tak", "20304050"),
]


@pytest.mark.parametrize("text, found", PHONES)
def test_every_danish_phone_form_is_found(text, found):
    assert [m.group(0) for m in phone_matches(text)] == [found]


EMAILS = [
    ("Skriv til ole (at) testby.dk", "ole (at) testby.dk"),
    ("Skriv til ole[at]testby[dot]dk", "ole[at]testby[dot]dk"),
    ("Skriv til ole [at] testby [dot] dk", "ole [at] testby [dot] dk"),
    ("Skriv til ole.hansen(snabel-a)testby.dk.", "ole.hansen(snabel-a)testby.dk"),
    ("Skriv til ole{at}testby(punktum)dk", "ole{at}testby(punktum)dk"),
    ("Skriv til ole@testby[dot]dk", "ole@testby[dot]dk"),
    ("Skriv til ole@testby.dk", "ole@testby.dk"),
]


@pytest.mark.parametrize("text, found", EMAILS)
def test_obfuscated_email_addresses_are_found(text, found):
    assert [m.group(0) for m in email_matches(text)] == [found]


# -- In files: comments, keys, numbers, folded lines, every field type --------------------------


def test_cpr_in_a_yaml_comment_is_found_at_its_place(tmp_path):
    k = Kommune(tmp_path).edit(FORUM, "formaal: Tidlig forebyggelse i Øster.",
                               "formaal: Tidlig forebyggelse i Øster.  # drengen er 06.06.95-1678")
    d = expect(k.check(), "privatliv.cpr", FORUM, k.where(FORUM, "06.06.95-1678"))
    assert "060695-xxxx" in d.message and "1678" not in d.message


def test_cpr_on_a_comment_line_of_its_own(tmp_path):
    k = Kommune(tmp_path).edit(FORUM, "formaal: Tidlig forebyggelse i Øster.",
                               "# husk 060695 1678\nformaal: Tidlig forebyggelse i Øster.")
    expect(k.check(), "privatliv.cpr", FORUM, k.where(FORUM, "060695 1678"))


def test_cpr_as_a_whole_number_value(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: 1206921234")
    result = k.check()
    expect(result, "privatliv.cpr", MOEDE, k.where(MOEDE, "1206921234"))
    assert "1206921234" not in describe(result)


def test_cpr_as_a_key(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: Flere unge\n    120592-1234: drøftet\n    x: Flere unge")
    result = k.check()
    expect(result, "privatliv.cpr", MOEDE, k.where(MOEDE, "120592-1234"))
    assert "120592-1234" not in describe(result)  # the unknown-key message masks it too


def test_cpr_folded_over_two_lines_in_a_block_scalar(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: >\n      Drengen 120592-\n      1234 og flere unge\n    x: Flere unge")
    result = k.check()
    expect(result, "privatliv.cpr", MOEDE, k.where(MOEDE, "120592-"))
    assert len(with_code(result, "privatliv.cpr")) == 1


def test_cpr_written_with_escapes_is_found_in_the_value(tmp_path):
    """The raw text does not show it; the value does (and the message points at the value)."""
    k = Kommune(tmp_path).edit(MOEDE, "klasse er berørt.", "klasse er berørt.  # en kommentar")
    k.edit(MOEDE, "noter: Flere unge", 'noter: "Drengen 120592\\u002d1234" #')
    result = k.check()
    (d,) = with_code(result, "privatliv.cpr")
    assert (d.path, d.line) == (MOEDE, k.where(MOEDE, '"Drengen')[0]) and "120592-xxxx" in d.message


def test_cpr_in_a_markdown_body_in_every_spelling(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "Læs planen:", "Læs om 06 06 95 1678 og 120592\u20131234 i planen:")
    result = k.check()
    expect(result, "privatliv.cpr", SIDE, k.where(SIDE, "06 06 95 1678"), contains="060695-xxxx")
    expect(result, "privatliv.cpr", SIDE, k.where(SIDE, "120592\u20131234"), contains="120592-xxxx")


def test_allow_list_matches_the_number_however_it_is_written(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: Nummer 010190 1234 og 020290-1234")
    k.append(KOMMUNE, "cpr_undtagelser:\n  - vaerdi: 010190-1234\n    begrundelse: Et løbenummer fra skolen.\n")
    result = k.check()
    (d,) = with_code(result, "privatliv.cpr")
    assert d.path == MOEDE and "020290-xxxx" in d.message


def test_phone_with_a_label_glued_on_in_a_note(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: Flere unge, Tlf:20304050")
    expect(k.check(), "privatliv.telefon", MOEDE, k.where(MOEDE, "20304050"))


def test_obfuscated_email_in_a_page_body(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "Læs planen:", "Skriv til ole[at]testby[dot]dk. Læs planen:")
    expect(k.check(), "privatliv.email", SIDE, k.where(SIDE, "ole[at]testby[dot]dk"))


def test_phone_forms_are_allowed_in_contact_fields(tmp_path):
    k = Kommune(tmp_path)
    assert "kontakter:" in k.files[KOMMUNE]
    text = k.files[KOMMUNE]
    start = text.index("telefon:")
    end = text.index("\n", start)
    k.files[KOMMUNE] = text[:start] + 'telefon: "+45 20-30-40-50"' + text[end:]
    result = k.check()
    assert [d for d in result.diagnostics if d.code.startswith("privatliv.")] == [], describe(result)


def test_cpr_in_a_file_with_a_yaml_syntax_error_is_still_found(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: [Drengen 120592-1234, flere unge")
    result = k.check()
    assert any(d.code.startswith("yaml.") and d.path == MOEDE for d in result.diagnostics), describe(result)
    expect(result, "privatliv.cpr", MOEDE, k.where(MOEDE, "120592-1234"))
    assert "120592-1234" not in describe(result)
