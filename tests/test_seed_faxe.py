"""The Faxe seed (shared/seeds/faxe-ssp-samarbejdet.txt) is fully present in the loaded model.

Each test names the seed fact it guards; it reads the data the way the build does
(check_repository), so a fact that only exists in a file but does not load would fail here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sspgen.validate import check_repository

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def result():
    return check_repository(ROOT, "faxe")


@pytest.fixture(scope="module")
def faxe(result):
    assert len(result.kommuner) == 1
    return result.kommuner[0]


def forum(faxe, forum_id):
    assert forum_id in faxe.fora, f"forum {forum_id} mangler"
    return faxe.fora[forum_id].value


def flat(text):
    """Markdown text with its line wrapping undone, for phrase checks."""
    return " ".join(text.split())


def seats(forum_value):
    return {seat.rolle: seat for seat in forum_value.sammensaetning}


def test_no_errors_for_faxe(result):
    assert [str(d) for d in result.errors] == []


def test_kommune_and_target_ages_6_to_25(faxe):
    kommune = faxe.kommune.value
    assert kommune.slug == "faxe"
    assert kommune.navn == "Faxe Kommune"
    assert (kommune.maalgruppe.alder_fra, kommune.maalgruppe.alder_til) == (6, 25)
    assert kommune.koordinerende_enhed == "ssp-teamet"
    assert kommune.tilgaengelighedserklaering.startswith("https://www.was.digst.dk/")
    assert any(k.synlighed == "offentlig" and k.telefon and k.email for k in kommune.kontakter)


def test_intro_page_is_public_and_lists_the_fora(faxe):
    page = faxe.sider["ssp-samarbejdet"].value
    assert page.side.synlighed == "offentlig"
    assert {"styregruppe", "koordinationsgruppe", "lokalt-ssp-samarbejde"} <= set(page.side.fora)
    body = flat(page.body)
    for phrase in ("netværksbaseret tilgang", "lokale netværk", "erhvervsliv", "Kriminalforsorgen",
                   "jobcenteret", "Ungdommens Uddannelsesvejledning", "tager initiativ til projekter",
                   "6 og 25 år"):
        assert phrase in body, phrase


def test_styregruppe_is_the_political_organ(faxe):
    styregruppe = forum(faxe, "styregruppe")
    assert styregruppe.type == "styregruppe"
    assert styregruppe.niveau == "politisk"
    assert styregruppe.synlighed == "offentlig"
    assert "overordnede ansvar" in flat(styregruppe.formaal)
    assert "SSP-politik" in flat(styregruppe.formaal)
    assert len(styregruppe.opgaver) == 3
    assert "Byrådets valgperiode" in styregruppe.funktionsperiode
    assert "Byrådet" in styregruppe.oekonomi
    assert styregruppe.forretningsorden
    assert "en gang årligt" in styregruppe.aarligt_arrangement


def test_styregruppe_members_and_voting_rights(faxe):
    members = seats(forum(faxe, "styregruppe"))
    voting = {
        "Formand (politisk udpeget)": ("byraadet", "1"),
        "Næstformand (politisk udpeget)": ("byraadet", "1"),
        "Medlem (politisk udpeget)": ("byraadet", "1"),
        "Ledelsesrepræsentant for Politiet": ("politiet", "2-3"),
    }
    non_voting = {
        "Centerchefen for Center for Familie, Social & Beskæftigelse": "center-for-familie-social-og-beskaeftigelse",
        "Leder af Familie- og Ungeindsatsen": "familie-og-ungeindsatsen",
    }
    assert set(members) == set(voting) | set(non_voting)
    for rolle, (aktoer, antal) in voting.items():
        assert members[rolle].aktoer == aktoer
        assert members[rolle].antal == antal
        assert members[rolle].stemmeret is True, rolle
    for rolle, aktoer in non_voting.items():
        assert members[rolle].aktoer == aktoer
        assert members[rolle].stemmeret is False, rolle
    assert faxe.aktoerer["politiet"].value.type == "politi"
    assert faxe.aktoerer["byraadet"].value.type == "politisk"


def test_styregruppe_formoede_participants(faxe):
    formoede = forum(faxe, "styregruppe").formoede
    assert formoede is not None
    assert [(d.rolle, d.aktoer) for d in formoede.deltagere] == [
        ("Styregruppens formand", "byraadet"),
        ("Centerchefen for Center for Familie, Social & Beskæftigelse",
         "center-for-familie-social-og-beskaeftigelse"),
    ]
    assert "dagsorden" in formoede.formaal


def test_styregruppe_public_agenda_and_signed_protocol(faxe):
    styregruppe = forum(faxe, "styregruppe")
    assert styregruppe.offentlig_dagsorden is True
    assert "underskrives af de faste styregruppemedlemmer" in flat(styregruppe.beslutningsprotokol)
    assert "hjemmeside" in styregruppe.beslutningsprotokol


def test_styregruppe_and_koordinationsgruppe_meet_4_times_a_year_plus_extra(faxe):
    for forum_id in ("styregruppe", "koordinationsgruppe"):
        frekvens = forum(faxe, forum_id).moedefrekvens
        assert (frekvens.gange, frekvens.per, frekvens.efter_behov) == (4, "aar", True)
        assert "Formanden" in frekvens.bemaerkning


def test_styregruppe_meetings_2026(faxe):
    meetings = sorted(
        (m.value for m in faxe.moeder.values()
         if m.value.forum == "styregruppe" and m.value.type == "styregruppemoede"),
        key=lambda m: m.dato,
    )
    assert len(meetings) == 4
    assert all(m.dato.year == 2026 for m in meetings)
    assert [m.status for m in meetings] == ["afholdt", "afholdt", "afholdt", "planlagt"]
    members = set(seats(forum(faxe, "styregruppe")))
    for meeting in meetings:
        assert meeting.synlighed == "offentlig"
        assert meeting.dagsorden
        if meeting.status == "afholdt":
            protokol = meeting.beslutningsprotokol
            assert protokol is not None and protokol.underskrevet >= meeting.dato
            assert set(protokol.underskrevet_af) == members
            assert any(p.beslutninger for p in meeting.dagsorden)
        else:
            assert meeting.beslutningsprotokol is None
    formoeder = [m.value for m in faxe.moeder.values() if m.value.type == "formoede"]
    assert len(formoeder) == 4
    assert all(f.forum == "styregruppe" and f.synlighed == "intern" for f in formoeder)
    for meeting in meetings:
        assert any(0 < (meeting.dato - f.dato).days <= 31 for f in formoeder), meeting.id


def test_koordinationsgruppe_members_and_tasks(faxe):
    gruppe = forum(faxe, "koordinationsgruppe")
    assert gruppe.type == "koordinationsgruppe"
    assert gruppe.overordnet == "styregruppe"
    assert "koordineret indsats i hele kommunen" in flat(gruppe.formaal)
    assert "operationelt samarbejde med politiet" in flat(gruppe.formaal)
    assert [(s.rolle, s.aktoer) for s in gruppe.sammensaetning] == [
        ("Leder af Familie- og Ungeindsatsen", "familie-og-ungeindsatsen"),
        ("SSP-konsulentteam", "ssp-teamet"),
        ("Politiets SSP-koordinator", "politiet"),
        ("Repræsentant for skoleledelsen", "skoleledelsen"),
        ("Repræsentant fra Ungdomsskolen", "ungdomsskolen"),
        ("Repræsentant fra Ungdommens Uddannelsesvejledning", "ungdommens-uddannelsesvejledning"),
        ("Repræsentant fra Socialcentret", "socialcentret"),
        ("Repræsentant fra Rusmiddelcenteret", "rusmiddelcenteret"),
    ]
    assert any(i.aktoer == "sundhedsplejen" for i in gruppe.kan_invitere)
    assert len(gruppe.opgaver) == 5
    assert any("årsrapport" in opgave for opgave in gruppe.opgaver)
    assert any("opsøgende" in opgave for opgave in gruppe.opgaver)
    meetings = [m.value for m in faxe.moeder.values() if m.value.forum == "koordinationsgruppe"]
    assert len(meetings) == 2
    assert all(m.synlighed == "intern" for m in meetings)


def test_local_cooperation_in_three_districts(faxe):
    parent = forum(faxe, "lokalt-ssp-samarbejde")
    assert parent.type == "lokalt-samarbejde"
    assert parent.formaal.count("\n- ") == 4
    assert parent.moedefrekvens.efter_behov is True
    beskrivelse = flat(parent.beskrivelse)
    assert "tværfaglige samarbejde, der foregår i skoledistrikterne" in beskrivelse
    assert "følger udviklingen i de enkelte lokalområder" in beskrivelse
    assert [s.aktoer for s in parent.sammensaetning if s.tovholder] == ["ssp-teamet"]
    assert len(parent.samarbejdspartnere) == 9
    assert "Sportsforeninger" in parent.samarbejdspartnere
    districts = {
        f.value.distrikt: f.value for f in faxe.fora.values()
        if f.value.overordnet == "lokalt-ssp-samarbejde"
    }
    assert set(districts) == {"Øst", "Midt", "Vest"}
    for distrikt, skole in (("Øst", "oestskolen"), ("Midt", "midtskolen"), ("Vest", "vestskolen")):
        netvaerk = districts[distrikt]
        assert netvaerk.type == "lokalt-samarbejde"
        assert netvaerk.synlighed == "offentlig"
        assert faxe.aktoerer[skole].value.type == "skole"
        assert netvaerk.skoler
        for afdeling in netvaerk.skoler:
            aktoer = faxe.aktoerer[afdeling].value
            assert aktoer.type == "skole" and aktoer.del_af == skole
        tovholdere = [s for s in netvaerk.sammensaetning if s.tovholder]
        assert [t.aktoer for t in tovholdere] == ["ssp-teamet"]


def test_function_descriptions(faxe):
    konsulent = faxe.funktionsbeskrivelser["ssp-konsulent"].value
    assert konsulent.aktoer == "ssp-teamet"
    assert len(konsulent.opgaver) == 16
    assert konsulent.opgaver[-1] == "At have ugentlig gang på alle afdelingsskoler i kommunen."
    assert any("Hot Spots" in opgave for opgave in konsulent.opgaver)
    laerer = faxe.funktionsbeskrivelser["ssp-laerer"].value
    assert laerer.ordning == "SSP-lærerordning på alle afdelingsskolerne"
    assert len(laerer.formaal) == 2
    assert len(laerer.opgaver) == 6
    assert konsulent.synlighed == laerer.synlighed == "offentlig"


def test_every_named_organisation_is_an_aktoer(faxe):
    names = {a.value.navn for a in faxe.aktoerer.values()}
    for navn in ("Byrådet", "Center for Familie, Social & Beskæftigelse", "Familie- og Ungeindsatsen",
                 "SSP-teamet", "Center for Børn & Undervisning", "Skoleledelsen", "Socialcentret",
                 "Rusmiddelcenteret", "Sundhedsplejen", "Kriminalforsorgen",
                 "Ungdommens Uddannelsesvejledning", "Østskolen", "Midtskolen", "Vestskolen"):
        assert navn in names, navn
    assert all(a.value.synlighed == "offentlig" for a in faxe.aktoerer.values())
