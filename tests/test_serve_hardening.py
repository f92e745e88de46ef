"""`sspgen serve` as an attacker and a service manager meet it: the real CLI in its own
process (tests/serve_helpers.py).

- DNS rebinding: a request whose `Host` is not 127.0.0.1, localhost or [::1] with the
  server's port gets a short Danish refusal (421), never a page;
- a burst of 200 concurrent requests is answered, every one (the p95 latency is measured in
  the benchmark, bench/serve_load.py, not timed here);
- SIGINT and SIGTERM stop it, also in the middle of a build, and its temporary folder goes.
"""

from __future__ import annotations

import http.client
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import pytest

from serve_helpers import MEETING_URL, Preview, edit, start
from site_helpers import copy_examples

STOP_BOUND = 5.0
"""Seconds a stop may take here (the target is one second; bench/serve_load.py measures it)."""


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    folder = tmp_path_factory.mktemp("serve-haerdet")
    running = start(copy_examples(folder / "repo"), folder)
    yield running
    running.stop()


def _get(preview: Preview, path: str, hosts: list[str] | None) -> tuple[int, str]:
    """GET with exactly these Host headers (None: none at all)."""
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    try:
        connection.putrequest("GET", "/" + path, skip_host=True)
        for host in hosts or []:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        connection.close()


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LocalHost:{port}"])
def test_the_own_addresses_are_answered(preview: Preview, host: str) -> None:
    status, html = _get(preview, MEETING_URL, [host.format(port=preview.port)])
    assert status == 200 and "Brøndbyvester Skole" in html


@pytest.mark.parametrize("hosts", [
    ["angriber.example:{port}"],            # a rebound DNS name
    ["angriber.example"],
    ["127.0.0.1"],                          # the right name, the wrong (default) port
    ["localhost:{other}"],
    ["127.0.0.1.nip.io:{port}"],
    ["localhost.:{port}"],
    ["192.168.1.20:{port}"],
    ["127.0.0.1:{port}", "angriber.example:{port}"],  # two Host headers
    ["127.0.0.1:{port}@angriber.example"],
    [""],
    None,                                   # no Host header at all
])
def test_any_other_host_is_refused(preview: Preview, hosts: list[str] | None) -> None:
    filled = None if hosts is None else [h.format(port=preview.port, other=preview.port + 1) for h in hosts]
    for path in (MEETING_URL, "__sspgen/version", "brondby/intranet/assets/sspgen.css", ""):
        status, text = _get(preview, path, filled)
        assert status == 421, (filled, path, status)
        assert "Forhåndsvisningen svarer kun på http://127.0.0.1:" in text
        assert "Brøndby" not in text and "<html" not in text


def test_two_hundred_concurrent_requests_are_all_answered(preview: Preview) -> None:
    paths = [MEETING_URL, "brondby/intranet/index.html", "brondby/intranet/assets/sspgen.css",
             "__sspgen/version", "holbaek/offentlig/index.html"]
    start_together = threading.Barrier(200)

    def one(number: int) -> tuple[int, int]:
        start_together.wait(timeout=60)
        connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=60)
        try:
            connection.request("GET", "/" + paths[number % len(paths)])
            response = connection.getresponse()
            return response.status, len(response.read())
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(one, range(200)))
    assert [status for status, _ in answers] == [200] * 200
    assert all(size > 0 for _, size in answers)


def _preview_folders(preview: Preview) -> list[Path]:
    return list(preview.tmpdir.glob("sspgen-serve-*"))


def _building(preview: Preview) -> bool:
    return any(list(folder.glob(".site.ny-*")) for folder in _preview_folders(preview))


def _stop(preview: Preview, signum: int) -> float:
    started = time.perf_counter()
    preview.process.send_signal(signum)
    try:
        preview.process.wait(timeout=STOP_BOUND)
    except Exception:
        preview.process.kill()
        preview.process.wait()
        pytest.fail(f"sspgen serve stoppede ikke inden for {STOP_BOUND:.0f} s på {signal.Signals(signum).name}.\n"
                    f"{preview.output()}", pytrace=False)
    return time.perf_counter() - started


def _stopped_cleanly(preview: Preview, seconds: float, what: str) -> None:
    print(f"\n{what}: stoppet på {seconds * 1000:.0f} ms")
    assert preview.process.returncode == 0, preview.output()
    assert "Forhåndsvisningen er stoppet" in preview.output()
    assert "Traceback" not in preview.output()
    assert not list(preview.tmpdir.iterdir()), f"den midlertidige mappe blev ikke slettet: {list(preview.tmpdir.iterdir())}"


SLOW = "{% for i in range(150000) %}{% endfor %}</body>"
"""An idle loop on every page of the base template: a build of many seconds."""


def test_sigterm_during_the_first_build(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo", with_layouts=True)
    edit(root, "layouts/base.html", "</body>", SLOW)
    preview = start(root, tmp_path, wait=False)
    try:
        # The first build renders (over worker processes, with this many pages) once its
        # temporary folder beside the served one exists.
        preview.wait_for("den første bygning gengiver siderne", lambda: _building(preview), timeout=120)
        assert "Forhåndsvisningen kører" not in preview.output()
        seconds = _stop(preview, signal.SIGTERM)
    finally:
        preview.stop()
    _stopped_cleanly(preview, seconds, "SIGTERM under den første bygning")
    assert "Bygget på" not in preview.output(), "den første bygning blev gjort færdig, før serveren stoppede"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_stop_during_a_rebuild(tmp_path: Path, signum: int) -> None:
    root = copy_examples(tmp_path / "repo", with_layouts=True)
    preview = start(root, tmp_path)
    try:
        # A changed base template re-renders every page, and this one is slow to render: a
        # build of many seconds. It is under way once its temporary folder beside the served
        # one exists.
        edit(root, "layouts/base.html", "</body>", SLOW)
        preview.wait_for("genopbygningen begynder", lambda: _building(preview), timeout=60)
        seconds = _stop(preview, signum)
    finally:
        preview.stop()
    _stopped_cleanly(preview, seconds, f"{signal.Signals(signum).name} under en genopbygning")
    # Only the first build reported: the rebuild was interrupted, neither finished nor failed.
    assert preview.output().count("Bygget på") == 1, "genopbygningen blev ikke afbrudt, men gjort færdig"
    assert "Bygningen blev stoppet" not in preview.output()
