"""`sspgen host azure`: two Azure Static Web Apps with Entra ID, one public and one intranet.

Why two apps. A route in staticwebapp.config.json may only end in a wildcard, so "open" can
only be said of whole folders (`/<kommune>/offentlig/*`). The SWA emulator 2.0.10 matches a
route on the path as sent but reads the file from the decoded path (dist/msha/
routes-engine/rules/routes.js lines 13 and 19: `decodeURIComponent`, then `path.join`), so
`/<kommune>/offentlig/..%2fintranet/index.html` matched the open folder and served an intranet
page without a login. No route syntax can catch that. So the design leaves nothing to walk to:

- The public app (`offentlig`, content root `output-offentlig/`, written here) holds a copy of
  the open folders of the rules (`Rules.public_paths`: `assets/` and each `<kommune>/offentlig/`)
  and a front page. Not one intranet byte is in it, so no spelling of a path can reach one.
- The intranet app (content root: the build, `output/`) closes every route to the role `ssp`
  (`/*`, given by invitation). The only anonymous routes are exact (no wildcard, nothing to walk
  from): each calendar feed at its capability URL (the build has them; a calendar program cannot
  sign in) and the no-access page with its two stylesheets.

A visitor who is not signed in is sent to the Entra ID login (401 → 302). Azure answers a
signed-in user without the role with 403, which the config rewrites to the no-access page; the
emulator cannot show that (tests/test_host_azure.py says why).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from .rules import COMMON_HEADERS, HSTS, MIME_TYPES, NO_ACCESS_PAGE, SUBSCRIPTION_HEADERS, Rules

CONFIG = "staticwebapp.config.json"
PUBLIC_APP = "output-offentlig"
"""The public app's content root, next to the build's output folder."""
MAX_CONFIG_BYTES = 20 * 1024
"""Azure refuses a staticwebapp.config.json over 20 KB (Microsoft's configuration reference,
«Restrictions»). Each calendar feed is one route in the intranet app's config."""
NO_ACCESS_STYLES = ("/assets/dkfds/css/dkfds.min.css", "/assets/sspgen.css")
"""The stylesheets the no-access page links (`rules.no_access_html`)."""

_ANONYMOUS = ["anonymous"]  # every visitor, signed in or not
_OTHER_PROVIDERS = ("github", "twitter")


def _route(path: str, **settings: object) -> dict[str, object]:
    return {"route": path, **settings}


def _common(rules: Rules) -> dict[str, object]:
    return {
        "globalHeaders": {**COMMON_HEADERS, "Content-Security-Policy": rules.default_csp, HSTS[0]: HSTS[1]},
        "mimeTypes": dict(MIME_TYPES),
    }


def subscription_feeds(rules: Rules, site: Path) -> list[str]:
    """The calendar feeds at capability URLs in the build, as URL paths: the files that have
    exactly the shape the rules open (`Rules.subscription_regexp`), nothing else."""
    shape = re.compile(rules.subscription_regexp)
    feeds = []
    for m in rules.municipalities:
        for path in (site / m.subscriptions.lstrip("/")).glob("*/*.ics"):
            url = "/" + path.relative_to(site).as_posix()
            if path.is_file() and shape.match(url):
                feeds.append(url)
    return sorted(feeds)


def intranet_config(rules: Rules, feeds: list[str], tenant: str | None = None) -> dict[str, object]:
    """The intranet app: everything needs the role; exact anonymous routes only."""
    # Calendar programs fetch the feeds without a login. The type comes from mimeTypes; the
    # route adds only what keeps them out of search engines and shared caches.
    feed_headers = {k: v for k, v in SUBSCRIPTION_HEADERS.items() if k != "Content-Type"}
    routes: list[dict[str, object]] = [
        # Only Entra ID signs in; the other built-in providers are closed.
        *(_route(f"/.auth/login/{provider}", statusCode=404) for provider in _OTHER_PROVIDERS),
        # What a signed-in user without the role sees (403), readable and styled.
        *(_route(path, allowedRoles=_ANONYMOUS) for path in ("/" + NO_ACCESS_PAGE, *NO_ACCESS_STYLES)),
        *(_route(feed, allowedRoles=_ANONYMOUS, headers=feed_headers) for feed in feeds),
    ]
    for m in rules.municipalities:
        routes.append(_route(m.admin + "/*", allowedRoles=[rules.role],
                             headers={"Content-Security-Policy": rules.admin_csp}))
    routes.append(_route("/*", allowedRoles=[rules.role]))
    result: dict[str, object] = {
        "$schema": "https://json.schemastore.org/staticwebapp.config.json",
        "routes": routes,
        "responseOverrides": {
            "401": {"redirect": "/.auth/login/aad?post_login_redirect_uri=.referrer", "statusCode": 302},
            "403": {"rewrite": "/" + NO_ACCESS_PAGE, "statusCode": 403},
        },
        **_common(rules),
    }
    if tenant:
        # Custom Entra ID registration (Standard plan): only the municipality's own tenant,
        # with guests (the police, partners) invited into it.
        result["auth"] = {"identityProviders": {"azureActiveDirectory": {"registration": {
            "openIdIssuer": f"https://login.microsoftonline.com/{tenant}/v2.0",
            "clientIdSettingName": "AZURE_CLIENT_ID",
            "clientSecretSettingName": "AZURE_CLIENT_SECRET",
        }}}}
    return result


def public_config(rules: Rules) -> dict[str, object]:
    """The public app: open to all, nobody signs in (there is nothing to sign in to)."""
    routes: list[dict[str, object]] = [
        _route(f"/.auth/login/{provider}", statusCode=404) for provider in ("aad", *_OTHER_PROVIDERS)]
    for m in rules.municipalities:
        routes.append(_route(m.public + "/*", headers={"Content-Security-Policy": rules.public_csp(m)}))
    return {"$schema": "https://json.schemastore.org/staticwebapp.config.json", "routes": routes, **_common(rules)}


def to_json(config: dict[str, object]) -> str:
    """Indented, but one route a line: readable, and small enough for Azure's 20 KB with many
    calendar feeds (each is a route)."""
    parts = []
    for key, value in config.items():
        if key == "routes" and isinstance(value, list):
            rows = ",\n".join("    " + json.dumps(route, ensure_ascii=False) for route in value)
            parts.append(f'  "routes": [\n{rows}\n  ]')
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            parts.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def public_folders(rules: Rules) -> list[str]:
    """The folders of the build the public app copies: the open folders of the rules."""
    return [p.removeprefix("/").removesuffix("/*") for p in rules.public_paths if p.endswith("/*")]


def is_public_app(folder: Path) -> bool:
    """Whether `folder` may be replaced: missing, empty, or a public app this command wrote."""
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    if not any(folder.iterdir()):
        return True
    try:
        config = json.loads((folder / CONFIG).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(config, dict) and {"route": "/.auth/login/aad", "statusCode": 404} in config.get("routes", [])


def write_public_app(rules: Rules, site: Path, dest: Path, front_page: str) -> None:
    """Write the public app to `dest` from scratch (a half-written folder is never left: it is
    built next to it and moved into place)."""
    temp = dest.with_name(f".{dest.name}.tmp")
    if temp.exists():
        shutil.rmtree(temp)
    temp.mkdir(parents=True)
    for folder in public_folders(rules):
        if (site / folder).is_dir():
            shutil.copytree(site / folder, temp / folder, copy_function=shutil.copyfile)
    (temp / "index.html").write_text(front_page, encoding="utf-8")
    (temp / CONFIG).write_text(to_json(public_config(rules)), encoding="utf-8")
    old = dest.with_name(f".{dest.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if dest.exists():
        dest.rename(old)
    temp.rename(dest)
    if old.exists():
        shutil.rmtree(old)
