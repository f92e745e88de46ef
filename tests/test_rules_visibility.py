"""visibility.py and shortcodes.py: public content may not depend on intranet-only content."""

import pytest

from rules_helpers import C, D, Kommune, expect, with_code
from sspgen.validate.rules.shortcodes import find_shortcodes

CODE = "synlighed.offentlig-afhaenger-af-intern"
SIDE = f"{C}/saadan-arbejder-vi.md"
FORUM = f"{D}/fora/netvaerk-oester.yaml"
KOMMUNE = f"{D}/kommune.yaml"
MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
PLAN = f"{D}/planer/ssp-plan.yaml"
PENSUM = f"{D}/pensum/det-sociale-pensum.yaml"


def _intern(k, path):
    """Make the entity in ``path`` intranet-only."""
    return k.edit(path, "synlighed: offentlig\n", "")


def test_public_page_listing_an_intern_forum(tmp_path):
    k = _intern(Kommune(tmp_path), FORUM)
    result = k.check()
    d = expect(result, CODE, SIDE, k.where(SIDE, "netvaerk-oester"), severity="fejl")
    assert "forummet «netvaerk-oester», som er internt" in d.message
    assert "data/testby/fora/netvaerk-oester.yaml" in d.message


def test_public_meeting_of_an_intern_forum(tmp_path):
    k = Kommune(tmp_path).put(f"{C}/saadan-arbejder-vi.md", None)
    _intern(k, FORUM)
    k.append(MOEDE, "synlighed: offentlig\n")
    expect(k.check(), CODE, MOEDE, k.where(MOEDE, "netvaerk-oester\n"))


def test_public_meeting_naming_intern_aktoerer(tmp_path):
    k = Kommune(tmp_path).append(MOEDE, "synlighed: offentlig\n")
    k.edit(MOEDE, "  - politiet\ndagsorden", "  - klubben\ndagsorden")
    k.edit(MOEDE, "ansvarlig: politiet", "ansvarlig: klubben")
    result = k.check()
    expect(result, CODE, MOEDE, k.where(MOEDE, "klubben\n"))
    line, column = k.where(MOEDE, "ansvarlig: klubben")
    expect(result, CODE, MOEDE, (line, column + len("ansvarlig: ")))


def test_public_forum_under_an_intern_forum(tmp_path):
    k = _intern(Kommune(tmp_path), f"{D}/fora/netvaerk.yaml")
    line, column = k.where(FORUM, "overordnet: netvaerk")
    expect(k.check(), CODE, FORUM, (line, column + len("overordnet: ")))


@pytest.mark.parametrize("aktoer", ["oester-skole", "politiet"])
def test_public_forum_with_intern_aktoerer(tmp_path, aktoer):
    k = _intern(Kommune(tmp_path), f"{D}/aktoerer/{aktoer}.yaml")
    line, column = k.where(FORUM, f"- {aktoer}" if aktoer == "oester-skole" else f"aktoer: {aktoer}")
    offset = 2 if aktoer == "oester-skole" else len("aktoer: ")
    d = expect(k.check(), CODE, FORUM, (line, column + offset))
    assert "Forummet «netvaerk-oester» er offentligt" in d.message
    assert f"aktøren «{aktoer}», som er intern " in d.message


def test_public_plan_with_intern_responsible_and_intern_source(tmp_path):
    k = _intern(Kommune(tmp_path), f"{D}/aktoerer/ssp-enheden.yaml")
    k.edit(PLAN, "  - ssp-plan-pdf", "  - intern-vejledning")
    result = k.check()
    expect(result, CODE, PLAN, k.where(PLAN, "      - ssp-enheden")[0])
    d = expect(result, CODE, PLAN, k.where(PLAN, "intern-vejledning"))
    assert "dokumentet «intern-vejledning»" in d.message
    assert "Planen «ssp-plan» er offentlig" in d.message


def test_public_plan_with_intern_pensum(tmp_path):
    k = _intern(Kommune(tmp_path), PENSUM)
    expect(k.check(), CODE, PLAN, k.where(PLAN, "det-sociale-pensum"))


def test_public_evaluation_of_an_intern_plan(tmp_path):
    k = _intern(Kommune(tmp_path), PLAN)
    k.edit(PENSUM, "plan: ssp-plan\n", "")
    path = f"{D}/evalueringer/2025.yaml"
    result = k.check()
    expect(result, CODE, path, k.where(path, "ssp-plan"))
    assert len(result.diagnostics) == 1, result.diagnostics


def test_public_pensum_with_intern_provider_and_intern_plan(tmp_path):
    k = _intern(Kommune(tmp_path), PLAN)
    k.edit(f"{D}/evalueringer/2025.yaml", "synlighed: offentlig\n", "")
    k.edit(PENSUM, "      - ssp-enheden", "      - klubben")
    result = k.check()
    expect(result, CODE, PENSUM, k.where(PENSUM, "ssp-plan"))
    expect(result, CODE, PENSUM, k.where(PENSUM, "klubben"))
    assert len(result.diagnostics) == 2, result.diagnostics


def test_public_kommissorium_for_an_intern_forum(tmp_path):
    path = f"{D}/kommissorier/netvaerk.yaml"
    k = Kommune(tmp_path).edit(path, "  - netvaerk-oester", "  - netvaerk-oester\n  - akutgruppe")
    d = expect(k.check(), CODE, path, k.where(path, "akutgruppe"))
    assert "Kommissoriet «netvaerk» er offentligt" in d.message


def test_public_function_description_of_an_intern_aktoer(tmp_path):
    path = f"{D}/funktionsbeskrivelser/ssp-konsulent.yaml"
    k = Kommune(tmp_path).edit(path, "aktoer: ssp-enheden", "aktoer: klubben")
    expect(k.check(), CODE, path, k.where(path, "klubben"))


def test_intern_entities_may_depend_on_anything(tmp_path):
    k = Kommune(tmp_path)
    for path in (SIDE, FORUM, f"{D}/fora/netvaerk.yaml", f"{D}/kommissorier/netvaerk.yaml"):
        _intern(k, path)
    k.edit(FORUM, "aktoer: politiet", "aktoer: klubben")
    assert k.check().diagnostics == []


# -- shortcodes on pages ----------------------------------------------------------------------


def test_shortcode_to_intern_contacts_on_a_public_page(tmp_path):
    k = Kommune(tmp_path).edit(KOMMUNE, "      - radikalisering\n    synlighed: offentlig\n", "      - radikalisering\n")
    d = expect(k.check(), CODE, SIDE, k.where(SIDE, "[[kontakter"), severity="fejl")
    assert "«ssp-koordinator»" in d.message


def test_shortcode_to_an_intern_document_on_a_public_page(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "[[dokument: ssp-plan-pdf]]", "[[dokument: intern-vejledning]]")
    expect(k.check(), CODE, SIDE, k.where(SIDE, "[[dokument"))


def test_shortcode_with_unknown_topic(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "[[kontakter: radikalisering]]", "  [[kontakter: radikalisring]]")
    d = expect(k.check(), "ref.ukendt-kontakt", SIDE, k.where(SIDE, "[[kontakter"), severity="fejl")
    assert "Mente du «radikalisering»?" in d.message


def test_shortcode_with_unknown_document(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "[[dokument: ssp-plan-pdf]]", "[[dokument: ssp-planen]]")
    expect(k.check(), "ref.ukendt-dokument", SIDE, k.where(SIDE, "[[dokument"), severity="fejl")


def test_shortcodes_are_resolved_on_intern_pages_too(tmp_path):
    k = _intern(Kommune(tmp_path), SIDE).edit(SIDE, "[[dokument: ssp-plan-pdf]]", "[[dokument: ssp-planen]]")
    result = k.check()
    expect(result, "ref.ukendt-dokument", SIDE, k.where(SIDE, "[[dokument"))
    assert with_code(result, CODE) == []


def test_unknown_shortcode_kind(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "[[dokument: ssp-plan-pdf]]", "[[kontakt: ssp-koordinator]]")
    expect(k.check(), "side.ukendt-kortkode", SIDE, k.where(SIDE, "[[kontakt:"))


def test_find_shortcodes_only_whole_paragraphs():
    body = (
        "Intro\n"
        "\n"
        "[[kontakter: radikalisering]]\n"
        "\n"
        "Tekst med [[dokument: inline]] inde i.\n"
        "Linje\n"
        "[[dokument: fortsaettelse]]\n"
        "\n"
        "```\n"
        "[[dokument: kode]]\n"
        "```\n"
        "## Overskrift\n"
        "   [[dokument:  ssp-plan-pdf ]]\n"
        "\n"
        "[[dokument: bliver-overskrift]]\n"
        "---\n"
        "\n"
        "[[noget: andet]]\n"
    )
    assert find_shortcodes(body) == [("kontakter", "radikalisering", 2, 1), ("dokument", "ssp-plan-pdf", 12, 4)]
    assert [s.kind for s in find_shortcodes(body, known_only=False)] == ["kontakter", "dokument", "noget"]
