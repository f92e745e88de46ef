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
        # The command's output goes to a file: a pipe nobody reads would fill up and block it.
        self.log = repo.parent / "sspgen-cms.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "sspgen.cli", "cms", str(repo), "--kommune", slug,
                 "--port", str(self.port), "--api-port", str(self.api_port)],
                cwd=REPO, stdout=log, stderr=subprocess.STDOUT, text=True,
            )
        deadline = time.monotonic() + 60
        while "kører nu" not in self.log.read_text(encoding="utf-8"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"sspgen cms startede ikke:\n{self.log.read_text(encoding='utf-8')}", pytrace=False)
            time.sleep(0.1)
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
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
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

    def item(self, summary: str):  # noqa: ANN201 - a Playwright locator
        """The list item whose summary is ``summary``, opened (Decap shows list items closed)."""
        label = self.page.locator("[class*=NestedObjectLabel]").get_by_text(summary, exact=True).first
        item = self.page.locator("[class*=listControlItem]").filter(has=label).last
        item.locator("button").first.click()
        return item

    def select_text(self, editor, word: str) -> None:  # noqa: ANN001 - a Playwright locator
        """Select ``word`` in a text editor, as a double-click on it does."""
        editor.click()
        editor.evaluate("""(root, word) => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.textContent.indexOf(word);
                if (at === -1) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + word.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return;
            }
            throw new Error(`«${word}» findes ikke i teksten`);
        }""", word)
        self.page.wait_for_timeout(100)  # Slate takes the DOM selection over on selectionchange

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
                pytest.fail(f"Formularen gemte ikke «{name}» (ingen ny commit). Fejl i siden: {self.errors}\n"
                            f"sspgen cms: {self.log.read_text(encoding='utf-8')}", pytrace=False)
            # Not time.sleep: Playwright's sync API runs the request router (_route) only while
            # the test waits inside Playwright, so a plain sleep would hold the save back.
            self.page.wait_for_timeout(200)
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
    # A parameter is a municipality, or (municipality, {file: text to append}) for a test that
    # needs data the examples do not have.
    slug, extra = (request.param, {}) if isinstance(request.param, str) else request.param
    repo = copy_examples(tmp_path / "repo")
    for name, text in extra.items():
        path = repo / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    # `sspgen check` (assert_valid) keeps a parse cache in the repository, as in a real clone
    # whose .gitignore names it; decap-server commits every file git sees.
    (repo / ".git" / "info" / "exclude").write_text(".sspgen-cache/\n", encoding="utf-8")
    _git(repo, "config", "user.name", "Test Testesen")
    _git(repo, "config", "user.email", "test@example.invalid")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "Eksempeldata")
    opened = Form(repo, slug)
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


def cli_new_moede(tmp: Path, slug: str, forum: str, day: str) -> str:
    """What `sspgen new moede` writes for ``forum`` on ``day``, in a copy of its own."""
    other = copy_examples(tmp / "cli")
    result = subprocess.run([sys.executable, "-m", "sspgen.cli", "new", "moede", str(other), "--kommune", slug,
                             "--forum", forum, "--dato", day], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return (other / "data" / slug / "moeder" / f"{day}-{forum}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("form", ["brondby"], indirect=True)
def test_create_a_meeting_from_a_forum(form: Form, tmp_path: Path) -> None:
    # The forum's intranet page links here with the forum filled in («Nyt møde»). 30 days'
    # notice before Monday 4 May 2026 is Saturday 4 April; Friday and Thursday before it are
    # langfredag and skærtorsdag, so the invitation is due Wednesday 1 April.
    forum, day = "ssp-netvaerk-vester", "2026-05-04"
    form.open(f"collections/moeder/new?forum={forum}")
    form.page.get_by_text("0 dagsorden").wait_for()  # no empty agenda point to begin with
    form.field("Dato").fill(day)
    commit = form.save("nyt-moede")
    path = f"data/brondby/moeder/{day}-{forum}.yaml"
    files, removed, _ = changed_lines(form.repo, commit)
    assert files == [path] and removed == []
    saved = (form.repo / path).read_text(encoding="utf-8")
    assert saved == cli_new_moede(tmp_path, "brondby", forum, day)
    assert "indkaldt: 2026-04-01\n" in saved and "    # Hjælp: " in saved and "titel: Tendenser\n" in saved
    assert_valid(form.repo, files)
    # The form then shows the meeting as saved, filled in, and a further edit changes only
    # its own line: the template's hints stay in the file.
    from playwright.sync_api import expect

    expect(form.field("Id (kan udelades)")).to_have_value(f"{day}-{forum}")
    expect(form.field("Tid (kan udelades)")).to_have_value("13.00")
    form.page.screenshot(path=str(form.shot("nyt-moede-udfyldt")), full_page=False)
    form.field("Sted (kan udelades)").fill("Brøndbyvester Skole, lokale 3")
    commit = form.save("nyt-moede-ret-sted")
    files, removed, added = changed_lines(form.repo, commit)
    assert files == [path]
    assert removed == ["sted: Brøndbyvester Skole"] and added == ["sted: Brøndbyvester Skole, lokale 3"]
    assert_valid(form.repo, files)


INSTANCE = """instanser:
  - id: ssp-team-vester-skole
    navn: SSP-team Brøndbyvester Skole
    skole: broendbyvester-skole
    sted: Brøndbyvester Skole, lokale 12
"""


@pytest.mark.parametrize("form", [("brondby", {"data/brondby/fora/ssp-netvaerk-vester.yaml": INSTANCE})],
                         indirect=True)
def test_create_a_meeting_of_an_instance(form: Form, tmp_path: Path) -> None:
    # A group under a forum's «instanser» holds meetings too; its page links the same way, and
    # the meeting follows its kind's kommissorium with the group's own place.
    forum, day = "ssp-team-vester-skole", "2026-05-04"
    form.open(f"collections/moeder/new?forum={forum}")
    form.field("Dato").fill(day)
    commit = form.save("nyt-moede-instans")
    path = f"data/brondby/moeder/{day}-{forum}.yaml"
    files, removed, _ = changed_lines(form.repo, commit)
    assert files == [path] and removed == []
    saved = (form.repo / path).read_text(encoding="utf-8")
    cli = copy_examples(tmp_path / "cli")
    forum_file = cli / "data/brondby/fora/ssp-netvaerk-vester.yaml"
    forum_file.write_text(forum_file.read_text(encoding="utf-8") + INSTANCE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sspgen.cli", "new", "moede", str(cli), "--kommune", "brondby",
                             "--forum", forum, "--dato", day], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert saved == (cli / path).read_text(encoding="utf-8")
    assert "sted: Brøndbyvester Skole, lokale 12\n" in saved and "indkaldt: 2026-04-01\n" in saved
    assert_valid(form.repo, files)


@pytest.mark.parametrize("form", ["brondby"], indirect=True)
def test_a_second_meeting_on_the_same_day_is_refused(form: Form) -> None:
    forum, day = "ssp-netvaerk-vester", "2026-04-14"  # the forum meets that day (2026-04-14-vester)
    before = _git(form.repo, "rev-parse", "HEAD").strip()
    form.open(f"collections/moeder/new?forum={forum}")
    form.field("Dato").fill(day)
    form.page.get_by_role("button", name="Publicer").first.click()
    form.page.get_by_text("Publicer nu", exact=True).click()
    form.page.get_by_text("Forummet har allerede et møde den 14.04.2026 (2026-04-14-vester)", exact=False).wait_for()
    form.page.screenshot(path=str(form.shot("nyt-moede-optaget")), full_page=False)
    assert _git(form.repo, "rev-parse", "HEAD").strip() == before
    assert _git(form.repo, "status", "--porcelain") == ""


@pytest.mark.parametrize("form", ["holbaek"], indirect=True)
def test_clear_an_optional_field(form: Form) -> None:
    path = "data/holbaek/moeder/2026-04-14-jyderup.yaml"
    # The list of meetings: a row per meeting with its date and forum, never a blank row.
    form.page.goto(form.url("collections/moeder"))
    form.page.get_by_text("14.04.2026 · ssp-netvaerk-jyderup", exact=True).wait_for()
    form.page.screenshot(path=str(form.shot("moeder-liste")), full_page=False)
    form.open("collections/moeder/entries/2026-04-14-jyderup")
    assert form.field("Tid (kan udelades)").input_value() == "14.00", "klokkeslættet skal stå, som det er skrevet"
    form.field("Slut (kan udelades)").fill("")
    commit = form.save("ryd-felt")
    files, removed, added = changed_lines(form.repo, commit)
    assert files == [path]
    assert removed == ['slut: "16.00"'] and added == []
    assert_valid(form.repo, files)


@pytest.mark.parametrize("form", ["brondby"], indirect=True)
def test_edit_a_plan_goal(form: Form) -> None:
    path = "data/brondby/planer/ssp-plan-2022-2026.yaml"
    old = "Kriminaliteten blandt børn og unge skal fortsat være faldende."
    new = "Kriminaliteten blandt børn og unge skal fortsat falde."
    form.open("collections/planer/entries/ssp-plan-2022-2026")
    # The goals are listed by title (the list's summary); open the third one.
    item = form.item("Forebyggelse af ungdomskriminalitet")
    goal = item.get_by_label("Beskrivelse (kan udelades)", exact=True)
    assert goal.input_value() == old
    goal.fill(new)
    commit = form.save("planmaal")
    files, removed, added = changed_lines(form.repo, commit)
    assert files == [path]
    assert removed == [f"    beskrivelse: {old}"] and added == [f"    beskrivelse: {new}"]
    assert_valid(form.repo, files)


@pytest.mark.parametrize("form", ["brondby"], indirect=True)
def test_edit_a_page_body_with_a_shortcode_and_a_list_from_zero(form: Form) -> None:
    from playwright.sync_api import expect

    path = "content/brondby/om-ssp-planen.md"
    original = (form.repo / path).read_text(encoding="utf-8")
    form.open("collections/sider/entries/om-ssp-planen")
    # Markdown is edited as plain text, and Decap's rich text mode (which would rewrite the
    # whole body: «-» to «*», «0. til 9. klasse» to a list item «1.») is not offered.
    body = form.page.locator(".cms-editor-raw [contenteditable=true]")
    assert form.page.get_by_role("switch").count() == 0
    text = body.inner_text()
    assert "[[dokument: ungeprofilen]]" in text and "\n0. til 9. klasse" in text
    form.select_text(body, "kvalificere")
    form.page.keyboard.type("forberede")
    expect(body).to_contain_text("forberede SSP-plan")  # the editor has taken the word
    body.press("Control+End")  # the empty line after the text's last line
    form.page.wait_for_timeout(200)
    for line in ("0. klasse: trivselsforløb.", "1. klasse: venskabsforløb."):
        form.page.keyboard.press("Enter")
        form.page.keyboard.type(line)
    expect(body).to_contain_text("1. klasse: venskabsforløb.")
    commit = form.save("side-brodtekst")
    files, removed, added = changed_lines(form.repo, commit)
    assert files == [path]
    saved = (form.repo / path).read_text(encoding="utf-8")
    assert "\\[[" not in saved and "[[dokument: ungeprofilen]]" in saved and "\n0. til 9. klasse" in saved
    assert removed == ["ske? Den samlede plan evalueres i 2025 med henblik på at kvalificere SSP-plan 2026-2030."]
    assert added[0] == "ske? Den samlede plan evalueres i 2025 med henblik på at forberede SSP-plan 2026-2030."
    assert added[1:] == ["", "0. klasse: trivselsforløb.", "1. klasse: venskabsforløb."], added
    assert saved.startswith(original.split("---\n", 2)[0] + "---\n" + original.split("---\n", 2)[1])
    assert_valid(form.repo, files)
