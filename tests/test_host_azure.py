"""`sspgen host azure`: the real Azure Static Web Apps emulator (npm @azure/static-web-apps-cli)
serves a real build of the examples with the generated staticwebapp.config.json.

A signed-in user is the emulator's auth cookie, StaticWebAppsAuthCookie: base64 of the client
principal JSON, with the roles Azure would give after an invitation."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from host_helpers import (build_examples, closed_near_subscriptions, free_port, is_intranet, request, run_host, server_env,
                          site_files, subscription_feeds, wait_for_port)
from site_helpers import REPO

SWA = REPO / "node_modules" / ".bin" / "swa"


def principal(*roles: str) -> dict[str, str]:
    value = {"identityProvider": "aad", "userId": "0f1e2d3c", "userDetails": "test.bruger@example.org",
             "userRoles": ["anonymous", "authenticated", *roles]}
    return {"Cookie": "StaticWebAppsAuthCookie=" + base64.b64encode(json.dumps(value).encode()).decode()}


WITH_ROLE = principal("ssp")
WITHOUT_ROLE = principal()


@dataclass
class Emulator:
    root: Path
    site: Path
    port: int

    def get(self, path: str, headers: dict[str, str] | None = None):
        return request(self.port, path, headers)


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory):
    assert SWA.is_file(), f"{SWA} mangler: kør «npm ci --ignore-scripts» (make test gør det)"
    tmp = tmp_path_factory.mktemp("swa")
    root = build_examples(tmp)
    result = run_host("azure", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "output"
    port = free_port()
    log = tmp / "swa.log"
    process = subprocess.Popen([str(SWA), "start", str(site), "--port", str(port), "--host", "127.0.0.1"],
                               cwd=tmp, env=server_env(tmp), stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)  # the emulator starts children: stopped as one group
    try:
        wait_for_port(port, process, log, timeout=180)
        yield Emulator(root, site, port)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_every_intranet_file_needs_the_ssp_role(emulator: Emulator) -> None:
    intranet = [p for p in site_files(emulator.site) if is_intranet(p)]
    assert len(intranet) > 500 and any(p.endswith(".pdf") for p in intranet) and any("/admin/" in p for p in intranet)
    for path in intranet:
        anonymous = emulator.get(path)
        assert anonymous.status == 302, f"{path} svarede {anonymous.status} uden login"
        assert "/.auth/login/aad?post_login_redirect_uri=" in anonymous.header("Location"), path
        # Signed in, but not invited: Azure answers 403 (the config rewrites it to ingen-adgang.html);
        # the emulator treats a missing role like a missing login. Either way: not the file.
        without = emulator.get(path, WITHOUT_ROLE)
        assert without.status in (302, 403), f"{path} svarede {without.status} uden rollen"
        assert without.body != (emulator.site / path.lstrip("/")).read_bytes() or not without.body, path
        signed_in = emulator.get(path, WITH_ROLE)
        assert signed_in.status == 200, f"{path} svarede {signed_in.status} med rollen"
        assert signed_in.body == (emulator.site / path.lstrip("/")).read_bytes(), path


def test_every_public_file_is_open(emulator: Emulator) -> None:
    public = [p for p in site_files(emulator.site) if not is_intranet(p) and p != "/staticwebapp.config.json"]
    assert any("/offentlig/" in p for p in public)
    for path in public:
        response = emulator.get(path)
        assert response.status == 200, f"{path} svarede {response.status} uden login"
        assert response.body == (emulator.site / path.lstrip("/")).read_bytes(), path


def test_front_page_and_the_full_list(emulator: Emulator) -> None:
    front = emulator.get("/")
    assert front.status == 200
    assert b"/offentlig/index.html" in front.body and b"intranet/" not in front.body
    assert emulator.get("/index.html").status == 302
    assert b"intranet/index.html" in emulator.get("/index.html", WITH_ROLE).body
    # Where Azure sends a signed-in user without the role (403): open to all, and it says what to do.
    config = json.loads((emulator.site / "staticwebapp.config.json").read_text(encoding="utf-8"))
    page = config["responseOverrides"]["403"]["rewrite"]
    no_access = emulator.get(page, WITHOUT_ROLE)
    assert no_access.status == 200 and "invitation" in no_access.body.decode("utf-8")


def test_config_file_itself_is_not_served(emulator: Emulator) -> None:
    response = emulator.get("/staticwebapp.config.json", WITH_ROLE)
    assert response.status == 404 and b"allowedRoles" not in response.body


def test_headers_and_mime_types(emulator: Emulator) -> None:
    files = site_files(emulator.site)
    offentlig = next(p for p in files if "/offentlig/" in p and p.endswith(".html"))
    admin = next(p for p in files if p.endswith("/admin/index.html"))
    intranet = next(p for p in files if "/intranet/kalender/" in p and p.endswith(".html"))
    for path, headers in ((offentlig, {}), (admin, WITH_ROLE), (intranet, WITH_ROLE), ("/", {})):
        response = emulator.get(path, headers)
        assert response.header("X-Content-Type-Options") == "nosniff", path
        assert response.header("Referrer-Policy") == "same-origin", path
        assert response.header("Strict-Transport-Security") == "max-age=31536000", path  # Azure is always TLS
        assert "default-src 'none'" in response.header("Content-Security-Policy"), path
    assert "'unsafe-eval'" in emulator.get(admin, WITH_ROLE).header("Content-Security-Policy")
    assert "'unsafe-eval'" not in emulator.get(intranet, WITH_ROLE).header("Content-Security-Policy")
    slug = offentlig.split("/")[1]
    webadresse = next(line.split(":", 1)[1].strip() for line in
                      (emulator.root / "data" / slug / "kommune.yaml").read_text(encoding="utf-8").splitlines()
                      if line.startswith("webadresse:"))
    domain = "/".join(webadresse.strip("\"'").split("/")[:3])
    assert f"frame-ancestors 'self' {domain}" in emulator.get(offentlig).header("Content-Security-Policy")
    for suffix, mime in ((".ics", "text/calendar"), (".pdf", "application/pdf"), (".svg", "image/svg+xml"),
                         (".pf_fragment", "application/octet-stream"), (".pf_meta", "application/octet-stream")):
        path = next(p for p in files if p.endswith(suffix) and is_intranet(p))
        assert emulator.get(path, WITH_ROLE).header("Content-Type").startswith(mime), path


@pytest.mark.parametrize("path", [
    "/brondby/offentlig/../intranet/index.html", "/brondby/offentlig/%2e%2e/intranet/index.html",
    "/brondby//intranet/index.html", "/brondby/%69ntranet/index.html", "/../hemmelig.txt", "/%2e%2e/%2e%2e/etc/passwd",
    # The emulator (2.0.10) matches routes on the undecoded path but serves the decoded one, so an
    # encoded slash walks from an open folder into a closed one. No route syntax can catch it (a
    # wildcard is only allowed at the end). Strict: the day the emulator is fixed, this says so.
    # The README tells IT to try this exact URL against the real Azure after the first deploy.
    pytest.param("/brondby/offentlig/..%2fintranet/index.html", marks=pytest.mark.xfail(
        strict=True, reason="emulatorfejl: ruter matches på den ukodede sti, filen findes ud fra den afkodede")),
])
def test_odd_paths_stay_closed(emulator: Emulator, path: str) -> None:
    response = emulator.get(path)
    assert response.status != 200, f"{path}: {response.status}"
    assert b"SSP-intranet" not in response.body and b"root:" not in response.body


def test_calendar_subscriptions_are_open_and_marked_noindex(emulator: Emulator) -> None:
    for path in subscription_feeds(emulator.site):
        response = emulator.get(path)  # a calendar program: no login
        assert response.status == 200, f"{path} svarede {response.status} uden login"
        assert response.body == (emulator.site / path.lstrip("/")).read_bytes(), path
        assert response.header("Content-Type") == "text/calendar; charset=utf-8", path
        assert response.header("X-Robots-Tag") == "noindex, nofollow", path
        assert response.header("Cache-Control") == "private, max-age=300", path
        assert response.header("X-Content-Type-Options") == "nosniff", path


def test_next_to_the_subscriptions_everything_needs_the_role(emulator: Emulator) -> None:
    cases = closed_near_subscriptions(subscription_feeds(emulator.site))
    for kind, paths in cases.items():
        for path in paths:
            response = emulator.get(path)
            # A route may only end in a wildcard filtered by file extension, so Azure cannot tell
            # a wrong token from a right one: any .ics below abonnement/ is open, and one that is
            # not there is simply not found (README says so). Everything else asks for the login.
            allowed = (302, 404) if kind in ("forkert nøgle", "uden nøgle") else (302,)
            assert response.status in allowed, f"{kind}: {path} svarede {response.status} uden login"
            assert b"BEGIN:VCALENDAR" not in response.body, f"{kind}: {path}"
    assert emulator.get(cases["kalenderen bag login"][0], WITH_ROLE).status == 200


@pytest.mark.xfail(strict=True, reason="emulatorfejl: ruter matches på den ukodede sti, filen findes ud fra den afkodede")
def test_an_encoded_slash_does_not_walk_from_the_subscriptions_into_the_calendar(emulator: Emulator) -> None:
    # The same emulator bug as in test_odd_paths_stay_closed, here from the open .ics route into
    # the calendar files behind the login. The README tells IT to try this URL on the real Azure.
    feed = subscription_feeds(emulator.site)[0]
    folder, name = feed.rsplit("/", 2)[0], feed.rsplit("/", 1)[1]
    response = emulator.get(f"{folder}/..%2f{name}")
    assert response.status != 200 and b"BEGIN:VCALENDAR" not in response.body
