"""One masking step: a CPR number in the data never leaves sspgen whole, whatever message quotes
it (an unknown key, an enum value, a reference, a number out of range, a file name), in any
output format (text, GitHub, JSON, GitLab Code Quality), in the `serve` banner, or echoed from
the command line; `sspgen new` refuses one and writes nothing.

All numbers are fictional.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rules_helpers import C, D, Kommune
from serve_helpers import start

REPO = Path(__file__).resolve().parent.parent
MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
FORUM = f"{D}/fora/netvaerk-oester.yaml"

RAW = re.compile(r"120592\D{0,3}1234|1205921234|130592\D{0,3}4321|1305924321|140592\D{0,3}5678|150592\D{0,3}8765|160592\D{0,3}2468")
"""Any of the fictional numbers below, whole, in any spelling the tests use."""


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def _leaky(tmp_path: Path) -> Kommune:
    """A municipality whose errors quote CPR-like values from many places."""
    k = Kommune(tmp_path)
    # An unknown key that is a CPR number.
    k.edit(MOEDE, "dato: 2025-01-14", "dato: 2025-01-14\n120592-1234: drøftet")
    # An enum value (the status), a number out of range, a reference to a missing actor.
    k.edit(MOEDE, "status: afholdt", "status: 130592-4321")
    k.edit(MOEDE, "  - nummer: 1\n", "  - nummer: 1405925678\n")
    k.edit(FORUM, "aktoer: politiet", "aktoer: 150592-8765")
    # A file whose name is a CPR number (its id does not match either).
    k.put(f"{D}/aktoerer/160592-2468.yaml", "id: ungdomsskolen\nnavn: Ungdomsskolen\ntype: klub\n")
    return k


FORMATS = ["text", "github", "json"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_output_never_holds_a_cpr_number(tmp_path: Path, fmt: str) -> None:
    root = _leaky(tmp_path).write()
    done = _run("sspgen.cli", "check", str(root), "--format", fmt)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    output = done.stdout + done.stderr
    assert not RAW.search(output), RAW.search(output)
    # The messages are there, masked: each kind of message really quoted its number.
    for masked in ("120592-xxxx", "130592-xxxx", "140592-xxxx", "150592-xxxx", "160592-xxxx"):
        assert masked in output, (masked, output)
    if fmt == "json":
        rows = json.loads(done.stdout)
        assert any(row["path"].endswith("160592-xxxx.yaml") for row in rows), rows
    if fmt == "text":
        # Each kind of message that quotes the data, not only the privacy rule's own.
        quoted = {"skema.ukendt-felt": "«120592-xxxx»", "ref.ukendt-aktoer": "«150592-xxxx»", "privatliv.cpr": "Filnavnet «160592-xxxx.yaml»"}
        lines = done.stdout.splitlines()
        for code, masked in quoted.items():
            assert any(line.endswith(f"[{code}]") and masked in line for line in lines), (code, output)
        values = [line for line in lines if line.endswith("[skema.ugyldig-vaerdi]")]
        assert any("«130592-xxxx»" in line for line in values) and any("«140592-xxxx»" in line for line in values)


def test_gitlab_code_quality_report_is_masked(tmp_path: Path) -> None:
    root = _leaky(tmp_path).write()
    report = tmp_path / "check.json"
    report.write_text(_run("sspgen.cli", "check", str(root), "--format", "json").stdout, encoding="utf-8")
    done = _run("sspgen.ci", "codequality", str(report))
    assert done.returncode == 0, done.stderr
    assert "120592-xxxx" in done.stdout and not RAW.search(done.stdout)


def test_code_quality_masks_a_report_written_by_another_tool(tmp_path: Path) -> None:
    """The JSON file is input: one with a raw number (an older sspgen, another tool) is masked,
    and the fingerprint is not a hash of the number (few enough to try them all)."""
    row = {"path": "data/x/moeder/120592-1234.yaml", "line": 3, "column": 5, "severity": "fejl",
           "message": "Ukendt felt «130592-4321».", "code": "skema.ukendt-felt"}
    report = tmp_path / "check.json"
    report.write_text(json.dumps([row]), encoding="utf-8")
    done = _run("sspgen.ci", "codequality", str(report))
    assert done.returncode == 0, done.stderr
    (issue,) = json.loads(done.stdout)
    assert issue["location"]["path"] == "data/x/moeder/120592-xxxx.yaml"
    assert "130592-xxxx" in issue["description"] and not RAW.search(done.stdout)
    masked = {**row, "path": "data/x/moeder/120592-xxxx.yaml", "message": "Ukendt felt «130592-xxxx»."}
    report.write_text(json.dumps([masked]), encoding="utf-8")
    assert json.loads(_run("sspgen.ci", "codequality", str(report)).stdout)[0]["fingerprint"] == issue["fingerprint"]


def test_a_command_line_argument_is_masked_when_echoed(tmp_path: Path) -> None:
    wrong_choice = _run("sspgen.cli", "check", str(tmp_path), "--format", "120592-1234")
    missing_folder = _run("sspgen.cli", "check", str(tmp_path / "130592 4321"))
    for done in (wrong_choice, missing_folder):
        assert done.returncode == 2
        output = done.stdout + done.stderr
        assert not RAW.search(output), output
    assert "120592-xxxx" in wrong_choice.stderr and "130592-xxxx" in missing_folder.stderr


@pytest.mark.parametrize("args", [
    ["emne", "--titel", "Drengen 120592-1234 i klubben"],
    ["emne", "--titel", "Uro i klubben", "--beskrivelse", "Se 06.06.95-1678"],
    ["emne", "--titel", "Uro i klubben", "--forum", "netvaerk-oester", "--forum", "x1205921234"],
    ["aktoer", "--navn", "Klubben 130592 4321", "--type", "klub"],
])
def test_new_refuses_a_cpr_number_and_writes_nothing(tmp_path: Path, args: list[str]) -> None:
    root = Kommune(tmp_path).write()
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    done = _run("sspgen.cli", "new", *args, str(root))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "ligner et CPR-nummer" in done.stderr and "Der er ikke skrevet noget" in done.stderr
    assert re.search(r"\d{6}-xxxx", done.stderr), done.stderr
    assert not RAW.search(done.stdout + done.stderr) and "1678" not in done.stderr
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before


def test_new_still_writes_ordinary_text(tmp_path: Path) -> None:
    """The refusal is not a blanket one: dates and times in a title are fine."""
    root = Kommune(tmp_path).write()
    done = _run("sspgen.cli", "new", "emne", "--titel", "Uro 100326 1400-1600 ved stationen", str(root))
    assert done.returncode == 0, done.stderr
    assert "Uro 100326 1400-1600" in (root / D / "emnebank.yaml").read_text(encoding="utf-8")


def test_serve_banner_and_terminal_are_masked(tmp_path: Path) -> None:
    root = _leaky(tmp_path / "repo").write()
    preview = start(root, tmp_path)
    try:
        status, html = preview.get("")
        assert "sspgen-serve-fejl" in html, html
        assert "120592-xxxx" in html and "150592-xxxx" in html
        assert not RAW.search(html), RAW.search(html)
        status, page = preview.get("160592-2468/index.html")
        assert not RAW.search(page)
    finally:
        preview.stop()
    assert "120592-xxxx" in preview.output() and not RAW.search(preview.output())


def test_diff_for_the_review_comment_is_masked(tmp_path: Path) -> None:
    """`sspgen diff` becomes a comment on the pull request: a CPR number added in the change
    is shown masked there too (and the check on the same change fails)."""
    from diff_helpers import git

    root = Kommune(tmp_path).write()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    note = "noter: Flere unge"
    text = (root / MOEDE).read_text(encoding="utf-8")
    (root / MOEDE).write_text(text.replace(note, "noter: Drengen 120592-1234 og flere unge", 1), encoding="utf-8")
    for fmt in ("markdown", "text"):
        done = _run("sspgen.cli", "diff", "--format", fmt, "main", str(root), cwd=root)
        assert done.returncode == 0, done.stderr
        assert "Drengen 120592-xxxx" in done.stdout, done.stdout
        assert not RAW.search(done.stdout + done.stderr)
