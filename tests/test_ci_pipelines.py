"""The review pipelines (.github/workflows/ssp.yml, .gitlab-ci.yml) run what they promise.

The commands are read out of the pipeline files and run with bash, as the CI runners would,
in a real git repository made in the test (tests/diff_helpers.py): a branch that changes a
goal, adds an initiative, renames and moves files and changes a list. Only installing
(pip, apt, make's setup) is left out: `sspgen` and `python` are small shims that run this
checkout's code.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from diff_helpers import ROOT, expected_markdown_lines, git, read, review_repo, write

GITHUB = ROOT / ".github" / "workflows" / "ssp.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def shims(tmp: Path) -> Path:
    """A bin folder where `sspgen` and `python` run this checkout's code."""
    bin_dir = tmp / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, target in (("sspgen", f'exec "{sys.executable}" -m sspgen.cli "$@"'), ("python", f'exec "{sys.executable}" "$@"')):
        path = bin_dir / name
        path.write_text(f"#!/bin/sh\n{target}\n", encoding="utf-8")
        path.chmod(0o755)
    return bin_dir


def bash(script: str, cwd: Path, env: dict[str, str], bin_dir: Path) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **env, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    for name in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "GITHUB_TOKEN", "SSPGEN_GITLAB_TOKEN"):
        if name not in env:
            full_env.pop(name, None)
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=300)


def github_expressions(value: str, context: dict[str, str]) -> str:
    """${{ github.base_ref }} and friends; repository variables (vars.*) are unset here."""
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: context.get(m.group(1), ""), value)


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory):
    return review_repo(tmp_path_factory.mktemp("ci"))


@pytest.fixture
def clone(review, tmp_path: Path) -> Path:
    """The pull request's checkout: a clone (so origin/main exists) at the branch's tip."""
    repo = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", "-b", "forslag", str(review.path), str(repo))
    return repo


def break_the_plan(repo: Path) -> tuple[str, int]:
    """Commit an initiative with an unknown responsible actor; return the file and its line."""
    plan_path = next((repo / "data/brondby/planer").glob("*.yaml"))
    plan = read(plan_path)
    plan["indsatser"][-1]["ansvarlige"] = ["findes-ikke"]
    write(plan_path, plan)
    git(repo, "commit", "-q", "-am", "Ansvarlig uden aktør")
    line = plan_path.read_text(encoding="utf-8").splitlines().index("      - findes-ikke") + 1
    return plan_path.relative_to(repo).as_posix(), line


# --------------------------------------------------------------------------------------------
# GitHub Actions


def github_workflow() -> dict[str, Any]:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)  # PyYAML reads the key `on` as a boolean
    return workflow


def github_review_steps() -> list[dict[str, Any]]:
    steps = github_workflow()["jobs"]["review"]["steps"]
    return [s for s in steps if "run" in s and "pip install" not in s["run"]]


def run_github_review(repo: Path, tmp: Path) -> tuple[dict[str, subprocess.CompletedProcess[str]], str]:
    summary = tmp / "summary.md"
    event = tmp / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}), encoding="utf-8")
    context = {"github.base_ref": "main", "github.token": "", "github.repository": "kommune/ssp"}
    results = {}
    bin_dir = shims(tmp)
    for step in github_review_steps():
        env = {k: github_expressions(str(v), context) for k, v in (step.get("env") or {}).items()}
        env.update({"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_EVENT_PATH": str(event), "GITHUB_REPOSITORY": "kommune/ssp"})
        results[step["name"]] = bash(step["run"], repo, env, bin_dir)
    return results, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_github_workflow_shape() -> None:
    workflow = github_workflow()
    assert set(workflow["on"]) >= {"pull_request", "push"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    review = workflow["jobs"]["review"]
    checkout = review["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    runs = "\n".join(s.get("run", "") for s in review["steps"])
    assert "sspgen check --format github" in runs
    assert "sspgen fmt --check" in runs
    assert "sspgen diff" in runs and "--format markdown" in runs and '"$GITHUB_STEP_SUMMARY"' in runs
    site = workflow["jobs"]["site"]
    site_runs = "\n".join(s.get("run", "") for s in site["steps"])
    assert "make site" in site_runs and "sspgen.ci public-pages output public" in site_runs
    uses = [s.get("uses", "") for s in site["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    pages = next(s for s in site["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages["with"]["path"] == "public"  # only the public sites on GitHub Pages
    # The whole site is packed only for a real host, never passed off as an intranet.
    artifact = next(s for s in site["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert "vars.SSPGEN_HOST == 'azure'" in artifact["if"] and "vars.SSPGEN_HOST == 'caddy'" in artifact["if"]
    assert "intranet" not in artifact["with"]["name"] and artifact["with"]["retention-days"] == 1
    deploy = workflow["jobs"]["deploy"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    azure, caddy = workflow["jobs"]["intranet-azure"], workflow["jobs"]["intranet-caddy"]
    for job, target in ((azure, "azure"), (caddy, "caddy")):
        assert job["needs"] == "site" and f"vars.SSPGEN_HOST == '{target}'" in job["if"]
        assert "refs/heads/main" in job["if"]
    upload = next(s for s in azure["steps"] if s.get("uses", "").startswith("Azure/static-web-apps-deploy@"))
    assert upload["with"]["app_location"] == "output" and upload["with"]["skip_app_build"] is True
    assert upload["with"]["azure_static_web_apps_api_token"] == "${{ secrets.SSPGEN_AZURE_TOKEN }}"
    caddy_runs = "\n".join(s.get("run", "") for s in caddy["steps"])
    assert 'rsync -a --delete output/ "$SERVER:$MAPPE/output/"' in caddy_runs
    assert "hosting/Caddyfile" in caddy_runs and "systemctl reload caddy" in caddy_runs


def test_github_review_on_a_clean_pull_request(review, clone: Path, tmp_path: Path) -> None:
    results, summary = run_github_review(clone, tmp_path)
    for name, result in results.items():
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"
    check = next(r for n, r in results.items() if "Kontrollér" in n)
    assert "::error" not in check.stdout
    for line in expected_markdown_lines(review):
        assert line in summary, f"mangler i job summary: {line}\n---\n{summary}"
    comment = next(r for n, r in results.items() if "Kommentar" in n)
    assert "Ingen kommentar" in comment.stdout  # no token in the test: said, not failed


def test_github_review_puts_errors_on_the_line(clone: Path, tmp_path: Path) -> None:
    path, line = break_the_plan(clone)
    results, summary = run_github_review(clone, tmp_path)
    check = next(r for n, r in results.items() if "Kontrollér" in n)
    assert check.returncode == 1
    assert f"::error file={path},line={line}," in check.stdout
    assert "findes-ikke" in check.stdout
    assert "tilføjet under mål" in summary  # the reviewer still gets the diff


def unquote_a_time(repo: Path) -> tuple[str, int]:
    """Commit a meeting whose time is unquoted (a number in YAML 1.2); return file and line."""
    meeting = next(p for p in sorted((repo / "data").glob("*/moeder/*.yaml")) if 'tid: "' in p.read_text(encoding="utf-8"))
    lines = meeting.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.startswith('tid: "'))
    lines[line] = lines[line].replace('"', "")
    meeting.write_text("".join(lines), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Tid uden anførselstegn")
    return meeting.relative_to(repo).as_posix(), line + 1


def test_github_review_names_a_file_not_in_the_canonical_format(clone: Path, tmp_path: Path) -> None:
    path, line = unquote_a_time(clone)
    results, _ = run_github_review(clone, tmp_path)
    fmt = next(r for n, r in results.items() if "filformatet" in n)
    assert fmt.returncode == 1
    assert f"{path}:{line}:1: fejl [fmt.ikke-formateret]" in fmt.stdout, fmt.stdout
    check = next(r for n, r in results.items() if "Kontrollér data" in n)
    assert check.returncode == 0 and f"::warning file={path},line={line}," in check.stdout


# --------------------------------------------------------------------------------------------
# GitLab CI


def gitlab_pipeline() -> dict[str, Any]:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))


def run_gitlab_review(repo: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    job = gitlab_pipeline()["review"]
    script = "\n".join(line for line in job["script"] if "pip install" not in line)
    base = git(repo, "merge-base", "HEAD", "origin/main").strip()
    env = {
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_API_V4_URL": "http://127.0.0.1:9/api/v4",
        "CI_PROJECT_ID": "1",
        "CI_MERGE_REQUEST_IID": "7",
    }
    return bash(script, repo, env, shims(tmp))


def test_gitlab_pipeline_shape() -> None:
    pipeline = gitlab_pipeline()
    review = pipeline["review"]
    assert review["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert pipeline["variables"]["GIT_DEPTH"] == "0"
    assert review["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("sspgen check --format text" in line for line in review["script"])
    assert review["script"][-1] == "sspgen fmt --check"
    site = pipeline["site"]
    assert any(line.startswith("make site") for line in site["script"])
    assert site["artifacts"]["access"] == "developer"
    assert pipeline["pages"]["artifacts"]["paths"] == ["public/"] and pipeline["pages"]["needs"] == ["site"]


def test_gitlab_review_on_a_clean_merge_request(review, clone: Path, tmp_path: Path) -> None:
    result = run_gitlab_review(clone, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    markdown = (clone / "sspgen-diff.md").read_text(encoding="utf-8")
    for line in expected_markdown_lines(review):
        assert line in markdown, line
    assert f"  * Indsats «{review.indsats_name}» tilføjet under mål «{review.goal_title_other}»" in result.stdout
    assert "SSPGEN_GITLAB_TOKEN" in result.stdout  # how to get the note, instead of a failure
    assert json.loads((clone / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []
    assert "Ingen fejl fundet" in result.stderr


def test_gitlab_review_reports_errors_as_code_quality(clone: Path, tmp_path: Path) -> None:
    path, line = break_the_plan(clone)
    result = run_gitlab_review(clone, tmp_path)
    assert result.returncode == 1  # the last line, `sspgen check --format text`, fails the job
    assert f"{path}:{line}:" in result.stdout
    report = json.loads((clone / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    entry = next(e for e in report if "findes-ikke" in e["description"])
    assert entry["location"] == {"path": path, "lines": {"begin": line}} and entry["severity"] == "major"
    assert len({e["fingerprint"] for e in report}) == len(report)
    assert (clone / "sspgen-diff.md").is_file()  # the diff was written before the check failed


def test_gitlab_review_fails_on_a_file_not_in_the_canonical_format(clone: Path, tmp_path: Path) -> None:
    path, line = unquote_a_time(clone)
    result = run_gitlab_review(clone, tmp_path)
    assert result.returncode == 1
    assert f"{path}:{line}:1: fejl [fmt.ikke-formateret]" in result.stdout, result.stdout


# --------------------------------------------------------------------------------------------
# Main branch: build, admin form, public pages


def test_main_branch_steps_publish_only_the_public_sites(clone: Path, tmp_path: Path) -> None:
    bin_dir = shims(tmp_path)
    build = bash("sspgen build --uden-pdf", clone, {}, bin_dir)  # what `make site` runs, without its setup
    assert build.returncode == 0, build.stdout + build.stderr
    venv = clone / ".venv" / "bin"
    venv.mkdir(parents=True)
    for name in ("sspgen", "python"):
        (venv / name).symlink_to(bin_dir / name)
    steps = [s for s in github_workflow()["jobs"]["site"]["steps"] if ".venv/bin/" in s.get("run", "")]
    assert len(steps) == 3
    for step in steps:
        env = {k: github_expressions(str(v), {}) for k, v in (step.get("env") or {}).items()}
        for host in (("azure", "caddy") if "SSPGEN_HOST" in env else ("",)):
            env.update({"SSPGEN_HOST": host} if host else {})
            result = bash(step["run"], clone, {**env, "GITHUB_REPOSITORY": "kommune/ssp"}, bin_dir)
            assert result.returncode == 0, result.stdout + result.stderr
    # `sspgen host` wrote what the deploy jobs upload: the Azure config in the site, the Caddyfile beside it.
    assert "allowedRoles" in (clone / "output/staticwebapp.config.json").read_text(encoding="utf-8")
    assert "basic_auth" in (clone / "hosting/Caddyfile").read_text(encoding="utf-8")
    assert "intranet/" not in (clone / "output/forside-offentlig.html").read_text(encoding="utf-8")
    config = yaml.safe_load((clone / "output/brondby/intranet/admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "kommune/ssp", "branch": "main"}
    public = clone / "public"
    assert (public / "index.html").is_file() and (public / "brondby" / "index.html").is_file()
    assert not list(public.rglob("intranet")) and not list(public.rglob("admin"))
    assert "Brøndby Kommune" in (public / "index.html").read_text(encoding="utf-8")
    gitlab_site = gitlab_pipeline()["site"]["script"]
    assert ".venv/bin/python -m sspgen.ci public-pages output public" in gitlab_site
