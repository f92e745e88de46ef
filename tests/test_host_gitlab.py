"""`sspgen host gitlab`: the Pages jobs are valid GitLab CI (GitLab's own schema, vendored in
check-jsonschema), and their scripts run as a runner would run them: the intranet job refuses
to publish unless GitLab's API says Pages is for project members only, and the public job
pushes only the public sites to the separate public project (a real git repository here)."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from host_helpers import run_host, venv_tool
from site_helpers import REPO, copy_examples
from test_ci_pipelines import bash, shims


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = copy_examples(tmp_path_factory.mktemp("gitlab") / "repo")
    result = run_host("gitlab", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    return {"root": root, "path": root / "hosting" / "gitlab-pages.yml",
            "ci": yaml.safe_load((root / "hosting" / "gitlab-pages.yml").read_text(encoding="utf-8"))}


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv_tool("check-jsonschema")), "--builtin-schema", "vendor.gitlab-ci", str(path)],
                          capture_output=True, text=True, timeout=120)


def test_generated_jobs_and_the_pipeline_that_includes_them_are_valid(generated: dict, tmp_path: Path) -> None:
    assert validate(generated["path"]).returncode == 0, validate(generated["path"]).stdout
    # The README's way in: the shipped pipeline without its own pages job, plus the include.
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    del pipeline["pages"]
    merged = {**pipeline, **generated["ci"]}
    combined = tmp_path / "combined.gitlab-ci.yml"
    combined.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = validate(combined)
    assert result.returncode == 0, result.stdout + result.stderr
    assert merged["pages"]["needs"] == ["site"] and merged["pages"]["artifacts"]["paths"] == ["public/"]
    public_ci = tmp_path / "offentlig.gitlab-ci.yml"
    public_ci.write_text(subprocess.run([sys.executable, "-m", "sspgen.host.gitlab", "offentlig-ci"], cwd=REPO,
                                        capture_output=True, text=True, check=True).stdout, encoding="utf-8")
    assert validate(public_ci).returncode == 0


def test_the_schema_check_can_fail(generated: dict, tmp_path: Path) -> None:
    broken = dict(generated["ci"])
    broken["pages"] = {**broken["pages"], "script": 7, "artifacts": {"paths": "public/"}}
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    result = validate(path)
    assert result.returncode != 0 and "pages" in result.stdout


def test_every_municipality_is_named_in_the_generated_file(generated: dict) -> None:
    text = generated["path"].read_text(encoding="utf-8")
    for kommune in sorted((generated["root"] / "data").glob("*/kommune.yaml")):
        slug = kommune.parent.name
        assert f"/{slug}/intranet/ kræver login" in text


class _API(http.server.BaseHTTPRequestHandler):
    """GitLab's GET /projects/:id, answering with the Pages access level the test sets."""

    level = "private"
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).seen.append(self.headers.get("PRIVATE-TOKEN", ""))
        body = json.dumps({"id": 1, "pages_access_level": type(self).level}).encode()
        self.send_response(200 if self.path == "/api/v4/projects/1" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def api():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _API)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _API.seen = []
    try:
        yield server
    finally:
        server.shutdown()


def run_pages_job(generated: dict, tmp: Path, api, level: str, token: str | None) -> subprocess.CompletedProcess[str]:
    _API.level = level
    work = tmp / "job"
    (work / "output" / "brondby" / "intranet").mkdir(parents=True)
    (work / "output" / "index.html").write_text("fuld liste", encoding="utf-8")
    (work / "output" / "brondby" / "intranet" / "index.html").write_text("intranet", encoding="utf-8")
    (work / "sspgen").symlink_to(REPO / "sspgen")  # the checkout, as on the runner
    env = {"CI_API_V4_URL": f"http://127.0.0.1:{api.server_address[1]}/api/v4", "CI_PROJECT_ID": "1",
           **({"SSPGEN_GITLAB_TOKEN": token} if token else {})}
    return bash("\n".join(generated["ci"]["pages"]["script"]), work, env, shims(tmp))


def test_pages_job_publishes_the_intranet_only_for_project_members(generated: dict, tmp_path: Path, api) -> None:
    result = run_pages_job(generated, tmp_path, api, "private", "glpat-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "job" / "public" / "brondby" / "intranet" / "index.html").read_text(encoding="utf-8") == "intranet"
    assert _API.seen == ["glpat-test"]


@pytest.mark.parametrize("level", ["public", "enabled", "disabled"])
def test_pages_job_refuses_when_pages_is_not_for_members_only(generated: dict, tmp_path: Path, api, level: str) -> None:
    result = run_pages_job(generated, tmp_path, api, level, "glpat-test")
    assert result.returncode == 1
    assert f"GitLab Pages er sat til «{level}»" in result.stderr and "Kun projektmedlemmer" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "job" / "public").exists()


def test_pages_job_refuses_without_a_token(generated: dict, tmp_path: Path, api) -> None:
    result = run_pages_job(generated, tmp_path, api, "private", None)
    assert result.returncode == 1 and "SSPGEN_GITLAB_TOKEN" in result.stderr
    assert not (tmp_path / "job" / "public").exists() and _API.seen == []


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def test_public_job_pushes_only_the_public_sites(generated: dict, tmp_path: Path) -> None:
    remote = tmp_path / "ssp-offentlig.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "-q", str(remote), str(seed))
    (seed / "README.md").write_text("Offentlige SSP-sider\n", encoding="utf-8")
    git(seed, "add", "README.md")
    git(seed, "-c", "user.name=Test", "-c", "user.email=test@invalid", "commit", "-q", "-m", "Start")
    git(seed, "push", "-q", "origin", "HEAD:main")
    work = tmp_path / "job"
    (work / "public" / "brondby").mkdir(parents=True)
    (work / "public" / "index.html").write_text("offentlig forside", encoding="utf-8")
    (work / "public" / "brondby" / "index.html").write_text("Brøndby offentlig", encoding="utf-8")
    # The site job's whole build: the calendar feeds at capability URLs go along, nothing else.
    token = "Fiktivt_token-0123456789abcdefgh"
    feeds = {f"brondby/intranet/kalender/abonnement/{token}/alle.ics": "BEGIN:VCALENDAR alle",
             f"brondby/intranet/kalender/abonnement/{token}/ssp-netvaerk.ics": "BEGIN:VCALENDAR netværk"}
    closed = {"brondby/intranet/index.html": "intranet", "brondby/intranet/kalender/alle.ics": "bag login",
              f"brondby/intranet/kalender/abonnement/{token}/index.html": "mappe",
              "brondby/intranet/kalender/abonnement/alle.ics": "uden nøgle",
              f"brondby/intranet/kalender/abonnement/{token}/under/dybere.ics": "for dybt"}
    for path, text in {**feeds, **closed}.items():
        (work / "output" / path).parent.mkdir(parents=True, exist_ok=True)
        (work / "output" / path).write_text(text, encoding="utf-8")
    (work / "sspgen").symlink_to(REPO / "sspgen")
    url = "https://oauth2:glpat-offentlig@gitlab.test/kommune/ssp-offentlig.git"
    env = {"CI_SERVER_HOST": "gitlab.test", "SSPGEN_OFFENTLIG_PROJEKT": "kommune/ssp-offentlig",
           "SSPGEN_OFFENTLIG_TOKEN": "glpat-offentlig", "CI_COMMIT_SHORT_SHA": "abc1234",
           # The runner's https URL, pointed at the local repository by git's own configuration.
           "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.{remote}.insteadOf", "GIT_CONFIG_VALUE_0": url}
    result = bash("\n".join(generated["ci"]["offentlig"]["script"]), work, env, shims(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    check = tmp_path / "check"
    git(tmp_path, "clone", "-q", str(remote), str(check))
    assert (check / "public" / "brondby" / "index.html").read_text(encoding="utf-8") == "Brøndby offentlig"
    for path, text in feeds.items():  # at the same path, so the unguessable address works there
        assert (check / "public" / path).read_text(encoding="utf-8") == text
    published = sorted(p.relative_to(check / "public").as_posix() for p in (check / "public").rglob("*") if p.is_file())
    assert published == sorted(["index.html", "brondby/index.html", *feeds]), published
    assert yaml.safe_load((check / ".gitlab-ci.yml").read_text(encoding="utf-8"))["pages"]["artifacts"]["paths"] == ["public/"]
    assert "Offentlige SSP-sider fra abc1234" in git(check, "log", "-1", "--format=%s")
    # Run again with nothing changed: said, not failed.
    (work / "offentlig-projekt").rename(tmp_path / "first")
    again = bash("\n".join(generated["ci"]["offentlig"]["script"]), work, env, shims(tmp_path))
    assert again.returncode == 0 and "Ingen ændringer" in again.stdout
