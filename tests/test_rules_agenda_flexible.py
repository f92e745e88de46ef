"""agenda.py: optional and repeatable points, sub-points, template versions, inherited templates."""

from rules_helpers import D, Kommune, expect, with_code

MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
KOMMISSORIUM = f"{D}/kommissorier/netvaerk.yaml"
FORUM = f"{D}/fora/netvaerk-oester.yaml"

# A standard agenda with a varying number of theme points, an optional point and sub-points.
TEMPLATE = """dagsordensskabelon:
  - nummer: 1
    titel: Godkendelse af dagsorden
  - nummer: 2
    titel: Tendenser
    underpunkter:
      - nummer: 1
        titel: Skolerne
      - nummer: 2
        titel: Klubberne
  - nummer: 3
    titel: Tema
    gentages: ja
  - nummer: 4
    titel: Eventuelt
    valgfrit: ja
  - nummer: 5
    titel: Bekymringer
    enkeltsager: ja
"""

OLD_TEMPLATE = """dagsordensskabelon:
  - nummer: 1
    titel: Godkendelse af dagsorden
  - nummer: 2
    titel: Tendenser
    spoergsmaal:
      - Hvad rører sig i distriktet?
  - nummer: 3
    titel: Bekymringer
    enkeltsager: ja
"""

AGENDA = """dagsorden:
  - nummer: 1
    titel: Godkendelse af dagsorden
  - nummer: 2
    titel: Tendenser
    underpunkter:
      - nummer: 1
        titel: Skolerne
        noter: Roligt på skolerne.
      - nummer: 2
        titel: Klubberne
        noter: Flere unge i klubben om fredagen.
  - nummer: 3
    titel: "Tema: Sociale medier"
    noter: Oplæg om deling af billeder.
  - nummer: 4
    titel: Rusmidler blandt de ældste
    skabelonpunkt: 3
    noter: Drøftelse af rusmidler.
  - nummer: 5
    titel: Bekymringer
nye_emner:
"""


def _flexible(tmp_path) -> Kommune:
    k = Kommune(tmp_path).edit(KOMMISSORIUM, OLD_TEMPLATE, TEMPLATE)
    text = k.files[MOEDE]
    start, end = text.index("dagsorden:\n"), text.index("nye_emner:\n") + len("nye_emner:\n")
    k.files[MOEDE] = text[:start] + AGENDA + text[end:]
    return k


def test_minutes_that_follow_a_standard_agenda_with_varying_theme_points_give_no_diagnostic(tmp_path):
    assert _flexible(tmp_path).check().diagnostics == []


def test_an_optional_point_may_be_left_out_but_a_mandatory_one_may_not(tmp_path):
    k = _flexible(tmp_path).edit(MOEDE, "  - nummer: 1\n    titel: Godkendelse af dagsorden\n", "")
    d = expect(k.check(), "dagsorden.mangler-punkt", MOEDE, k.where(MOEDE, "dagsorden:"), severity="fejl")
    assert "«Godkendelse af dagsorden»" in d.message
    assert "Eventuelt" not in d.message
    assert len(with_code(k.check(), "dagsorden.mangler-punkt")) == 1


def test_a_repeatable_point_needs_at_least_one_point(tmp_path):
    k = _flexible(tmp_path)
    k.edit(MOEDE, '  - nummer: 3\n    titel: "Tema: Sociale medier"\n    noter: Oplæg om deling af billeder.\n', "")
    k.edit(MOEDE, "    skabelonpunkt: 3\n", "")
    result = k.check()
    d = expect(result, "dagsorden.mangler-punkt", MOEDE, k.where(MOEDE, "dagsorden:"))
    assert "«Tema»" in d.message
    expect(result, "dagsorden.ukendt-punkt", MOEDE, k.where(MOEDE, "Rusmidler blandt de ældste"))


def test_two_points_for_a_point_that_is_not_repeatable(tmp_path):
    k = _flexible(tmp_path).edit(MOEDE, '    titel: "Tema: Sociale medier"', '    titel: "Tendenser: Sociale medier"')
    result = k.check()
    d = expect(result, "dagsorden.gentaget-punkt", MOEDE, k.where(MOEDE, "Tendenser: Sociale medier")[0], severity="fejl")
    assert "«gentages: ja»" in d.message and "punktet 2 «Tendenser»" in d.message


def test_skabelonpunkt_with_a_number_the_template_lacks(tmp_path):
    k = _flexible(tmp_path).edit(MOEDE, "skabelonpunkt: 3", "skabelonpunkt: 8")
    d = expect(k.check(), "dagsorden.ukendt-skabelonpunkt", MOEDE, k.where(MOEDE, "8"), severity="fejl")
    assert "«skabelonpunkt: 8»" in d.message


def test_the_advice_with_a_repeatable_point_names_it_and_taken_literally_is_valid(tmp_path):
    k = _flexible(tmp_path).edit(MOEDE, "    skabelonpunkt: 3\n", "")
    d = expect(k.check(), "dagsorden.ukendt-punkt", MOEDE, k.where(MOEDE, "Rusmidler blandt de ældste"))
    assert "«skabelonpunkt: 3»" in d.message
    k.edit(MOEDE, "    noter: Drøftelse af rusmidler.\n", "    skabelonpunkt: 3\n    noter: Drøftelse af rusmidler.\n")
    assert k.check().diagnostics == []


def test_a_sub_point_with_a_wrong_title_and_a_missing_sub_point(tmp_path):
    k = _flexible(tmp_path).edit(MOEDE, "        titel: Klubberne\n", "        titel: Foreningerne\n")
    d = expect(k.check(), "dagsorden.forkert-titel", MOEDE, k.where(MOEDE, "Foreningerne"), severity="fejl")
    assert "Underpunkt 2 hedder «Klubberne» i underpunkterne til «Tendenser»" in d.message
    k.edit(MOEDE, "      - nummer: 2\n        titel: Foreningerne\n        noter: Flere unge i klubben om fredagen.\n", "")
    d = expect(k.check(), "dagsorden.mangler-punkt", MOEDE, k.where(MOEDE, "underpunkter:"), severity="fejl")
    assert "underpunkterne til «Tendenser»" in d.message and "«Klubberne»" in d.message


def test_duplicate_sub_point_numbers(tmp_path):
    k = _flexible(tmp_path).edit(MOEDE, "      - nummer: 2\n        titel: Klubberne", "      - nummer: 1\n        titel: Klubberne")
    expect(k.check(), "dagsorden.dublet-nummer", MOEDE, k.where(MOEDE, "nummer: 1", 3)[0], severity="fejl")


def test_sub_points_of_a_case_point_are_refused(tmp_path):
    k = _flexible(tmp_path).edit(
        MOEDE, "    titel: Bekymringer\n", "    titel: Bekymringer\n    underpunkter:\n      - nummer: 1\n        titel: En sag\n"
    )
    d = expect(k.check(), "privatliv.enkeltsag-tekst", MOEDE, k.where(MOEDE, "underpunkter:", 2)[0])
    assert "«underpunkter»" in d.message


# -- template versions -------------------------------------------------------------------------

VERSIONS = """dagsordensskabeloner:
  - id: foraar-2024
    gyldig_til: 2024-12-31
    punkter:
      - nummer: 1
        titel: Godkendelse af dagsorden
      - nummer: 2
        titel: Tendenser
      - nummer: 3
        titel: Bekymringer
        enkeltsager: ja
  - id: fra-2025
    gyldig_fra: 2025-01-01
    punkter:
      - nummer: 1
        titel: Velkomst
      - nummer: 2
        titel: Tendenser
      - nummer: 3
        titel: Bekymringer
        enkeltsager: ja
  - id: forslag-2026
    gyldig_fra: 2025-01-01
    forslag: ja
    punkter:
      - nummer: 1
        titel: Noget helt andet
"""


def _versions(tmp_path) -> Kommune:
    return Kommune(tmp_path).edit(KOMMISSORIUM, OLD_TEMPLATE, VERSIONS)


def test_a_meeting_is_checked_against_the_version_in_force_on_its_date(tmp_path):
    k = _versions(tmp_path)
    d = expect(k.check(), "dagsorden.forkert-titel", MOEDE, k.where(MOEDE, "Godkendelse af dagsorden"))
    assert "udgaven «fra-2025» af skabelonen (gælder fra 2025-01-01)" in d.message
    k.edit(MOEDE, "titel: Godkendelse af dagsorden", "titel: Velkomst")
    assert k.check().diagnostics == []
    # The same minutes dated in 2024 follow the older version.
    k.edit(MOEDE, "titel: Velkomst", "titel: Godkendelse af dagsorden").edit(MOEDE, "dato: 2025-01-14", "dato: 2024-12-14")
    k.edit(MOEDE, "indkaldt: 2024-12-12", "indkaldt: 2024-11-12").edit(MOEDE, "id: 2025-01-14-oester", "id: 2024-12-14-oester")
    k.files[f"{D}/moeder/2024-12-14-oester.yaml"] = k.files.pop(MOEDE)
    k.files[f"{D}/emnebank.yaml"] = k.files[f"{D}/emnebank.yaml"].replace("2025-01-14-oester", "2024-12-14-oester")
    assert k.check().diagnostics == []


def test_overlapping_template_versions(tmp_path):
    k = _versions(tmp_path).edit(KOMMISSORIUM, "gyldig_til: 2024-12-31", "gyldig_til: 2025-01-31")
    d = expect(k.check(), "skabelon.overlap", KOMMISSORIUM, k.where(KOMMISSORIUM, "2025-01-01"), severity="fejl")
    assert "«fra-2025»" in d.message and "«foraar-2024»" in d.message
    # A proposal overlaps everything and is never an error.
    assert len(with_code(k.check(), "skabelon.overlap")) == 1


def test_duplicate_version_id_and_duplicate_template_number(tmp_path):
    k = _versions(tmp_path).edit(KOMMISSORIUM, "id: forslag-2026", "id: fra-2025")
    k.edit(KOMMISSORIUM, "      - nummer: 1\n        titel: Velkomst", "      - nummer: 2\n        titel: Velkomst")
    result = k.check()
    expect(result, "skabelon.dublet-id", KOMMISSORIUM, k.where(KOMMISSORIUM, "fra-2025", 2), severity="fejl")
    d = expect(result, "skabelon.dublet-nummer", KOMMISSORIUM, k.where(KOMMISSORIUM, "nummer: 2", 3)[0], severity="fejl")
    assert "fx 4" in d.message


def test_a_version_that_ends_before_it_begins_is_a_schema_error(tmp_path):
    k = _versions(tmp_path).edit(KOMMISSORIUM, "gyldig_til: 2024-12-31", "gyldig_fra: 2025-02-01\n    gyldig_til: 2024-12-31")
    result = k.check()
    assert any(d.path == KOMMISSORIUM and "gyldig_til må ikke ligge før gyldig_fra" in d.message for d in result.errors)


def test_a_meeting_outside_every_version_is_not_checked(tmp_path):
    k = _versions(tmp_path).edit(KOMMISSORIUM, "gyldig_fra: 2025-01-01\n    punkter:\n      - nummer: 1\n        titel: Velkomst",
                                 "gyldig_fra: 2025-02-01\n    punkter:\n      - nummer: 1\n        titel: Velkomst")
    assert [d for d in k.check().diagnostics if d.code.startswith("dagsorden.")] == []


# -- inherited templates -----------------------------------------------------------------------


def test_an_inherited_template_says_where_it_comes_from(tmp_path):
    k = Kommune(tmp_path).edit(KOMMISSORIUM, "  - netvaerk-oester", "  - netvaerk")
    k.edit(MOEDE, "titel: Bekymringer", "titel: Eventuelt")
    d = expect(k.check(), "dagsorden.forkert-titel", MOEDE, k.where(MOEDE, "Eventuelt"))
    assert "skabelonen fra kommissoriet «netvaerk»" in d.message
    assert "for det overordnede forum «" in d.message
    assert "har ikke sit eget kommissorium" in d.message and "fora/netvaerk-oester.yaml" in d.message


def test_the_advice_for_an_unknown_sub_point_taken_literally_gives_a_valid_file(tmp_path):
    k = _flexible(tmp_path).edit(
        MOEDE, "        noter: Flere unge i klubben om fredagen.\n",
        "        noter: Flere unge i klubben om fredagen.\n      - nummer: 3\n        titel: Foreningerne\n",
    )
    d = expect(k.check(), "dagsorden.ukendt-punkt", MOEDE, k.where(MOEDE, "Foreningerne"), severity="fejl")
    assert "under skabelonpunktets «underpunkter» med «nummer: 3», «titel: Foreningerne» og «valgfrit: ja»" in d.message
    k.edit(KOMMISSORIUM, "        titel: Klubberne\n", "        titel: Klubberne\n      - nummer: 3\n        titel: Foreningerne\n        valgfrit: ja\n")
    assert k.check().diagnostics == []
