"""calendar.py: notice, dates that agree, and meeting ids that start with the date."""

import pytest

from rules_helpers import D, Kommune, expect, with_code
from sspgen.validate.rules.calendar import least_notice

MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"


@pytest.mark.parametrize("varsel, least", [(30, 25), (14, 12), (7, 6), (1, 1), (0, 0), (60, 51)])
def test_least_notice_tolerance(varsel, least):
    assert least_notice(varsel) == least


def test_short_notice_is_a_warning(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "indkaldt: 2024-12-12", "indkaldt: 2024-12-21")
    d = expect(k.check(), "kalender.varsel", MOEDE, k.where(MOEDE, "2024-12-21"), severity="advarsel")
    assert "24 dage" in d.message and "ca. 30 dages varsel" in d.message and "mindst 25" in d.message


def test_notice_within_tolerance_passes(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "indkaldt: 2024-12-12", "indkaldt: 2024-12-20")  # 25 days
    assert with_code(k.check(), "kalender.varsel") == []


def test_cancelled_meeting_is_not_checked_for_notice(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "indkaldt: 2024-12-12", "indkaldt: 2025-01-10")
    k.edit(MOEDE, "status: afholdt", "status: aflyst")
    assert with_code(k.check(), "kalender.varsel") == []


def test_notice_is_inherited_from_the_parent_forum_kommissorium(tmp_path):
    k = Kommune(tmp_path).edit(f"{D}/kommissorier/netvaerk.yaml", "  - netvaerk-oester", "  - netvaerk")
    k.edit(MOEDE, "indkaldt: 2024-12-12", "indkaldt: 2025-01-10")
    expect(k.check(), "kalender.varsel", MOEDE, k.where(MOEDE, "2025-01-10"))


def test_called_after_the_meeting_is_an_error(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "indkaldt: 2024-12-12", "indkaldt: 2025-01-15")
    result = k.check()
    expect(result, "kalender.indkaldt-efter-moede", MOEDE, k.where(MOEDE, "2025-01-15"), severity="fejl")
    assert with_code(result, "kalender.varsel") == []


def test_meeting_id_date_must_match_dato(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "dato: 2025-01-14", "dato: 2025-01-15")
    d = expect(k.check(), "moede.dato-forkert-id", MOEDE, (1, 5), severity="advarsel")
    assert "2025-01-15-oester" in d.message
