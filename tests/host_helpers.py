"""Shared machinery for the hosting tests (`sspgen host …`): one real build of the examples,
the real host CLI, a real server process on a free port, and raw HTTP requests that are sent
exactly as written (no client-side clean-up of `..` or `%2e`)."""

from __future__ import annotations

import atexit
import base64
import functools
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from site_helpers import REPO, copy_examples, run_build


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


CALENDAR_KEY = "fiktiv-testnoegle-til-kalenderabonnementer"
"""SSPGEN_KALENDER_NOEGLE for the hosting builds (fixed, ≥ 24 characters), so the calendar
feeds at capability URLs exist and the hosts are tried with them."""

SUBSCRIPTIONS = "/intranet/kalender/abonnement/"
"""Where the build puts the capability feeds in each municipality (spelled here on purpose,
not taken from sspgen: the tests check the tree against the issue, not sspgen against itself)."""


@functools.cache
def _built_once() -> Path:
    """One build of the examples for the whole session (each build with PDFs takes a while)."""
    folder = Path(tempfile.mkdtemp(prefix="sspgen-host-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    root = copy_examples(folder / "repo")
    result = run_build(root, root / "output", env={"SSPGEN_KALENDER_NOEGLE": CALENDAR_KEY})
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def build_examples(tmp: Path) -> Path:
    """A copy of the examples, built with PDFs, as `make site` does, in `tmp/repo`: each test
    module gets its own copy to write its host files into. Returns the data root."""
    root = tmp / "repo"
    shutil.copytree(_built_once(), root, symlinks=True)
    return root


def run_host(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`sspgen host …` exactly as a user runs it."""
    return subprocess.run([sys.executable, "-m", "sspgen.cli", "host", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def venv_tool(name: str) -> Path:
    """A tool installed into this Python's environment by `pip install -e '.[test]'`."""
    path = Path(sys.executable).parent / name
    assert path.is_file(), (f"{name} mangler i {path.parent}: installér testafhængighederne med "
                            "«pip install -e '.[test]'» (make test gør det)")
    return path


def site_files(site: Path) -> list[str]:
    """Every built file as a URL path, hidden files left out (servers never show them)."""
    return sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(site).parts))


def is_subscription(url_path: str) -> bool:
    """A calendar feed at a capability URL: `/<kommune>/intranet/kalender/abonnement/<token>/<feed>.ics`,
    the one kind of intranet file a calendar program must fetch without a login."""
    head, sep, rest = url_path.partition(SUBSCRIPTIONS)
    return bool(sep) and head.count("/") == 1 and rest.count("/") == 1 and rest.endswith(".ics")


def is_intranet(url_path: str) -> bool:
    """What the issue calls the intranet, from the tree itself (not from sspgen's own rules):
    every file under a municipality's intranet/, and the front page that links them all,
    except the calendar feeds at capability URLs (`is_subscription`)."""
    parts = url_path.strip("/").split("/")
    return (url_path == "/index.html" or (len(parts) > 1 and parts[1] == "intranet")) and not is_subscription(url_path)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


def request(port: int, path: str, headers: dict[str, str] | None = None, tls: bool = False) -> Response:
    """One GET with the path sent byte for byte as given."""
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # Caddy's own test certificate for 127.0.0.1
        connection: http.client.HTTPConnection = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=context)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        for name, value in {"Accept-Encoding": "identity", **(headers or {})}.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serveren stoppede (kode {process.returncode}):\n{log.read_text(errors='replace')}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"serveren svarede ikke på port {port}:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment for a server process: its state kept under `tmp`, not in $HOME."""
    return {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data"),
            "XDG_CONFIG_HOME": str(tmp / "config"), **extra}


def start_caddy(tmp: Path, caddyfile: Path, site: Path, address: str, port: int, **env: str) -> subprocess.Popen:
    """The real Caddy with a generated Caddyfile, configured through the environment as the
    README tells IT to do; its admin endpoint on a free port so several can run at once."""
    log = tmp / f"caddy-{port}.log"
    process = subprocess.Popen(
        [str(venv_tool("caddy")), "run", "--config", str(caddyfile), "--adapter", "caddyfile"],
        env=server_env(tmp, SSPGEN_ADRESSE=address, SSPGEN_SITE=str(site),
                       SSPGEN_CADDY_ADMIN=f"127.0.0.1:{free_port()}", **env),
        stdout=log.open("wb"), stderr=subprocess.STDOUT)
    wait_for_port(port, process, log)
    return process


def caddy_users(tmp: Path, user: str, password: str) -> Path:
    """A users file as the README describes: the hash made by `caddy hash-password`."""
    hashed = subprocess.run([str(venv_tool("caddy")), "hash-password", "--plaintext", password],
                            capture_output=True, text=True, check=True).stdout.strip()
    users = tmp / "brugere.caddy"
    users.write_text(f"{user} {hashed}\n", encoding="utf-8")
    return users


def subscription_feeds(site: Path) -> list[str]:
    """Every calendar feed at a capability URL in the build; there must be some in each
    municipality with an intranet calendar, or the hosting tests would prove nothing."""
    feeds = [p for p in site_files(site) if is_subscription(p)]
    with_calendar = {p.parent.parent.name for p in site.glob("*/intranet/kalender")}
    assert with_calendar and {p.split("/")[1] for p in feeds} == with_calendar, "bygningen lavede ingen abonnementer"
    return feeds


def closed_near_subscriptions(feeds: list[str]) -> dict[str, list[str]]:
    """Paths next to the open feeds that must still need the login, by kind."""
    folders = sorted({p.rsplit("/", 2)[0] + "/" for p in feeds})
    tokens = sorted({p.rsplit("/", 1)[0] + "/" for p in feeds})
    first = feeds[0]
    token = first.rsplit("/", 2)[1]
    wrong = "A" * len(token) if token != "A" * len(token) else "B" * len(token)
    name = first.rsplit("/", 1)[1]
    kalender = first.split(SUBSCRIPTIONS)[0] + "/intranet/kalender/"
    return {
        "abonnement/": folders,
        "<token>/": tokens,
        "kalender/": [kalender],
        "kalenderen bag login": [kalender + name],
        "forkert nøgle": [first.replace(f"/{token}/", f"/{wrong}/"), first.replace(f"/{token}/", f"/{token[:-1]}/")],
        "anden filtype": [first[: -len(".ics")] + ".html", first + ".txt", first.rsplit("/", 1)[0] + "/index.html"],
        "uden nøgle": [folders[0] + name],
        "gennem abonnement/ med ..": [first.rsplit("/", 1)[0] + "/../../" + name, first.rsplit("/", 1)[0] + "/%2e%2e/%2e%2e/" + name],
    }
