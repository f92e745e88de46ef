"""`sspgen host azure`: staticwebapp.config.json for Azure Static Web Apps with Entra ID.

The open paths of the rules are listed first and anonymous, then the calendar feeds at
capability URLs (`/<kommune>/intranet/kalender/abonnement/*.ics`); the last route closes everything
else to users with the role (`ssp`), which is given by invitation in the Azure portal. A
visitor who is not signed in is sent to the Entra ID login (401 → 302); one who is signed in
without the role gets 403.
"""

from __future__ import annotations

import json

from .rules import COMMON_HEADERS, FRONT_PAGE, HSTS, MIME_TYPES, NO_ACCESS_PAGE, SUBSCRIPTION_HEADERS, Rules


def _route(path: str, **settings: object) -> dict[str, object]:
    return {"route": path, **settings}


def config(rules: Rules, tenant: str | None = None) -> dict[str, object]:
    anonymous = ["anonymous", "authenticated"]
    routes: list[dict[str, object]] = [
        # Only Entra ID signs in; the other built-in providers are closed.
        _route("/.auth/login/github", statusCode=404),
        _route("/.auth/login/twitter", statusCode=404),
        _route("/", rewrite="/" + FRONT_PAGE, allowedRoles=anonymous),
    ]
    for path in rules.public_paths:
        if path == "/":
            continue
        headers = {}
        for m in rules.municipalities:
            if path in (m.public, m.public + "/*"):
                headers = {"Content-Security-Policy": rules.public_csp(m)}
        routes.append(_route(path, allowedRoles=anonymous, **({"headers": headers} if headers else {})))
    for m in rules.municipalities:
        # Calendar programs cannot sign in. A route may only end in a wildcard, filtered by file
        # extension, so this is as narrow as Azure allows: any .ics below the folder (the build
        # puts only <token>/<feed>.ics there); the folder itself and every other file type fall
        # to the last route and need the role.
        routes.append(_route(m.subscriptions + "*.ics", allowedRoles=anonymous, headers=dict(SUBSCRIPTION_HEADERS)))
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
        "globalHeaders": {**COMMON_HEADERS, "Content-Security-Policy": rules.default_csp, HSTS[0]: HSTS[1]},
        "mimeTypes": {ext: mime for ext, mime in MIME_TYPES.items()},
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


def config_json(rules: Rules, tenant: str | None = None) -> str:
    return json.dumps(config(rules, tenant), ensure_ascii=False, indent=2) + "\n"
