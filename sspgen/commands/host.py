"""`sspgen host TARGET`: the server configuration that puts the built sites online with a login."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_DEFAULT_OUT = {"caddy": "hosting", "azure": None, "gitlab": "hosting"}  # None: the output folder itself


def add_parser(commands: argparse._SubParsersAction) -> None:
    host = commands.add_parser(
        "host",
        help="skriv opsætningen, der lægger sitet på nettet med login til intranettet",
        description="Skriver serveropsætningen ud fra data: de offentlige sider er åbne for alle, og alt "
        "under hver kommunes intranet/ kræver login. caddy: en Caddyfile til kommunens egen server. "
        "azure: staticwebapp.config.json til Azure Static Web Apps med Entra ID. gitlab: et Pages-job "
        "med adgangskontrol. Byg sitet med «sspgen build» først.",
    )
    host.add_argument("target", metavar="MÅL", choices=("caddy", "azure", "gitlab"),
                      help="hvor sitet skal ligge: caddy, azure eller gitlab")
    host.add_argument("path", nargs="?", default=".", help="mappen med data/ (standard: .)")
    host.add_argument("--out", help="mappen, opsætningen skrives i (standard: PATH/hosting; for azure "
                                    "selve output-mappen, som den skal ligge i)")
    host.add_argument("--site", help="den byggede output-mappe (standard: PATH/output)")
    host.add_argument("--login", choices=("adgangskode", "sso"), default="adgangskode",
                      help="caddy: adgangskode (brugere med bcrypt-hash i en fil uden for git) eller sso "
                           "(kommunens single sign-on-proxy, fx oauth2-proxy mod Entra ID)")
    host.add_argument("--tenant", help="azure: kommunens Entra ID-tenant (id eller domæne); kun "
                                       "brugere fra den kan logge ind (kræver Standard-planen)")
    host.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .. import diagnostics as diag
    from ..host import render, site_pages, write_if_changed
    from ..host.rules import load_rules

    root = Path(args.path)
    if not root.is_dir():
        print(f"sspgen: mappen «{root}» findes ikke.", file=sys.stderr)
        return 2
    rules, problems = load_rules(root)
    for d in problems:
        print(diag.format_text(d))
    if rules is None:
        print(f"Opsætningen blev ikke skrevet: {diag.summary(problems)}", file=sys.stderr)
        return 1
    site = Path(args.site) if args.site else root / "output"
    if args.target != "gitlab" and not (site / "index.html").is_file():
        print(f"sspgen: der er ikke bygget noget site i «{site}» (index.html mangler). "
              "Kør «sspgen build» først, eller angiv mappen med --site.", file=sys.stderr)
        return 1
    default = _DEFAULT_OUT[args.target]
    out = Path(args.out) if args.out else (root / default if default else site)
    written = []
    for name, text in render(args.target, rules, login=args.login, tenant=args.tenant).items():
        write_if_changed(out / name, text)
        written.append(out / name)
    if args.target != "gitlab":
        written += site_pages(rules, site)
    for path in written:
        print(f"Skrev {path}")
    print(f"Opsætningen til {args.target} dækker {len(rules.municipalities)} kommune(r): "
          + ", ".join(m.slug for m in rules.municipalities) + ".", file=sys.stderr)
    return 0
