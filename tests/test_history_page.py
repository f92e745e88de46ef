"""The intranet page «Ændringshistorik»: every commit that changed the plan, from git, with a
Danish date, the message and the entity diff (word diff as <del>/<ins>), linked from the plan."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from site_helpers import copy_examples, run_build, tree_hash

PLAN = "data/brondby/planer/ssp-plan-2022-2026.yaml"
PAGE = "brondby/intranet/aendringshistorik/index.html"


def git(root: Path, *args: str, when: str = "2026-01-13T10:00:00+01:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "SSP-koordinatoren", "GIT_AUTHOR_EMAIL": "ssp@example.invalid",
           "GIT_COMMITTER_NAME": "SSP-koordinatoren", "GIT_COMMITTER_EMAIL": "ssp@example.invalid",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def edit(root: Path, old: str, new: str) -> None:
    path = root / PLAN
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("historik") / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Første udgave af data")
    edit(root, "gennem en styrkelse af indsatser i SSP-arbejdet.",
         "gennem en styrkelse af indsatser i SSP-arbejdet og i nattelivet.")
    git(root, "commit", "-q", "-am", "Tryghed i nattelivet", "-m", "Aftalt på mødet i SSP-udvalget.",
        when="2026-03-05T14:30:00+01:00")
    (root / "data/brondby/kommune.yaml").write_text(
        (root / "data/brondby/kommune.yaml").read_text(encoding="utf-8") + "# ikke planen\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Ret kun kommunen", when="2026-04-01T09:00:00+02:00")
    return root


def build(root: Path, out: Path) -> str:
    result = run_build(root, out, "--uden-pdf", "--kommune", "brondby")
    assert result.returncode == 0, result.stdout + result.stderr
    return (out / PAGE).read_text(encoding="utf-8")


def main_text(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def test_lists_each_commit_that_changed_the_plan(repo: Path, tmp_path: Path) -> None:
    html = main_text(build(repo, tmp_path / "out"))
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    # Newest first; the commit that only touched kommune.yaml is not there.
    assert headings == ["5. marts 2026: Tryghed i nattelivet", "13. januar 2026: Første udgave af data"]
    assert "Aftalt på mødet i SSP-udvalget." in html
    assert "Politisk mål «Oplevet tryghed»: beskrivelse ændret" in html
    assert re.search(r"<ins><span class=\"sr-only\">\[tilføjet:\] </span>og i nattelivet<span", html)
    assert "Plan «SSP-plan 2022-2026» tilføjet" in html
    assert "Ret kun kommunen" not in html


def test_removed_words_are_struck_and_named(repo: Path, tmp_path: Path) -> None:
    edit(repo, "og i nattelivet.", "og i hele nattelivet.")
    edit(repo, "Trivsel og fællesskaber øges", "Trivsel øges")
    git(repo, "commit", "-q", "-am", "Færre ord", when="2026-05-01T08:00:00+02:00")
    html = main_text(build(repo, tmp_path / "out"))
    first = html[html.index("<section"):html.index("</section>")]
    assert "1. maj 2026: Færre ord" in first
    assert re.search(r"<del><span class=\"sr-only\">\[fjernet:\] </span>og fællesskaber<span", first)
    assert re.search(r"<ins><span class=\"sr-only\">\[tilføjet:\] </span>hele<span", first)


def test_linked_from_the_plan_and_never_public(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(repo, out)
    plan = (out / "brondby/intranet/plan/ssp-plan-2022-2026/index.html").read_text(encoding="utf-8")
    assert 'href="../../aendringshistorik/index.html"' in plan
    public = out / "brondby/offentlig"
    assert not (public / "aendringshistorik").exists()
    assert not any("aendringshistorik" in p.read_text(encoding="utf-8") for p in public.rglob("*.html"))


def test_deterministic(repo: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build(repo, first)
    build(repo, second)
    assert tree_hash(first / "brondby/intranet/aendringshistorik") == tree_hash(second / "brondby/intranet/aendringshistorik")


def test_outside_git_the_page_says_there_is_no_history(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "eksport")
    html = main_text(build(root, tmp_path / "out"))
    assert "Der er ingen ændringshistorik" in html and "uden for et git-repository" in html
    assert "<section" not in html


def test_an_english_commit_message_is_not_shown_to_danish_readers(repo: Path, tmp_path: Path) -> None:
    # A developer's commit (as in the examples' own history): the reader gets the date and
    # the Danish list of what changed, never «Update the plan wording».
    edit(repo, "gennem en styrkelse af indsatser i SSP-arbejdet", "gennem en klar styrkelse af indsatser i SSP-arbejdet")
    git(repo, "commit", "-q", "-am", "Update the plan wording", "-m", "Fix a typo and merge the review.",
        when="2026-06-02T08:00:00+02:00")
    html = main_text(build(repo, tmp_path / "out"))
    first = html[html.index("<section"):html.index("</section>")]
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", first) == ["2. juni 2026"]
    assert "Update" not in html and "typo" not in html
    assert "Politisk mål «Oplevet tryghed»: beskrivelse ændret" in first
    assert re.search(r"<ins><span class=\"sr-only\">\[tilføjet:\] </span>klar<span", first)
    # The Danish messages before it are still shown.
    assert "5. marts 2026: Tryghed i nattelivet" in html
