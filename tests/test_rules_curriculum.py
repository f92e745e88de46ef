"""curriculum.py: every grade has its mandatory initiatives; grade bands do not overlap."""

from rules_helpers import D, Kommune, expect, with_code

PENSUM = f"{D}/pensum/det-sociale-pensum.yaml"


def test_grade_without_mandatory_initiative_is_one_warning_per_grade(tmp_path):
    k = Kommune(tmp_path).edit(PENSUM, "klassetrin: [4, 5, 6]", "klassetrin: [4]")
    result = k.check()
    found = with_code(result, "pensum.daekning")
    assert [d.severity.value for d in found] == ["advarsel", "advarsel"]
    assert all((d.path, d.line, d.column) == (PENSUM, *k.where(PENSUM, "forloeb:")) for d in found)
    messages = sorted(d.message for d in found)
    assert messages[0].startswith("5. klasse har 0 obligatoriske forløb")
    assert "«foraeldremoede»" in messages[0]  # the recommended one for 5th grade is suggested
    assert messages[1].startswith("6. klasse har 0 obligatoriske forløb")


def test_recommended_initiatives_do_not_count(tmp_path):
    k = Kommune(tmp_path).edit(PENSUM, "klassetrin: [0, 1, 2, 3]\n    status: obligatorisk", "klassetrin: [0, 1, 2, 3]\n    status: anbefalet")
    assert len(with_code(k.check(), "pensum.daekning")) == 4


def test_minimum_per_grade_and_range_come_from_the_file(tmp_path):
    k = Kommune(tmp_path).edit(PENSUM, "synlighed: offentlig", "mindst_pr_klassetrin: 2\ndaekning_fra: 9\ndaekning_til: 10\nsynlighed: offentlig")
    found = with_code(k.check(), "pensum.daekning")
    assert sorted(d.message[:10] for d in found) == ["10. klasse", "9. klasse "]


def test_coverage_without_forloeb_points_at_the_file_start(tmp_path):
    text = Kommune(tmp_path).files[PENSUM]
    k = Kommune(tmp_path).put(PENSUM, text[: text.index("forloeb:")] + "synlighed: offentlig\n")
    found = with_code(k.check(), "pensum.daekning")
    assert len(found) == 10 and {(d.line, d.column) for d in found} == {(1, 1)}
    assert found[0].message.startswith("0. klasse (børnehaveklassen) har 0")


def test_reversed_coverage_range(tmp_path):
    k = Kommune(tmp_path).edit(PENSUM, "synlighed: offentlig", "daekning_fra: 9\ndaekning_til: 0\nsynlighed: offentlig")
    expect(k.check(), "pensum.daekning-interval", PENSUM, k.where(PENSUM, "9\ndaekning_til"), severity="fejl")


def test_overlapping_grade_bands(tmp_path):
    k = Kommune(tmp_path).edit(PENSUM, "    klassetrin_fra: 4", "    klassetrin_fra: 3")
    d = expect(k.check(), "pensum.trin-overlap", PENSUM, k.where(PENSUM, "3\n    klassetrin_til: 6"), severity="advarsel")
    assert "«mellemtrin»" in d.message and "«indskoling»" in d.message and "3. klasse" in d.message


def _goals_mandatory(k: Kommune) -> Kommune:
    """Hedelund's kind of curriculum: the goals are mandatory, every course only recommended."""
    k.edit(PENSUM, "synlighed: offentlig", "obligatorisk: laeringsmaal\nsynlighed: offentlig")
    k.files[PENSUM] = k.files[PENSUM].replace("status: obligatorisk", "status: anbefalet")
    return k


def test_with_mandatory_goals_recommended_courses_give_no_course_warnings(tmp_path):
    k = _goals_mandatory(Kommune(tmp_path))
    k.edit(PENSUM, "    tekst: Eleven kan lege med alle.\n", "    tekst: Eleven kan lege med alle.\n"
           "  - trin: mellemtrin\n    tekst: Eleven kan sige fra.\n  - trin: udskoling\n    tekst: Eleven kan hjælpe andre.\n")
    assert k.check().diagnostics == []


def test_with_mandatory_goals_a_grade_band_without_goals_is_one_warning(tmp_path):
    k = _goals_mandatory(Kommune(tmp_path))
    found = with_code(k.check(), "pensum.maal-daekning")
    assert [d.severity.value for d in found] == ["advarsel", "advarsel"]
    assert {(d.line, d.column) for d in found} == {k.where(PENSUM, "mellemtrin"), k.where(PENSUM, "udskoling")}
    assert "«trin: mellemtrin»" in found[0].message and "obligatorisk: laeringsmaal" in found[0].message
    assert with_code(k.check(), "pensum.daekning") == []


def test_goal_coverage_follows_the_coverage_range(tmp_path):
    k = _goals_mandatory(Kommune(tmp_path)).edit(PENSUM, "synlighed: offentlig", "daekning_til: 3\nsynlighed: offentlig")
    assert with_code(k.check(), "pensum.maal-daekning") == []


def test_an_unknown_obligatorisk_value_is_a_schema_error(tmp_path):
    k = Kommune(tmp_path).edit(PENSUM, "synlighed: offentlig", "obligatorisk: maal\nsynlighed: offentlig")
    d = expect(k.check(), "skema.ugyldig-vaerdi", PENSUM, k.where(PENSUM, "maal\n")[0])
    assert "laeringsmaal" in d.message
