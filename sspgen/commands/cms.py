"""`sspgen cms` (`make cms`): try the Decap editing form locally, without login.

Starts two local servers until Ctrl-C:

* decap-server (npm) in git mode on the repository: the form reads the files from it, and
  every save is a commit on the current branch (``git log`` / ``git show`` show it);
* a small web server with the form itself (admin/, written from the data model with
  ``local_backend`` pointing at decap-server) for one municipality.

Only 127.0.0.1 is bound: nobody else on the network can reach the form.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"


def add_parser(commands: argparse._SubParsersAction) -> None:
    cms = commands.add_parser(
        "cms",
        help="prøv redigeringsformularen (Decap CMS) lokalt, uden login",
        description="Starter redigeringsformularen for én kommune på din egen maskine. Hver gang du gemmer "
                    "i formularen, bliver ændringen gemt i filen og lagt i git som en commit på den gren, "
                    "du står på. Stop med Ctrl-C.",
    )
    cms.add_argument("path", nargs="?", default=".", help="repositoriet med data/ og content/ (standard: .)")
    cms.add_argument("--kommune", help="kommunen (slug); standard: den første under data/")
    cms.add_argument("--port", type=int, default=8080, help="porten til formularen (standard: 8080)")
    cms.add_argument("--api-port", dest="api_port", type=int, default=8081,
                     help="porten til decap-server (standard: 8081)")
    cms.set_defaults(run=run)


class _Form(SimpleHTTPRequestHandler):
    """Serves admin/ with the Content-Security-Policy the form gets on the real server
    (sspgen/host/rules.py), so trying it here also tries that policy; only decap-server's
    local address is added to the places the form may talk to."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".yml": "text/yaml", ".wasm": "application/wasm"}
    csp = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


def _csp(api: str) -> str:
    from ..host.rules import _ADMIN_CSP

    return "; ".join(f"{rule} {api}" if rule.startswith("connect-src") else rule for rule in _ADMIN_CSP)


def _decap_server(root: Path) -> Path | None:
    from ..resources import SOURCE_ROOT

    for modules in (root / "node_modules", SOURCE_ROOT / "node_modules"):
        script = modules / "decap-server" / "dist" / "index.js"
        if script.is_file():
            return script
    return None


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> bool:
    """True when decap-server answers; False when it stopped or did not answer in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2):
                return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    return False


def _fail(message: str) -> int:
    print(f"sspgen: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from ..decap import DECAP_DIST, BackendSettings, decap_files, write_admin
    from ..decap_moede import moedeudkast_for
    from ..resources import node_modules
    from ..validate import kommune_slugs

    root = Path(args.path).resolve()
    slugs = kommune_slugs(root)
    if not slugs:
        return _fail(f"der er ingen kommuner under {root / 'data'}.")
    slug = args.kommune or slugs[0]
    if slug not in slugs:
        return _fail(f"kommunen «{slug}» findes ikke under data/. Kendte kommuner: {', '.join(slugs)}.")
    if subprocess.run(["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True).returncode:
        return _fail(f"{root} er ikke et git-repositorium. Formularen gemmer hver ændring som en commit, så "
                     "den skal køre i en klon af datarepositoriet.")
    node = shutil.which("node")
    server_script = _decap_server(root)
    if node is None or server_script is None:
        return _fail("npm-pakken decap-server (og Node.js) mangler. Installér dem med «npm ci» i sspgens mappe, "
                     "eller kør «make cms», der gør det.")
    dist = node_modules(root) / "decap-cms" / "dist"
    if not decap_files(dist):
        dist = DECAP_DIST
    if not decap_files(dist):
        return _fail("npm-pakken decap-cms mangler. Installér den med «npm ci», eller kør «make cms».")

    api = f"http://{HOST}:{args.api_port}/api/v1"
    with tempfile.TemporaryDirectory(prefix="sspgen-cms-") as folder:
        site = Path(folder)
        # The facts «Nyt møde» fills from are the data's as it is now: a meeting created during
        # the session is not among them, so the form cannot see that its day is taken.
        write_admin(site / "admin", slug, BackendSettings(local_url=api), dist, moedeudkast_for(root, slug))
        env = {**os.environ, "PORT": str(args.api_port), "BIND_HOST": HOST, "MODE": "git",
               "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": os.environ.get("SSPGEN_CMS_LOG", "warn")}
        process = subprocess.Popen([node, str(server_script)], cwd=root, env=env)
        httpd = None
        try:
            if not _wait_for(api, process):
                return _fail(f"decap-server kunne ikke starte på port {args.api_port}. Er porten optaget? "
                             "Vælg en anden med --api-port.")
            try:
                handler = type("Handler", (_Form,), {"csp": _csp(f"http://{HOST}:{args.api_port}")})
                httpd = ThreadingHTTPServer((HOST, args.port), functools.partial(handler, directory=str(site)))
            except OSError:
                return _fail(f"port {args.port} er optaget. Vælg en anden med --port.")
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            branch = subprocess.run(["git", "-C", str(root), "branch", "--show-current"], capture_output=True,
                                    text=True).stdout.strip() or "?"
            print(f"Redigeringsformularen for {slug} kører nu: åbn http://{HOST}:{args.port}/admin/ i din browser.")
            print(f"Klik på «Login» (der skal ikke bruges kodeord). Hver gang du gemmer, lægges ændringen i git "
                  f"som en commit på grenen «{branch}»; se dem med «git log -p».")
            print("Stop med Ctrl-C.", flush=True)
            while process.poll() is None:
                time.sleep(0.5)
            return _fail("decap-server stoppede uventet.")
        except KeyboardInterrupt:
            print("Stoppet.")
            return 0
        finally:
            if httpd is not None:
                httpd.shutdown()
                httpd.server_close()
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
