"""agenda.py: a meeting's agenda follows its forum's template."""

from rules_helpers import D, Kommune, expect, with_code

MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
KOMMISSORIUM = f"{D}/kommissorier/netvaerk.yaml"
FORUM = f"{D}/fora/netvaerk-oester.yaml"

POINT_1 = "  - nummer: 1\n    titel: Godkendelse af dagsorden\n"


def test_wrong_title_for_a_number(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "titel: Godkendelse af dagsorden", "titel: Godkendelse af referat")
    line, column = k.where(MOEDE, "Godkendelse af referat")
    d = expect(k.check(), "dagsorden.forkert-titel", MOEDE, (line, column), severity="fejl")
    assert "«Godkendelse af dagsorden»" in d.message and "«Godkendelse af referat»" in d.message
    assert KOMMISSORIUM in d.message


def test_title_may_differ_in_case_and_spacing_and_be_specified_after_a_colon(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "titel: Godkendelse af dagsorden", "titel: godkendelse  af Dagsorden")
    assert k.check().diagnostics == []


def test_point_not_in_template(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "nye_emner:", "  - nummer: 4\n    titel: Eventuelt\nnye_emner:")
    d = expect(k.check(), "dagsorden.ukendt-punkt", MOEDE, k.where(MOEDE, "Eventuelt"), severity="fejl")
    assert "1. «Godkendelse af dagsorden», 2. «Tendenser», 3. «Bekymringer»" in d.message


def test_the_advice_for_a_point_not_in_the_template_taken_literally_gives_a_valid_file(tmp_path):
    """The advice names a template number that is free (here 4), not one already used."""
    k = Kommune(tmp_path).edit(MOEDE, "nye_emner:", "  - nummer: 4\n    titel: Eventuelt\nnye_emner:")
    d = expect(k.check(), "dagsorden.ukendt-punkt", MOEDE, k.where(MOEDE, "Eventuelt"))
    assert "«nummer: 4», «titel: Eventuelt» og «valgfrit: ja»" in d.message, d.message
    k.edit(KOMMISSORIUM, "    enkeltsager: ja\n", "    enkeltsager: ja\n  - nummer: 4\n    titel: Eventuelt\n    valgfrit: ja\n")
    assert k.check().diagnostics == []


def test_the_advice_for_two_points_not_in_the_template_gives_each_its_own_number(tmp_path):
    k = Kommune(tmp_path).edit(
        MOEDE, "nye_emner:", "  - nummer: 4\n    titel: Eventuelt\n  - nummer: 5\n    titel: Næste møde\nnye_emner:"
    )
    result = k.check()
    first = expect(result, "dagsorden.ukendt-punkt", MOEDE, k.where(MOEDE, "Eventuelt"))
    second = expect(result, "dagsorden.ukendt-punkt", MOEDE, k.where(MOEDE, "Næste møde"))
    assert "«nummer: 4»" in first.message and "«nummer: 5»" in second.message
    k.edit(KOMMISSORIUM, "    enkeltsager: ja\n", "    enkeltsager: ja\n  - nummer: 4\n    titel: Eventuelt\n"
           "    valgfrit: ja\n  - nummer: 5\n    titel: Næste møde\n    valgfrit: ja\n")
    assert k.check().diagnostics == []


def test_a_misspelt_title_is_advised_to_the_free_template_title_and_that_is_valid(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "  - nummer: 3\n    titel: Bekymringer", "  - nummer: 9\n    titel: Bekymringerne")
    d = expect(k.check(), "dagsorden.ukendt-punkt", MOEDE, k.where(MOEDE, "Bekymringerne"))
    assert "ret titlen til «Bekymringer»" in d.message
    k.edit(MOEDE, "titel: Bekymringerne", "titel: Bekymringer")
    assert k.check().diagnostics == []


def test_a_meeting_point_follows_the_template_point_by_its_title_whatever_its_number(tmp_path):
    """Meeting numbers are the meeting's own order: a point numbered 7 titled as template
    point 1 follows point 1, and nothing tells the writer to renumber into a duplicate."""
    k = Kommune(tmp_path).edit(MOEDE, "  - nummer: 1\n", "  - nummer: 7\n")
    assert k.check().diagnostics == []


def test_missing_point_is_an_error_for_a_held_meeting(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, POINT_1, "")
    d = expect(k.check(), "dagsorden.mangler-punkt", MOEDE, k.where(MOEDE, "dagsorden:"), severity="fejl")
    assert "punkt 1 «Godkendelse af dagsorden»" in d.message


def test_missing_point_is_a_warning_for_a_planned_meeting(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, POINT_1, "").edit(MOEDE, "status: afholdt", "status: planlagt")
    expect(k.check(), "dagsorden.mangler-punkt", MOEDE, k.where(MOEDE, "dagsorden:"), severity="advarsel")


def test_planned_meeting_without_agenda_gets_one_warning(tmp_path):
    k = Kommune(tmp_path).put(
        MOEDE,
        """
        id: 2025-01-14-oester
        forum: netvaerk-oester
        type: netvaerksmoede
        dato: 2025-01-14
        status: planlagt
        """,
    )
    result = k.check()
    d = expect(result, "dagsorden.mangler-punkt", MOEDE, (1, 1), severity="advarsel")
    assert "ingen dagsorden" in d.message
    assert len(with_code(result, "dagsorden.mangler-punkt")) == 1


def test_cancelled_meeting_may_have_an_empty_agenda(tmp_path):
    k = Kommune(tmp_path).put(
        MOEDE,
        """
        id: 2025-01-14-oester
        forum: netvaerk-oester
        type: netvaerksmoede
        dato: 2025-01-14
        status: aflyst
        """,
    )
    assert k.check().diagnostics == []


def test_duplicate_point_number(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "  - nummer: 3\n", "  - nummer: 2\n")
    result = k.check()
    line, _ = k.where(MOEDE, "nummer: 2", 2)
    expect(result, "dagsorden.dublet-nummer", MOEDE, (line, 13), severity="fejl")


def test_sub_network_inherits_the_template_of_its_parent(tmp_path):
    k = Kommune(tmp_path).edit(KOMMISSORIUM, "  - netvaerk-oester", "  - netvaerk")
    k.edit(MOEDE, "titel: Bekymringer", "titel: Eventuelt")
    expect(k.check(), "dagsorden.forkert-titel", MOEDE, k.where(MOEDE, "Eventuelt"))


def test_forum_kommissorium_field_gives_the_template(tmp_path):
    k = Kommune(tmp_path).edit(KOMMISSORIUM, "  - netvaerk-oester", "  - netvaerk")
    k.edit(f"{D}/fora/netvaerk.yaml", "formaal:", "kommissorium: netvaerk\nformaal:")
    k.edit(FORUM, "overordnet: netvaerk\n", "").edit(FORUM, "distrikt:", "kommissorium: netvaerk\ndistrikt:")
    k.edit(MOEDE, "titel: Bekymringer", "titel: Eventuelt")
    expect(k.check(), "dagsorden.forkert-titel", MOEDE, k.where(MOEDE, "Eventuelt"))


def test_forum_without_template_is_not_checked(tmp_path):
    k = Kommune(tmp_path).edit(KOMMISSORIUM, "  - netvaerk-oester", "  - akutgruppe")
    k.edit(MOEDE, "titel: Bekymringer", "titel: Eventuelt")
    result = k.check()
    assert [d for d in result.diagnostics if d.code.startswith("dagsorden.")] == []
