"""The caches never serve stale output: an incremental build equals a clean build, byte for byte.

One copy of the examples is built again and again, each time after a change (a meeting
record, a plan goal, a new and a deleted meeting, a template, an included template, the
sspgen version and sspgen's own code), with the parse cache, the render cache and the no-op
stamp all in use. After every step the output is compared with a clean build of the same
input (no cache at all, a fresh output folder). The real CLI, real files, real caches.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_helpers import REPO, copy_examples, tree_files

EPOCH = {"SOURCE_DATE_EPOCH": "1780272000"}


def sspgen(root: Path, out: Path, *extra: str, env: dict[str, str] | None = None,
           pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "SSPGEN_CACHE"}
    environment.update({**EPOCH, **(env or {})})
    if pythonpath is not None:
        environment["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "build", str(root), "--out", str(out), "--uden-pdf", *extra],
        cwd=pythonpath or REPO, capture_output=True, text=True, timeout=600, env=environment,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def clean_build(root: Path, tmp: Path, pythonpath: Path | None = None) -> dict[str, bytes]:
    """The reference: the same input in a fresh folder, every cache off."""
    fresh = tmp / "ren"
    if fresh.exists():
        shutil.rmtree(fresh)
    for name in ("data", "content", "layouts"):
        shutil.copytree(root / name, fresh / name)
    sspgen(fresh, fresh / "output", env={"SSPGEN_CACHE": "0"}, pythonpath=pythonpath)
    assert not (fresh / ".sspgen-cache" / "render").exists()
    return tree_files(fresh / "output")


def assert_same(out: Path, expected: dict[str, bytes]) -> None:
    actual = tree_files(out)
    assert sorted(actual) == sorted(expected), (
        f"files only in the incremental build: {sorted(set(actual) - set(expected))[:5]}, "
        f"only in the clean build: {sorted(set(expected) - set(actual))[:5]}"
    )
    differing = [name for name in expected if actual[name] != expected[name]]
    assert not differing, f"stale or different files after an incremental build: {differing[:10]}"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def kept(result: subprocess.CompletedProcess[str]) -> int:
    match = re.search(r"(\d+) uændrede genbrugt", result.stderr)
    return int(match.group(1)) if match else 0


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("cache")
    root = copy_examples(tmp / "repo", with_layouts=True)
    out = root / "output"
    sspgen(root, out)
    return tmp, root, out


def test_a_build_without_changes_keeps_everything(site):
    tmp, root, out = site
    before = {path: path.stat().st_ino for path in out.rglob("*.html")}
    result = sspgen(root, out)
    assert "Intet er ændret" in result.stderr or kept(result) > 0
    assert_same(out, clean_build(root, tmp))
    after = {path: path.stat().st_ino for path in out.rglob("*.html")}
    assert before == after, "unchanged pages must keep their files (same inode: nothing rewritten)"


def test_changed_meeting_record(site):
    tmp, root, out = site
    meeting = root / "data/holbaek/moeder/2026-04-14-jyderup.yaml"
    edit(meeting, "Ingen yderligere input.", "Ingen yderligere input. Næste møde holdes på biblioteket.")
    result = sspgen(root, out)
    assert kept(result) > 0, "an incremental build should keep the pages the change does not touch"
    assert "biblioteket" in (out / "holbaek/intranet/moeder/2026-04-14-jyderup/index.html").read_text()
    assert_same(out, clean_build(root, tmp))


def test_changed_plan_goal_shown_on_many_pages(site):
    tmp, root, out = site
    plan = root / "data/brondby/planer/ssp-plan-2022-2026.yaml"
    edit(plan, "titel: Oplevet tryghed", "titel: Oplevet tryghed i hele kommunen")
    sspgen(root, out)
    assert_same(out, clean_build(root, tmp))


def test_shared_entity_renamed(site):
    """A forum's name shows on its meetings, the calendar, the organisation diagram …"""
    tmp, root, out = site
    edit(root / "data/faxe/fora/styregruppe.yaml", "navn: ", "navn: Den nye ")
    sspgen(root, out)
    assert_same(out, clean_build(root, tmp))


def test_actor_vocabulary_and_municipality_renamed(site):
    """Names shown through lookups (an actor on every meeting it attended, a vocabulary value,
    the municipality in every page's header)."""
    tmp, root, out = site
    edit(root / "data/holbaek/aktoerer/klubtilbud.yaml", "navn: Klubtilbud", "navn: Klub- og fritidstilbud")
    edit(root / "data/holbaek/vokabular.yaml", "navn: Bibliotek", "navn: Folkebibliotek")
    edit(root / "data/faxe/kommune.yaml", "navn: Faxe Kommune", "navn: Faxe Kommune (SSP)")
    sspgen(root, out)
    assert_same(out, clean_build(root, tmp))


def test_new_and_deleted_meeting(site):
    tmp, root, out = site
    meetings = root / "data/holbaek/moeder"
    source = meetings / "2026-10-06-jyderup.yaml"
    text = source.read_text(encoding="utf-8").replace("2026-10-06", "2026-10-08")
    (meetings / "2026-10-08-jyderup.yaml").write_text(text, encoding="utf-8")
    (meetings / "2026-05-13-jernloese.yaml").unlink()
    emnebank = root / "data/holbaek/emnebank.yaml"
    edit(emnebank, "      - 2026-05-13-jernloese\n", "")
    sspgen(root, out)
    assert_same(out, clean_build(root, tmp))


def test_changed_page_template(site):
    tmp, root, out = site
    edit(root / "layouts/moede.html", "{% block content %}", "{% block content %}\n<p>Skabelonen er ændret.</p>")
    result = sspgen(root, out)
    assert kept(result) > 0, "pages that do not use moede.html are kept"
    assert_same(out, clean_build(root, tmp))


def test_changed_included_template(site):
    tmp, root, out = site
    macros = root / "layouts/macros.html"
    text = macros.read_text(encoding="utf-8")
    macros.write_text(text + "\n{# rettet #}\n", encoding="utf-8")
    edit(root / "layouts/base.html", "<main ", "<main data-rettet=\"ja\" ")
    sspgen(root, out)
    assert_same(out, clean_build(root, tmp))


def test_new_sspgen_version_and_changed_code(site, tmp_path: Path):
    """A different sspgen (its version, then its own code) renders everything again."""
    tmp, root, out = site
    package = tmp_path / "pakke"
    shutil.copytree(REPO / "sspgen", package / "sspgen", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("layouts", "node_modules"):
        if (REPO / name).exists() and not (package / name).exists():
            os.symlink(REPO / name, package / name)
    edit(package / "sspgen/__init__.py", '__version__ = "', '__version__ = "99.')
    sspgen(root, out, pythonpath=package)
    assert_same(out, clean_build(root, tmp, pythonpath=package))

    edit(package / "sspgen/render/danish.py", '"januar"', '"januarmåned"')
    sspgen(root, out, pythonpath=package)
    expected = clean_build(root, tmp, pythonpath=package)
    assert any(b"januarm\xc3\xa5ned" in data for data in expected.values())
    assert_same(out, expected)

    # And back to the real sspgen: nothing of the changed code may survive in the output.
    sspgen(root, out)
    assert_same(out, clean_build(root, tmp))
