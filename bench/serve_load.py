"""`sspgen serve` under load and when stopped: the issue's targets are a p95 under 200 ms for
200 concurrent requests, and a stop (Ctrl-C or SIGTERM) within one second that leaves no
temporary folder. tests/test_serve_hardening.py checks that all 200 requests are answered and
that the stop works; the times are measured here.

    python3 bench/serve_load.py [FOLDER] [--kommune SLUG] [--rounds N]

FOLDER is a data repository (default: a copy of the repository's examples). bench/run.py
calls `measure` for each generated size.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONCURRENT = 200
STARTUP = 600.0


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _start(folder: Path, kommune: str | None, tmpdir: Path, env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = _port()
    command = [sys.executable, "-m", "sspgen.cli", "serve", str(folder), "--port", str(port)]
    if kommune:
        command += ["--kommune", kommune]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**env, "TMPDIR": str(tmpdir)})
    started = time.perf_counter()
    while time.perf_counter() - started < STARTUP:
        if process.poll() is not None:
            raise RuntimeError(f"sspgen serve stopped at start-up ({process.returncode})")
        try:
            if _get(port, "/__sspgen/version", timeout=5)[0] == 200:
                return process, port
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("sspgen serve did not start")


def _pages(folder: Path, kommune: str | None) -> list[str]:
    """A mix of what a browser asks for: pages, the stylesheet, the version endpoint."""
    slug = kommune or sorted(p.name for p in (folder / "data").iterdir() if p.is_dir())[0]
    meetings = sorted((folder / "data" / slug / "moeder").glob("*.yaml"))[:3]
    return ([f"/{slug}/intranet/index.html", f"/{slug}/offentlig/index.html", f"/{slug}/intranet/assets/sspgen.css",
             "/__sspgen/version"] + [f"/{slug}/intranet/moeder/{m.stem}/index.html" for m in meetings])


def burst(port: int, paths: list[str], count: int = CONCURRENT) -> dict:
    """`count` requests started at once from as many threads; each one's time from the common
    start to its complete answer."""
    ready = threading.Barrier(count)

    def one(number: int) -> tuple[int, float]:
        ready.wait(timeout=60)
        began = time.perf_counter()
        try:
            status, _ = _get(port, paths[number % len(paths)], timeout=60)
        except OSError:
            status = 0
        return status, time.perf_counter() - began

    with ThreadPoolExecutor(max_workers=count) as pool:
        answers = list(pool.map(one, range(count)))
    times = sorted(seconds for _, seconds in answers)
    return {"requests": count, "ok": sum(status == 200 for status, _ in answers),
            "p50_s": round(statistics.median(times), 4), "p95_s": round(times[int(0.95 * (count - 1))], 4),
            "max_s": round(times[-1], 4)}


def stop_time(process: subprocess.Popen, signum: int, tmpdir: Path) -> dict:
    began = time.perf_counter()
    process.send_signal(signum)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return {"seconds": None, "error": "did not stop within 60 s"}
    return {"seconds": round(time.perf_counter() - began, 3), "rc": process.returncode,
            "temp_left": sorted(p.name for p in tmpdir.iterdir())}


def measure(folder: Path, kommune: str | None = None, rounds: int = 3, env: dict[str, str] | None = None) -> dict:
    """The p95 of `rounds` bursts (the median of the rounds' p95), and the stop time on SIGINT
    and on SIGTERM (each on a freshly started preview)."""
    env = env if env is not None else dict(os.environ)
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="sspgen-bench-serve-") as scratch:
        stops = {}
        for signum in (signal.SIGINT, signal.SIGTERM):
            tmpdir = Path(scratch) / signal.Signals(signum).name
            tmpdir.mkdir()
            process, port = _start(folder, kommune, tmpdir, env)
            try:
                if signum == signal.SIGINT:
                    paths = _pages(folder, kommune)
                    burst(port, paths)  # warm-up: the first answers read the files from disk
                    bursts = [burst(port, paths) for _ in range(rounds)]
                    result["burst"] = {"p95_s": round(statistics.median(b["p95_s"] for b in bursts), 4),
                                       "ok": min(b["ok"] for b in bursts), "rounds": bursts}
                stops[signal.Signals(signum).name] = stop_time(process, signum, tmpdir)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        result["stop"] = stops
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="sspgen serve: 200 concurrent requests, and stopping")
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--kommune")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if args.folder is not None:
        print(json.dumps(measure(args.folder, args.kommune, args.rounds), indent=2))
        return 0
    with tempfile.TemporaryDirectory(prefix="sspgen-bench-examples-") as scratch:
        folder = Path(scratch) / "repo"
        for part in ("data", "content"):
            shutil.copytree(REPO / part, folder / part)
        print(json.dumps(measure(folder, args.kommune, args.rounds), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
