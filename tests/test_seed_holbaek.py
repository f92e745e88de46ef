"""The Holbæk seed (shared/seeds/holbaek-ssp-netvaerksmoede.txt) is fully in the loaded data.

Every assertion reads the validated model from check_repository, not the YAML text, so a fact
only counts when it survives reading, schema validation and the cross-file rules.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from sspgen.validate import check_repository

ROOT = Path(__file__).resolve().parents[1]

SEED_NETWORKS = {
    "Tølløse": {
        "Tølløse Skole",
        "Sejergaards Skolen",
        "Stor Merløse Skole",
        "Tølløse Privat- og Efterskole",
        "Tølløse Slots Efterskole",
    },
    # The seed writes «Vipperød - & Ågerup Skole»: two schools, Vipperød Skole and Ågerup Skole.
    "Vipperød": {"Vipperød Skole", "Ågerup Skole"},
    "Jyderup": {"Jyderup Skole"},
    "Svinninge": {"Svinninge Skole"},
    "Kundby og Gislinge": {"Kundby Friskole", "Gislinge Skole"},
    "Holbæk By og Tuse": {
        "Absalonskolen",
        "Bjergmarkskolen",
        "Holbæk Private Realskole",
        "Stenhus Kostskole",
        "Andreasskolen",
        "Holbæk Lilleskole",
        "Tuse Skole",
    },
    "Mørkøv": {"Kildebjergskolen"},
    "Jernløse": {"Nr. Jernløse Skole", "Sdr. Jernløse Skole", "Knabstrup Skole", "Undløse Skole"},
}

SEED_TEMPLATE = [
    (1, "Afdækning og kortlægning", ["Hvad sker der i bydelen?", "Hvilke aktiviteter er der planlagt/hvilke aktiviteter kan planlægges?"]),
    (2, "Tendenser", ["Afdækning af konkrete tendenser, der kræver indsats"]),
    (3, "Status på de proaktive indsatser", ["Hvilke indsatser har der været?", "Hvilke indsatser er planlagt?"]),
    (4, "Aktuelt emne/ Nyt fra SSP Holbæk", ["F.eks. fælles om ungelivet, bekymringssamtaler m.m."]),
    (5, "Evt.", ["Inputs fra mødedeltagerne"]),
]

# The seed's «Deltagere og roller» bullets: organisation type → a phrase of its role.
SEED_ROLES = {
    "ssp": "Tovholder med ansvar for kortlægning",
    "skole": "Repræsentanter med SSP-funktion",
    "klub": "organiserede klubtilbud",
    "socialforvaltning": "Skolesagsbehandlere",
    "uu-vejledning": "UU-vejlederne på folkeskolerne",
    "politi": "Forebyggelsesbetjente",
    "forening": "fritidsaktiviteter i lokalområdet",
    "rusmiddelcenter": "unge og rusmidler",
    "sundhedspleje": "Sundhedsplejersken fra det specifikke lokalområde",
}

REFERENCE_DAY = date(2026, 11, 25)


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.fixture(scope="module")
def result():
    return check_repository(ROOT, "holbaek")


@pytest.fixture(scope="module")
def data(result):
    assert len(result.kommuner) == 1
    return result.kommuner[0]


def _aktoer(data, aktoer_id):
    return data.aktoerer[aktoer_id].value


def _networks(data):
    return {
        f.value.distrikt: f.value
        for f in data.fora.values()
        if f.value.type == "netvaerk" and f.value.overordnet == "ssp-netvaerk"
    }


def _kommissorium(data):
    return data.kommissorier["ssp-netvaerksmoeder"].value


def test_holbaek_has_no_errors(result):
    assert [str(d) for d in result.errors] == []


def test_kommune(data):
    k = data.kommune.value
    assert k.slug == "holbaek"
    assert k.navn == "Holbæk Kommune"
    assert k.politikreds == "Midt- og Vestsjællands Politi"
    assert "børn og unge" in k.maalgruppe.beskrivelse.lower()
    assert _aktoer(data, k.koordinerende_enhed).type == "ssp"
    assert k.tilgaengelighedserklaering.startswith("https://www.was.digst.dk/")
    public = [c for c in k.kontakter if c.synlighed == "offentlig"]
    assert public and public[0].email == "ssp@holbaek.dk"


def test_eight_networks_with_exactly_their_schools(data):
    networks = _networks(data)
    assert set(networks) == set(SEED_NETWORKS)
    for distrikt, forum in networks.items():
        schools = [_aktoer(data, s) for s in forum.skoler]
        assert all(s.type == "skole" for s in schools), distrikt
        assert {s.navn for s in schools} == SEED_NETWORKS[distrikt], distrikt
        assert len(schools) == len(SEED_NETWORKS[distrikt]), distrikt
        assert forum.kommissorium == "ssp-netvaerksmoeder"
        assert forum.synlighed == "offentlig"


def test_every_named_school_is_a_public_school_aktoer(data):
    names = {a.value.navn: a.value for a in data.aktoerer.values()}
    for schools in SEED_NETWORKS.values():
        for name in schools:
            assert names[name].type == "skole"
            assert names[name].synlighed == "offentlig"


def test_holbaek_by_og_tuse_has_library_and_housing_team(data):
    forum = _networks(data)["Holbæk By og Tuse"]
    seats = {_aktoer(data, d.aktoer).navn: _aktoer(data, d.aktoer).type for d in forum.sammensaetning}
    assert seats["Holbæk Bibliotek"] == "bibliotek"
    assert seats["Det Boligsociale Team"] == "boligsocial"
    school_names = {_aktoer(data, s).navn for s in forum.skoler}
    assert "Holbæk Bibliotek" not in school_names and "Det Boligsociale Team" not in school_names


def test_networks_meet_twice_a_year(data):
    for distrikt, forum in _networks(data).items():
        f = forum.moedefrekvens
        assert (f.gange, f.gange_op_til, f.per) == (2, None, "aar"), distrikt
    k = _kommissorium(data)
    assert (k.moedefrekvens.gange, k.moedefrekvens.per) == (2, "aar")


def test_joint_meetings_cadence_and_duration(data):
    parent = data.fora["ssp-netvaerk"].value
    assert parent.type == "netvaerksforum"
    for f in (parent.moedefrekvens, _kommissorium(data).faellesmoeder.moedefrekvens):
        assert (f.gange, f.gange_op_til, f.per) == (1, 2, "aar")
        assert (f.varighed_minutter, f.varighed_minutter_op_til) == (90, 120)
    assert _kommissorium(data).faellesmoeder.forum == "ssp-netvaerk"
    assert "fyraftensmøder med faglige oplæg" in _flat(_kommissorium(data).faellesmoeder.formaal)


def test_kommissorium_covers_parent_and_all_networks(data):
    k = _kommissorium(data)
    covered = set(k.fora)
    assert "ssp-netvaerk" in covered
    assert {f.id for f in _networks(data).values()} <= covered
    assert len(covered) == 9


def test_agenda_template_with_variant_point_4(data):
    template = [(p.nummer, p.titel, list(p.spoergsmaal)) for p in _kommissorium(data).dagsordensskabelon]
    assert template == SEED_TEMPLATE
    assert template[3][1] == "Aktuelt emne/ Nyt fra SSP Holbæk"


def test_purpose_texts(data):
    k = _kommissorium(data)
    indledning = _flat(k.indledning)
    assert "fælles platform for tidlig indsats og tværfagligt samarbejde" in indledning
    assert "helhedsorienterede løsninger opstår gennem fælles viden, ansvar og handling" in indledning
    formaal = _flat(k.formaal)
    assert "vidensdeling, løbende koordinering og konkrete handlinger" in formaal
    assert "forebyggelse af kriminalitet blandt børn og unge i Holbæk Kommune" in formaal
    assert "proaktive niveau" in _flat(k.moedeindhold) and "reaktive niveau" in _flat(k.moedeindhold)


def test_participant_roles_and_organisations(data):
    k = _kommissorium(data)
    by_type = {}
    for d in k.deltagere:
        # «Skoleledelse og SSP-lærer» sits for every school of a network, so it names the type.
        by_type[d.aktoertype or _aktoer(data, d.aktoer).type] = d
    for kind, phrase in SEED_ROLES.items():
        assert kind in by_type, kind
        assert phrase in _flat(by_type[kind].beskrivelse), kind
    assert by_type["ssp"].tovholder
    assert _aktoer(data, by_type["politi"].aktoer).navn == "Midt- og Vestsjællands Politi"
    assert _aktoer(data, by_type["rusmiddelcenter"].aktoer).navn == "Rusmiddelcenter"
    assert _aktoer(data, by_type["sundhedspleje"].aktoer).navn == "Sundhedsplejen"
    assert "foreningsliv" in _aktoer(data, by_type["forening"].aktoer).navn
    sammensaetning = _flat(k.sammensaetning)
    for who in ("skoleledere og/eller pædagogiske ledere", "SSP-lærere", "klubmedarbejdere", "UU-vejleder",
                "repræsentant fra myndighedsområdet", "rusmiddelvejledere", "lokalbetjente"):
        assert who in sammensaetning, who
    # Every local network seats every kind of organisation from the seed.
    for distrikt, forum in _networks(data).items():
        kinds = {_aktoer(data, d.aktoer).type for d in forum.sammensaetning}
        assert set(SEED_ROLES) <= kinds, distrikt
        tovholdere = [d for d in forum.sammensaetning if d.tovholder]
        assert [_aktoer(data, d.aktoer).type for d in tovholdere] == ["ssp"], distrikt


def test_others_invited_when_needed(data):
    for owner in (_kommissorium(data), *_networks(data).values()):
        invited = [(i.navn, i.anledning) for i in owner.kan_invitere]
        assert ("Andre relevante ressourcepersoner", "Efter behov") in invited


def test_ssp_team_sends_invitations_in_good_time(data):
    forberedelse = _kommissorium(data).forberedelse
    assert "SSP-teamet" in forberedelse.beskrivelse and "i god tid" in forberedelse.beskrivelse
    assert forberedelse.dagsorden_udsendes


def test_meetings_follow_template_and_stay_internal(data):
    assert len(data.moeder) >= 5
    statuses = set()
    for moede_id, located in data.moeder.items():
        m = located.value
        statuses.add(m.status)
        assert m.synlighed == "intern", moede_id
        assert [(p.nummer, p.titel, list(p.spoergsmaal)) for p in m.dagsorden] == SEED_TEMPLATE, moede_id
        assert 21 <= (m.dato - m.indkaldt).days <= 35, moede_id
        assert m.status == ("afholdt" if m.dato < REFERENCE_DAY else "planlagt"), moede_id
        if m.status == "afholdt":
            assert all(p.noter for p in m.dagsorden), moede_id
            assert m.dagsorden[1].tendenser, moede_id
    assert statuses == {"afholdt", "planlagt"}
    assert any(m.value.forum == "ssp-netvaerk" and m.value.type == "faellesmoede" for m in data.moeder.values())


def test_pages(data):
    public = data.sider["saadan-arbejder-vi"].value.side
    assert public.synlighed == "offentlig"
    assert set(public.fora) == {"ssp-netvaerk", *(f.id for f in _networks(data).values())}
    intranet = data.sider["netvaerksmoeder"].value
    assert intranet.side.synlighed == "intern"
    assert "Lokale netværksmøder er en central del af SSP-arbejdet" in _flat(intranet.body)


def test_no_contact_details_outside_kommune_yaml():
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(r"\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b")
    files = [*(ROOT / "data" / "holbaek").rglob("*.yaml"), *(ROOT / "content" / "holbaek").rglob("*.md")]
    for file in files:
        if file.name == "kommune.yaml":
            continue
        text = file.read_text(encoding="utf-8")
        assert not email.search(text), file
        assert not phone.search(text), file
