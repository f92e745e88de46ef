"""Shared machinery for the `sspgen serve` tests: the real CLI in its own process on a copy
of the examples, with its temporary folder under a TMPDIR the test can inspect."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from site_helpers import REPO

STARTUP = 180.0
"""Seconds to wait for the first build and the server."""
REBUILD = 60.0
"""Seconds to wait for a rebuild that is not timed against the target."""
TARGET = 1.0
"""Seconds from saving a file to the changed page being served (the issue's target)."""

MEETING = "data/brondby/moeder/2026-01-13-vester.yaml"
MEETING_URL = "brondby/intranet/moeder/2026-01-13-vester/index.html"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Preview:
    root: Path
    process: subprocess.Popen
    port: int
    tmpdir: Path
    log: Path
    errors: Path

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def get(self, path: str = "") -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url(path), timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", errors="replace")

    def version(self) -> str:
        return self.get("__sspgen/version")[1]

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8") + self.errors.read_text(encoding="utf-8")

    def wait_for(self, what: str, check: Callable[[], bool], timeout: float = REBUILD) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            assert self.process.poll() is None, f"sspgen serve stoppede ({self.process.returncode}):\n{self.output()}"
            if check():
                return time.perf_counter() - started
            time.sleep(0.02)
        pytest.fail(f"{what}: skete ikke inden for {timeout:.0f} s.\n{self.output()}", pytrace=False)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                pytest.fail(f"sspgen serve stoppede ikke på Ctrl-C.\n{self.output()}", pytrace=False)
        return self.process.returncode


def start(root: Path, folder: Path, wait: bool = True) -> Preview:
    tmpdir = folder / "tmp"
    tmpdir.mkdir()
    log, errors = folder / "serve.out", folder / "serve.err"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sspgen.cli", "serve", str(root), "--port", str(port)],
        cwd=REPO, stdout=log.open("w"), stderr=errors.open("w"), stdin=subprocess.DEVNULL,
        # TMPDIR: the preview's temporary folder lands where the test can see it is removed.
        env={**os.environ, "TMPDIR": str(tmpdir), "PYTHONUNBUFFERED": "1"},
    )
    preview = Preview(root, process, port, tmpdir, log, errors)
    if wait:
        try:
            preview.wait_for("Serveren svarer", lambda: _answers(preview), STARTUP)
        except BaseException:
            preview.stop()  # never leave a server running behind a failed test
            raise
    return preview


def _answers(preview: Preview) -> bool:
    try:
        return preview.get("__sspgen/version")[0] == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"«{old}» står ikke i {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
