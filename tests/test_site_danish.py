"""Danish conventions used on every page: dates, times, weekdays, alphabetical order, slugs."""

from datetime import date, time

from sspgen.render import danish, ics, text


def test_dates_and_times_read_the_danish_way():
    assert danish.dato(date(2026, 1, 13)) == "13. januar 2026"
    assert danish.dato_med_ugedag(date(2026, 1, 13)) == "tirsdag den 13. januar 2026"
    assert danish.klokkeslaet(time(15, 0)) == "kl. 15.00"
    assert danish.tidsrum(time(14, 0), time(16, 30)) == "kl. 14.00-16.30"
    assert danish.ugedag(date(2026, 1, 12)) == "mandag"  # the week starts on Monday


def test_sorting_puts_ae_oe_aa_last():
    names = ["Åbyen", "Øster", "Vester", "Ærø", "Strand", "Aarup"]
    assert danish.dansk_sorteret(names) == ["Aarup", "Strand", "Vester", "Ærø", "Øster", "Åbyen"]


def test_slugs_are_danish_ascii():
    assert danish.slug("Øster") == "oester"
    assert danish.slug("Holbæk By og Tuse") == "holbaek-by-og-tuse"
    assert danish.slug("Tølløse") == "toelloese"


def test_cadence_and_phone_texts():
    from sspgen.model.organisation import Moedefrekvens

    frekvens = Moedefrekvens(gange=1, gange_op_til=2, per="aar", varighed_minutter=90, varighed_minutter_op_til=120)
    assert text.moedefrekvens(frekvens) == "1-2 gange om året; varighed 1½-2 timer"
    assert text.tel_href("4328 2815") == "tel:+4543282815"
    assert text.tel_href("javascript:alert(1)") == "tel:1"


def test_ics_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "æ" * 80
    folded = ics.fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line
