"""The JSON Schema files, the README's data reference and the examples' schema lines stay current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sspgen.model import KINDS
from sspgen.schema_export import END, START, data_reference, write_schemas

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_match_the_models(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    generated = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.json")}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schema").glob("*.json")}
    assert generated == committed, "schema/ is stale: run `make docs`"


def test_readme_data_reference_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(START, 1)[1].split(END, 1)[0]
    assert section.strip() == data_reference().strip(), "README is stale: run `make docs`"
    # Every field of the central entities is documented with its Danish description.
    assert "| `moedefrekvens` |" in section and "| `synlighed` |" in section


def test_every_example_file_points_at_an_existing_schema() -> None:
    files = sorted((ROOT / "data").rglob("*.yaml"))
    assert files, "the examples are missing"
    for file in files:
        first = file.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{file} lacks the yaml-language-server line"
        assert (file.parent / match[1]).resolve().is_file(), f"{file}: {match[1]} does not exist"


def test_schema_command_writes_files(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "schema", "--out", str(tmp_path / "s")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s" / "fora.schema.json").is_file()
    written = len(list((tmp_path / "s").glob("*.schema.json")))
    assert written == len(KINDS) + 1  # every kind, and the prose pages' front matter
    assert f"Skrev {written} JSON Schema-filer" in result.stdout


def test_usage_errors_are_danish_and_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "check", "--format", "xml"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 2
    assert "ugyldigt valg" in result.stderr and "Traceback" not in result.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "check", str(ROOT / "findes-ikke")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert missing.returncode == 2 and "findes ikke" in missing.stderr
