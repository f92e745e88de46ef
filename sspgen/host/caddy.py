"""`sspgen host caddy`: a Caddyfile for the municipality's own server.

Everything that differs between servers comes from environment variables with defaults
(Caddy's `{$NAME:default}`), so the generated file is the same on every machine and can be
regenerated after each build without hand edits:

    SSPGEN_ADRESSE   the site address (default localhost; a real domain gets TLS automatically)
    SSPGEN_SITE      the built output folder (default /srv/sspgen/output)
    SSPGEN_BRUGERE   (login «adgangskode») the file with users and bcrypt hashes, outside git
    SSPGEN_SSO       (login «sso») host:port of the single sign-on proxy, e.g. oauth2-proxy
"""

from __future__ import annotations

from .rules import COMMON_HEADERS, FRONT_PAGE, HSTS, MIME_TYPES, SUBSCRIPTION_HEADERS, Rules

LOGINS = ("adgangskode", "sso")
USERS_DEFAULT = "/etc/caddy/sspgen-brugere.caddy"
SSO_DEFAULT = "127.0.0.1:4180"


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _matcher(name: str, paths: list[str] | tuple[str, ...], negate: bool = False) -> str:
    return f"\t@{name} {'not ' if negate else ''}path {' '.join(paths)}"


def _login_matcher(rules: Rules, public: list[str]) -> list[str]:
    """Everyone outside the open paths must sign in. The calendar feeds at capability URLs
    are open only when the path has exactly their shape *and* the file exists, so a wrong
    token, a folder or any other file in the intranet still asks for the login."""
    return [
        "\t@login {",
        f"\t\tnot path {' '.join(public)}",
        "\t\tnot {",
        f"\t\t\tpath_regexp {rules.subscription_regexp}",
        "\t\t\tfile",
        "\t\t}",
        "\t}",
    ]


def _subscription_headers(rules: Rules) -> list[str]:
    return [
        "\t# Kalenderabonnementer på hemmelige adresser: uden login, men aldrig i søgemaskiner",
        "\t# eller delte caches.",
        "\t@abonnement {",
        f"\t\tpath_regexp {rules.subscription_regexp}",
        "\t\tfile",
        "\t}",
        "\theader @abonnement {",
        *(f"\t\t{name} {_quote(value)}" for name, value in SUBSCRIPTION_HEADERS.items()),
        "\t}",
    ]


def _login(rules: Rules, login: str) -> list[str]:
    if login == "adgangskode":
        return [
            "\t# Alle uden for de åbne stier skal logge ind. Brugerne og deres bcrypt-hashes står i en",
            "\t# fil uden for git (se README: «Sådan kommer sitet på nettet»).",
            f'\tbasic_auth @login bcrypt "SSP-intranet" {{',
            f"\t\timport {{$SSPGEN_BRUGERE:{USERS_DEFAULT}}}",
            "\t}",
        ]
    return [
        "\t# Alle uden for de åbne stier spørger kommunens single sign-on-proxy (fx oauth2-proxy mod",
        "\t# Entra ID eller AD FS). Svarer den 2xx, vises siden; ellers sendes man til login.",
        f"\tforward_auth @login {{$SSPGEN_SSO:{SSO_DEFAULT}}} {{",
        "\t\turi /oauth2/auth",
        "\t\theader_up X-Real-IP {remote_host}",
        "\t\tcopy_headers X-Auth-Request-User X-Auth-Request-Email",
        "\t\t@uden_login status 401",
        "\t\thandle_response @uden_login {",
        "\t\t\tredir * /oauth2/sign_in?rd={scheme}://{host}{uri} 302",
        "\t\t}",
        "\t}",
        "\thandle /oauth2/* {",
        f"\t\treverse_proxy {{$SSPGEN_SSO:{SSO_DEFAULT}}}",
        "\t}",
    ]


def caddyfile(rules: Rules, login: str = "adgangskode") -> str:
    if login not in LOGINS:
        raise ValueError(login)
    public = list(rules.public_paths) + (["/oauth2/*"] if login == "sso" else [])
    lines = [
        "# Skrevet af «sspgen host caddy». Ret ikke i filen: kør kommandoen igen efter hver ændring",
        "# af kommunerne. Adresse, mappe og login sættes med miljøvariabler (se README).",
        "{",
        "\t# The admin endpoint stays on this machine; «systemctl reload caddy» talks to it.",
        "\tadmin {$SSPGEN_CADDY_ADMIN:localhost:2019}",
        "\t# Caddy's own test certificates (localhost, IP addresses) never go into the system's trust store.",
        "\tskip_install_trust",
        "}",
        "",
        "{$SSPGEN_ADRESSE:localhost} {",
        "\troot * {$SSPGEN_SITE:/srv/sspgen/output}",
        "\tencode zstd gzip",
        "",
        "\t# Det eneste, alle må se. Alt andet kræver login (også stier, der staves mærkeligt).",
        *_login_matcher(rules, public),
        *_login(rules, login),
        "",
        "\t# Forsiden for alle viser kun de offentlige sites; den fulde liste (/index.html) kræver login.",
        f"\trewrite / /{FRONT_PAGE}",
        "",
        "\t# Sikkerhedsheadere på alle svar.",
        "\theader {",
        *(f"\t\t{name} {_quote(value)}" for name, value in COMMON_HEADERS.items()),
        f"\t\t?Content-Security-Policy {_quote(rules.default_csp)}",
        "\t\t-Server",
        "\t}",
        "\t@tls protocol https",
        f"\theader @tls {HSTS[0]} {_quote(HSTS[1])}",
    ]
    admin = [p for m in rules.municipalities for p in (m.admin, m.admin + "/*")]
    lines += [_matcher("admin", admin), f"\theader @admin Content-Security-Policy {_quote(rules.admin_csp)}"]
    for m in rules.municipalities:
        name = "offentlig_" + m.slug.replace("-", "_")
        lines += [_matcher(name, [m.public, m.public + "/*"]),
                  f"\theader @{name} Content-Security-Policy {_quote(rules.public_csp(m))}"]
    lines += ["", *_subscription_headers(rules)]
    lines += ["", "\t# Filtyper, som servere ellers gætter forkert eller slet ikke."]
    for ext, mime in MIME_TYPES.items():
        name = "type_" + ext.lstrip(".")
        lines += [_matcher(name, [f"*{ext}"]), f"\theader @{name} Content-Type {_quote(mime)}"]
    lines += [
        "",
        "\t# Også fejlsvar (401, 404) får sikkerhedsheaderne.",
        "\thandle_errors {",
        "\t\theader {",
        *(f"\t\t\t{name} {_quote(value)}" for name, value in COMMON_HEADERS.items()),
        f"\t\t\tContent-Security-Policy {_quote(rules.default_csp)}",
        "\t\t\t-Server",
        "\t\t}",
        f"\t\theader @tls {HSTS[0]} {_quote(HSTS[1])}",
        '\t\trespond "{err.status_code} {err.status_text}"',
        "\t}",
        "",
        "\t# Ingen mappeoversigter; skjulte filer vises aldrig.",
        "\tfile_server {",
        "\t\thide .*",
        "\t}",
        "}",
        "",
    ]
    return "\n".join(lines)
