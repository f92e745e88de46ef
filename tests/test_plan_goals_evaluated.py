"""An action plan's own goals («maal») can be evaluated, and a plan's dates keep to its period.

An evaluation row names either an indsats or one of the plan's goals; the evaluation page
shows the goal's title. A goal's deadline or an activity's date outside the plan's validity or
plan period gives a located warning. Real rules and the real CLI on a temporary repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rules_helpers import D, expect
from test_model_v2_plans import PLANER, build, kommune_with_plans, page, text_of

EVALUERING = f"{D}/evalueringer/2026-oester.yaml"
HANDLEPLAN = f"{PLANER}/handleplan-oester.yaml"
AARSHJUL = f"{PLANER}/aarshjul-2026-27.yaml"

GOAL_EVALUATION = """
    id: 2026-oester
    aar: 2026
    plan: handleplan-oester
    raekker:
      - maal: voksne-i-byrummet
        fungerer: Natteravnene går hver fredag.
        fungerer_ikke: Lørdagene mangler folk.
        skal_ske: Flere frivillige skal hverves i foråret.
    synlighed: offentlig
"""


def with_evaluation(root: Path):
    return kommune_with_plans(root).put(EVALUERING, GOAL_EVALUATION)


def test_a_goal_row_is_valid_and_shown_with_the_goals_title(tmp_path: Path) -> None:
    k = with_evaluation(tmp_path / "repo")
    result = k.check()
    assert not [d for d in result.diagnostics if d.path == EVALUERING], result.diagnostics
    site = build(k, tmp_path / "out")
    for variant in ("intranet", "offentlig"):
        text = text_of(page(site / variant, "evaluering/2026-oester"))
        assert "Flere voksne i byrummet om aftenen" in text
        assert "Lørdagene mangler folk." in text and "Flere frivillige skal hverves i foråret." in text
        assert "Mål" in text and "voksne-i-byrummet" not in text


BAD = [
    # (old text, new text, text pointed at, code, words in the message)
    ("  - maal: voksne-i-byrummet\n", "  - maal: voksne-i-byrummet\n    indsats: natteravne\n",
     "- maal: voksne", "skema.ugyldig-vaerdi", ("både «indsats: natteravne» og «maal: voksne-i-byrummet»", "kun den ene")),
    ("  - maal: voksne-i-byrummet\n    fungerer:", "  - fungerer:",
     "- fungerer:", "skema.ugyldig-vaerdi", ("angiv, hvad rækken evaluerer", "«indsats»", "«maal»")),
    ("maal: voksne-i-byrummet", "maal: voksne-i-byrumme", "voksne-i-byrumme",
     "ref.ukendt-planmaal", ("Målet «voksne-i-byrumme» findes ikke i planen «handleplan-oester»",
                             "Mente du «voksne-i-byrummet»?")),
]


@pytest.mark.parametrize("old, new, needle, code, words", BAD, ids=[c + ":" + n.strip() for _, _, n, c, _ in BAD])
def test_a_bad_evaluation_row_gives_a_located_danish_error(tmp_path: Path, old: str, new: str, needle: str,
                                                          code: str, words: tuple[str, ...]) -> None:
    k = with_evaluation(tmp_path)
    k.edit(EVALUERING, old, new)
    line, _ = k.where(EVALUERING, needle)
    expect(k.check(), code, EVALUERING, line, severity="fejl", contains=words)


OUTSIDE = [
    # (file, old text, new text, text pointed at, words in the message)
    (HANDLEPLAN, "frist: 2026-03-01", "frist: 2027-03-01", "2027-03-01",
     ("Målet «Flere voksne i byrummet om aftenen» har fristen 2027-03-01", "gælder kun til 2026-12-31")),
    (AARSHJUL, "dato: 2026-08-20", "dato: 2025-08-20", "2025-08-20",
     ("Aktiviteten «Opstartsmøde i netværket» har datoen 2025-08-20", "gælder først fra 2026-08-01")),
    (HANDLEPLAN, "gyldig_fra: 2026-01-01\ngyldig_til: 2026-12-31\n", "periode_fra: 2027\nperiode_til: 2030\n",
     "2026-03-01", ("har fristen 2026-03-01", "planperioden begynder først i 2027")),
]


@pytest.mark.parametrize("path, old, new, needle, words", OUTSIDE, ids=[n for _, _, _, n, _ in OUTSIDE])
def test_a_date_outside_the_plans_period_is_warned_about(tmp_path: Path, path: str, old: str, new: str,
                                                         needle: str, words: tuple[str, ...]) -> None:
    k = kommune_with_plans(tmp_path)
    k.edit(path, old, new)
    line, _ = k.where(path, needle)
    expect(k.check(), "plan.uden-for-perioden", path, line, severity="advarsel", contains=words)


def test_dates_inside_the_period_give_no_warning(tmp_path: Path) -> None:
    result = kommune_with_plans(tmp_path).check()
    assert not [d for d in result.diagnostics if d.code == "plan.uden-for-perioden"]
