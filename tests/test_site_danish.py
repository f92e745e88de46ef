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


def test_lists_end_with_og_and_fall_back_to_semicolons():
    from markupsafe import Markup

    assert danish.opremsning(["Øster"]) == "Øster"
    assert danish.opremsning(["Øster", "Vester"]) == "Øster og Vester"
    assert danish.opremsning(["Øster", "Vester", "Strand"]) == "Øster, Vester og Strand"
    # A name with its own comma or «og» would blur the items: semicolons keep them apart.
    assert danish.opremsning(["Politiet", "Børn, Unge og Familie", "Skolen"]) == "Politiet; Børn, Unge og Familie; Skolen"
    links = [Markup('<a href="a">A & B</a>'), Markup('<a href="c">C</a>')]
    assert danish.opremsning(links) == Markup('<a href="a">A & B</a> og <a href="c">C</a>')


def test_grades_are_said_once_with_ranges():
    assert danish.klassetrin_liste([8, 7]) == "7. og 8. klasse"
    assert danish.klassetrin_liste([7, 8, 9]) == "7.–9. klasse"
    assert danish.klassetrin_liste([0, 1, 2, 3, 5]) == "0.–3. og 5. klasse"
    assert danish.klassetrin_liste([10]) == "10. klasse"
    assert danish.klassetrin_interval(0, 10) == "0.–10. klasse"
    assert danish.klassetrin_interval(7, 7) == "7. klasse"


def test_small_words_for_sentences():
    assert danish.genitiv("Byrådet") == "Byrådets"
    assert danish.genitiv("Politiets hus") == "Politiets hus'"
    assert danish.lille_forbogstav("Formand") == "formand"
    assert danish.lille_forbogstav("SSP-konsulent") == "SSP-konsulent"
    assert danish.stort_forbogstav("hvert år i SSP-udvalget") == "Hvert år i SSP-udvalget"


def test_cadence_in_the_writers_words_is_not_said_twice():
    from sspgen.model.organisation import Moedefrekvens

    ugentlig = Moedefrekvens(gange=1, per="uge", bemaerkning="Ugentligt; Ungehuset deltager hver 14. dag")
    assert text.moedefrekvens(ugentlig) == "Ugentligt; Ungehuset deltager hver 14. dag."
    aarlig = Moedefrekvens(gange=4, per="aar", efter_behov=True, varighed_minutter=120,
                           bemaerkning="Distrikterne mødes fire gange årligt.")
    assert text.moedefrekvens(aarlig) == "Distrikterne mødes fire gange årligt. Derudover efter behov. Varighed 2 timer."
    assert text.moedefrekvens(Moedefrekvens(gange=4, per="aar", efter_behov=True)) == "4 gange om året og efter behov"
    assert text.moedefrekvens(Moedefrekvens(gange=1, per="maaned", ugedag="tirsdag")) == "1 gang om måneden, på en tirsdag"
    assert text.moedefrekvens(Moedefrekvens(gange=1, per="uge", ugedag="Torsdag")) == "1 gang om ugen, om torsdagen"
    # A remark about something else keeps the count in front of it.
    other = Moedefrekvens(gange=4, per="aar", bemaerkning="Formanden kan indkalde til ekstra møder.")
    assert text.moedefrekvens(other) == "4 gange om året. Formanden kan indkalde til ekstra møder."
    assert text.moedefrekvens_kort(other) == "4 gange om året"
    assert text.moedefrekvens_kort(Moedefrekvens(efter_behov=True)) == "Efter behov"
    # Nor is what the remark says («efter behov», the weekday) said before it.
    behov = Moedefrekvens(gange=4, per="aar", efter_behov=True, bemaerkning="Formanden kan indkalde efter behov.")
    assert text.moedefrekvens(behov) == "4 gange om året. Formanden kan indkalde efter behov."
    dag = Moedefrekvens(gange=1, per="maaned", ugedag="tirsdag", bemaerkning="Møderne i Strand ligger på tirsdage.")
    assert text.moedefrekvens(dag) == "1 gang om måneden. Møderne i Strand ligger på tirsdage."


def test_target_group_adds_only_what_its_text_does_not_say():
    from types import SimpleNamespace

    said = SimpleNamespace(beskrivelse="Elever fra 0.-9. klasse samt 10. klasse.", klassetrin_fra=0, klassetrin_til=10,
                           alder_fra=None, alder_til=None)
    assert text.maalgruppe_tilfoejelse(said) == ""
    unsaid = SimpleNamespace(beskrivelse="Børn og unge i kommunen", klassetrin_fra=0, klassetrin_til=10,
                             alder_fra=6, alder_til=17)
    assert text.maalgruppe_tilfoejelse(unsaid) == "0.–10. klasse, 6–17 år"


def test_signers_with_the_same_note_are_grouped():
    roles = ["Formand (politisk udpeget)", "Næstformand (politisk udpeget)", "Leder af Familie- og Ungeindsatsen",
             "Medlem (politisk udpeget)"]
    assert text.roller_samlet(roles) == ["Formand og næstformand (politisk udpeget)", "Leder af Familie- og Ungeindsatsen",
                                         "Medlem (politisk udpeget)"]


def test_commit_messages_are_recognised_as_danish_or_english():
    assert text.er_dansk("Tryghed i nattelivet")
    assert text.er_dansk("Færre ord")
    assert text.er_dansk("Ret målet efter mødet i SSP-udvalget")
    assert not text.er_dansk("Add the Brøndby example: kommissorium, SSP-plan and seed test")
    assert not text.er_dansk("Fix typo in plan")


def test_a_paragraph_starting_with_an_ordinal_is_a_sentence_not_a_list():
    from sspgen.render.markdown import render

    assert render("Mål for alle.\n\n10. klassetrin har et eget mål.") == \
        "<p>Mål for alle.</p>\n<p>10. klassetrin har et eget mål.</p>\n"
    assert render("13. januar holdt netværket møde.") == "<p>13. januar holdt netværket møde.</p>\n"
    # Real numbered lists stay lists, tight or loose.
    assert render("1. indkald\n2. send dagsorden").startswith("<ol>\n<li>indkald</li>")
    assert render("1. Indkald\n\n2. send dagsorden").count("<li>") == 2
