"""Who may see what, and which headers every response carries: one source for every host target.

The Caddyfile, the two Azure Static Web Apps (the public one holds a copy of exactly the open
folders below; the intranet one opens no folder) and the GitLab Pages job are renderings of
`Rules`, so the targets cannot disagree about which paths are the intranet. The rules come from the data
(the municipalities under data/ and their kommune.yaml), not from a hand-kept list:

- Open to anyone: `/` (the public front page, `FRONT_PAGE`, written by `sspgen host`; it lists
  the public sites only), `/assets/…` and `/<kommune>/offentlig/…`. Everything else needs a
  signed-in user: each `/<kommune>/intranet/…` (pages, PDFs, .ics, the search index, admin/),
  the build's `/index.html` (it links every intranet), and any path not listed as open.
- The calendar subscriptions are the one exception inside an intranet: a calendar program
  cannot sign in, so each feed at its capability URL
  (`/<kommune>/intranet/kalender/abonnement/<token>/<feed>.ics`, see sspgen/site/abonnement.py)
  is open, marked noindex and kept out of shared caches. Only such `.ics` files are open: not
  the folders above them, not other file types (`Rules.subscription_regexp` says exactly what).
- `/<kommune>/offentlig/…` may be framed by the municipality's own web site (its `webadresse`
  and `indlejring_tilladt_fra` in kommune.yaml); nothing else may be framed by other sites.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..diagnostics import Diagnostic, Position, error

FRONT_PAGE = "forside-offentlig.html"
"""The public front page, written into the output folder: only the public sites."""
NO_ACCESS_PAGE = "ingen-adgang.html"
"""Shown (403) to a signed-in user who has not been given access (Azure)."""

ROLE = "ssp"
"""The role (Azure) or group a signed-in user needs for the intranet."""

# Each target sets these on every response. HSTS only where TLS is on (see `HSTS`).
COMMON_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
HSTS = ("Strict-Transport-Security", "max-age=31536000")

# The pages load only their own stylesheets and scripts. Pagefind compiles its WebAssembly
# and starts a worker from the same folder; the DKFDS stylesheet draws icons from data: URIs.
_SITE_CSP = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
]
# Decap CMS (admin/ only) compiles its form validators at run time (eval), styles itself with
# inline <style> elements, talks to the git host's API and shows images from it and from blobs.
_ADMIN_CSP = [
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self' https:",
    "frame-src 'self' blob:",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]

SUBSCRIPTION_HEADERS: dict[str, str] = {
    "Content-Type": "text/calendar; charset=utf-8",
    # The address is the only key: never in a search engine, never in a shared cache (a proxy
    # would otherwise keep and hand out a copy). Five minutes spares the server when a whole
    # office's calendars ask at once; the programs themselves ask every hour or less often.
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "private, max-age=300",
}
"""Headers on every calendar feed at a capability URL (open without login)."""

MIME_TYPES: dict[str, str] = {
    ".ics": "text/calendar; charset=utf-8",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pagefind": "application/octet-stream",
    ".yml": "text/yaml; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}
"""Types that servers guess wrongly or not at all (a calendar must be text/calendar for
Outlook; the search index parts are binary)."""


@dataclass(frozen=True)
class Municipality:
    slug: str
    navn: str
    frame_origins: tuple[str, ...]
    """Origins that may frame the public pages (fragments in the municipality's CMS)."""
    intranet_address: str | None = None
    """Where the intranet is online (`intranet_webadresse`): the public front page links it
    when the intranet is on another host (Azure)."""

    @property
    def intranet(self) -> str:
        return f"/{self.slug}/intranet"

    @property
    def admin(self) -> str:
        return f"/{self.slug}/intranet/admin"

    @property
    def public(self) -> str:
        return f"/{self.slug}/offentlig"

    @property
    def subscriptions(self) -> str:
        """The folder of the calendar feeds at capability URLs, ending in "/"."""
        return f"{self.intranet}/{_subscription_prefix()}"


def _subscription_prefix() -> str:
    # Imported here, not at the top: `python -m sspgen.host.gitlab` runs in GitLab jobs with
    # the standard library only, and importing sspgen.site pulls in the whole site builder.
    from ..site.abonnement import SUBSCRIPTION_PREFIX

    return SUBSCRIPTION_PREFIX


@dataclass(frozen=True)
class Rules:
    municipalities: tuple[Municipality, ...]
    role: str = ROLE

    @property
    def public_paths(self) -> tuple[str, ...]:
        """Every path anyone may see, as patterns ("*" at the end: the folder below). Everything
        else needs a signed-in user: an odd spelling of a path (double slashes, encoded letters,
        another case) can only ever fall on the closed side."""
        paths = ["/", "/" + FRONT_PAGE, "/" + NO_ACCESS_PAGE, "/assets/*"]
        for m in self.municipalities:
            paths += [m.public, m.public + "/*"]
        return tuple(paths)

    @property
    def subscription_regexp(self) -> str:
        """The calendar feeds open without login, as one anchored regular expression (RE2 and
        Python alike): `/<kommune>/intranet/kalender/abonnement/<token>/<feed>.ics` with a token
        of exactly the length and alphabet sspgen makes and a feed id as the data allows.
        Nothing with `..`, `%`, a second folder level or another file type can match."""
        from ..model.base import ID_PATTERN
        from ..site.abonnement import SUBSCRIPTION_PREFIX, TOKEN_LENGTH

        slugs = "|".join(m.slug for m in self.municipalities)  # ids: [a-z0-9-] only, nothing to escape
        feed = ID_PATTERN.removeprefix("^").removesuffix("$")
        return (f"^/(?:{slugs})/intranet/{SUBSCRIPTION_PREFIX}"
                f"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}/{feed}\\.ics$")

    def csp(self, frame_ancestors: tuple[str, ...] = ("'self'",)) -> str:
        return "; ".join([*_SITE_CSP, "frame-ancestors " + " ".join(frame_ancestors)])

    @property
    def admin_csp(self) -> str:
        return "; ".join(_ADMIN_CSP)

    def public_csp(self, municipality: Municipality) -> str:
        return self.csp(("'self'", *municipality.frame_origins))

    @property
    def default_csp(self) -> str:
        return self.csp()


def origin(url: str) -> str | None:
    """scheme://host[:port] of an http(s) URL, or None."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def load_rules(root: Path) -> tuple[Rules | None, list[Diagnostic]]:
    """The rules for the data repository at `root`; diagnostics when a kommune.yaml is bad."""
    from ..model import Kommune
    from ..read.yamlfile import read_yaml
    from ..validate import kommune_slugs
    from ..validate.schema import validate_document

    problems: list[Diagnostic] = []
    municipalities = []
    for slug in kommune_slugs(root):
        path = f"data/{slug}/kommune.yaml"
        document, read_problems = read_yaml(root / path, path)
        value, invalid = validate_document(Kommune, document) if document is not None else (None, [])
        if value is None:
            problems += read_problems or invalid or [
                error(path, Position(), "host.kommune", f"{path} kan ikke læses. Kør «sspgen check».")]
            continue
        origins = [origin(u) for u in [*([value.webadresse] if value.webadresse else []), *value.indlejring_tilladt_fra]]
        municipalities.append(Municipality(slug, value.navn, tuple(sorted({o for o in origins if o})),
                                           value.intranet_webadresse))
    if not municipalities and not problems:
        problems.append(error("data", Position(), "host.ingen-kommuner",
                              f"Der er ingen kommuner under {root / 'data'}. Kør «sspgen host» i datamappen."))
    return (None if problems else Rules(tuple(municipalities))), problems


def _login_html(rules: Rules, same_host: bool) -> str:
    """The way in for those who can sign in: the full list on the same host (Caddy), or each
    municipality's intranet address when the intranet is another app (Azure)."""
    if same_host:
        return "<p>Er du med i SSP-samarbejdet? <a href=\"index.html\">Log ind og se SSP-intranettet</a>.</p>\n"
    links = [f'  <li><a href="{html.escape(m.intranet_address)}">{html.escape(m.navn)}</a></li>'
             for m in rules.municipalities if m.intranet_address]
    if not links:
        return ""
    return "<p>Er du med i SSP-samarbejdet? Log ind på intranettet:</p>\n<ul>\n" + "\n".join(links) + "\n</ul>\n"


def front_page_html(rules: Rules, same_host: bool = True) -> str:
    """The public front page: the public sites, and the way in for those who can sign in."""
    items = "\n".join(
        f'  <li><a href="{html.escape(m.slug)}/offentlig/index.html">{html.escape(m.navn)}</a></li>'
        for m in rules.municipalities)
    return (
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>SSP-samarbejdet – kommuner</title>\n"
        "<link rel=\"stylesheet\" href=\"assets/dkfds/css/dkfds.min.css\">\n"
        "<link rel=\"stylesheet\" href=\"assets/sspgen.css\">\n</head>\n<body>\n"
        "<a class=\"skipnav\" href=\"#indhold\">Gå til sidens indhold</a>\n"
        "<header class=\"header sspgen-header\"><div class=\"portal-header\"><div class=\"container portal-header-inner\">"
        "<p class=\"sspgen-site-name\">SSP-samarbejdet</p></div></div></header>\n"
        "<main id=\"indhold\" class=\"container sspgen-main\" tabindex=\"-1\">\n<h1>Kommuner</h1>\n"
        f"<ul>\n{items}\n</ul>\n"
        + _login_html(rules, same_host)
        + "</main>\n</body>\n</html>\n"
    )


def no_access_html() -> str:
    """For a signed-in user without access: what to do, in plain words."""
    return (
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Ingen adgang – SSP-intranet</title>\n"
        "<link rel=\"stylesheet\" href=\"/assets/dkfds/css/dkfds.min.css\">\n"
        "<link rel=\"stylesheet\" href=\"/assets/sspgen.css\">\n</head>\n<body>\n"
        "<main id=\"indhold\" class=\"container sspgen-main\">\n<h1>Du har ikke adgang til SSP-intranettet</h1>\n"
        "<p>Du er logget ind, men din konto har ikke fået adgang til intranettet endnu. "
        "Bed kommunens SSP-koordinator om en invitation, og log ind igen, når du har takket ja til den.</p>\n"
        "<p><a href=\"/\">Til de offentlige sider</a></p>\n</main>\n</body>\n</html>\n"
    )
