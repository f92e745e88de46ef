"""A prose page's «Sidst opdateret» is when its own text last changed, not when any file it
draws on did; `gennemgaas_senest` warns once passed; check flags a forum and its kommissorium
that disagree on how often the joint meetings are held. Real git, real CLI, in a tmp copy."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_helpers import REPO, copy_examples, run_build

SLUG = "brondby"  # the page under test is written into this example, whatever others exist
PAGE_FILE = f"content/{SLUG}/datotest.md"
FORUM = f"data/{SLUG}/fora/ssp-netvaerk.yaml"
KOMMISSORIUM = f"data/{SLUG}/kommissorier/kommissorium-ssp-netvaerk.yaml"
PAGE_HTML = f"{SLUG}/offentlig/datotest/index.html"
FRONT = """---
titel: Datotest
forfatter: Testkommunen
fora:
  - ssp-netvaerk
synlighed: offentlig
{extra}---
Et afsnit, der ikke handler om nogen rigtig person.
"""


def git(root: Path, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Redaktøren", "GIT_AUTHOR_EMAIL": "red@example.invalid",
           "GIT_COMMITTER_NAME": "Redaktøren", "GIT_COMMITTER_EMAIL": "red@example.invalid",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def write_page(root: Path, extra: str = "") -> None:
    (root / PAGE_FILE).write_text(FRONT.format(extra=extra), encoding="utf-8")


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def updated(root: Path, out: Path) -> str:
    result = run_build(root, out, "--uden-pdf", "--kommune", SLUG)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / PAGE_HTML).read_text(encoding="utf-8")
    found = re.search(r"Sidst opdateret den ([^<]+)<", html)
    assert found, "the page shows no date"
    return found.group(1).strip()


def check(root: Path, env: dict[str, str] | None = None) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "sspgen.cli", "check", str(root), "--format", "json"],
                            cwd=REPO, capture_output=True, text=True, timeout=300,
                            env={**os.environ, **(env or {})})
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = copy_examples(tmp_path / "repo")
    write_page(root)
    git(root, "init", "-q", "-b", "main", when="2026-01-05T10:00:00+01:00")
    git(root, "add", "-A", when="2026-01-05T10:00:00+01:00")
    git(root, "commit", "-q", "-m", "Første udgave", when="2026-01-05T10:00:00+01:00")
    return root


def test_a_commit_to_a_source_only_does_not_move_the_date(repo: Path, tmp_path: Path) -> None:
    assert updated(repo, tmp_path / "a") == "5. januar 2026"
    # The page lists this forum, and every page reads kommune.yaml: neither is the page's text.
    append(repo, FORUM, "# en kommentar\n")
    append(repo, f"data/{SLUG}/kommune.yaml", "# en kommentar\n")
    git(repo, "commit", "-q", "-am", "Ret kun data", when="2026-03-02T10:00:00+01:00")
    assert updated(repo, tmp_path / "b") == "5. januar 2026"


def test_a_commit_to_the_page_itself_moves_the_date(repo: Path, tmp_path: Path) -> None:
    append(repo, PAGE_FILE, "\nEt nyt afsnit.\n")
    git(repo, "commit", "-q", "-am", "Ny tekst", when="2026-04-07T10:00:00+02:00")
    assert updated(repo, tmp_path / "out") == "7. april 2026"


def test_opdateret_wins_over_git(repo: Path, tmp_path: Path) -> None:
    write_page(repo, "opdateret: 2025-12-17\n")
    git(repo, "commit", "-q", "-am", "Dato sat af redaktøren", when="2026-05-01T10:00:00+02:00")
    assert updated(repo, tmp_path / "out") == "17. december 2025"


def _reviews(found: list[dict]) -> list[dict]:
    return [d for d in found if d["code"] == "side.gennemgang"]


def test_an_overdue_review_date_warns_at_the_field(repo: Path) -> None:
    write_page(repo, "gennemgaas_senest: 2026-02-01\n")
    git(repo, "commit", "-q", "-am", "Gennemgangsdato", when="2026-03-01T10:00:00+01:00")
    found = _reviews(check(repo))
    assert len(found) == 1, found
    line = next(i for i, text in enumerate((repo / PAGE_FILE).read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("gennemgaas_senest"))
    assert (found[0]["path"], found[0]["line"], found[0]["column"]) == (PAGE_FILE, line, 20)
    assert found[0]["severity"] == "advarsel" and "1. februar 2026" in found[0]["message"]


def test_a_future_review_date_does_not_warn(repo: Path) -> None:
    write_page(repo, "gennemgaas_senest: 2026-06-01\n")
    git(repo, "commit", "-q", "-am", "Gennemgangsdato", when="2026-03-01T10:00:00+01:00")
    assert _reviews(check(repo)) == []


def test_today_for_the_review_is_source_date_epoch_when_set(repo: Path) -> None:
    """The same «today» as the build: SOURCE_DATE_EPOCH before the newest commit."""
    write_page(repo, "gennemgaas_senest: 2026-06-01\n")
    git(repo, "commit", "-q", "-am", "Gennemgangsdato", when="2026-03-01T10:00:00+01:00")
    later = "1782864000"  # 2026-07-01 UTC
    assert len(_reviews(check(repo, {"SOURCE_DATE_EPOCH": later}))) == 1


def _line_of(root: Path, rel: str, pattern: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if re.search(pattern, text))


def test_joint_meeting_counts_that_disagree_warn_with_both_places(repo: Path) -> None:
    forum = (repo / FORUM).read_text(encoding="utf-8")
    assert "  gange: 4\n  per: aar" in forum
    (repo / FORUM).write_text(forum.replace("  gange: 4\n  per: aar", "  gange: 3\n  per: aar", 1), encoding="utf-8")
    found = [d for d in check(repo) if d["code"] == "faellesmoede.modstrid"]
    assert len(found) == 1, found
    kommissorium_line = _line_of(repo, KOMMISSORIUM, r"^    gange: 4$")
    assert (found[0]["path"], found[0]["line"]) == (FORUM, _line_of(repo, FORUM, r"^  gange: 3$"))
    assert f"{KOMMISSORIUM} (linje {kommissorium_line}, kolonne 12)" in found[0]["message"]
    assert "3 gange om året" in found[0]["message"] and "4 gange om året" in found[0]["message"]


def test_the_examples_have_no_conflict_and_no_overdue_page() -> None:
    found = check(REPO)
    assert [d for d in found if d["code"] in ("faellesmoede.modstrid", "side.gennemgang")] == []


def test_plan_and_curriculum_shortcodes_link_and_unknown_ids_fail(repo: Path, tmp_path: Path) -> None:
    plan = next((repo / f"data/{SLUG}/planer").glob("*.yaml")).stem
    append(repo, PAGE_FILE, f"\n[[plan: {plan}]]\n\n[[pensum: findes-ikke]]\n")
    found = [d for d in check(repo) if d["path"] == PAGE_FILE]
    assert [d["code"] for d in found] == ["ref.ukendt-pensum"], found
    (repo / PAGE_FILE).write_text((repo / PAGE_FILE).read_text(encoding="utf-8").replace(
        "\n[[pensum: findes-ikke]]\n", ""), encoding="utf-8")
    result = run_build(repo, tmp_path / "out", "--uden-pdf", "--kommune", SLUG)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out" / PAGE_HTML).read_text(encoding="utf-8")
    assert f'href="../plan/{plan}/index.html"' in html
