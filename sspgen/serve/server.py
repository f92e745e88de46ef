"""The preview's web server: the current build folder on 127.0.0.1, HTML decorated on the fly
(sspgen/serve/inject.py), and an event stream that tells open pages when to reload.

It answers only requests addressed to itself: the `Host` header must be 127.0.0.1, localhost
or [::1] with the server's port. A web page elsewhere can make a browser send requests to
127.0.0.1 under its own name (DNS rebinding) and read the answers; those requests carry that
name in `Host`, and get a short refusal instead of the intranet's pages.

Each request has its own thread; the listening socket keeps a long queue (REQUEST_QUEUE), so a
burst of requests (a page with many assets, several tabs, a link checker) waits its turn
instead of being refused.

The build swaps a finished folder in place of the previous one (sspgen/write/swap.py), so
every request sees one complete build; a file already open keeps its bytes on Linux even
when the old folder is removed after the swap.
"""

from __future__ import annotations

import html
import mimetypes
import os
import posixpath
import re
import shutil
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import inject
from .state import ServeState

HEARTBEAT = 15.0
"""Seconds between keep-alive comments on the event stream (notices closed tabs)."""

_TYPES = {".ics": "text/calendar; charset=utf-8", ".wasm": "application/wasm", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".yml": "text/yaml; charset=utf-8", ".svg": "image/svg+xml",
          ".woff2": "font/woff2", ".json": "application/json", ".txt": "text/plain; charset=utf-8"}


LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
REQUEST_QUEUE = 1024
"""Connections the kernel holds for the server before accepting them (http.server's default is 5)."""


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = REQUEST_QUEUE

    def __init__(self, address: tuple[str, int], site: Path, state: ServeState) -> None:
        self.site = site
        self.state = state
        super().__init__(address, _Handler)
        port = self.server_address[1]
        self.hosts = frozenset(f"{name}:{port}" for name in LOCAL_NAMES) | (
            frozenset(LOCAL_NAMES) if port == 80 else frozenset())
        """The `Host` values the server answers (without a port only on port 80, as browsers send it)."""

    def addressed_to_me(self, hosts: list[str]) -> bool:
        return len(hosts) == 1 and hosts[0].strip().lower() in self.hosts

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """One Danish line instead of http.server's traceback; the server keeps running."""
        if os.environ.get("SSPGEN_DEBUG"):
            super().handle_error(request, client_address)  # type: ignore[arg-type]
            return
        exc = sys.exc_info()[1]
        print(f"sspgen serve: en forespørgsel fejlede ({type(exc).__name__}: {exc}); serveren kører videre.",
              file=sys.stderr, flush=True)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "sspgen-serve"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass  # the terminal is for build results and errors, not for every request

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's name
        self._respond(body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._respond(body=True)

    # -- dispatch ---------------------------------------------------------------------------
    def _respond(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        try:
            if not self.server.addressed_to_me(self.headers.get_all("Host") or []):
                port = self.server.server_address[1]
                text = (f"Forhåndsvisningen svarer kun på http://127.0.0.1:{port}/ og http://localhost:{port}/ "
                        "(ikke på andre navne for maskinen).\n")
                self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8", text.encode(), body)
            elif path == inject.EVENTS:
                self._events()
            elif path == inject.VERSION:
                self._send(HTTPStatus.OK, "text/plain; charset=utf-8", self.server.state.snapshot().version.encode(), body)
            else:
                self._file(path, body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away (reload, closed tab)

    def _file(self, path: str, body: bool) -> None:
        snap = self.server.state.snapshot()
        site = self.server.site
        relative = posixpath.normpath(path).lstrip("/")
        if relative in (".", ""):
            relative = ""
        if relative.startswith("..") or "\0" in relative:
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", inject.not_found_page(path, snap), body)
            return
        target = site / relative if relative else site
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        is_html = target.suffix == ".html"
        if is_html and not snap.has_site and snap.errors:
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", inject.error_page(snap), body)
            return
        if not target.is_file():
            if relative == "":
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", inject.sites_page(self._sites(), snap), body)
            elif not snap.has_site and not snap.errors:
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", "Siderne bygges …".encode(), body)
            else:
                self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", inject.not_found_page(path, snap), body)
            return
        # The Decap CMS form is an app of its own: it gets no reload script or banner.
        if is_html and relative.split("/")[2:3] != ["admin"]:
            try:
                html = target.read_bytes()
            except OSError:
                self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", inject.not_found_page(path, snap), body)
                return
            search = relative.endswith("soeg/index.html") or relative.endswith("soeg")
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", inject.decorate(html, snap, search), body)
            return
        self._static(target, body)

    def _sites(self) -> list[tuple[str, str]]:
        found = []
        for kommune in sorted(p for p in self.server.site.iterdir() if p.is_dir() and not p.name.startswith(".")):
            for variant in ("intranet", "offentlig"):
                page = kommune / variant / "index.html"
                if page.is_file():
                    found.append((_title(page) or f"{kommune.name} ({variant})", f"/{kommune.name}/{variant}/index.html"))
        return found

    # -- responses --------------------------------------------------------------------------
    def _send(self, status: HTTPStatus, content_type: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _static(self, target: Path, body: bool) -> None:
        try:
            handle = open(target, "rb")
        except OSError:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", "Filen findes ikke.".encode(), body)
            return
        with handle:
            size = os.fstat(handle.fileno()).st_size
            content_type = _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(size))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if body:
                shutil.copyfileobj(handle, self.wfile)

    def _events(self) -> None:
        """Server-Sent Events: the current version at once, then each new one."""
        state = self.server.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command == "HEAD":
            return
        seen: str | None = None
        while True:
            version = state.wait_for_change(seen, HEARTBEAT)
            if version is None:
                return  # stopping
            if version != seen:
                self.wfile.write(f"retry: 500\ndata: {version}\n\n".encode())
                seen = version
            else:
                self.wfile.write(b": vent\n\n")
            self.wfile.flush()


_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)


def _title(page: Path) -> str:
    """A site's name as its front page's title says it, fx «Forside – Holbæk Kommune (SSP-intranet)»."""
    try:
        with open(page, "rb") as handle:
            match = _TITLE.search(handle.read(4096))
    except OSError:
        return ""
    return html.unescape(match.group(1).decode("utf-8", errors="replace")).strip() if match else ""
