"""The three Brøndby seeds are fully in the loaded data.

* shared/seeds/brondby-kommissorium-ssp-netvaerk.txt
* shared/seeds/brondby-ssp-plan-2022-2026.txt
* shared/seeds/brondby-saadan-arbejder-vi.txt

Every assertion reads the validated model from check_repository, not the YAML text, so a fact
only counts when it survives reading, schema validation and the cross-file rules.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from sspgen.validate import check_repository

ROOT = Path(__file__).resolve().parents[1]

SEED_TEMPLATE = [
    (1, "Afdækning og kortlægning", ["Hvad sker der i bydelen?", "Hvilke aktiviteter er der planlagt/hvilke aktiviteter kan planlægges?"]),
    (2, "Tendenser", ["Afdækning af konkrete tendenser, der kræver indsats"]),
    (3, "Status på de proaktive indsatser", ["Hvilke indsatser har der været?", "Hvilke indsatser er planlagt?"]),
    (4, "Aktuelt emne", ["Eksempelvis bekymringssamtaler"]),
    (5, "Evt.", ["Inputs fra mødedeltagerne"]),
]

NETWORKS = {
    "ssp-netvaerk-oester": ("Øster", "Nørregårdsskolen", None),
    "ssp-netvaerk-vester": ("Vester", "Brøndbyvester Skole", "tirsdag"),
    "ssp-netvaerk-strand": ("Strand", "Brøndby Strand Skole", "tirsdag"),
}

GOALS = {
    "oplevet-tryghed": "Oplevet tryghed",
    "risikoadfaerd-og-trivsel": "Risikoadfærd og trivsel",
    "forebyggelse-af-ungdomskriminalitet": "Forebyggelse af ungdomskriminalitet",
}

# The plan's evaluation table: goal → its initiatives, in the table's order.
EVALUATION_TABLE = {
    "oplevet-tryghed": ["Generelt arbejde med trivsel og tillid", "Indsatser på gadeplan", "Aktiviteter og brobygning"],
    "risikoadfaerd-og-trivsel": ["Proaktive indsatser i skolen", "Det sociale pensum", "Målrettede forebyggende aktiviteter"],
    "forebyggelse-af-ungdomskriminalitet": ["Systematiske procedurer", "Proaktive indsatser i skolen", "Gruppeorienterede indsatser"],
}

PUBLIC_PAGE_HEADINGS = [
    "Helhedsorienteret og koordineret tilgang",
    "Proaktive, reaktive og opsøgende indsatser",
    "De proaktive indsatser",
    "De reaktive indsatser",
    "Det opsøgende arbejde",
    "Radikalisering",
    "For pårørende, forældre eller unge",
    "Kontakt",
]

PHONE_OR_EMAIL = re.compile(r"@|\b\d{4} ?\d{4}\b|\b\d{2} \d{2} \d{2} \d{2}\b")


@pytest.fixture(scope="module")
def result():
    return check_repository(ROOT, "brondby")


@pytest.fixture(scope="module")
def k(result):
    assert len(result.kommuner) == 1
    return result.kommuner[0]


def v(located):
    return located.value


@pytest.fixture(scope="module")
def kommissorium(k):
    return v(k.kommissorier["kommissorium-ssp-netvaerk"])


@pytest.fixture(scope="module")
def plan(k):
    return v(k.planer["ssp-plan-2022-2026"])


@pytest.fixture(scope="module")
def pensum(k):
    return v(k.pensum["det-sociale-pensum"])


def flat(text: str | None) -> str:
    """Markdown text with its line wrapping undone, for phrase checks."""
    return " ".join((text or "").split())


def aktoer_navn(k, aktoer_id: str) -> str:
    return v(k.aktoerer[aktoer_id]).navn


# ------------------------------------------------------------------------------------- check


def test_check_has_no_errors_for_brondby(result):
    assert [str(d) for d in result.errors] == []


def test_every_entity_file_was_loaded(k):
    assert k.kommune is not None and k.emnebank is not None
    assert len(k.fora) >= 12 and len(k.aktoerer) >= 25 and len(k.moeder) >= 40
    assert set(k.sider) >= {"saadan-arbejder-vi", "om-ssp-planen"}


# ------------------------------------------------------------------------ the kommissorium


def test_kommissorium_purpose_and_target_group(kommissorium):
    assert kommissorium.titel == "Kommissorium, SSP-netværk i Brøndby Kommune"
    assert "kortlægge tendenser" in flat(kommissorium.formaal)
    assert "forebygge kriminalitet blandt børn og unge i Brøndby Kommune" in flat(kommissorium.formaal)
    assert len(kommissorium.formaal_punkter) == 2
    assert "tværfaglige samarbejde" in flat(kommissorium.formaal_punkter[0])
    assert "kortlægge tendenser og strømninger" in flat(kommissorium.formaal_punkter[1])
    assert any("§115" in text for text in kommissorium.lovgrundlag)
    mg = kommissorium.maalgruppe
    assert (mg.klassetrin_fra, mg.klassetrin_til) == (0, 10)
    assert "10. klasseskole (UCN)" in flat(mg.beskrivelse)
    assert "trivsel i skoleregi samt i fritiden" in flat(kommissorium.sammensaetning)


def test_kommissorium_applies_to_the_joint_forum_and_the_three_networks(kommissorium):
    assert set(kommissorium.fora) == {"ssp-netvaerk", *NETWORKS}


def test_kommissorium_participants_and_roles(k, kommissorium):
    by_actor = {d.aktoer: d for d in kommissorium.deltagere}
    tovholdere = [d for d in kommissorium.deltagere if d.tovholder]
    assert [d.aktoer for d in tovholdere] == ["ssp-og-ungeenheden"]
    assert "indkaldelse til møder og dagsorden" in flat(tovholdere[0].beskrivelse)
    # The three folkeskoler and the 10th-grade school.
    schools = {d.aktoer for d in kommissorium.deltagere if v(k.aktoerer[d.aktoer]).type == "skole"}
    assert {aktoer_navn(k, s) for s in schools} == {
        "Brøndby Strand Skole",
        "Nørregårdsskolen",
        "Brøndbyvester Skole",
        "Brøndby Kommunes 10. klasseskole (UCN)",
    }
    assert "SFO og skoleklubber" in flat(by_actor["broendby-strand-skole"].beskrivelse)
    assert "klubtilbud" in flat(by_actor["klubtilbud"].beskrivelse)
    assert "Skolesagsbehandlere" in flat(by_actor["boern-unge-og-familie"].beskrivelse)
    assert "UU-vejlederne" in flat(by_actor["uu-vejledning"].beskrivelse)
    assert "kontaktnetværket" in flat(by_actor["unge-og-familie-teamet"].beskrivelse)
    assert "områdekontor" in flat(by_actor["politiets-broendby-omraadekontor"].beskrivelse)


def test_kommissorium_preparation(kommissorium):
    f = kommissorium.forberedelse
    assert f.varsel_dage == 30
    assert f.dagsorden_udsendes is True
    assert f.emner_fra_deltagere is True
    assert f.emnebank is True
    assert "ca. en måneds varsel" in flat(f.beskrivelse)


def test_kommissorium_cadence_monthly_and_four_joint_meetings(kommissorium):
    assert (kommissorium.moedefrekvens.gange, kommissorium.moedefrekvens.per) == (1, "maaned")
    assert "tirsdage" in flat(kommissorium.moedefrekvens.bemaerkning)
    joint = kommissorium.faellesmoeder
    assert joint.forum == "ssp-netvaerk"
    assert (joint.moedefrekvens.gange, joint.moedefrekvens.per) == (4, "aar")
    assert "relationsskabende" in flat(joint.formaal) and "eksterne oplægsholdere" in flat(joint.formaal)


def test_kommissorium_agenda_template(kommissorium):
    got = [(p.nummer, p.titel, list(p.spoergsmaal)) for p in kommissorium.dagsordensskabelon]
    assert got == SEED_TEMPLATE


def test_kommissorium_not_an_acting_forum_and_who_can_be_invited(k, kommissorium):
    assert kommissorium.handlende_forum is False
    assert "ikke som handlende fora" in flat(kommissorium.handlemuligheder)
    invited = {i.aktoer: i.anledning for i in kommissorium.kan_invitere}
    assert invited == {
        "bcb": "i forhold til rusmidler",
        "rum": "i forhold til deres tilbud",
        "boligsociale-medarbejdere": "i forhold til kortlægning",
    }
    assert v(k.aktoerer["bcb"]).forkortelse == "BCB"
    assert "overordnet niveau" in flat(kommissorium.enkeltsager)
    for phrase in ("proaktive niveau", "reaktive niveau", "kortlægning af tendenser", "ungesamtaler", "sociale medier"):
        assert phrase in flat(kommissorium.moedeindhold)


def test_three_networks_with_districts_schools_and_weekdays(k):
    parent = v(k.fora["ssp-netvaerk"])
    assert parent.type == "netvaerksforum"
    assert parent.kommissorium == "kommissorium-ssp-netvaerk"
    children = {fid for fid, f in k.fora.items() if v(f).overordnet == "ssp-netvaerk"}
    assert children == set(NETWORKS)
    for forum_id, (distrikt, school, ugedag) in NETWORKS.items():
        forum = v(k.fora[forum_id])
        assert forum.type == "netvaerk"
        assert forum.distrikt == distrikt
        assert [aktoer_navn(k, s) for s in forum.skoler] == [school]
        assert (forum.moedefrekvens.gange, forum.moedefrekvens.per) == (1, "maaned")
        assert forum.moedefrekvens.ugedag == ugedag
        assert forum.kommissorium == "kommissorium-ssp-netvaerk"
    assert "varierer" in v(k.fora["ssp-netvaerk-oester"]).moedefrekvens.bemaerkning


# -------------------------------------------------------------------------------- the plan


def test_plan_period_and_introduction(plan):
    assert (plan.periode_fra, plan.periode_til) == (2022, 2026)
    for phrase in (
        "trygt sted at bo og vokse op",
        "ekstra årsværk",
        "strategi Brøndby 2030",
        "Ungehuset",
        "Retsplejelovens §115",
        "Fælles Ramme for SSP-samarbejdet",
    ):
        assert phrase in flat(plan.indledning)
    assert "sociale pensum" in flat(plan.indledning)


def test_plan_three_political_goals(plan):
    assert {m.id: m.titel for m in plan.politiske_maal} == GOALS
    texts = {m.id: m.beskrivelse for m in plan.politiske_maal}
    assert "oplevede tryghed" in texts["oplevet-tryghed"]
    assert "risikoadfærd blandt børn og unge forebygges" in texts["risikoadfaerd-og-trivsel"]
    assert "fortsat være faldende" in texts["forebyggelse-af-ungdomskriminalitet"]


def test_plan_three_prevention_levels(plan):
    levels = {n.id: n for n in plan.forebyggelsesniveauer}
    assert list(levels) == ["opbyggende", "forebyggende", "kriminalitetsforebyggende"]
    assert levels["opbyggende"].indsatstype == "proaktive indsatser"
    assert levels["forebyggende"].indsatstype == "tidligt reaktive indsatser"
    assert levels["kriminalitetsforebyggende"].indsatstype == "reaktive indsatser"
    assert "forebyggelsestrekant" in flat(plan.niveau_indledning)
    # Del 2 texts per level.
    assert "social kapital" in flat(levels["opbyggende"].beskrivelse)
    assert "opsøgende" in flat(levels["forebyggende"].beskrivelse)
    assert "rekruttering til organiseret kriminalitet" in flat(levels["kriminalitetsforebyggende"].beskrivelse)


def test_plan_methods_snap_and_loeft(plan):
    methods = {m.id: m for m in plan.metoder}
    assert set(methods) == {"snap", "loeft"}
    assert "SNAP" in methods["snap"].navn
    assert methods["snap"].kilde == "https://dkr.dk/media/7316/fra-barndommens-gade-til-cyberspace-web.pdf"
    assert methods["loeft"].forkortelse == "LØFT"
    assert methods["loeft"].navn == "Den løsningsfokuserede tilgang"
    assert "360 graders" in flat(plan.metode_indledning)


def test_plan_evaluation_procedure_and_survey(k, plan):
    assert plan.evalueres_aar == 2025
    assert "Akutgruppen" in flat(plan.evaluering) and "SSP-koordinationsgruppen" in plan.evaluering
    assert "SSP-plan 2026-2030" in flat(plan.evaluering)
    (survey,) = plan.undersoegelser
    assert survey.navn == "Ungeprofilundersøgelsen" and survey.hyppighed == "hvert andet år"
    documents = {d.id: d.url for d in v(k.kommune).dokumenter}
    assert documents["retsplejeloven-115"] == "https://danskelove.dk/retsplejeloven/115"
    assert documents["faelles-ramme-ssp"].endswith("20-ny-og-faelles-ramme-for-ssp-samarbejdet.pdf")
    assert documents["ungeprofilen"] == "https://www.ungeprofilen.dk/Public/Information.aspx"
    assert set(plan.kilder) >= {"retsplejeloven-115", "faelles-ramme-ssp", "ungeprofilen"}


def test_plan_other_focus_areas_and_part_two(plan):
    sections = {a.id: a for a in plan.afsnit}
    assert sections["andre-fokusomraader"].titel == "Andre fokusområder"
    assert "gadebelysning" in flat(sections["andre-fokusomraader"].tekst)
    assert "Del 2" in flat(sections["del-2-handleplan"].titel)
    assert "Børn, Kultur og Idræt" in flat(plan.organisering)
    for name in ("BCB", "boligselskaberne", "TUBA", "anbringelsessteder"):
        assert name in flat(plan.organisering)


def test_plan_initiatives_match_the_evaluation_table(plan):
    by_name = {i.navn: i for i in plan.indsatser}
    assert len(plan.indsatser) == 8
    for goal, names in EVALUATION_TABLE.items():
        for name in names:
            assert goal in by_name[name].politiske_maal
    assert set(by_name["Proaktive indsatser i skolen"].politiske_maal) == {
        "risikoadfaerd-og-trivsel",
        "forebyggelse-af-ungdomskriminalitet",
    }
    assert by_name["Det sociale pensum"].pensum == "det-sociale-pensum"


def test_plan_fora(k):
    fora = {fid: v(f) for fid, f in k.fora.items()}
    assert fora["kredsraadet"].niveau == "strategisk"
    assert fora["kredsraadet"].deles_med == ["De 11 kommuner i Københavns Vestegns Politikreds"]
    assert "Politidirektør" in {d.rolle for d in fora["kredsraadet"].sammensaetning}
    assert fora["lokalraadet"].niveau == "operationelt"
    assert {d.aktoer for d in fora["lokalraadet"].sammensaetning} >= {
        "boerne-kultur-og-idraetsforvaltningen",
        "social-og-sundhedsforvaltningen",
        "teknik-og-miljoeforvaltningen",
    }
    assert fora["ssp-udvalget"].niveau == "politisk"
    efter_behov = {d.rolle for d in fora["ssp-udvalget"].sammensaetning if d.deltagelse == "efter behov"}
    assert "Borgmester" in efter_behov
    koord = fora["ssp-koordinationsgruppen"]
    assert koord.niveau == "koordinerende" and koord.aarligt_arrangement == "Det årlige SSP-seminar"
    assert {d.aktoer for d in koord.sammensaetning} == {
        "boern-unge-og-familie",
        "skoleomraadet",
        "ungdomsskolen",
        "ssp-og-ungeenheden",
    }
    akut = fora["akutgruppen"]
    assert akut.type == "akutgruppe"
    assert (akut.moedefrekvens.gange, akut.moedefrekvens.per) == (1, "uge")
    ungehuset = [d for d in akut.sammensaetning if d.aktoer == "ungehuset"]
    assert ungehuset and "hver 14. dag" in flat(ungehuset[0].beskrivelse) and "over 18" in flat(ungehuset[0].beskrivelse)
    assert "PSPK" in flat(akut.beskrivelse)
    assert "Kriminalforsorg" in flat(fora["pspk-samarbejdet"].beskrivelse)
    assert {d.aktoer for d in fora["infohus-vestegnen"].sammensaetning} >= {"pet", "kriminalforsorgen", "ncfe"}
    assert {d.aktoer for d in fora["infohus-kommune"].sammensaetning} == {"boern-unge-og-familie", "ungehuset"}
    # Monthly in the districts, across four times a year: the plan says three, the kommissorium
    # for the networks (which sets their meetings, and the 2026 meetings held) says four.
    joint = fora["ssp-netvaerk"].moedefrekvens
    assert (joint.gange, joint.per) == (4, "aar")
    assert "fire gange om året" in flat(fora["ssp-netvaerk"].beskrivelse)


def test_akutgruppe_is_kun_metadata_and_its_meetings_have_no_text(k):
    types = {t.id: t for t in k.vokabular.forumtyper}
    assert types["akutgruppe"].kun_metadata is True
    meetings = [v(m) for m in k.moeder.values() if v(m).forum == "akutgruppen"]
    assert len(meetings) >= 3
    for m in meetings:
        assert not m.dagsorden and m.oplaeg is None and not m.nye_emner and m.sted is None
        if m.status == "afholdt":
            assert m.antal_sager is not None


# ------------------------------------------------------------------------- the curriculum


def test_curriculum_topics_and_grade_bands(pensum):
    assert pensum.plan == "ssp-plan-2022-2026"
    emner = {e.id: e for e in pensum.emner}
    assert set(emner) == {"faellesskaber", "konflikter", "digitale-kompetencer", "risikoadfaerd"}
    assert "grænsesætning" in flat(emner["faellesskaber"].overordnet_maal)
    assert "håndtere konflikter" in flat(emner["konflikter"].overordnet_maal)
    assert "digitale enheder og platforme" in flat(emner["digitale-kompetencer"].overordnet_maal)
    assert "hensigtsmæssige beslutninger" in flat(emner["risikoadfaerd"].overordnet_maal)
    trin = {t.id: (t.navn, t.klassetrin_fra, t.klassetrin_til) for t in pensum.trin}
    assert trin == {
        "indskoling": ("Indskoling og SFO", 0, 3),
        "mellemtrin": ("Mellemtrin og SFO/klub", 4, 6),
        "udskoling": ("Udskoling og klub", 7, 9),
        "tiende-klasse": ("10. klasse", 10, 10),
    }


def test_curriculum_objectives_for_every_topic_and_band_and_the_tenth_grade(pensum):
    pairs = {(m.emne, m.trin) for m in pensum.laeringsmaal if m.emne}
    for emne in ("faellesskaber", "konflikter", "digitale-kompetencer", "risikoadfaerd"):
        for trin in ("indskoling", "mellemtrin", "udskoling"):
            assert (emne, trin) in pairs
    tenth = [m for m in pensum.laeringsmaal if m.trin == "tiende-klasse" and m.emne is None]
    assert len(tenth) == 1
    assert "overgangen fra folkeskole til 10. klasse" in flat(tenth[0].tekst)
    assert "ungdomsuddannelse" in flat(tenth[0].tekst)


def test_curriculum_every_grade_has_a_mandatory_initiative(pensum):
    assert pensum.mindst_pr_klassetrin == 1 and (pensum.daekning_fra, pensum.daekning_til) == (0, 9)
    for grade in range(10):
        assert any(f.status == "obligatorisk" and grade in f.klassetrin for f in pensum.forloeb), grade
    assert any(f.status == "anbefalet" for f in pensum.forloeb)
    assert "minimum én indsats pr. klassetrin" in flat(pensum.beskrivelse)
    assert "spørgeskema" in flat(pensum.evaluering)
    for who in ("SSP og Ungeenheden", "SSP-lærere", "SFO-pædagoger", "klasselærere", "politiet"):
        assert who in flat(pensum.varetages_af)


# ------------------------------------------------------------------------- the evaluation


def test_evaluation_2025_has_the_nine_rows_filled_in(k, plan):
    evaluering = v(k.evalueringer["2025"])
    assert evaluering.aar == 2025 and evaluering.plan == plan.id
    names = {i.id: i.navn for i in plan.indsatser}
    rows = [(r.politisk_maal, names[r.indsats]) for r in evaluering.raekker]
    expected = [(goal, name) for goal, items in EVALUATION_TABLE.items() for name in items]
    assert rows == expected
    for r in evaluering.raekker:
        assert r.fungerer and r.fungerer_ikke and r.skal_ske
    proactive = [r.politisk_maal for r in evaluering.raekker if r.indsats == "proaktive-indsatser-i-skolen"]
    assert proactive == ["risikoadfaerd-og-trivsel", "forebyggelse-af-ungdomskriminalitet"]
    assert evaluering.synlighed == "intern"


# ------------------------------------------------------------------------------ meetings


def test_meetings_monthly_per_network_and_four_joint_meetings(k, kommissorium):
    meetings = [v(m) for m in k.moeder.values()]
    for forum_id, (_, _, ugedag) in NETWORKS.items():
        own = [m for m in meetings if m.forum == forum_id and m.dato.year == 2026]
        months = sorted(m.dato.month for m in own)
        assert months == [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12], forum_id
        weekdays = {m.dato.weekday() for m in own}
        if ugedag == "tirsdag":
            assert weekdays == {1}, forum_id
        else:
            assert len(weekdays) > 1, forum_id
    joint = [m for m in meetings if m.forum == "ssp-netvaerk"]
    assert len(joint) == kommissorium.faellesmoeder.moedefrekvens.gange == 4
    assert {m.type for m in joint} == {"faellesmoede"}


def test_meeting_records_follow_template_and_stay_overall(k):
    template = [(n, t, q) for n, t, q in SEED_TEMPLATE]
    emnebank = {e.id for e in v(k.emnebank).emner}
    tendenser = {t.id for t in k.vokabular.tendenser}
    cutoff = date(2026, 11, 25)
    for mid, located in k.moeder.items():
        m = v(located)
        assert m.synlighed == "intern"
        if m.forum == "akutgruppen":
            continue
        assert [(p.nummer, p.titel, list(p.spoergsmaal)) for p in m.dagsorden] == template, mid
        assert m.indkaldt is not None and 30 <= (m.dato - m.indkaldt).days <= 35, mid
        assert m.status == ("afholdt" if m.dato < cutoff else "planlagt"), mid
        assert set(m.nye_emner) <= emnebank
        if m.status == "afholdt":
            assert all(p.noter for p in m.dagsorden), mid
            trends = [t for p in m.dagsorden for t in p.tendenser]
            assert trends and set(trends) <= tendenser, mid
            follow = [o for p in m.dagsorden for o in p.opfoelgning]
            assert follow and all(o.ansvarlig in k.aktoerer and o.frist for o in follow), mid
        else:
            assert not any(p.noter or p.tendenser for p in m.dagsorden), mid
        for p in m.dagsorden:
            for text in (p.noter or "", p.beskrivelse or "", *p.beslutninger):
                assert not PHONE_OR_EMAIL.search(text), mid


def test_trend_map_varies_by_district_and_month(k):
    by_district: dict[str, set[str]] = {}
    by_month: dict[int, set[str]] = {}
    for located in k.moeder.values():
        m = v(located)
        if m.forum not in NETWORKS:
            continue
        trends = {t for p in m.dagsorden for t in p.tendenser}
        by_district.setdefault(m.forum, set()).update(trends)
        if trends:
            by_month.setdefault(m.dato.month, set()).update(trends)
    assert all(len(trends) >= 6 for trends in by_district.values())
    assert len({frozenset(t) for t in by_district.values()}) == 3
    assert len(by_month) >= 9


# ----------------------------------------------------------------------- the public page


def test_kommune_facts(k):
    kommune = v(k.kommune)
    assert kommune.slug == "brondby" and kommune.navn == "Brøndby Kommune"
    assert kommune.politikreds == "Københavns Vestegns Politi"
    assert kommune.koordinerende_enhed == "ssp-og-ungeenheden"
    assert aktoer_navn(k, "ssp-og-ungeenheden") == "SSP og Ungeenheden"
    assert kommune.forankring == "Børn, Kultur og Idræt"
    assert (kommune.maalgruppe.klassetrin_fra, kommune.maalgruppe.klassetrin_til) == (0, 10)
    assert kommune.tilgaengelighedserklaering.startswith("https://")


def test_public_page_front_matter_and_sections(k):
    page = v(k.sider["saadan-arbejder-vi"])
    assert page.side.titel == "Sådan arbejder vi"
    assert page.side.synlighed == "offentlig"
    # The text was revised when the stale «by summer 2022» promises became links, and it carries
    # a review-by date so it does not go stale again unnoticed.
    assert page.side.opdateret is not None and page.side.opdateret >= date(2026, 1, 1)
    assert page.side.gennemgaas_senest is not None and page.side.gennemgaas_senest > page.side.opdateret
    assert page.side.forfatter == "Brøndby Kommune"
    headings = [line.lstrip("#").strip() for line in page.body.splitlines() if line.startswith("#")]
    assert headings == PUBLIC_PAGE_HEADINGS
    body = page.body
    for phrase in ("Retsplejelovens §115", "Børn, Kultur og Idræt", "opsøgende arbejde på gadeplan"):
        assert phrase in flat(body)
    assert "2022" not in flat(body).replace("2022-2026", "")  # no promise for a past summer
    for shortcode in (
        "[[kontakter: radikalisering]]",
        "[[kontakter: kontakt]]",
        "[[dokument: ssp-plan-pdf]]",
        "[[dokument: beredskabsplan-pdf]]",
        "[[plan: ssp-plan-2022-2026]]",
        "[[pensum: det-sociale-pensum]]",
    ):
        assert shortcode in body.splitlines()
    assert not PHONE_OR_EMAIL.search(body)


def test_public_page_contacts_with_their_phones(k):
    kontakter = {c.navn: c for c in v(k.kommune).kontakter}
    assert set(kontakter) == {"Katrine Reumert", "Dina Hvass", "Jens Ansbjerg"}
    assert kontakter["Katrine Reumert"].titel == "SSP-koordinator"
    assert kontakter["Katrine Reumert"].telefon == ["21278974"]
    assert kontakter["Katrine Reumert"].email == "katre@brondby.dk"
    assert kontakter["Dina Hvass"].titel == "Sagsbehandler"
    assert kontakter["Dina Hvass"].telefon == ["4328 2481"]
    assert kontakter["Dina Hvass"].email == "dhv@brondby.dk"
    assert kontakter["Jens Ansbjerg"].telefon == ["4328 2815", "2169 5930"]
    assert kontakter["Jens Ansbjerg"].email == "jan@brondby.dk"
    assert "Fagchef" in kontakter["Jens Ansbjerg"].titel
    for name in ("Katrine Reumert", "Dina Hvass"):
        assert kontakter[name].emner == ["radikalisering"]
    assert kontakter["Jens Ansbjerg"].emner == ["kontakt"]
    assert all(c.synlighed == "offentlig" for c in kontakter.values())
    documents = {d.id: d for d in v(k.kommune).dokumenter}
    for doc_id in ("ssp-plan-pdf", "beredskabsplan-pdf"):
        assert documents[doc_id].url.startswith("https://www.brondby.dk/")
        assert documents[doc_id].synlighed == "offentlig"


def test_visibility_public_where_the_public_pages_show_it(k):
    for kind in ("fora", "aktoerer", "kommissorier", "planer", "pensum"):
        assert all(v(x).synlighed == "offentlig" for x in getattr(k, kind).values()), kind
    assert all(v(x).synlighed == "intern" for x in k.moeder.values())
    assert v(k.evalueringer["2025"]).synlighed == "intern"
