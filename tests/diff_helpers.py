"""A real git repository with a reviewable change, shared by test_diff.py and test_ci_pipelines.py.

`review_repo` copies the Brøndby example (data and content) into a new repository, commits it on main, then on the branch «forslag»
changes a goal's description, adds an initiative, renames one actor file (and its id),
moves another into a subfolder, changes a network's list of schools and its meeting
frequency, and commits. Files are re-emitted with sspgen's own emitter on both sides so the
test can edit them as data; the expected names are read from the data, not hard-coded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sspgen.diff.render import md
from sspgen.read.yamlfile import parse_yaml
from sspgen.commands.fmt import schema_for_path
from sspgen.yamlemit import dump
from sspgen.yamlfmt import format_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "brondby"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "SSP-koordinator",
    "GIT_AUTHOR_EMAIL": "ssp@example.invalid",
    "GIT_COMMITTER_NAME": "SSP-koordinator",
    "GIT_COMMITTER_EMAIL": "ssp@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return result.stdout


def sspgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "sspgen.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def read(path: Path) -> dict[str, Any]:
    document, problems = parse_yaml(path.read_bytes(), str(path))
    assert document is not None, problems
    return document.data


def write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # In the canonical format, as staff's files are (numbers as numbers, `sspgen fmt`).
    path.write_text(format_yaml(dump(data), schema_for_path(path)), encoding="utf-8")


@dataclass
class ReviewRepo:
    path: Path
    goal_title: str
    goal_title_other: str
    indsats_name: str
    renamed_actor: str
    old_actor_id: str
    new_actor_id: str
    moved_actor: str
    moved_from: str
    moved_to: str
    network_name: str
    added_school: str
    removed_school: str
    frequency_before: str
    frequency_after: str


def _copy(source: Path, target: Path) -> None:
    write(target, read(source))


def review_repo(tmp: Path) -> ReviewRepo:
    repo = tmp / "repo"
    data = repo / "data" / "brondby"
    for source in sorted(EXAMPLE.rglob("*.yaml")):
        _copy(source, data / source.relative_to(EXAMPLE))
    shutil.copytree(ROOT / "content" / "brondby", repo / "content" / "brondby")
    plan_file = sorted((EXAMPLE / "planer").glob("*.yaml"))[0]
    network_file = EXAMPLE / "fora" / "ssp-netvaerk-oester.yaml"
    actors = sorted((EXAMPLE / "aktoerer").glob("*.yaml"))
    write(data / "aktoerer" / "frivillige-nattevandrere.yaml",
          {"id": "frivillige-nattevandrere", "navn": "Frivillige nattevandrere", "type": "forening"})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Brøndbys data")
    git(repo, "checkout", "-q", "-b", "forslag")

    plan_path = data / "planer" / plan_file.name
    plan = read(plan_path)
    goal, other = plan["politiske_maal"][0], plan["politiske_maal"][1]
    goal["beskrivelse"] = goal["beskrivelse"].rstrip(".") + " og i nattelivet."
    indsats = {
        "id": "nattevandring-i-weekenden",
        "navn": "Nattevandring i weekenden",
        "beskrivelse": "Frivillige voksne går rundt i bydelene fredag og lørdag aften.",
        "politiske_maal": [other["id"]],
        "forebyggelsesniveau": plan["forebyggelsesniveauer"][0]["id"],
    }
    plan.setdefault("indsatser", []).append(indsats)
    write(plan_path, plan)

    renamed_path = data / "aktoerer" / "frivillige-nattevandrere.yaml"
    moved_path = data / "aktoerer" / actors[0].name
    renamed = read(renamed_path)
    old_id = renamed["id"]
    renamed["id"] = f"{old_id}-ny"
    renamed_path.unlink()
    write(data / "aktoerer" / f"{old_id}-ny.yaml", renamed)
    moved = read(moved_path)
    moved_to = data / "aktoerer" / "arkiv" / moved_path.name
    moved_to.parent.mkdir(parents=True)
    moved_path.rename(moved_to)

    network_path = data / "fora" / network_file.name
    network = read(network_path)
    removed_school = network["skoler"][0]
    schools = [a.stem for a in actors if read(a)["type"] == "skole" and a.stem not in network["skoler"]]
    added_school = schools[0]
    network["skoler"] = [added_school]
    frequency = network["moedefrekvens"]
    before = f"{frequency['gange']} {'gang' if frequency['gange'] == '1' else 'gange'}"
    frequency["gange"] = str(int(frequency["gange"]) + 1)
    write(network_path, network)

    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Forslag: nattevandring og nye skoler i Øster")
    return ReviewRepo(
        path=repo,
        goal_title=goal["titel"],
        goal_title_other=other["titel"],
        indsats_name=indsats["navn"],
        renamed_actor=renamed["navn"],
        old_actor_id=old_id,
        new_actor_id=renamed["id"],
        moved_actor=moved["navn"],
        moved_from=f"data/brondby/aktoerer/{moved_path.name}",
        moved_to=f"data/brondby/aktoerer/arkiv/{moved_path.name}",
        network_name=network["navn"],
        added_school=added_school,
        removed_school=removed_school,
        frequency_before=before,
        frequency_after=f"{frequency['gange']} gange",
    )


def expected_markdown_lines(r: ReviewRepo) -> list[str]:
    """Lines `sspgen diff --format markdown main forslag` must contain (Markdown escaping aside)."""
    return [
        f"- Politisk mål *{md(r.goal_title)}*: beskrivelse ændret",
        f"- Indsats *{md(r.indsats_name)}* tilføjet under mål *{md(r.goal_title_other)}*",
        f"- Aktør *{md(r.renamed_actor)}* omdøbt fra `{r.old_actor_id}` til `{r.new_actor_id}`",
        f"- Aktør *{md(r.moved_actor)}*: filen flyttet fra `{r.moved_from}` til `{r.moved_to}`",
        f"- Netværk *{md(r.network_name)}* ændret:",
        f"  - skoler: tilføjet «{md(r.added_school)}»; fjernet «{md(r.removed_school)}»",
        f"  - mødefrekvens ændret fra «{r.frequency_before}",
    ]


def expected_text_lines(r: ReviewRepo) -> list[str]:
    """The same as plain text (`--format text`)."""
    return [
        f"  * Politisk mål «{r.goal_title}»: beskrivelse ændret",
        f"  * Indsats «{r.indsats_name}» tilføjet under mål «{r.goal_title_other}»",
        f"  * Aktør «{r.renamed_actor}» omdøbt fra «{r.old_actor_id}» til «{r.new_actor_id}»",
        f"  * Aktør «{r.moved_actor}»: filen flyttet fra «{r.moved_from}» til «{r.moved_to}»",
        f"  * Netværk «{r.network_name}» ændret:",
        f"    * skoler: tilføjet «{r.added_school}»; fjernet «{r.removed_school}»",
        f"    * mødefrekvens ændret fra «{r.frequency_before}",
    ]
