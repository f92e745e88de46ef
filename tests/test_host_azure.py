"""`sspgen host azure`: the real Azure Static Web Apps emulator (npm @azure/static-web-apps-cli)
serves the two apps the command writes from a real build of the examples: the public app
(output-offentlig/) and the intranet app (output/ with its staticwebapp.config.json).

A signed-in user is the emulator's auth cookie, StaticWebAppsAuthCookie: base64 of the client
principal JSON, with the roles Azure would give after an invitation."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from host_helpers import (Response, build_examples, closed_near_subscriptions, free_port, is_intranet, request, run_host,
                          server_env, site_files, subscription_feeds, wait_for_port)
from site_helpers import REPO

SWA = REPO / "node_modules" / ".bin" / "swa"
LOGIN = "/.auth/login/aad?post_login_redirect_uri="


def principal(*roles: str) -> dict[str, str]:
    value = {"identityProvider": "aad", "userId": "0f1e2d3c", "userDetails": "test.bruger@example.org",
             "userRoles": ["anonymous", "authenticated", *roles]}
    return {"Cookie": "StaticWebAppsAuthCookie=" + base64.b64encode(json.dumps(value).encode()).decode()}


WITH_ROLE = principal("ssp")
WITHOUT_ROLE = principal()


@dataclass
class Emulator:
    content: Path
    port: int

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return request(self.port, path, headers)


@dataclass
class Apps:
    root: Path
    site: Path
    """The build: the intranet app's content root."""
    intranet: Emulator
    public: Emulator


@contextmanager
def swa(tmp: Path, content: Path) -> Iterator[Emulator]:
    port = free_port()
    log = tmp / f"swa-{content.name}.log"
    # The config location is given: left out, the emulator takes the first staticwebapp.config.json
    # it finds below its working folder, which may be the other app's.
    process = subprocess.Popen([str(SWA), "start", str(content), "--swa-config-location", str(content),
                                "--port", str(port), "--host", "127.0.0.1"],
                               cwd=tmp, env=server_env(tmp), stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)  # the emulator starts children: stopped as one group
    try:
        wait_for_port(port, process, log, timeout=180)
        yield Emulator(content, port)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Apps]:
    assert SWA.is_file(), f"{SWA} mangler: kør «npm ci --ignore-scripts» (make test gør det)"
    tmp = tmp_path_factory.mktemp("swa")
    root = build_examples(tmp)
    result = run_host("azure", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    with swa(tmp, root / "output") as intranet, swa(tmp, root / "output-offentlig") as public:
        yield Apps(root, root / "output", intranet, public)


def body_of(apps: Apps, path: str) -> bytes:
    return (apps.site / path.lstrip("/")).read_bytes()


def open_in_intranet_app(apps: Apps) -> set[str]:
    """The intranet app's exact anonymous routes, read from its config."""
    config = json.loads((apps.site / "staticwebapp.config.json").read_text(encoding="utf-8"))
    return {r["route"] for r in config["routes"] if r.get("allowedRoles") == ["anonymous"]}


def assert_login(response: Response, what: str) -> None:
    assert response.status == 302, f"{what} svarede {response.status} uden login"
    assert response.header("Location").startswith(LOGIN), what


def test_the_intranet_app_opens_nothing_but_exact_routes(apps: Apps) -> None:
    opened = open_in_intranet_app(apps)
    feeds = set(subscription_feeds(apps.site))
    assert opened == feeds | {"/ingen-adgang.html", "/assets/dkfds/css/dkfds.min.css", "/assets/sspgen.css"}
    assert not any("*" in route for route in opened)  # nothing to walk from
    for path in site_files(apps.site):
        if path in opened:
            continue
        assert_login(apps.intranet.get(path), path)  # public pages too: they are the public app's


def test_every_intranet_file_needs_the_ssp_role(apps: Apps) -> None:
    intranet = [p for p in site_files(apps.site) if is_intranet(p)]
    assert len(intranet) > 500 and any(p.endswith(".pdf") for p in intranet) and any("/admin/" in p for p in intranet)
    for path in intranet:
        signed_in = apps.intranet.get(path, WITH_ROLE)
        assert signed_in.status == 200, f"{path} svarede {signed_in.status} med rollen"
        assert signed_in.body == body_of(apps, path), path
        without = apps.intranet.get(path, WITHOUT_ROLE)
        assert without.status != 200 and without.body != body_of(apps, path), path
        # Not in the public app at all (its / is its own front page, not the build's list).
        public = apps.public.get(path)
        if path == "/index.html":
            assert public.status == 200 and public.body != body_of(apps, path) and b"intranet/" not in public.body
        else:
            assert public.status == 404, f"{path} svarede {public.status} i den offentlige app"


def test_signed_in_without_the_role(apps: Apps) -> None:
    """Azure answers a signed-in user without the role 403 (Microsoft's configuration reference,
    the /admin example: «Authenticated users not in the administrator role are served a 403
    error»), and the config rewrites it to ingen-adgang.html. The emulator 2.0.10 cannot tell
    such a user from an anonymous one, whatever the config says: it picks the route on path
    and method only (dist/msha/routes-engine/rules/routes.js line 101: tryGetMatchingRoute
    passes AUTH_STATUS.NoAuth, "TODO get the right auth status"), and every failed role check
    ends in
    `handleErrorPage(req, res, 401, userConfig?.responseOverrides)` (dist/msha/middlewares/
    request.middleware.js, lines 262-263), the same 401 an anonymous visitor gets. So here the
    test holds the emulator to exactly that, and holds the parts that are ours: the 403
    override, and a no-access page such a user can read."""
    page = next(p for p in site_files(apps.site) if p.endswith("/intranet/index.html"))
    anonymous, without = apps.intranet.get(page), apps.intranet.get(page, WITHOUT_ROLE)
    assert_login(without, page)
    assert (without.status, without.header("Location"), without.body) == (
        anonymous.status, anonymous.header("Location"), anonymous.body)
    config = json.loads((apps.site / "staticwebapp.config.json").read_text(encoding="utf-8"))
    assert config["responseOverrides"]["403"] == {"rewrite": "/ingen-adgang.html", "statusCode": 403}
    assert config["responseOverrides"]["401"]["redirect"].startswith(LOGIN)
    no_access = apps.intranet.get("/ingen-adgang.html", WITHOUT_ROLE)
    assert no_access.status == 200 and "Du har ikke adgang til SSP-intranettet" in no_access.body.decode("utf-8")
    for css in ("/assets/dkfds/css/dkfds.min.css", "/assets/sspgen.css"):
        assert f'href="{css}"' in no_access.body.decode("utf-8")
        response = apps.intranet.get(css, WITHOUT_ROLE)
        assert response.status == 200 and response.body == body_of(apps, css), css


def test_no_intranet_byte_in_the_public_app(apps: Apps) -> None:
    content = apps.public.content
    files = site_files(content)
    expected = {p for p in site_files(apps.site) if p.startswith("/assets/") or p.split("/")[2:3] == ["offentlig"]}
    assert set(files) == expected | {"/index.html", "/staticwebapp.config.json"}
    # No file with the bytes of an intranet file, unless the build has the same bytes in the open
    # too (a licence text or a stylesheet the intranet also carries).
    def digest(path: Path) -> bytes:
        return hashlib.sha256(path.read_bytes()).digest()

    built = site_files(apps.site)
    secret = ({digest(apps.site / p.lstrip("/")) for p in built if is_intranet(p)}
              - {digest(apps.site / p.lstrip("/")) for p in built if p in expected})
    assert len(secret) > 300  # the test would prove nothing with an empty set
    for path in files:
        assert "/intranet/" not in path, path
        assert digest(content / path.lstrip("/")) not in secret, path


def test_every_public_file_is_open(apps: Apps) -> None:
    public = [p for p in site_files(apps.public.content) if p != "/staticwebapp.config.json"]
    assert any("/offentlig/" in p for p in public) and any(p.endswith(".pdf") for p in public)
    for path in public:
        response = apps.public.get(path)
        assert response.status == 200, f"{path} svarede {response.status} uden login"
        assert response.body == (apps.public.content / path.lstrip("/")).read_bytes(), path
        if path != "/index.html":
            assert response.body == body_of(apps, path), path


def test_front_pages(apps: Apps) -> None:
    front = apps.public.get("/")
    assert front.status == 200
    assert b"/offentlig/index.html" in front.body and b"intranet" not in front.body.lower()
    assert_login(apps.intranet.get("/"), "/")
    assert b"intranet/index.html" in apps.intranet.get("/", WITH_ROLE).body


def test_the_front_page_links_each_intranet_it_knows(tmp_path: Path) -> None:
    root = build_examples(tmp_path)
    kommune = next((root / "data").glob("*/kommune.yaml"))
    address = f"https://ssp-intranet.eksempel.invalid/{kommune.parent.name}/intranet/"
    kommune.write_text(kommune.read_text(encoding="utf-8") + f"intranet_webadresse: {address}\n", encoding="utf-8")
    result = run_host("azure", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    front = (root / "output-offentlig" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{address}">' in front and front.count("intranet/") == 1


def test_config_files_are_not_served(apps: Apps) -> None:
    for emulator, headers in ((apps.intranet, WITH_ROLE), (apps.public, {})):
        response = emulator.get("/staticwebapp.config.json", headers)
        assert response.status == 404 and b"route" not in response.body
    assert apps.intranet.get("/staticwebapp.config.json").status == 302


def test_headers_and_mime_types(apps: Apps) -> None:
    files = site_files(apps.site)
    offentlig = next(p for p in files if "/offentlig/" in p and p.endswith(".html"))
    admin = next(p for p in files if p.endswith("/admin/index.html"))
    intranet = next(p for p in files if "/intranet/kalender/" in p and p.endswith(".html"))
    for emulator, path, headers in ((apps.public, offentlig, {}), (apps.public, "/", {}),
                                    (apps.intranet, admin, WITH_ROLE), (apps.intranet, intranet, WITH_ROLE)):
        response = emulator.get(path, headers)
        assert response.status == 200, path
        assert response.header("X-Content-Type-Options") == "nosniff", path
        assert response.header("Referrer-Policy") == "same-origin", path
        assert response.header("Strict-Transport-Security") == "max-age=31536000", path  # Azure is always TLS
        assert "default-src 'none'" in response.header("Content-Security-Policy"), path
    assert "'unsafe-eval'" in apps.intranet.get(admin, WITH_ROLE).header("Content-Security-Policy")
    assert "'unsafe-eval'" not in apps.intranet.get(intranet, WITH_ROLE).header("Content-Security-Policy")
    slug = offentlig.split("/")[1]
    webadresse = next(line.split(":", 1)[1].strip() for line in
                      (apps.root / "data" / slug / "kommune.yaml").read_text(encoding="utf-8").splitlines()
                      if line.startswith("webadresse:"))
    domain = "/".join(webadresse.strip("\"'").split("/")[:3])
    assert f"frame-ancestors 'self' {domain}" in apps.public.get(offentlig).header("Content-Security-Policy")
    assert "frame-ancestors 'self'" == apps.public.get("/").header("Content-Security-Policy").rsplit("; ", 1)[1]
    for suffix, mime in ((".ics", "text/calendar"), (".pdf", "application/pdf"), (".svg", "image/svg+xml"),
                         (".pf_fragment", "application/octet-stream"), (".pf_meta", "application/octet-stream")):
        path = next(p for p in files if p.endswith(suffix) and is_intranet(p))
        assert apps.intranet.get(path, WITH_ROLE).header("Content-Type").startswith(mime), path
        public = next((p for p in files if p.endswith(suffix) and "/offentlig/" in p), None)
        if public:
            assert apps.public.get(public).header("Content-Type").startswith(mime), public


# Ways to spell a path that walk from an open place into the intranet, or out of the content
# root: plain, encoded, double-encoded, with a backslash, from the public folders and from the
# calendar subscriptions. {s}: a municipality; {token}: a subscription's token folder.
TRAVERSALS = [
    "/{s}/offentlig/../intranet/index.html",
    "/{s}/offentlig/%2e%2e/intranet/index.html",
    "/{s}/offentlig/..%2fintranet/index.html",
    "/{s}/offentlig/..%2Fintranet/index.html",
    "/{s}/offentlig/%2e%2e%2fintranet/index.html",
    "/{s}/offentlig/..%252fintranet/index.html",
    "/{s}/offentlig/%252e%252e%252fintranet/index.html",
    "/{s}/offentlig/..%5cintranet/index.html",
    "/{s}/offentlig/..\\intranet/index.html",
    "/{s}/offentlig/..%5c..%5c{s}%5cintranet%5cindex.html",
    "/assets/..%2f{s}/intranet/index.html",
    "/{s}//intranet/index.html",
    "/{s}/%69ntranet/index.html",
    "{token}/..%2f..%2falle.ics",
    "{token}/..%252f..%252falle.ics",
    "{token}/..%5c..%5calle.ics",
    "{token}/%2e%2e/%2e%2e/alle.ics",
    "/{s}/intranet/kalender/abonnement/..%2falle.ics",
    "/../hemmelig.txt",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2f..%2f..%2fetc/passwd",
]


@pytest.mark.parametrize("template", TRAVERSALS)
def test_odd_paths_never_reach_the_intranet(apps: Apps, template: str) -> None:
    feed = subscription_feeds(apps.site)[0]
    path = template.format(s=feed.split("/")[1], token=feed.rsplit("/", 1)[0])
    intranet_bodies = {body_of(apps, p) for p in site_files(apps.site) if is_intranet(p)}
    for name, emulator in (("intranettet", apps.intranet), ("den offentlige app", apps.public)):
        response = emulator.get(path)
        assert response.status != 200, f"{name}: {path} svarede 200 uden login"
        assert response.body not in intranet_bodies and b"root:" not in response.body, f"{name}: {path}"
        assert b"BEGIN:VCALENDAR" not in response.body, f"{name}: {path}"


def test_calendar_subscriptions_are_open_and_marked_noindex(apps: Apps) -> None:
    for path in subscription_feeds(apps.site):
        response = apps.intranet.get(path)  # a calendar program: no login
        assert response.status == 200, f"{path} svarede {response.status} uden login"
        assert response.body == body_of(apps, path), path
        assert response.header("Content-Type") == "text/calendar; charset=utf-8", path
        assert response.header("X-Robots-Tag") == "noindex, nofollow", path
        assert response.header("Cache-Control") == "private, max-age=300", path
        assert response.header("X-Content-Type-Options") == "nosniff", path


def test_next_to_the_subscriptions_everything_needs_the_role(apps: Apps) -> None:
    cases = closed_near_subscriptions(subscription_feeds(apps.site))
    for kind, paths in cases.items():
        for path in paths:
            # Exact routes: a wrong token, a folder or another file type is simply not one of them.
            response = apps.intranet.get(path)
            assert_login(response, f"{kind}: {path}")
            assert b"BEGIN:VCALENDAR" not in response.body, f"{kind}: {path}"
    assert apps.intranet.get(cases["kalenderen bag login"][0], WITH_ROLE).status == 200
