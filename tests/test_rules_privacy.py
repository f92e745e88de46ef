"""privacy.py: no CPR numbers, contact details only in contact fields, §115 meetings hold metadata."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules_helpers import C, D, Kommune, expect, with_code
from sspgen.privacy_mask import century, find_cpr
from sspgen.validate.rules.privacy_find import cpr_findings, email_matches, phone_matches


def cpr_matches(text):
    return list(cpr_findings(text))

MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
AKUT = f"{D}/moeder/2025-02-03-akut.yaml"
FORUM = f"{D}/fora/netvaerk-oester.yaml"
KOMMUNE = f"{D}/kommune.yaml"
SIDE = f"{C}/saadan-arbejder-vi.md"


# -- CPR: the pattern ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["010190-1234", "0101901234", "010190 1234", "Barnet (010190-1234) blev drøftet", "290200-4123", "311299-9999", "010158-5000"],
)
def test_cpr_like_numbers_are_found(text):
    assert len(list(cpr_matches(text))) == 1


@pytest.mark.parametrize(
    "text",
    [
        "320190-1234",  # day 32
        "011390-1234",  # month 13
        "000190-1234",  # day 0
        "290201-4123",  # 29 Feb 2001
        "290200-0123",  # 29 Feb 1900 (7th digit 0-3: 1900s, not a leap year)
        "12010190-1234",  # inside a longer run of digits
        "010190-12345",
        "20101901234",
        "2022-2026",
        "27.00.00-A00-1-20",
        "010190-123",
    ],
)
def test_cpr_true_negatives(text):
    assert list(cpr_matches(text)) == []


@pytest.mark.parametrize(
    "yy, seventh, year",
    [(90, 0, 1990), (90, 3, 1990), (36, 4, 2036), (37, 4, 1937), (36, 9, 2036), (37, 9, 1937), (57, 5, 2057), (58, 8, 1858)],
)
def test_century_rule(yy, seventh, year):
    assert century(yy, seventh) == year


def test_masking_shows_only_the_date():
    (match,) = cpr_matches("cpr 010190-1234")
    assert match.masked == "010190-xxxx"
    (match,) = cpr_matches("cpr 0101901234")
    assert match.masked == "010190-xxxx"


@settings(max_examples=200, deadline=None)
@given(st.dates(), st.integers(0, 9999), st.sampled_from(["-", " ", ""]))
def test_every_real_cpr_number_is_found_and_masked(day, serial, separator):
    serial_text = f"{serial:04d}"
    yy = day.year % 100
    if century(yy, int(serial_text[0])) != day.year:
        return  # this serial does not belong to that century
    number = f"{day:%d%m}{yy:02d}{separator}{serial_text}"
    (match,) = cpr_matches(f"Noter: {number}.")
    assert match.masked == f"{day:%d%m}{yy:02d}-xxxx"


# -- CPR: in files ------------------------------------------------------------------------------


def test_cpr_in_a_meeting_note_points_at_the_number(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: Drengen 010190-1234 og flere unge")
    result = k.check()
    d = expect(result, "privatliv.cpr", MOEDE, k.where(MOEDE, "010190-1234"), severity="fejl")
    assert "010190-xxxx" in d.message and "1234" not in d.message
    assert "cpr_undtagelser" in d.message
    assert all("010190-1234" not in x.message for x in result.diagnostics)


def test_cpr_in_a_multi_line_block_points_at_its_line(tmp_path):
    k = Kommune(tmp_path).edit(
        FORUM, "formaal: Tidlig forebyggelse i Øster.", "formaal: |\n  Tidlig forebyggelse.\n\n  Se sag 0101901234 i Øster."
    )
    expect(k.check(), "privatliv.cpr", FORUM, k.where(FORUM, "0101901234"))


def test_cpr_in_a_list_item_and_twice_in_one_value(tmp_path):
    k = Kommune(tmp_path).edit(f"{D}/funktionsbeskrivelser/ssp-konsulent.yaml", "  - Koordinere netværkene.", "  - Ikke 010190-1234 og ikke 020290 1234.")
    path = f"{D}/funktionsbeskrivelser/ssp-konsulent.yaml"
    result = k.check()
    expect(result, "privatliv.cpr", path, k.where(path, "010190-1234"))
    expect(result, "privatliv.cpr", path, k.where(path, "020290 1234"), contains="020290-xxxx")


def test_cpr_in_a_markdown_body_and_front_matter(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "Læs planen:", "Læs planen, ikke 311299-9999:")
    k.edit(SIDE, "titel: Sådan arbejder vi", "titel: Sådan arbejder vi 010190-1234")
    result = k.check()
    expect(result, "privatliv.cpr", SIDE, k.where(SIDE, "311299-9999"), contains="311299-xxxx")
    expect(result, "privatliv.cpr", SIDE, k.where(SIDE, "010190-1234"))


def test_cpr_allow_list_is_an_exact_match(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: Sag 010190-1234 og 020290-1234, flere unge")
    k.append(KOMMUNE, "cpr_undtagelser:\n  - vaerdi: 010190-1234\n    begrundelse: Et journalnummer.\n")
    result = k.check()
    (d,) = with_code(result, "privatliv.cpr")
    assert "020290-xxxx" in d.message
    expect(result, "privatliv.cpr", MOEDE, k.where(MOEDE, "020290-1234"))


# -- e-mail and phone: the patterns -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, found",
    [
        ("Ring 43 28 28 15", "43 28 28 15"),
        ("Ring 4328 2815.", "4328 2815"),
        ("Ring 43282815, tak", "43282815"),
        ("Ring +45 43 28 28 15", "+45 43 28 28 15"),
        ("Ring +4543282815", "+4543282815"),
        ("Ring 0045 43282815", "0045 43282815"),
        ("tlf. 20 11 22 33 (mobil)", "20 11 22 33"),
        ("tel:+4520112233", "+4520112233"),
        ("Tlf.nr. 43282815", "43282815"),
        ("Ring til os, se 43 28 28 15", "43 28 28 15"),
    ],
)
def test_phone_numbers_are_found(text, found):
    assert [m.group(0) for m in phone_matches(text)] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "Planen gælder 2022-2026.",
        "i årene 2022 2026",
        "Retsplejelovens §115",
        "Mødet er kl. 15.00-17.00",
        "0.-9. klasse og 10. klasse",
        "Se https://testby.dk/media/43282815/plan.pdf",
        "Se www.testby.dk/side/43282815",
        "[plan](https://testby.dk/43 28 28 15)",
        "Dato 20250114",
        "CVR-nr. 29189633",
        "CVR 29189633",
        "Sagsnr. 27282930",
        "J.nr. 27282930",
        "SE-nr. 29189633",
        "Budget: kr. 25000000",
        "Budget 25000000 kr.",
        "2025-01-14-oester",
        "antal sager: 12",
        "Numre 12 34 56 78 90 22",
        "1234 5678",
        "4.328.2815",
        "Version 43282815a",
        "25 000 000 kr.",
        "3 gange om året, 1,5-2 timer",
    ],
)
def test_phone_true_negatives(text):
    assert [m.group(0) for m in phone_matches(text)] == []


@pytest.mark.parametrize("text", ["Skriv til ole@testby.dk", "mailto:ole.hansen+ssp@sub.testby.dk", "søren@brøndby.dk."])
def test_email_addresses_are_found(text):
    assert len(email_matches(text)) == 1


@pytest.mark.parametrize("text", ["Følg @testby", "https://medium.com/@ssp/indlaeg", "kl. 15.00 @ skolen"])
def test_email_true_negatives(text):
    assert email_matches(text) == []


# -- e-mail and phone: in files -----------------------------------------------------------------


def test_email_outside_contact_fields(tmp_path):
    k = Kommune(tmp_path).edit(FORUM, "formaal: Tidlig forebyggelse i Øster.", "formaal: Kontakt ole@testby.dk om Øster.")
    d = expect(k.check(), "privatliv.email", FORUM, k.where(FORUM, "ole@testby.dk"), severity="fejl")
    assert "«kontakter» → «email»" in d.message


def test_phone_outside_contact_fields(tmp_path):
    path = f"{D}/kommissorier/netvaerk.yaml"
    k = Kommune(tmp_path).edit(path, "formaal: Netværkene forebygger kriminalitet.", "formaal: Ring til Ole på 20 11 22 33.")
    d = expect(k.check(), "privatliv.telefon", path, k.where(path, "20 11 22 33"), severity="fejl")
    assert "«kontakter» → «telefon»" in d.message


def test_phone_in_another_field_of_a_contact(tmp_path):
    k = Kommune(tmp_path).edit(KOMMUNE, "titel: SSP-koordinator", "titel: SSP-koordinator, mobil 2011 2233")
    expect(k.check(), "privatliv.telefon", KOMMUNE, k.where(KOMMUNE, "2011 2233"))


def test_phone_and_email_in_a_markdown_body(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "Læs planen:", "Ring +45 43 28 28 15 eller skriv til [os](mailto:ssp@testby.dk). Læs planen:")
    result = k.check()
    expect(result, "privatliv.telefon", SIDE, k.where(SIDE, "+45 43"))
    expect(result, "privatliv.email", SIDE, k.where(SIDE, "ssp@testby.dk"))


def test_contact_fields_and_urls_are_allowed():
    # The minimal municipality has phones and an e-mail in kontakter and a phone-like number in
    # a document URL; test_rules_valid proves they give no diagnostics. Guard the fixture:
    from rules_helpers import BASE_FILES

    text = BASE_FILES[KOMMUNE]
    assert "43 28 28 15" in text and "ssp@testby.dk" in text and "/43282815/" in text


# -- §115 metadata and individual cases ---------------------------------------------------------


def test_akutgruppe_meeting_holds_only_metadata(tmp_path):
    k = Kommune(tmp_path).append(
        AKUT,
        "oplaeg: Politiet om en sag\ndagsorden:\n  - nummer: 1\n    titel: Sager\n    noter: Drengen fra Øster\n",
    )
    result = k.check()
    d = expect(result, "privatliv.kun-metadata", AKUT, k.where(AKUT, "dagsorden:"), severity="fejl")
    assert "sagssystemet" in d.message and "«antal_sager»" in d.message
    expect(result, "privatliv.kun-metadata", AKUT, k.where(AKUT, "oplaeg:"))
    assert len(result.diagnostics) == 2


def test_kun_metadata_follows_the_forum_type_vocabulary(tmp_path):
    k = Kommune(tmp_path).append(
        f"{D}/vokabular.yaml", "forumtyper:\n  - id: netvaerk\n    navn: Netværk\n    kun_metadata: ja\n"
    )
    result = k.check()
    expect(result, "privatliv.kun-metadata", MOEDE, k.where(MOEDE, "dagsorden:"))
    expect(result, "privatliv.kun-metadata", MOEDE, k.where(MOEDE, "nye_emner:"))


def test_template_case_point_may_hold_no_text(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "    titel: Bekymringer\n", "    titel: Bekymringer\n    noter: En pige i 7. klasse\n    beslutninger:\n      - Underret\n")
    result = k.check()
    d = expect(result, "privatliv.enkeltsag-tekst", MOEDE, k.where(MOEDE, "noter: En pige"), severity="fejl")
    assert "Punkt 3 «Bekymringer»" in d.message
    expect(result, "privatliv.enkeltsag-tekst", MOEDE, k.where(MOEDE, "beslutninger:"))


def test_point_marked_as_individual_cases_may_hold_no_text(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "    titel: Godkendelse af dagsorden\n", "    titel: Godkendelse af dagsorden\n    enkeltsager: ja\n    beskrivelse: Sagen om Ali\n")
    expect(k.check(), "privatliv.enkeltsag-tekst", MOEDE, k.where(MOEDE, "beskrivelse:"))
