"""End to end: the real command line reports cross-file rule violations in both formats."""

import re
import subprocess
import sys
from pathlib import Path

from rules_helpers import D, Kommune

REPO = Path(__file__).resolve().parent.parent
FORUM = f"{D}/fora/netvaerk-oester.yaml"
PENSUM = f"{D}/pensum/det-sociale-pensum.yaml"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "check", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_reports_rule_errors_with_position_and_code(tmp_path):
    k = Kommune(tmp_path).edit(FORUM, "aktoer: politiet", "aktoer: politi")
    k.edit(f"{D}/moeder/2025-01-14-oester.yaml", "noter: Flere unge", "noter: 010190-1234 flere unge")
    k.write()
    line, column = k.where(FORUM, "aktoer: politi")

    done = _run(str(tmp_path))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert f"{FORUM}:{line}:{column + len('aktoer: ')}: fejl: Aktøren «politi» findes ikke." in "\n".join(lines)
    assert any(re.fullmatch(rf"{re.escape(FORUM)}:{line}:{column + 8}: fejl: .+ \[ref\.ukendt-aktoer\]", x) for x in lines)
    assert any(x.endswith("[privatliv.cpr]") and "010190-xxxx" in x for x in lines)
    assert "010190-1234" not in done.stdout + done.stderr
    assert "2 fejl og 0 advarsler." in done.stderr

    github = _run(str(tmp_path), "--format", "github")
    assert github.returncode == 1
    assert any(
        x.startswith(f"::error file={FORUM},line={line},col={column + 8},title=ref.ukendt-aktoer::Aktøren «politi»")
        and x.endswith("[ref.ukendt-aktoer]")
        for x in github.stdout.splitlines()
    ), github.stdout


def test_warnings_pass_unless_strict(tmp_path):
    Kommune(tmp_path).edit(PENSUM, "klassetrin: [4, 5, 6]", "klassetrin: [4, 5]").write()
    done = _run(str(tmp_path))
    assert done.returncode == 0, done.stdout
    assert re.search(r": advarsel: 6\. klasse har 0 obligatoriske forløb .+ \[pensum\.daekning\]$", done.stdout, re.M)
    github = _run(str(tmp_path), "--format", "github")
    assert github.stdout.startswith(f"::warning file={PENSUM},")
    assert _run(str(tmp_path), "--strict").returncode == 1
