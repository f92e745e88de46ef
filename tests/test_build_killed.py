"""A build killed at any moment of changing the output leaves the previous or the new site,
and the next successful build repairs everything, the search index included.

The kill is injected, not timed: SSPGEN_TEST_KILL_AT=<point>:<n> ends the real `sspgen
build` process (os._exit, like SIGKILL: no cleanup) the n-th time it reaches a named point
of the output update (sspgen/write/crash.py). For each point the test kills a build that
removes a sentence from a public page and deletes a meeting, runs one normal build, and
checks that the output equals, byte for byte, a clean build of the same data (pages and
Pagefind files), and that no search index still holds the removed sentence.
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest

from site_helpers import REPO, run_build, tree_files

SENTENCE = "Blåbærskoven ved Testrup er et fiktivt mødested til denne test."
WORD = "blåbærskov"
"""The sentence's word as the index holds it (stemmed: «blåbærskoven» → «blåbærskov»)."""

UPDATE_POINTS = [("put", n) for n in (1, 2, 4, 8)] + [
    ("remove", 1), ("remove", 2), ("indexed", 1), ("bundle", 1), ("bundle", 2), ("manifest", 1), ("manifest", 2),
    ("tidy", 1), ("save", 1)]
"""Points of an update in place (sspgen/write/__init__.py, search.py, build.py): before a
file is moved in or removed, with every search bundle indexed and none installed, with a
bundle half replaced, before the manifest, before the emptied folders go, before the render
state is saved."""
SWAP_POINTS = [("swap", 1), ("swapped", 1)]
"""Points of a build that swaps a whole new folder in (sspgen/write/swap.py)."""


def _public_page() -> tuple[str, Path]:
    """A municipality of the examples with a public content page (the first one found)."""
    for page in sorted((REPO / "content").glob("*/*.md")):
        if re.search(r"(?m)^synlighed: offentlig\s*$", page.read_text(encoding="utf-8")):
            return page.parent.name, page.relative_to(REPO)
    pytest.fail("Eksemplerne har ingen offentlig indholdsside.")


def _unreferenced_meeting(root: Path, kommune: str) -> Path:
    """A meeting file no other file of the municipality names: deleting it is valid data."""
    others = [p.read_text(encoding="utf-8") for p in sorted((root / "data" / kommune).rglob("*.yaml"))
              + sorted((root / "content" / kommune).rglob("*.md"))]
    for meeting in sorted((root / "data" / kommune / "moeder").glob("*.yaml"), reverse=True):
        if sum(meeting.stem in text for text in others) == 1:
            return meeting
    pytest.fail(f"{kommune} har intet møde, som kan slettes.")


def _build(root: Path, out: Path, kommune: str, kill: str | None = None) -> int:
    env = {"SSPGEN_TEST_KILL_AT": kill} if kill else {}
    result = run_build(root, out, "--kommune", kommune, "--uden-pdf", env=env, timeout=120)
    if kill is None:
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        assert result.returncode in (0, 137), result.stdout + result.stderr
    return result.returncode


def _searchable(out: Path) -> list[str]:
    """The index files (of every bundle of every site) whose text holds WORD."""
    found = []
    for path in sorted(out.rglob("*")):
        if path.is_file() and "/pagefind/" in path.as_posix() and path.suffix.startswith(".pf_"):
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            if WORD.encode() in data.lower():
                found.append(path.relative_to(out).as_posix())
    return found


class Setup:
    """A one-municipality repository built once with the sentence (`before`), the changed
    data (sentence removed, a meeting deleted), and a clean build of that data (`clean`)."""

    def __init__(self, base: Path) -> None:
        self.kommune, page = _public_page()
        self.work = base / "arbejde"
        self.before = base / "foer"
        root = self.before / "repo"
        for part in ("data", "content"):
            shutil.copytree(REPO / part / self.kommune, root / part / self.kommune)
        self.page = page
        text = (root / page).read_text(encoding="utf-8").rstrip("\n")
        self.with_sentence = f"{text}\n\n{SENTENCE}\n"
        self.without = f"{text}\n"
        (root / page).write_text(self.with_sentence, encoding="utf-8")
        self.meeting = _unreferenced_meeting(root, self.kommune).relative_to(root)
        # Built at the path every case runs at: the render state is kept per output path.
        shutil.copytree(self.before, self.work)
        _build(self.work / "repo", self.work / "out", self.kommune)
        assert _searchable(self.work / "out"), "sætningen kom ikke i søgeindekset"
        shutil.rmtree(self.before)
        self.work.rename(self.before)
        clean = base / "ren"
        shutil.copytree(root / "data", clean / "repo" / "data")
        shutil.copytree(root / "content", clean / "repo" / "content")
        self.change(clean / "repo")
        _build(clean / "repo", clean / "out", self.kommune)
        self.clean = tree_files(clean / "out")
        assert not _searchable(clean / "out")

    def change(self, root: Path) -> None:
        (root / self.page).write_text(self.without, encoding="utf-8")
        (root / self.meeting).unlink()

    def fresh(self) -> Path:
        """The repository and its output as the first build left them, at self.work."""
        shutil.rmtree(self.work, ignore_errors=True)
        shutil.copytree(self.before, self.work, symlinks=True)
        return self.work / "repo"


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    return Setup(tmp_path_factory.mktemp("afbrudt"))


def _check_repaired(setup: Setup, point: str) -> None:
    out = setup.work / "out"
    assert not _searchable(out), f"efter et drab ved {point}: den fjernede sætning kan stadig findes i søgningen"
    after = tree_files(out)
    missing = sorted(set(setup.clean) - set(after))
    extra = sorted(set(after) - set(setup.clean))
    different = sorted(name for name in setup.clean if name in after and after[name] != setup.clean[name])
    assert (missing, extra, different) == ([], [], []), f"efter et drab ved {point}"
    leftovers = sorted(p.name for p in setup.work.iterdir() if p.name not in ("repo", "out", ".out-build.lock"))
    assert leftovers == []


@pytest.mark.parametrize(("point", "count"), UPDATE_POINTS + SWAP_POINTS,
                         ids=[f"{p}-{n}" for p, n in UPDATE_POINTS + SWAP_POINTS])
def test_killed_build_is_repaired_by_the_next(setup: Setup, point: str, count: int) -> None:
    root = setup.fresh()
    if (point, count) in SWAP_POINTS:  # without a render state the build swaps a whole new folder in
        shutil.rmtree(root / ".sspgen-cache" / "render")
    setup.change(root)
    code = _build(root, setup.work / "out", setup.kommune, kill=f"{point}:{count}")
    assert code == 137, f"bygningen nåede aldrig {point} nr. {count}"
    _build(root, setup.work / "out", setup.kommune)
    _check_repaired(setup, f"{point}:{count}")


@pytest.mark.parametrize("point", ["put:4", "tidy:1", "save:1"])
def test_killed_build_then_data_put_back(setup: Setup, point: str) -> None:
    """The change is undone after the kill: the next build must not trust its files from the
    killed build as the first build's (they have the changed build's bytes)."""
    root = setup.fresh()
    original = (root / setup.page).read_text(encoding="utf-8")
    meeting = (root / setup.meeting).read_text(encoding="utf-8")
    setup.change(root)
    assert _build(root, setup.work / "out", setup.kommune, kill=point) == 137
    (root / setup.page).write_text(original, encoding="utf-8")
    (root / setup.meeting).write_text(meeting, encoding="utf-8")
    _build(root, setup.work / "out", setup.kommune)
    expected = tree_files(setup.before / "out")
    after = tree_files(setup.work / "out")
    different = sorted(name for name in set(expected) | set(after) if expected.get(name) != after.get(name))
    assert different == [], f"efter et drab ved {point} og data sat tilbage"
    assert _searchable(setup.work / "out")
