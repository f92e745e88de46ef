"""The crashes issue 10 found, as the real command line meets them on a copy of the examples.

Each test breaks one file the way the issue did and asserts a located Danish error (exit 1),
no traceback, no «fejl i sspgen» (the CLI's last resort for real bugs) and no errors in the
files that were not touched. The whole class of input is covered by tests/test_fuzz.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from rules_helpers import D, Kommune, describe, expect
from site_helpers import REPO, copy_examples, run_build
from sspgen.read.yamlfile import read_yaml

MEETING = f"{D}/moeder/2025-01-14-oester.yaml"


def _check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sspgen.cli", "check", str(root), *extra],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def _tree(path: Path) -> dict:
    document, problems = read_yaml(path, path.name)
    assert document is not None, problems
    return document.data


def _where(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of `needle` in the file."""
    text = path.read_text(encoding="utf-8")
    before = text[:text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, new, text, count=1, flags=re.M)
    assert count == 1, f"{pattern!r} not in {path}"
    path.write_text(changed, encoding="utf-8")


def _no_crash(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "fejl i sspgen" not in done.stderr, done.stderr
    assert "intern fejl" not in done.stderr, done.stderr


def _errors(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stdout.splitlines() if ": fejl: " in line]


def _school_in_a_network(root: Path) -> tuple[str, Path, Path]:
    """A forum that lists a school under «skoler», in whichever example has one."""
    for forum in sorted(root.glob("data/*/fora/*.yaml")):
        for school in _tree(forum).get("skoler") or []:
            file = forum.parent.parent / "aktoerer" / f"{school}.yaml"
            if file.is_file():
                return forum.parts[-3], forum, file
    raise AssertionError("no example forum lists a school under «skoler»")


def test_a_school_that_fails_validation_is_reported_once_and_nothing_else(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    slug, forum, school = _school_in_a_network(root)
    _replace(school, r"^type:", "tpye:")  # a misspelt key: the school's file fails its schema
    done = _check(root, "--kommune", slug)
    _no_crash(done)
    path = school.relative_to(root).as_posix()
    line, column = _where(school, "tpye:")
    errors = _errors(done)
    assert any(e.startswith(f"{path}:{line}:{column}: fejl: Ukendt felt «tpye»") for e in errors), done.stdout
    # The network that lists the school is not blamed for the school's typo.
    assert all(e.startswith(f"{path}:") for e in errors), done.stdout


def test_a_typo_in_a_schools_id_is_located_in_both_files(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    slug, forum, school = _school_in_a_network(root)
    _replace(school, r"^id: (.*)$", rf"id: {school.stem}x")
    done = _check(root, "--kommune", slug)
    _no_crash(done)
    errors = _errors(done)
    school_path, forum_path = (p.relative_to(root).as_posix() for p in (school, forum))
    line, column = _where(school, f"{school.stem}x")
    assert any(e.startswith(f"{school_path}:{line}:{column}: fejl: Id'et «{school.stem}x» passer ikke")
               and e.endswith("[id.filnavn]") for e in errors), done.stdout
    line, column = _where(forum, f"- {school.stem}\n")
    assert any(e.startswith(f"{forum_path}:{line}:{column + 2}: fejl: Aktøren «{school.stem}» findes ikke")
               for e in errors), done.stdout


def test_an_evaluation_of_a_plan_that_fails_validation(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    evaluations = sorted(root.glob("data/*/evalueringer/*.yaml"))
    assert evaluations, "no example has an evaluation"
    evaluation = evaluations[0]
    plan = evaluation.parent.parent / "planer" / f"{_tree(evaluation)['plan']}.yaml"
    _replace(plan, r"^periode_fra: .*$", "periode_fra: tyve-toogtyve")
    done = _check(root, "--kommune", evaluation.parts[-3])
    _no_crash(done)
    path = plan.relative_to(root).as_posix()
    line, column = _where(plan, "tyve-toogtyve")
    errors = _errors(done)
    assert f"{path}:{line}:{column}: fejl: Feltet «periode_fra»: skal være et helt tal, men er «tyve-toogtyve». " \
           f"[skema.ugyldig-vaerdi]" in errors, done.stdout
    assert all(e.startswith(f"{path}:") for e in errors), done.stdout  # not the evaluation's rows


def _a_meeting(root: Path) -> Path:
    meetings = sorted(root.glob("data/*/moeder/*.yaml"))
    assert meetings, "no example has a meeting"
    return meetings[0]


def test_a_meeting_in_year_9999_is_an_error_in_check_and_build(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    meeting = _a_meeting(root)
    slug = meeting.parts[-3]
    _replace(meeting, r"^dato: .*$", "dato: 9999-12-31")
    path = meeting.relative_to(root).as_posix()
    line, column = _where(meeting, "9999-12-31")
    expected = (f"{path}:{line}:{column}: fejl: Feltet «dato»: skal være en dato mellem 1990 og 2100, men er "
                f"9999-12-31; ret årstallet. [skema.ugyldig-vaerdi]")
    done = _check(root, "--kommune", slug)
    _no_crash(done)
    assert expected in _errors(done), done.stdout
    out = tmp_path / "out"
    built = run_build(root, out, "--kommune", slug, "--uden-pdf")
    _no_crash(built)
    assert expected in built.stdout, built.stdout + built.stderr
    assert not out.exists()  # nothing was written


def test_dates_at_the_edges_of_the_range_build(tmp_path: Path) -> None:
    """2100-12-31 without a time: the calendar's all-day event ends the day after (2101-01-01)."""
    root = copy_examples(tmp_path / "repo")
    meeting = _a_meeting(root)
    slug = meeting.parts[-3]
    _replace(meeting, r"^dato: .*$", "dato: 2100-12-31")
    text = re.sub(r"^(tid|slut): .*\n", "", meeting.read_text(encoding="utf-8"), flags=re.M)
    meeting.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    built = run_build(root, out, "--kommune", slug, "--uden-pdf")
    assert built.returncode == 0, built.stdout + built.stderr
    calendars = [p.read_text(encoding="utf-8") for p in out.rglob("*.ics")]
    assert any("DTSTART;VALUE=DATE:21001231" in c and "DTEND;VALUE=DATE:21010101" in c for c in calendars)


def test_a_5000_digit_number_gets_a_short_danish_message(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    meeting = _a_meeting(root)
    _replace(meeting, r"^(\s*- nummer): .*$", r"\1: " + "9" * 5000)  # an agenda item's number
    done = _check(root, "--kommune", meeting.parts[-3])
    _no_crash(done)
    path = meeting.relative_to(root).as_posix()
    line, column = _where(meeting, "9" * 5000)
    [error] = _errors(done)
    assert error == (f"{path}:{line}:{column}: fejl: Feltet «nummer»: skal være et helt tal, men "
                     f"«{'9' * 60}…» (5000 tegn) er alt for stort. [skema.ugyldig-vaerdi]"), error


@pytest.mark.parametrize(("dato", "ok"), [("1989-12-31", False), ("1990-01-01", True), ("2100-12-31", True),
                                          ("2101-01-01", False), ("0001-01-01", False)])
def test_dates_are_limited_to_1990_to_2100(tmp_path: Path, dato: str, ok: bool) -> None:
    """The range is checked on every date field (here «indkaldt», which may lie before «dato»)."""
    k = Kommune(tmp_path).edit(MEETING, "indkaldt: 2024-12-12", f"indkaldt: {dato}")
    if dato > "2025-01-14":  # a notice after the meeting is its own error; keep the order
        k.edit(MEETING, "dato: 2025-01-14", f"dato: {dato}")
    result = k.check()
    if ok:
        assert not result.errors, describe(result)
        return
    line, column = k.where(MEETING, f"indkaldt: {dato}")
    expect(result, "skema.ugyldig-vaerdi", MEETING, (line, column + len("indkaldt: ")),
           contains=f"Feltet «indkaldt»: skal være en dato mellem 1990 og 2100, men er {dato}; ret årstallet.")
