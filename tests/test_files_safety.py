"""Files under data/, content/ and layouts/: links are never followed, names follow the id rule.

Everything runs the real CLI on a copy of the examples in a temporary folder. A link points
at a file outside the copy that holds a marker sentence and would pass every other check: the
control test shows that the same file, copied in as a plain file, does reach the public site
and its search index, so the absence of the marker after a link means the link was not read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_helpers import REPO, copy_examples, readable_text, run_build, tree_files, tree_hash

MARKER = "Denne hemmelige markørsætning må aldrig blive offentlig 7Q4Z."

AKTOER = f"""\
id: markoer-skole
navn: Markørskolen
type: skole
beskrivelse: {MARKER}
synlighed: offentlig
"""

SIDE = f"""\
---
titel: Markørsiden
synlighed: offentlig
---
{MARKER}
"""


def sspgen(*args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sspgen.cli", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)


def check(root: Path, timeout: int = 120) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    """`sspgen check --format json`: the run and its diagnostics."""
    run = sspgen("check", str(root), "--format", "json", timeout=timeout)
    assert "Traceback" not in run.stderr, run.stderr
    return run, json.loads(run.stdout or "[]")


def with_code(diagnostics: list[dict], code: str) -> list[dict]:
    return [d for d in diagnostics if d["code"] == code]


def only_at(diagnostics: list[dict], code: str, path: str, severity: str = "fejl") -> dict:
    """The one diagnostic with ``code`` at ``path``: line 1, column 1."""
    found = [d for d in with_code(diagnostics, code) if d["path"] == path]
    assert [(d["line"], d["column"], d["severity"]) for d in found] == [(1, 1, severity)], diagnostics
    return found[0]


def a_municipality(root: Path, having: str = "") -> str:
    """The first example municipality (with ``having`` under data/<slug>/, if given)."""
    return next(p.name for p in sorted((root / "data").iterdir()) if p.is_dir() and (not having or (p / having).exists()))


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return copy_examples(tmp_path / "repo")


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    """A folder beside the repository (never inside it) with files worth stealing."""
    folder = tmp_path / "udenfor"
    folder.mkdir()
    (folder / "aktoer.yaml").write_text(AKTOER, encoding="utf-8")
    (folder / "side.md").write_text(SIDE, encoding="utf-8")
    return folder


def outside_municipality(repo: Path, outside: Path) -> Path:
    """A whole municipality folder outside the repository: a copy of an example whose name
    is the marker (so it lands on every page of its site if read)."""
    slug = a_municipality(repo)
    folder = outside / "markoer"
    shutil.copytree(repo / "data" / slug, folder)
    kommune = folder / "kommune.yaml"
    lines = kommune.read_text(encoding="utf-8").splitlines()
    lines = ["slug: markoer" if line.startswith("slug:") else f"navn: {MARKER}" if line.startswith("navn:") else line
             for line in lines]
    kommune.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def plant(repo: Path, outside: Path, as_link: bool) -> dict[str, str]:
    """A data file, a content page and a municipality folder from outside: as links, or (the
    control) as copies. Returns the repository paths planted."""
    slug = a_municipality(repo, "aktoerer")
    planted = {
        f"data/{slug}/aktoerer/markoer-skole.yaml": outside / "aktoer.yaml",
        f"content/{slug}/markoersiden.md": outside / "side.md",
        "data/markoer": outside_municipality(repo, outside),
    }
    for relative, source in planted.items():
        target = repo / relative
        if as_link:
            target.symlink_to(source)
        elif source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
    return {relative: str(source) for relative, source in planted.items()}


def marker_in(folder: Path) -> list[str]:
    return [name for name, data in tree_files(folder).items() if MARKER in readable_text(folder / name, data)]


# --------------------------------------------------------------------------------------------
# Links


def test_the_control_a_plain_copy_of_the_outside_files_is_published(repo: Path, outside: Path, tmp_path: Path) -> None:
    """Without links the planted files are valid and public: the marker reaches the public
    pages and the search index. This is what the link tests below must never see."""
    plant(repo, outside, as_link=False)
    out = tmp_path / "site"
    run = run_build(repo, out, "--uden-pdf")
    assert run.returncode == 0, run.stdout + run.stderr
    found = marker_in(out)
    assert any("/offentlig/" in name and "/pagefind/" in name for name in found), found
    assert any("/offentlig/" in name and name.endswith(".html") for name in found), found
    assert any(name.startswith("markoer/") for name in found), found


def test_links_to_outside_files_and_folders_are_refused_and_never_read(repo: Path, outside: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = run_build(repo, out, "--uden-pdf")
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree_hash(out)

    planted = plant(repo, outside, as_link=True)
    run, diagnostics = check(repo)
    assert run.returncode == 1
    for relative in planted:
        found = only_at(diagnostics, "fil.symlink", relative)
        assert "uden for repositoriet" in found["message"]
    assert MARKER not in run.stdout + run.stderr
    assert not any(str(outside) in d["message"] for d in diagnostics)  # the target is not shown
    # Nothing is reported from inside the linked files: they were never parsed.
    assert not [d for d in diagnostics if d["path"].startswith("data/markoer/")]
    assert [d for d in diagnostics if d["code"] != "fil.symlink"] == []

    again = run_build(repo, out, "--uden-pdf")
    assert again.returncode == 1
    assert MARKER not in again.stdout + again.stderr
    assert tree_hash(out) == before  # the previous site stays as it was
    assert marker_in(out) == []


def test_a_link_to_a_pipe_is_never_opened(repo: Path, tmp_path: Path) -> None:
    """Opening a named pipe for reading waits for a writer: had check opened the link's
    target it would hang, and the timeout would fail the test."""
    pipe = tmp_path / "roer"
    os.mkfifo(pipe)
    slug = a_municipality(repo, "aktoerer")
    (repo / f"data/{slug}/aktoerer/roer.yaml").symlink_to(pipe)
    (repo / f"content/{slug}/roer.md").symlink_to(pipe)
    (repo / f"data/{slug}/vokabular.yaml").unlink(missing_ok=True)
    (repo / f"data/{slug}/vokabular.yaml").symlink_to(pipe)
    run, diagnostics = check(repo, timeout=60)
    assert run.returncode == 1
    for relative in (f"data/{slug}/aktoerer/roer.yaml", f"content/{slug}/roer.md", f"data/{slug}/vokabular.yaml"):
        only_at(diagnostics, "fil.symlink", relative)


def test_a_link_to_a_system_file(repo: Path) -> None:
    slug = a_municipality(repo)
    (repo / f"content/{slug}/passwd.md").symlink_to("/etc/passwd")
    run, diagnostics = check(repo)
    only_at(diagnostics, "fil.symlink", f"content/{slug}/passwd.md")
    assert "root:" not in run.stdout + run.stderr


def test_a_linked_folder_inside_a_kind_folder_is_not_walked(repo: Path, outside: Path) -> None:
    slug = a_municipality(repo, "aktoerer")
    folder = outside / "flere-aktoerer"
    folder.mkdir()
    (folder / "markoer-skole.yaml").write_text(AKTOER, encoding="utf-8")
    (repo / f"data/{slug}/aktoerer/flere").symlink_to(folder, target_is_directory=True)
    run, diagnostics = check(repo)
    only_at(diagnostics, "fil.symlink", f"data/{slug}/aktoerer/flere")
    assert not [d for d in diagnostics if "flere/" in d["path"]]


def test_a_linked_content_folder_and_data_folder_itself(repo: Path, outside: Path, tmp_path: Path) -> None:
    slug = a_municipality(repo)
    pages = outside / "sider"
    pages.mkdir()
    (pages / "markoersiden.md").write_text(SIDE, encoding="utf-8")
    shutil.rmtree(repo / "content" / slug)
    (repo / "content" / slug).symlink_to(pages, target_is_directory=True)
    run, diagnostics = check(repo)
    only_at(diagnostics, "fil.symlink", f"content/{slug}")

    other = copy_examples(tmp_path / "andet")
    shutil.move(str(other / "data"), str(outside / "data"))
    (other / "data").symlink_to(outside / "data", target_is_directory=True)
    run, diagnostics = check(other)
    assert run.returncode == 1
    only_at(diagnostics, "fil.symlink", "data")


def test_a_link_in_the_repository_layouts(tmp_path: Path, outside: Path) -> None:
    """layouts/ of the repository replaces sspgen's templates and assets, and its assets are
    copied to the site: a link there is refused as under data/."""
    repo = copy_examples(tmp_path / "repo", with_layouts=True)
    (repo / "layouts/assets/markoer.css").symlink_to(outside / "side.md")
    run, diagnostics = check(repo)
    assert run.returncode == 1
    only_at(diagnostics, "fil.symlink", "layouts/assets/markoer.css")


def test_a_link_inside_the_repository_is_refused_too(repo: Path) -> None:
    slug = a_municipality(repo)
    page = sorted((repo / "content" / slug).glob("*.md"))[0]
    (repo / "content" / slug / "kopi.md").symlink_to(page.name)
    run, diagnostics = check(repo)
    found = only_at(diagnostics, "fil.symlink", f"content/{slug}/kopi.md")
    assert f"til content/{slug}/{page.name}" in found["message"]
    assert "Kopiér filen" in found["message"]


def test_diff_between_commits_with_a_committed_link(repo: Path) -> None:
    """`sspgen diff` extracts old commits from git: a committed link is not followed there
    either, and the diff names the file instead of crashing."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
                       cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "grundlag")
    slug = a_municipality(repo, "aktoerer")
    (repo / f"data/{slug}/aktoerer/passwd.yaml").symlink_to("/etc/passwd")
    git("add", ".")
    git("commit", "-qm", "link")
    run = sspgen("diff", "HEAD~1", "HEAD", str(repo), "--format", "text")
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"data/{slug}/aktoerer/passwd.yaml" in run.stdout
    assert "root:" not in run.stdout + run.stderr and "intern fejl" not in run.stderr


def test_the_preview_fast_path_does_not_read_a_link(repo: Path, outside: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A saved meeting record that has become a link: the fast path leaves it to the full
    build (which refuses it) and writes nothing."""
    from sspgen.build import build
    from sspgen.serve.fast import FastPath

    monkeypatch.setenv("SSPGEN_WORKERS", "1")
    folder = tmp_path / "site"
    requeued: list[str] = []
    fast = FastPath(repo, folder, lambda: False, requeued.append)
    number = fast.build_starting()
    result = build(repo, folder, None, pdf=False, search=False, admin=False, postprocess=[fast.before_swap])
    fast.build_finished(number, result)
    assert result.ok, result.diagnostics

    record = sorted(repo.glob("data/*/moeder/*.yaml"))[0]
    stolen = outside / record.name
    text = record.read_text(encoding="utf-8")
    stolen.write_text(text.replace("\nsted: ", f"\nsted: {MARKER} ", 1), encoding="utf-8")
    assert MARKER in stolen.read_text(encoding="utf-8")
    record.unlink()
    record.symlink_to(stolen)
    assert fast.update(str(record)) is None
    assert marker_in(folder) == []
    again = build(repo, folder, None, pdf=False, search=False, admin=False)
    assert not again.ok
    assert [d.code for d in again.diagnostics] == ["fil.symlink"]


# --------------------------------------------------------------------------------------------
# Names


def test_the_examples_pass_clean(repo: Path) -> None:
    run, diagnostics = check(repo)
    assert run.returncode == 0 and diagnostics == [], diagnostics


def _page(repo: Path, slug: str) -> str:
    return sorted((repo / "content" / slug).glob("*.md"))[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "code", "expected"), [
    ("Om SSP.md", "fil.navn", "«om-ssp.md»"),
    ("...md", "fil.navn", "Omdøb filen"),
    ("Pårørende.md", "fil.navn", "«paaroerende.md»"),
    ("side med æøå.md", "fil.navn", "«side-med-aeoeaa.md»"),
    ("om-ssp.MD", "fil.endelse", "«om-ssp.md»"),
    ("om-ssp.markdown", "fil.endelse", "«om-ssp.md»"),
    (".skjult.md", "fil.navn", "«skjult.md»"),
    ("a" * 81 + ".md", "fil.navn", "længere end 80 tegn"),
])
def test_bad_page_names(repo: Path, name: str, code: str, expected: str) -> None:
    slug = a_municipality(repo)
    (repo / "content" / slug / name).write_text(_page(repo, slug), encoding="utf-8")
    run, diagnostics = check(repo)
    assert run.returncode == 1
    found = only_at(diagnostics, code, f"content/{slug}/{name}")
    assert expected in found["message"]
    assert len(diagnostics) == 1, diagnostics  # the file is not read: no second message about it


def test_a_page_named_like_a_cpr_number(repo: Path) -> None:
    slug = a_municipality(repo)
    (repo / "content" / slug / "120592-1234.md").write_text(SIDE, encoding="utf-8")
    run, diagnostics = check(repo)
    found = only_at(diagnostics, "privatliv.cpr", f"content/{slug}/120592-xxxx.md")
    assert "ligner et CPR-nummer" in found["message"]
    assert "1234" not in run.stdout + run.stderr
    text = sspgen("check", str(repo))
    assert "120592-xxxx.md:1:1: fejl" in text.stdout and "1234" not in text.stdout + text.stderr


@pytest.mark.parametrize(("relative", "code", "where", "expected"), [
    ("aktoerer/Skole.yaml", "fil.navn", "aktoerer/Skole.yaml", "«skole.yaml»"),
    ("aktoerer/skole.yml", "fil.endelse", "aktoerer/skole.yml", "«skole.yaml»"),
    ("aktoerer/skole.YAML", "fil.endelse", "aktoerer/skole.YAML", "«skole.yaml»"),
    ("aktoerer/Ny Skole.Yml", "fil.navn", "aktoerer/Ny Skole.Yml", "«ny-skole.yaml»"),
    ("aktoerer/2026 Arkiv/markoer-skole.yaml", "fil.navn", "aktoerer/2026 Arkiv", "«2026-arkiv»"),
    ("emner.yaml", "fil.ukendt", "emner.yaml", "«emnebank.yaml»"),
])
def test_bad_data_names(repo: Path, relative: str, code: str, where: str, expected: str) -> None:
    slug = a_municipality(repo, "aktoerer")
    path = repo / "data" / slug / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(AKTOER, encoding="utf-8")
    run, diagnostics = check(repo)
    assert run.returncode == 1
    found = only_at(diagnostics, code, f"data/{slug}/{where}")
    assert expected in found["message"]
    assert len(diagnostics) == 1, diagnostics


def test_a_misspelt_kind_folder_suggests_the_right_one_without_a_cascade(repo: Path) -> None:
    slug = a_municipality(repo, "aktoerer")
    (repo / "data" / slug / "aktoerer").rename(repo / "data" / slug / "aktorer")
    run, diagnostics = check(repo)
    found = only_at(diagnostics, "fil.ukendt-mappe", f"data/{slug}/aktorer")
    assert "Mente du «aktoerer»?" in found["message"]
    assert diagnostics == [found]  # the actors it holds are not reported missing everywhere


def test_the_municipality_file_as_yml(repo: Path) -> None:
    slug = a_municipality(repo)
    (repo / "data" / slug / "kommune.yaml").rename(repo / "data" / slug / "kommune.yml")
    run, diagnostics = check(repo)
    found = only_at(diagnostics, "fil.endelse", f"data/{slug}/kommune.yml")
    assert "Omdøb den til «kommune.yaml»" in found["message"]
    assert not with_code(diagnostics, "fil.mangler")


def test_folders_that_are_not_read(repo: Path) -> None:
    slug = a_municipality(repo)
    (repo / "content" / slug / "arkiv").mkdir()
    (repo / "content" / slug / "arkiv" / "gammel-side.md").write_text(SIDE, encoding="utf-8")
    (repo / "content" / f"{slug}x").mkdir()
    (repo / "content" / slug / "notat.txt").write_text("noter\n", encoding="utf-8")
    run, diagnostics = check(repo)
    unknown = {d["path"]: d["message"] for d in with_code(diagnostics, "fil.ukendt-mappe")}
    assert set(unknown) == {f"content/{slug}/arkiv", f"content/{slug}x"}
    assert "bliver ikke læst" in unknown[f"content/{slug}/arkiv"]
    assert f"Mente du «{slug}»?" in unknown[f"content/{slug}x"]
    only_at(diagnostics, "fil.ignoreret", f"content/{slug}/notat.txt", severity="advarsel")
    assert all(d["line"] == 1 and d["column"] == 1 for d in diagnostics)


def test_a_municipality_folder_with_a_bad_name(repo: Path) -> None:
    slug = a_municipality(repo)
    shutil.copytree(repo / "data" / slug, repo / "data" / "Brøndby Øst")
    run, diagnostics = check(repo)
    found = only_at(diagnostics, "fil.navn", "data/Brøndby Øst")
    assert "«broendby-oest»" in found["message"]
    assert not [d for d in diagnostics if d["path"].startswith("data/Brøndby Øst/")]  # not read


def test_a_folder_named_like_a_cpr_number_is_not_walked(repo: Path) -> None:
    slug = a_municipality(repo, "aktoerer")
    folder = repo / "data" / slug / "aktoerer" / "120592-1234"
    folder.mkdir()
    (folder / "Skole.yaml").write_text(AKTOER, encoding="utf-8")
    run, diagnostics = check(repo)
    only_at(diagnostics, "privatliv.cpr", f"data/{slug}/aktoerer/120592-xxxx")
    assert len(diagnostics) == 1 and "1234" not in run.stdout


@pytest.mark.parametrize("kind", ["case", "nfc"])
def test_names_that_collide(repo: Path, kind: str) -> None:
    slug = a_municipality(repo)
    if kind == "case":
        first, second = "om-os.md", "Om-Os.md"
    else:
        first, second = unicodedata.normalize("NFC", "pårørende.md"), unicodedata.normalize("NFD", "pårørende.md")
    folder = repo / "content" / slug
    (folder / first).write_text(_page(repo, slug), encoding="utf-8")
    (folder / second).write_text(_page(repo, slug), encoding="utf-8")
    if len(os.listdir(folder)) < len(set(os.listdir(folder)) | {first, second}):
        pytest.fail("the file system merged the two names; this test needs one that keeps both")
    run, diagnostics = check(repo)
    collisions = with_code(diagnostics, "fil.dublet")
    assert len(collisions) == 1 and collisions[0]["line"] == 1 and collisions[0]["column"] == 1, diagnostics
    assert "hedder det samme som" in collisions[0]["message"]
    assert {d["path"] for d in with_code(diagnostics, "fil.navn")} >= {collisions[0]["path"]}


# Any name at all: the walk itself, on real folders (in this process, for the number of cases)

_NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/"), min_size=1, max_size=30)
_SUFFIX = st.sampled_from(["", ".yaml", ".yml", ".YAML", ".md", ".MD", ".markdown", ".txt", ".pdf"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stems=st.lists(st.tuples(_NAME, _SUFFIX, st.booleans()), min_size=1, max_size=4))
def test_the_walk_reads_only_valid_names_and_reports_every_other_data_file(tmp_path_factory: pytest.TempPathFactory,
                                                                           stems: list[tuple[str, str, bool]]) -> None:
    """For any file and folder names in a page folder and a kind folder: every file the
    loader is given has a valid id and the exact extension, every data-like file it is not
    given is reported where it lies (line 1, column 1), and nothing raises."""
    from sspgen.validate.files import list_kommune
    from sspgen.validate.names import valid_id
    from sspgen.privacy_mask import mask_cpr as mask

    root = tmp_path_factory.mktemp("navne")
    for top, place in (("data", "data/k/aktoerer"), ("content", "content/k")):
        folder = root / place
        folder.mkdir(parents=True)
        for stem, suffix, is_folder in stems:
            name = stem + suffix
            if name in (".", ".."):
                continue
            try:
                (folder / name).mkdir() if is_folder else (folder / name).write_text("x: 1\n", encoding="utf-8")
            except OSError:  # a name this file system cannot hold (too long in bytes …)
                continue
    (root / "data/k/kommune.yaml").write_text("slug: k\n", encoding="utf-8")
    listing = list_kommune(root, "k")
    read = [*listing.files["aktoerer"], *listing.pages]
    for path in read:
        stem, _, extension = path.name.rpartition(".")
        assert valid_id(stem) and extension in ("yaml", "md"), path
    reported = {d.path for d in listing.problems}
    assert all(d.line == 1 and d.column == 1 for d in listing.problems)
    for place, extensions in (("data/k/aktoerer", (".yaml", ".yml")), ("content/k", (".md", ".markdown"))):
        for entry in (root / place).iterdir():
            if entry in read or entry.is_dir() and place == "data/k/aktoerer" and valid_id(entry.name):
                continue
            if place == "content/k" and entry.name == "filer":  # the editing form's uploads
                continue
            data_like = entry.is_dir() or entry.name.lower().endswith(extensions)
            # Hidden folders (.git, an editor's .obsidian/) are nobody's data: never read, not reported.
            quiet = entry.name.startswith(".#") or (entry.name.startswith(".") and (entry.is_dir() or not data_like)) \
                or entry.name.lower().endswith(("~", ".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".bak", ".orig"))
            if data_like and not quiet:
                assert mask(f"{place}/{entry.name}") in reported, (entry.name, reported)


@settings(max_examples=500, deadline=None)
@given(_NAME)
def test_every_suggested_name_is_valid(stem: str) -> None:
    from sspgen.validate.names import suggest, valid_id

    better = suggest(stem)
    assert better is None or valid_id(better)


# --------------------------------------------------------------------------------------------
# The scaffold never writes a name check refuses


@pytest.mark.parametrize("navn", ["Om SSP", "Pårørende-gruppen", "Skole ... 2026", "Ø", "ÆØÅ æøå"])
def test_new_actor_names_pass_check(repo: Path, navn: str) -> None:
    slug = a_municipality(repo, "aktoerer")
    run = sspgen("new", "aktoer", str(repo), "--kommune", slug, "--navn", navn, "--type", "skole")
    assert run.returncode == 0, run.stdout + run.stderr
    _, diagnostics = check(repo)
    assert diagnostics == [], diagnostics


def test_new_refuses_a_cpr_like_name_and_writes_nothing(repo: Path) -> None:
    before = tree_hash(repo)
    run = sspgen("new", "kommune", str(repo), "--slug", "120592-1234", "--navn", "Prøvekommune")
    assert run.returncode != 0
    assert "CPR" in run.stdout + run.stderr and "1234" not in run.stdout + run.stderr
    assert tree_hash(repo) == before
    slug = a_municipality(repo, "aktoerer")
    run = sspgen("new", "aktoer", str(repo), "--kommune", slug, "--navn", "120592-1234", "--type", "skole")
    assert run.returncode != 0
    assert "CPR" in run.stdout + run.stderr and "1234" not in run.stdout + run.stderr
    assert tree_hash(repo) == before


def test_the_running_preview_refuses_a_record_that_becomes_a_link(tmp_path: Path, outside: Path) -> None:
    """`sspgen serve`: a saved meeting record replaced by a link to a file outside (renamed
    into place, as an editor saves) is neither shown by the fast path nor by the rebuild; the
    banner names the link."""
    from serve_helpers import MEETING, MEETING_URL, start

    root = copy_examples(tmp_path / "repo")
    preview = start(root, tmp_path)
    try:
        record = root / MEETING
        text = record.read_text(encoding="utf-8")
        assert "\nsted: " in text
        stolen = outside / record.name
        stolen.write_text(text.replace("\nsted: ", f"\nsted: {MARKER} ", 1), encoding="utf-8")
        link = record.with_name(".link-paa-vej")
        link.symlink_to(stolen)
        os.replace(link, record)
        preview.wait_for("banneret nævner linket", lambda: "[fil.symlink]" in preview.get(MEETING_URL)[1])
        status, html = preview.get(MEETING_URL)
        assert status == 200 and f"<code>{MEETING}:1:1</code>" in html
        assert MARKER not in html and MARKER not in preview.output()
    finally:
        preview.stop()


def test_the_editing_forms_upload_folder_is_not_an_unknown_folder(repo: Path, outside: Path) -> None:
    """content/<kommune>/filer/ is where the editing form (Decap CMS) puts uploads: not read,
    not reported, but a link in it is."""
    slug = a_municipality(repo)
    uploads = repo / "content" / slug / "filer"
    uploads.mkdir()
    (uploads / "Referat fra mødet.pdf").write_bytes(b"%PDF-1.4\n")
    run, diagnostics = check(repo)
    assert run.returncode == 0 and diagnostics == [], diagnostics
    (uploads / "plan.pdf").symlink_to(outside / "side.md")
    run, diagnostics = check(repo)
    only_at(diagnostics, "fil.symlink", f"content/{slug}/filer/plan.pdf")
    assert len(diagnostics) == 1, diagnostics
