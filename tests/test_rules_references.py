"""references.py and kommune.py: every reference field, cycles, duplicate ids, the slug."""

import pytest

from rules_helpers import C, D, Kommune, expect, with_code

FORUM = f"{D}/fora/netvaerk-oester.yaml"
KOMMISSORIUM = f"{D}/kommissorier/netvaerk.yaml"
PLAN = f"{D}/planer/ssp-plan.yaml"
PENSUM = f"{D}/pensum/det-sociale-pensum.yaml"
MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
EVALUERING = f"{D}/evalueringer/2025.yaml"
EMNEBANK = f"{D}/emnebank.yaml"
KOMMUNE = f"{D}/kommune.yaml"
SIDE = f"{C}/saadan-arbejder-vi.md"


# (file, old text, new text, the text to point at, code)
CASES = [
    (KOMMUNE, "koordinerende_enhed: ssp-enheden", "koordinerende_enhed: ssp-enhed", "ssp-enhed\n", "ref.ukendt-aktoer"),
    (f"{D}/aktoerer/klubben.yaml", "type: klub\n", "type: klub\ndel_af: kommunen\n", "kommunen", "ref.ukendt-aktoer"),
    (FORUM, "overordnet: netvaerk", "overordnet: netvaerket", "netvaerket", "ref.ukendt-forum"),
    (FORUM, "distrikt: Øster", "distrikt: Øster\nkommissorium: netvaerk-kommissorium", "netvaerk-kommissorium", "ref.ukendt-kommissorium"),
    (FORUM, "  - oester-skole", "  - vester-skole", "vester-skole", "ref.ukendt-aktoer"),
    (FORUM, "aktoer: politiet", "aktoer: politi", "politi\n", "ref.ukendt-aktoer"),
    (FORUM, "moedefrekvens:", "kan_invitere:\n  - navn: BCB\n    aktoer: bcb\nmoedefrekvens:", "bcb", "ref.ukendt-aktoer"),
    (
        FORUM,
        "moedefrekvens:",
        "formoede:\n  formaal: Dagsorden.\n  deltagere:\n    - rolle: Formand\n      aktoer: formanden\nmoedefrekvens:",
        "formanden",
        "ref.ukendt-aktoer",
    ),
    (KOMMISSORIUM, "  - netvaerk-oester", "  - netvaerk-oster", "netvaerk-oster", "ref.ukendt-forum"),
    (KOMMISSORIUM, "    aktoer: ssp-enheden", "    aktoer: ssp", "ssp\n", "ref.ukendt-aktoer"),
    (KOMMISSORIUM, "  forum: netvaerk\n", "  forum: faellesnetvaerk\n", "faellesnetvaerk", "ref.ukendt-forum"),
    (f"{D}/funktionsbeskrivelser/ssp-konsulent.yaml", "aktoer: ssp-enheden", "aktoer: ssp-team", "ssp-team", "ref.ukendt-aktoer"),
    (PLAN, "      - tryghed", "      - tryhged", "tryhged", "ref.ukendt-maal"),
    (PLAN, "    forebyggelsesniveau: opbyggende\n    ansvarlige", "    forebyggelsesniveau: reaktiv\n    ansvarlige", "reaktiv", "ref.ukendt-niveau"),
    (PLAN, "      - ssp-enheden", "      - ssp-enhed", "ssp-enhed\n", "ref.ukendt-aktoer"),
    (PLAN, "pensum: det-sociale-pensum", "pensum: pensummet", "pensummet", "ref.ukendt-pensum"),
    (PLAN, "  - ssp-plan-pdf", "  - ssp-plan-word", "ssp-plan-word", "ref.ukendt-dokument"),
    (EVALUERING, "plan: ssp-plan", "plan: ssp-plan-2022", "ssp-plan-2022", "ref.ukendt-plan"),
    (EVALUERING, "politisk_maal: tryghed", "politisk_maal: sikkerhed", "sikkerhed", "ref.ukendt-maal"),
    (EVALUERING, "indsats: gadeplan", "indsats: gadeplanen", "gadeplanen", "ref.ukendt-indsats"),
    (PENSUM, "plan: ssp-plan", "plan: plan", "plan\n", "ref.ukendt-plan"),
    (PENSUM, "  - emne: faellesskaber", "  - emne: faelleskab", "faelleskab", "ref.ukendt-emne"),
    (PENSUM, "    trin: indskoling", "    trin: indskolingen", "indskolingen", "ref.ukendt-trin"),
    (PENSUM, "      - faellesskaber\n    klassetrin: [4", "      - samvaer\n    klassetrin: [4", "samvaer", "ref.ukendt-emne"),
    (PENSUM, "      - ssp-enheden", "      - skolen", "skolen", "ref.ukendt-aktoer"),
    (MOEDE, "forum: netvaerk-oester", "forum: oestre", "oestre", "ref.ukendt-forum"),
    (MOEDE, "  - politiet\ndagsorden", "  - politi\ndagsorden", "politi\n", "ref.ukendt-aktoer"),
    (MOEDE, "ansvarlig: politiet", "ansvarlig: klubberne", "klubberne", "ref.ukendt-aktoer"),
    (MOEDE, "  - sociale-medier", "  - sociale-medie", "sociale-medie", "ref.ukendt-emnebank"),
    (EMNEBANK, "foreslaaet_af: politiet", "foreslaaet_af: polit", "polit", "ref.ukendt-aktoer"),
    (EMNEBANK, "      - netvaerk-oester", "      - netvaerk-vester", "netvaerk-vester", "ref.ukendt-forum"),
    (EMNEBANK, "      - 2025-01-14-oester", "      - 2025-01-15-oester", "2025-01-15-oester", "ref.ukendt-moede"),
    (SIDE, "  - netvaerk-oester", "  - netvaerk-nord", "netvaerk-nord", "ref.ukendt-forum"),
]


@pytest.mark.parametrize("path, old, new, needle, code", CASES, ids=[f"{c[4]}:{c[3].strip()}" for c in CASES])
def test_unknown_reference(tmp_path, path, old, new, needle, code):
    k = Kommune(tmp_path).edit(path, old, new)
    result = k.check()
    d = expect(result, code, path, k.where(path, needle), severity="fejl", contains=f"«{needle.strip()}»")
    assert len(result.errors) == 1, result.diagnostics
    assert "Ret id'et" in d.message


def test_unknown_reference_suggests_the_closest_id(tmp_path):
    k = Kommune(tmp_path).edit(FORUM, "overordnet: netvaerk", "overordnet: netvaerket")
    d = expect(k.check(), "ref.ukendt-forum", FORUM, k.where(FORUM, "netvaerket"))
    assert "Mente du «netvaerk»?" in d.message


def test_unknown_reference_lists_known_ids_when_nothing_is_close(tmp_path):
    k = Kommune(tmp_path).edit(FORUM, "aktoer: politiet", "aktoer: xyz")
    d = expect(k.check(), "ref.ukendt-aktoer", FORUM, k.where(FORUM, "xyz"))
    assert "Kendte aktører: «klubben», «oester-skole», «politiet», «ssp-enheden»." in d.message


def test_known_ids_are_capped_at_ten(tmp_path):
    k = Kommune(tmp_path)
    for n in range(12):
        k.put(f"{D}/aktoerer/skole-{n:02d}.yaml", f"id: skole-{n:02d}\nnavn: Skole {n}\ntype: skole\n")
    k.edit(FORUM, "aktoer: politiet", "aktoer: xyz")
    d = expect(k.check(), "ref.ukendt-aktoer", FORUM, k.where(FORUM, "xyz"))
    assert "… (og 6 flere)" in d.message


def test_school_of_a_network_must_be_a_school(tmp_path):
    k = Kommune(tmp_path).edit(FORUM, "  - oester-skole", "  - politiet")
    d = expect(k.check(), "ref.ikke-skole", FORUM, k.where(FORUM, "politiet"), severity="fejl")
    assert "«politi»" in d.message and "sammensaetning" in d.message


def test_forum_hierarchy_may_not_be_circular(tmp_path):
    k = Kommune(tmp_path).edit(f"{D}/fora/netvaerk.yaml", "formaal:", "overordnet: netvaerk-oester\nformaal:")
    result = k.check()
    path = f"{D}/fora/netvaerk.yaml"
    d = expect(result, "ref.cirkulaer", path, k.where(path, "netvaerk-oester"), severity="fejl")
    assert "«netvaerk» → «netvaerk-oester» → «netvaerk»" in d.message
    assert len(with_code(result, "ref.cirkulaer")) == 1


def test_forum_may_not_be_its_own_parent(tmp_path):
    k = Kommune(tmp_path).edit(FORUM, "overordnet: netvaerk", "overordnet: netvaerk-oester")
    line, column = k.where(FORUM, "overordnet: netvaerk-oester")
    expect(k.check(), "ref.cirkulaer", FORUM, (line, column + len("overordnet: ")))


def test_aktoer_hierarchy_may_not_be_circular(tmp_path):
    path = f"{D}/aktoerer/klubben.yaml"
    k = Kommune(tmp_path).edit(path, "type: klub\n", "type: klub\ndel_af: klubben\n")
    expect(k.check(), "ref.cirkulaer", path, k.where(path, "klubben", 2))


DUPLICATES = [
    (PLAN, "  - id: uddannelse", "  - id: tryghed", "id: tryghed", 2),
    (PLAN, "  - id: pensum-indsats", "  - id: gadeplan", "id: gadeplan", 2),
    (PENSUM, "  - id: udskoling", "  - id: mellemtrin", "id: mellemtrin", 2),
    (PENSUM, "  - id: foraeldremoede", "  - id: venskaber", "id: venskaber", 2),
    (KOMMUNE, "  - id: intern-vejledning", "  - id: ssp-plan-pdf", "id: ssp-plan-pdf", 2),
]


@pytest.mark.parametrize("path, old, new, needle, occurrence", DUPLICATES)
def test_duplicate_ids_in_one_file(tmp_path, path, old, new, needle, occurrence):
    k = Kommune(tmp_path).edit(path, old, new)
    line, column = k.where(path, needle, occurrence)
    d = expect(k.check(), "id.dublet", path, (line, column + len("id: ")), severity="fejl")
    assert f"første gang på linje {k.where(path, needle)[0]}" in d.message


def test_duplicate_ids_in_pensum_topics_and_contacts_and_emnebank(tmp_path):
    k = Kommune(tmp_path)
    k.append(PENSUM, "")
    k.edit(PENSUM, "emner:\n  - id: faellesskaber", "emner:\n  - id: trivsel\n    navn: T\n    overordnet_maal: M\n  - id: trivsel")
    k.edit(
        KOMMUNE,
        "dokumenter:",
        "  - id: ssp-koordinator\n    navn: Igen\n    emner: [radikalisering]\n    synlighed: offentlig\ndokumenter:",
    )
    k.append(EMNEBANK, "  - id: sociale-medier\n    titel: Igen\n")
    k.edit(MOEDE, "  - sociale-medier", "  - sociale-medier\n  - trivsel")  # unknown, but not a duplicate
    result = k.check()
    expect(result, "id.dublet", PENSUM, k.where(PENSUM, "trivsel", 2)[0])
    expect(result, "id.dublet", KOMMUNE, k.where(KOMMUNE, "ssp-koordinator", 2)[0])
    expect(result, "id.dublet", EMNEBANK, k.where(EMNEBANK, "sociale-medier", 2)[0])


def test_duplicate_vocabulary_value(tmp_path):
    path = f"{D}/vokabular.yaml"
    k = Kommune(tmp_path).append(path, "  - id: knallerter-i-parken\n    navn: Igen\n")
    expect(k.check(), "id.dublet", path, k.where(path, "knallerter-i-parken", 2))


def test_evaluation_row_pairs_goal_with_unrelated_initiative(tmp_path):
    k = Kommune(tmp_path).edit(EVALUERING, "politisk_maal: tryghed", "politisk_maal: uddannelse")
    d = expect(
        k.check(), "evaluering.indsats-ikke-under-maal", EVALUERING, k.where(EVALUERING, "gadeplan"), severity="advarsel"
    )
    assert "«tryghed»" in d.message


def test_slug_must_match_the_folder(tmp_path):
    k = Kommune(tmp_path).edit(KOMMUNE, "slug: testby", "slug: testbyen")
    d = expect(k.check(), "kommune.slug", KOMMUNE, k.where(KOMMUNE, "testbyen"), severity="fejl")
    assert "data/testby" in d.message
