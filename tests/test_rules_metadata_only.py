"""metadata_only.py: §115 meetings hold only metadata and a chosen place; case points hold no text."""

import os
import subprocess
import sys
from pathlib import Path

from rules_helpers import D, Kommune, describe, expect, with_code

AKUT = f"{D}/moeder/2025-02-03-akut.yaml"
AKUT_FORUM = f"{D}/fora/akutgruppe.yaml"
MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
VOKABULAR = f"{D}/vokabular.yaml"
KOMMISSORIUM = f"{D}/kommissorier/netvaerk.yaml"
ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "sspgen.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


# -- §115 meetings: no title, a place from the forum's places ------------------------------------


def test_akut_meeting_may_have_no_title(tmp_path):
    k = Kommune(tmp_path).append(AKUT, "titel: Møde om drengen fra Øster\n")
    result = k.check()
    d = expect(result, "privatliv.kun-metadata", AKUT, k.where(AKUT, "titel:"), severity="fejl")
    assert "ingen titel" in d.message and "sagssystemet" in d.message
    assert len(result.diagnostics) == 1, describe(result)


def test_akut_meeting_place_when_the_forum_has_no_places(tmp_path):
    k = Kommune(tmp_path).append(AKUT, "sted: Hjemme hos familien på Skolevej 4\n")
    result = k.check()
    d = expect(result, "privatliv.kun-metadata-sted", AKUT, k.where(AKUT, "Hjemme"), severity="fejl")
    assert "ingen faste steder" in d.message and f"{AKUT_FORUM}" in d.message
    assert "Skolevej" not in d.message  # a free-text place is not repeated in the log
    assert with_code(result, "privatliv.kun-metadata") == []


def test_akut_meeting_place_is_chosen_from_the_forum_places(tmp_path):
    k = Kommune(tmp_path).append(AKUT_FORUM, "sted: Rådhuset, mødelokale 2\nandre_steder:\n  - Politistationen\n")
    k.append(AKUT, "sted: Kantinen\n")
    result = k.check()
    d = expect(result, "privatliv.kun-metadata-sted", AKUT, k.where(AKUT, "Kantinen"))
    assert "Vælg «Rådhuset, mødelokale 2» eller «Politistationen»" in d.message and "«andre_steder»" in d.message
    assert len(result.diagnostics) == 1, describe(result)


def test_akut_meeting_at_one_of_the_forum_places_passes(tmp_path):
    k = Kommune(tmp_path).append(AKUT_FORUM, "sted: Rådhuset, mødelokale 2\nandre_steder:\n  - Politistationen\n")
    for place in ("Politistationen", "rådhuset,  mødelokale 2"):
        k.put(AKUT, k.files[AKUT].split("sted:")[0] + f"sted: {place}\n")
        result = k.check()
        assert result.diagnostics == [], describe(result)


def test_new_moede_for_an_akut_forum_takes_only_its_own_place(tmp_path):
    """`sspgen new moede` must write a meeting that passes: never the parent forum's place."""
    k = Kommune(tmp_path).append(AKUT_FORUM, "overordnet: netvaerk\n")
    k.edit(f"{D}/fora/netvaerk.yaml", "formaal: Alle netværk samlet.\n", "formaal: Alle netværk samlet.\nsted: Ungehuset\n")
    root = k.write()
    done = _run("new", "moede", "--forum", "akutgruppe", "--dato", "2025-03-03", str(root))
    assert done.returncode == 0, done.stderr
    text = (root / f"{D}/moeder/2025-03-03-akutgruppe.yaml").read_text(encoding="utf-8")
    assert "sted:" not in text and "dagsorden" not in text
    checked = _run("check", str(root))
    assert checked.returncode == 0, checked.stdout

    (root / AKUT_FORUM).write_text(k.files[AKUT_FORUM] + "sted: Politistationen\n", encoding="utf-8")
    done = _run("new", "moede", "--forum", "akutgruppe", "--dato", "2025-03-10", str(root))
    assert done.returncode == 0, done.stderr
    assert "sted: Politistationen" in (root / f"{D}/moeder/2025-03-10-akutgruppe.yaml").read_text(encoding="utf-8")
    checked = _run("check", str(root))
    assert checked.returncode == 0, checked.stdout


# -- the municipality cannot switch kun_metadata off ---------------------------------------------


def test_vocabulary_cannot_switch_kun_metadata_off(tmp_path):
    k = Kommune(tmp_path).append(
        VOKABULAR, "forumtyper:\n  - id: akutgruppe\n    navn: Akutgruppen\n    kun_metadata: nej\n"
    )
    k.append(AKUT, "oplaeg: Politiet om en sag\n")
    result = k.check()
    d = expect(
        result, "privatliv.kun-metadata-vokabular", VOKABULAR, k.where(VOKABULAR, "kun_metadata: nej"), severity="fejl"
    )
    assert "«akutgruppe»" in d.message and "strengere" in d.message
    # The rule holds anyway: the merge keeps the default.
    expect(result, "privatliv.kun-metadata", AKUT, k.where(AKUT, "oplaeg:"))


def test_vocabulary_error_through_the_real_cli(tmp_path):
    k = Kommune(tmp_path).append(
        VOKABULAR, "forumtyper:\n  - id: akutgruppe\n    navn: Akutgruppen\n    kun_metadata: nej\n"
    )
    line, column = k.where(VOKABULAR, "kun_metadata: nej")
    done = _run("check", str(k.write()))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{VOKABULAR}:{line}:{column}: fejl: Forumtypen «akutgruppe» må kun have metadata" in done.stdout
    assert done.stdout.rstrip().endswith("[privatliv.kun-metadata-vokabular]")


def test_vocabulary_may_rename_a_metadata_only_type_and_keeps_the_rule(tmp_path):
    k = Kommune(tmp_path).append(VOKABULAR, "forumtyper:\n  - id: akutgruppe\n    navn: §115-gruppen\n")
    k.append(AKUT, "dagsorden:\n  - nummer: 1\n    titel: Sager\n")
    result = k.check()
    assert with_code(result, "privatliv.kun-metadata-vokabular") == []
    expect(result, "privatliv.kun-metadata", AKUT, k.where(AKUT, "dagsorden:"))


def test_vocabulary_may_make_a_type_stricter(tmp_path):
    k = Kommune(tmp_path).append(VOKABULAR, "forumtyper:\n  - id: netvaerk\n    navn: Netværk\n    kun_metadata: ja\n")
    result = k.check()
    assert with_code(result, "privatliv.kun-metadata-vokabular") == []
    expect(result, "privatliv.kun-metadata", MOEDE, k.where(MOEDE, "dagsorden:"))


# -- agenda points about individual cases --------------------------------------------------------


def test_case_point_title_may_not_add_text(tmp_path):
    # The agenda rule allows «Bekymringer: …»; a case point does not.
    k = Kommune(tmp_path).edit(MOEDE, "    titel: Bekymringer\n", "    titel: \"Bekymringer: drengen fra blok 4\"\n")
    result = k.check()
    d = expect(result, "privatliv.enkeltsag-titel", MOEDE, k.where(MOEDE, '"Bekymringer: drengen'), severity="fejl")
    assert "«Bekymringer»" in d.message and "uden tilføjelser" in d.message
    assert "blok 4" not in d.message
    assert len(result.diagnostics) == 1, describe(result)
    # A note on the same point names the point by its template title, not by what was written.
    k.edit(MOEDE, '"Bekymringer: drengen fra blok 4"\n', '"Bekymringer: drengen fra blok 4"\n    noter: Se sagen.\n')
    d = expect(k.check(), "privatliv.enkeltsag-tekst", MOEDE, k.where(MOEDE, "noter: Se"))
    assert "Punkt 3 «Bekymringer» handler om enkeltsager" in d.message and "blok 4" not in d.message


def test_case_point_title_compares_without_case_and_spacing(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "    titel: Bekymringer\n", "    titel: \"bekymringer \"\n")
    result = k.check()
    assert result.diagnostics == [], describe(result)


def test_case_point_without_a_template_point_takes_the_standard_title(tmp_path):
    k = Kommune(tmp_path).edit(
        MOEDE,
        "  - nummer: 3\n    titel: Bekymringer\n",
        "  - nummer: 3\n    titel: Bekymringer\n  - nummer: 4\n    titel: Sagen fra Øster\n    enkeltsager: ja\n",
    )
    result = k.check()
    d = expect(result, "privatliv.enkeltsag-titel", MOEDE, k.where(MOEDE, "Sagen fra Øster"))
    assert "«Enkeltsager»" in d.message
    k.edit(MOEDE, "titel: Sagen fra Øster", "titel: Enkeltsager")
    assert with_code(k.check(), "privatliv.enkeltsag-titel") == []


def test_case_point_may_have_only_the_template_questions(tmp_path):
    k = Kommune(tmp_path).edit(
        KOMMISSORIUM, "    titel: Bekymringer\n", "    titel: Bekymringer\n    spoergsmaal:\n      - Er der unge, vi er bekymrede for?\n"
    )
    k.edit(
        MOEDE,
        "    titel: Bekymringer\n",
        "    titel: Bekymringer\n    spoergsmaal:\n      - Er der unge,  vi er bekymrede for?\n"
        "      - Hvordan går det med pigen fra 7.b?\n",
    )
    result = k.check()
    d = expect(result, "privatliv.enkeltsag-tekst", MOEDE, k.where(MOEDE, "Hvordan går"), severity="fejl")
    assert "skabelonens egne spørgsmål" in d.message and "7.b" not in d.message
    assert len(with_code(result, "privatliv.enkeltsag-tekst")) == 1, describe(result)


def test_case_point_may_have_no_notes_or_questions_in_a_forum_without_template(tmp_path):
    k = Kommune(tmp_path).put(
        f"{D}/moeder/2025-03-01-faelles.yaml",
        """
        id: 2025-03-01-faelles
        forum: netvaerk
        type: faellesmoede
        dato: 2025-03-01
        status: afholdt
        dagsorden:
          - nummer: 1
            titel: Enkeltsager
            enkeltsager: ja
            spoergsmaal:
              - Hvad gør vi med Sara?
            noter: Sara er flyttet.
        """,
    )
    path = f"{D}/moeder/2025-03-01-faelles.yaml"
    result = k.check()
    d = expect(result, "privatliv.enkeltsag-tekst", path, k.where(path, "Hvad gør vi"))
    assert "Punkt 1 «Enkeltsager»" in d.message and "Sara" not in d.message
    expect(result, "privatliv.enkeltsag-tekst", path, k.where(path, "noter:"))
    assert with_code(result, "privatliv.enkeltsag-titel") == []
