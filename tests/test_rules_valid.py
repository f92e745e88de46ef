"""The minimal valid municipality passes every rule without a single diagnostic."""

from rules_helpers import Kommune, describe


def test_minimal_municipality_is_clean(tmp_path):
    result = Kommune(tmp_path).check()
    assert result.diagnostics == [], describe(result)
    assert [k.slug for k in result.kommuner] == ["testby"]


import pytest

from rules_helpers import BASE_FILES


@pytest.mark.parametrize("missing", sorted(BASE_FILES))
def test_rules_survive_any_missing_file(tmp_path, missing):
    """Whatever file is gone (or failed to load), the rules report and never raise."""
    result = Kommune(tmp_path).put(missing, None).check()
    assert all(d.path and d.line >= 1 and d.column >= 1 and d.message for d in result.diagnostics)


def test_rules_survive_a_broken_file(tmp_path):
    k = Kommune(tmp_path).put("data/testby/fora/netvaerk.yaml", "id: [\n")
    result = k.check()
    assert any(d.code == "yaml.syntaks" for d in result.diagnostics)
    # The file exists, it is only broken: references to it are not reported a second time.
    assert not any(d.code == "ref.ukendt-forum" for d in result.diagnostics)
