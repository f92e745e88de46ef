"""`sspgen cms` (`make cms`) refuses what it cannot serve with a Danish message and starts nothing.
The form itself is driven in tests/test_decap_e2e.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from site_helpers import REPO, copy_examples


def _cms(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sspgen.cli", "cms", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60)


def test_a_folder_outside_git_is_refused(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "ikke-git")
    result = _cms(str(root), "--port", "0", "--api-port", "0")
    assert result.returncode == 2 and result.stdout == ""
    assert "er ikke et git-repositorium" in result.stderr and "commit" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_municipality_is_refused(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    result = _cms(str(root), "--kommune", "ukendtby")
    assert result.returncode == 2
    assert "kommunen «ukendtby» findes ikke under data/" in result.stderr and "brondby" in result.stderr


def test_a_folder_without_municipalities_is_refused(tmp_path: Path) -> None:
    result = _cms(str(tmp_path))
    assert result.returncode == 2 and "der er ingen kommuner under" in result.stderr
