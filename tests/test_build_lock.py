"""One build at a time per output folder (sspgen/write/lock.py): the real `sspgen build`,
started twice at once into one folder, never corrupts it; a build that finds the folder taken
waits (and says for which process) or, with --ventetid, stops with a Danish message and
leaves the folder alone; a lock left by a dead process is taken over.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_helpers import REPO, copy_examples, run_build, tree_files
from sspgen.write.lock import lock_path

NO_STAMP = {"SSPGEN_CACHE": "0"}
"""Without the parse cache and the no-op stamp: every build here really builds."""


def _start(root: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sspgen.cli", "build", str(root), "--out", str(out), "--uden-pdf", *extra],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


class _Held:
    """The lock taken by this test process, as a running build holds it."""

    def __init__(self, out: Path, pid: int) -> None:
        self.fd = os.open(lock_path(out), os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{pid}\n".encode(), 0)

    def release(self) -> None:
        os.close(self.fd)


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    root = copy_examples(tmp_path / "repo")
    out = tmp_path / "ud"
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 0, result.stderr
    return root, out, tree_files(out)


def test_builds_started_together_equal_a_clean_build(tmp_path: Path) -> None:
    """Into a folder a build made, after a change: each would update the output in place."""
    root = copy_examples(tmp_path / "repo")
    out = tmp_path / "ud"
    assert run_build(root, out, "--uden-pdf").returncode == 0
    # Meetings with an agenda: a §115 meeting's place must be one of its forum's own places.
    meetings = [m for m in sorted((root / "data").glob("*/moeder/*.yaml")) if "dagsorden:" in m.read_text(encoding="utf-8")]
    for meeting in meetings[::3]:
        meeting.write_text(meeting.read_text(encoding="utf-8").replace("sted: ", "sted: Lokale 7, ", 1),
                           encoding="utf-8")
    builds = [_start(root, out) for _ in range(3)]
    results = [(build.wait(timeout=600), *build.communicate()) for build in builds]
    for code, stdout, stderr in results:
        assert code == 0, stdout + stderr
    clean = run_build(root, tmp_path / "ren", "--uden-pdf", env=NO_STAMP)
    assert clean.returncode == 0, clean.stderr
    expected, got = tree_files(tmp_path / "ren"), tree_files(out)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    assert lock_path(out).parent == out.parent  # beside the output, never published in it
    assert {p.name for p in tmp_path.iterdir()} == {".ud-build.lock", ".ren-build.lock", "repo", "ren", "ud"}


def test_a_busy_folder_stops_a_build_that_will_not_wait(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    root, out, before = built
    held = _Held(out, 424242)
    try:
        result = run_build(root, out, "--uden-pdf", "--ventetid", "0", env=NO_STAMP)
        assert result.returncode == 1, result.stderr
        assert "en anden bygning (proces 424242) skriver allerede i" in result.stderr
        assert "Denne bygning er stoppet uden at røre mappen" in result.stderr
        assert "Traceback" not in result.stderr
        started = time.monotonic()
        result = run_build(root, out, "--uden-pdf", "--ventetid", "1.5", env=NO_STAMP)
        assert result.returncode == 1
        assert time.monotonic() - started >= 1.5
        assert "Venter, til den er færdig" in result.stderr
        assert "efter 1,5 sekunders ventetid" in result.stderr
        assert tree_files(out) == before
    finally:
        held.release()


def test_a_bad_waiting_time_is_a_danish_usage_error(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    root, out, _ = built
    result = run_build(root, out, "--ventetid", "lidt")
    assert result.returncode == 2
    assert "sspgen: fejl i kommandoen: --ventetid: ugyldig værdi: 'lidt'" in result.stderr


def test_the_second_build_waits_for_the_first(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    root, out, before = built
    meeting = sorted((root / "data").glob("*/moeder/*.yaml"))[0]
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\n# ændret mens en anden bygning kører\n",
                       encoding="utf-8")
    held = _Held(out, 434343)
    build = _start(root, out, "--ventetid", "300")  # a bound, should the test's lock never go
    try:
        assert build.stderr is not None
        line = build.stderr.readline()
        assert "En anden bygning (proces 434343) skriver i" in line and "Venter" in line, line
        time.sleep(0.5)
        assert build.poll() is None
        assert tree_files(out) == before  # the waiting build has not touched the folder
    finally:
        held.release()
    stdout, stderr = build.communicate(timeout=600)
    assert build.returncode == 0, stdout + stderr
    assert "Byggede" in stderr
    assert lock_path(out).read_text() == ""  # released: no process named any more


def test_a_lock_left_by_a_dead_process_is_taken_over(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    root, out, _ = built
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock_path(out).write_text(dead.stdout)  # as a killed build leaves it: its pid, no lock held
    started = time.monotonic()
    result = run_build(root, out, "--uden-pdf", "--ventetid", "0", env=NO_STAMP)
    assert result.returncode == 0, result.stderr
    assert "Venter" not in result.stderr and "anden bygning" not in result.stderr
    assert time.monotonic() - started < 120
    assert lock_path(out).read_text() == ""
