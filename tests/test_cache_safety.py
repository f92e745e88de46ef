"""A cache file in the data repository never runs code (issue 10, point 1).

`.sspgen-cache/` lies in the repository, so a pull request can commit files into it
(`git add -f`). Every cache that holds Python values (the parse cache, the render state, the
plan history) is written and read by sspgen/cachefile.py: authenticated with a key outside the
repository, checked before anything is unpickled, unpickled by a restricted unpickler; and a
`.sspgen-cache/` that git tracks is refused with a located Danish error and never read.

The malicious file is a real pickle whose unpickling creates a marker file (a control test
shows that it does). It is put where sspgen looks: over every cache file a real build wrote,
under the names of older versions (`.pickle`) too, and the real CLI (`check`, `build`,
`serve`, `diff`) runs on the repository; the marker must never appear. Real git throughout.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import secrets
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from serve_helpers import start
from site_helpers import REPO, copy_examples
from sspgen import cachefile
from sspgen.site import history  # noqa: F401 - its dataclasses, which a history cache holds

KINDS = ("parse", "render", "historik")
VARIANTS = ("pickle", "forkert-mac", "anden-noegle", "rigtig-noegle")
"""The malicious file as: a bare pickle (the old format); the new format with a MAC of zeros;
with a MAC made with another key (the attacker's own); with a MAC made with the victim's own
key (as if the key had leaked: then the restricted unpickler must refuse it)."""
GIT_ENV = {
    "GIT_AUTHOR_NAME": "SSP-koordinator", "GIT_AUTHOR_EMAIL": "ssp@example.invalid",
    "GIT_COMMITTER_NAME": "SSP-koordinator", "GIT_COMMITTER_EMAIL": "ssp@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}
REMOVE = "git rm -r --cached .sspgen-cache"


class Evil:
    """Unpickling this opens (creates) the marker file: code from the repository runs."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (open, (str(self.marker), "w"))


def environment(xdg: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "SSPGEN_CACHE"}
    env.update(GIT_ENV)
    env.update({"XDG_CACHE_HOME": str(xdg), "SOURCE_DATE_EPOCH": "1780272000", "PYTHONPATH": str(REPO)})
    return env


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=True).stdout


def sspgen(root: Path, xdg: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sspgen.cli", *args], cwd=root, env=environment(xdg),
                          capture_output=True, text=True, timeout=600)


def build(root: Path, xdg: Path) -> subprocess.CompletedProcess[str]:
    # Without the no-op stamp, so the build reads its caches (CI has no stamp either).
    shutil.rmtree(root / cachefile.CACHE_DIR / "stamp", ignore_errors=True)
    return sspgen(root, xdg, "build", ".", "--out", "output", "--uden-pdf")


def read_key(xdg: Path) -> bytes:
    return (xdg / "sspgen" / cachefile.KEY_NAME).read_bytes()


def evil_file(variant: str, kind: str, marker: Path, key: bytes) -> bytes:
    payload = pickle.dumps(Evil(marker), protocol=pickle.HIGHEST_PROTOCOL)
    if variant == "pickle":
        return payload
    if variant == "forkert-mac":
        mac = bytes(32)
    else:
        secret = key if variant == "rigtig-noegle" else secrets.token_bytes(32)
        mac = hmac.new(secret, kind.encode() + b"\0" + payload, hashlib.sha256).digest()
    return cachefile.MAGIC + mac + payload


def written(root: Path) -> dict[str, list[Path]]:
    """The cache files a build wrote: the files sspgen reads next time."""
    found = {kind: sorted((root / cachefile.CACHE_DIR / kind).glob(f"*{cachefile.SUFFIX}")) for kind in KINDS}
    assert all(found.values()), f"a build wrote no cache of some kind: {found}"
    return found


def plant(root: Path, files: dict[str, list[Path]], variant: str, marker: Path, key: bytes) -> list[Path]:
    """The malicious file over every cache file sspgen reads, and under the old names."""
    planted = []
    slugs = sorted(p.name for p in (root / "data").iterdir() if p.is_dir())
    for kind in KINDS:
        folder = root / cachefile.CACHE_DIR / kind
        names = {path.name for path in files[kind]}
        if kind != "render":
            names |= {f"{slug}{cachefile.SUFFIX}" for slug in slugs}
        names |= {name.replace(cachefile.SUFFIX, ".pickle") for name in names}
        for name in sorted(names):
            (folder / name).write_bytes(evil_file(variant, kind, marker, key))
            planted.append(folder / name)
    return planted


def assert_valid(files: list[Path], kind: str, xdg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sspgen looked there: the malicious file was replaced by one this key wrote."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    for path in files:
        assert isinstance(cachefile.load(path, kind), dict), f"{path} was not rebuilt"


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A committed copy of the examples (a data repository), its user's cache folder, a marker."""
    root = copy_examples(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data", "content")
    git(root, "commit", "-q", "-m", "Eksemplerne")
    return root, tmp_path / "xdg", tmp_path / "koden-koerte"


def test_the_malicious_pickle_does_run_when_unpickled(tmp_path: Path) -> None:
    """The control: the payload the other tests plant really runs code under plain pickle."""
    marker = tmp_path / "koden-koerte"
    pickle.loads(evil_file("pickle", "parse", marker, b""))
    assert marker.exists()


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_planted_cache_file_never_runs(repo: tuple[Path, Path, Path], variant: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root, xdg, marker = repo
    first = build(root, xdg)
    assert first.returncode == 0, first.stderr
    files = written(root)
    key = read_key(xdg)

    plant(root, files, variant, marker, key)
    result = sspgen(root, xdg, "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not marker.exists(), "check ran code from a cache file"
    assert_valid(files["parse"], "parse", xdg, monkeypatch)

    plant(root, files, variant, marker, key)
    result = build(root, xdg)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not marker.exists(), "build ran code from a cache file"
    for kind in KINDS:
        assert_valid(files[kind], kind, xdg, monkeypatch)
    # The rebuilt caches work: the next build reuses the unchanged pages.
    again = build(root, xdg)
    assert again.returncode == 0 and "uændrede genbrugt" in again.stderr, again.stderr

    plant(root, files, variant, marker, key)
    result = sspgen(root, xdg, "diff", "HEAD", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ændringer i data" in result.stdout
    assert not marker.exists(), "diff ran code from a cache file"


@pytest.mark.parametrize("variant", ["pickle", "rigtig-noegle"])
def test_a_planted_cache_file_never_runs_in_the_preview(repo: tuple[Path, Path, Path], variant: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root, xdg, marker = repo
    assert build(root, xdg).returncode == 0
    files = written(root)
    plant(root, files, variant, marker, read_key(xdg))
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    preview = start(root, root.parent)
    try:
        status, html = preview.get("brondby/intranet/aendringshistorik/index.html")
        assert status == 200 and "Ændringshistorik" in html
    finally:
        code = preview.stop()
    assert code == 0, preview.output()
    assert not marker.exists(), "serve ran code from a cache file"
    assert_valid(files["parse"], "parse", xdg, monkeypatch)
    assert_valid(files["historik"], "historik", xdg, monkeypatch)


# --------------------------------------------------------------------------------------------
# A .sspgen-cache/ that git tracks


def commit_cache(root: Path, xdg: Path, marker: Path) -> list[Path]:
    """A pull request's commit: malicious files with the *right* MAC, forced past .gitignore."""
    assert build(root, xdg).returncode == 0
    planted = plant(root, written(root), "rigtig-noegle", marker, read_key(xdg))
    git(root, "add", "-f", cachefile.CACHE_DIR)
    git(root, "commit", "-q", "-m", "Cache")
    return planted


def assert_refused(diagnostic: dict) -> None:
    assert diagnostic["path"].startswith(".sspgen-cache/")
    assert (diagnostic["line"], diagnostic["column"], diagnostic["severity"]) == (1, 1, "fejl")
    assert "må ikke committes" in diagnostic["message"] and REMOVE in diagnostic["message"]


def test_a_committed_cache_is_refused_and_never_read(repo: tuple[Path, Path, Path]) -> None:
    root, xdg, marker = repo
    planted = commit_cache(root, xdg, marker)
    before = {path: path.read_bytes() for path in planted}
    shutil.rmtree(root / "output")

    result = sspgen(root, xdg, "check", ".", "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    found = [d for d in json.loads(result.stdout) if d["code"] == "cache.i-git"]
    assert len(found) == 1, result.stdout
    assert_refused(found[0])
    assert len(json.loads(result.stdout)) == 1, "the data themselves are fine"

    result = build(root, xdg)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[cache.i-git]" in result.stdout and REMOVE in result.stdout
    assert ":1:1: fejl:" in result.stdout and "Bygningen blev stoppet" in result.stderr
    assert not (root / "output").exists()

    result = sspgen(root, xdg, "diff", "HEAD~1", "HEAD", ".")
    assert result.returncode == 0, result.stderr
    assert "[cache.i-git]" in result.stderr and REMOVE in result.stderr
    assert "Ændringer i data" in result.stdout

    assert not marker.exists(), "a command ran code from a committed cache"
    assert {path: path.read_bytes() for path in planted} == before, "a committed cache file was rewritten"

    # The fix the message names works: the folder leaves git, and the caches are used again.
    git(root, "rm", "-r", "-q", "--cached", cachefile.CACHE_DIR)
    git(root, "commit", "-q", "-m", "Cachen ud af git")
    result = sspgen(root, xdg, "check", ".")
    assert result.returncode == 0 and "cache.i-git" not in result.stdout, result.stdout
    assert not marker.exists()


def test_a_staged_cache_is_refused_too(repo: tuple[Path, Path, Path]) -> None:
    root, xdg, marker = repo
    assert build(root, xdg).returncode == 0
    staged = written(root)["parse"][0].relative_to(root).as_posix()
    git(root, "add", "-f", staged)
    result = sspgen(root, xdg, "check", ".", "--format", "json")
    assert result.returncode == 1
    [diagnostic] = json.loads(result.stdout)
    assert_refused(diagnostic)
    assert diagnostic["path"] == staged and "(én fil)" in diagnostic["message"]


def test_a_committed_cache_stops_the_preview_with_the_message(repo: tuple[Path, Path, Path],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root, xdg, marker = repo
    commit_cache(root, xdg, marker)
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    preview = start(root, root.parent)
    try:
        status, html = preview.get("brondby/intranet/index.html")
        assert "[cache.i-git]" in html and "git rm -r --cached .sspgen-cache" in html
    finally:
        code = preview.stop()
    assert code == 0, preview.output()
    assert "[cache.i-git]" in preview.output()
    assert not marker.exists(), "serve ran code from a committed cache"


def test_a_tracked_cache_is_not_loaded_even_when_its_mac_is_right(repo: tuple[Path, Path, Path],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal is its own layer: with git tracking the folder, even a file this user's key
    wrote (a valid cache) is not read."""
    from sspgen.cache import ParseCache

    root, xdg, _ = repo
    assert build(root, xdg).returncode == 0
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    assert cachefile.guard(root) == []
    assert ParseCache(root, "brondby").entries, "the valid cache is read while git does not track it"
    git(root, "add", "-f", cachefile.CACHE_DIR)
    assert [d.code for d in cachefile.guard(root)] == ["cache.i-git"]
    assert not cachefile.usable(root)
    assert ParseCache(root, "brondby").entries == {}


# --------------------------------------------------------------------------------------------
# The key


def test_the_key_is_private_and_outside_the_repository(repo: tuple[Path, Path, Path]) -> None:
    root, xdg, _ = repo
    assert build(root, xdg).returncode == 0
    key = xdg / "sspgen" / cachefile.KEY_NAME
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert not list(root.rglob(cachefile.KEY_NAME))


def test_a_key_others_can_read_is_replaced(repo: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root, xdg, _ = repo
    assert build(root, xdg).returncode == 0
    key = xdg / "sspgen" / cachefile.KEY_NAME
    old = key.read_bytes()
    key.chmod(0o644)
    result = build(root, xdg)
    assert result.returncode == 0, result.stderr
    assert key.read_bytes() != old and stat.S_IMODE(key.stat().st_mode) == 0o600
    # The caches the old key wrote were not trusted: they were rebuilt under the new key.
    assert "uændrede genbrugt" not in result.stderr
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    for kind, files in written(root).items():
        assert_valid(files, kind, xdg, monkeypatch)


def test_a_key_inside_the_repository_turns_the_caches_off(repo: tuple[Path, Path, Path]) -> None:
    """XDG_CACHE_HOME pointed into the repository (a key a pull request could commit)."""
    root, _, _ = repo
    result = build(root, root / ".cache")
    assert result.returncode == 0, result.stderr
    assert not (root / cachefile.CACHE_DIR / "parse").exists()
    assert not (root / cachefile.CACHE_DIR / "render").exists()
    assert not (root / ".cache" / "sspgen" / cachefile.KEY_NAME).exists()
