"""The Decap CMS form end to end: the real Decap bundle, the real decap-server (npm, git mode)
started by `sspgen cms`, and Debian's Chromium, on a git copy of the examples. No mocks.

Each test does what a coordinator does in the form (open an entry, change a field, save) and
then checks the repository the way a reviewer sees it: the save is one commit, the changed
file passes `sspgen check` and `sspgen fmt --check`, and `git diff` shows only the lines the
user changed. Screenshots of the form go to test-artifacts/decap/.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

import pytest

from browser_support import ARTIFACTS, CHROMIUM_ARGS, CHROMIUM, playwright_driver, require_browser
from site_helpers import REPO, copy_examples

SHOTS = ARTIFACTS / "decap"
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return result.stdout


class Form:
    """`sspgen cms` on one git repository, and a Chromium page logged into its form."""

    def __init__(self, repo: Path, slug: str) -> None:
        self.repo = repo
        self.slug = slug
        self.port, self.api_port = _free_port(), _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sspgen.cli", "cms", str(repo), "--kommune", slug,
             "--port", str(self.port), "--api-port", str(self.api_port)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.output = ""
        deadline = time.monotonic() + 60
        while "kører nu" not in self.output:
            line = self.process.stdout.readline()  # type: ignore[union-attr]
            if not line or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"sspgen cms startede ikke:\n{self.output}", pytrace=False)
            self.output += line
        self.profile = tempfile.mkdtemp(prefix="sspgen-decap-chromium-")
        self.context = playwright_driver().chromium.launch_persistent_context(
            user_data_dir=self.profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            locale="da-DK", timezone_id="Europe/Copenhagen", viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url(""))
        self.page.get_by_role("button", name="Log ind").click()
        self.page.get_by_text("Kommunen", exact=True).first.wait_for()

    def _route(self, route, request) -> None:  # noqa: ANN001 - Playwright's types
        port = int(re.match(r"https?://[^/:]+:(\d+)", request.url)[1]) if request.url.startswith("http") else None
        if request.url.startswith(("data:", "blob:")) or port in (self.port, self.api_port):
            route.continue_()
        else:
            self.outside.append(request.url)
            route.abort()

    def url(self, fragment: str) -> str:
        return f"http://{HOST}:{self.port}/admin/{'#/' + fragment if fragment else ''}"

    def open(self, fragment: str) -> None:
        self.page.goto(self.url(fragment))
        self.page.get_by_text("Publicer", exact=False).first.wait_for()

    def field(self, label: str):  # noqa: ANN201 - a Playwright locator
        """The control of the top-level field labelled ``label`` (Decap links label and input)."""
        return self.page.get_by_label(label, exact=True)

    def save(self, name: str) -> str:
        """Publish the entry as the user does, wait for decap-server's commit; the commit's id."""
        before = _git(self.repo, "rev-parse", "HEAD").strip()
        self.page.screenshot(path=str(self.shot(f"{name}-form")), full_page=False)
        self.page.get_by_role("button", name="Publicer").first.click()
        self.page.get_by_text("Publicer nu", exact=True).click()
        deadline = time.monotonic() + 30
        while (head := _git(self.repo, "rev-parse", "HEAD").strip()) == before:
            if time.monotonic() > deadline:
                self.page.screenshot(path=str(self.shot(f"{name}-failed")), full_page=True)
                pytest.fail(f"Formularen gemte ikke «{name}» (ingen ny commit). Fejl i siden: {self.errors}",
                            pytrace=False)
            time.sleep(0.2)
        self.page.screenshot(path=str(self.shot(f"{name}-saved")), full_page=False)
        return head

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        return SHOTS / f"{name}.png"

    def stop(self) -> None:
        if getattr(self, "context", None) is not None:
            self.context.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def form(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Form]:
    require_browser()
    if not (REPO / "node_modules" / "decap-server" / "dist" / "index.js").is_file():
        pytest.fail("npm-pakken decap-server er ikke installeret (kør «make test», der kører «npm ci»)", pytrace=False)
    repo = copy_examples(tmp_path / "repo")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.name", "Test Testesen")
    _git(repo, "config", "user.email", "test@example.invalid")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "Eksempeldata")
    opened = Form(repo, request.param)
    yield opened
    opened.stop()
    assert not opened.outside, f"formularen hentede noget udefra: {opened.outside}"


def changed_lines(repo: Path, commit: str) -> tuple[list[str], list[str], list[str]]:
    """The commit's changed files and its removed and added lines (without diff headers)."""
    files = _git(repo, "show", "--name-only", "--format=", commit).split()
    diff = _git(repo, "show", "--format=", "--unified=0", commit).splitlines()
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return files, removed, added


def assert_valid(repo: Path, files: list[str]) -> None:
    """The saved files are canonical and the repository passes `sspgen check`."""
    fmt = subprocess.run([sys.executable, "-m", "sspgen.cli", "fmt", "--check", *[str(repo / f) for f in files]],
                         cwd=REPO, capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr + "".join((repo / f).read_text() for f in files)
    check = subprocess.run([sys.executable, "-m", "sspgen.cli", "check", str(repo)], cwd=REPO, capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("form", ["holbaek"], indirect=True)
def test_edit_a_forums_place(form: Form) -> None:
    path = "data/holbaek/fora/ssp-netvaerk-jyderup.yaml"
    original = (form.repo / path).read_text(encoding="utf-8")
    assert "\nsted:" not in original
    form.open("collections/fora/entries/ssp-netvaerk-jyderup")
    form.field("Sted (kan udelades)").fill("Jyderup Skole, lokale 12")
    commit = form.save("forum-sted")
    files, removed, added = changed_lines(form.repo, commit)
    assert files == [path]
    assert removed == [] and added == ["sted: Jyderup Skole, lokale 12"]
    text = (form.repo / path).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/fora.schema.json\n")
    assert_valid(form.repo, files)
