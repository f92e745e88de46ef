"""`sspgen host TARGET`: the server configuration that puts the built sites online with a login."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..host.rules import Rules

_DEFAULT_OUT = {"caddy": "hosting", "azure": "output-offentlig", "gitlab": "hosting"}


def add_parser(commands: argparse._SubParsersAction) -> None:
    host = commands.add_parser(
        "host",
        help="skriv opsætningen, der lægger sitet på nettet med login til intranettet",
        description="Skriver serveropsætningen ud fra data: de offentlige sider er åbne for alle, og alt "
        "under hver kommunes intranet/ kræver login. caddy: en Caddyfile til kommunens egen server. "
        "azure: to Azure Static Web Apps, en offentlig (output-offentlig/) og intranettet (output/ med "
        "staticwebapp.config.json), med login gennem Entra ID. gitlab: et Pages-job "
        "med adgangskontrol. Byg sitet med «sspgen build» først.",
    )
    host.add_argument("target", metavar="MÅL", choices=("caddy", "azure", "gitlab"),
                      help="hvor sitet skal ligge: caddy, azure eller gitlab")
    host.add_argument("path", nargs="?", default=".", help="mappen med data/ (standard: .)")
    host.add_argument("--out", help="mappen, opsætningen skrives i (standard: PATH/hosting; for azure "
                                    "den offentlige app, standard PATH/output-offentlig)")
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
    out = Path(args.out) if args.out else root / _DEFAULT_OUT[args.target]
    if args.target == "azure":
        written = _azure(rules, site, out, args.tenant)
        if written is None:
            return 1
    else:
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


def _azure(rules: Rules, site: Path, out: Path, tenant: str | None) -> list[Path] | None:
    """The intranet app's config into the build, and the public app into `out`; None (and a
    Danish message, nothing written) when either cannot be."""
    from ..host import write_if_changed
    from ..host.azure import (CONFIG, MAX_CONFIG_BYTES, intranet_config, is_public_app, subscription_feeds, to_json,
                              write_public_app)
    from ..host.rules import front_page_html

    if out.resolve() == site.resolve() or site.resolve() in out.resolve().parents:
        print(f"sspgen: den offentlige app må ikke ligge inde i det byggede site («{out}»), for så kommer "
              "intranettet med i den. Vælg en mappe ved siden af, fx --out output-offentlig.", file=sys.stderr)
        return None
    if not is_public_app(out):
        print(f"sspgen: mappen «{out}» findes og er ikke en offentlig app, som «sspgen host azure» har skrevet. "
              "Den bliver ikke overskrevet. Vælg en anden mappe med --out, eller tøm den først.", file=sys.stderr)
        return None
    feeds = subscription_feeds(rules, site)
    config = to_json(intranet_config(rules, feeds, tenant))
    size = len(config.encode("utf-8"))
    if size > MAX_CONFIG_BYTES:
        print(f"sspgen: intranettets {CONFIG} bliver {-(-size // 1024)} KB med {len(feeds)} kalenderabonnementer, "
              f"men Azure tager højst {MAX_CONFIG_BYTES // 1024} KB. Del kommunerne på flere repositorier, "
              "eller brug Caddy (se README, «Sådan kommer sitet på nettet»).", file=sys.stderr)
        return None
    write_if_changed(site / CONFIG, config)
    write_public_app(rules, site, out, front_page_html(rules, same_host=False))
    return [site / CONFIG, out]
