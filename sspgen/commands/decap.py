"""`sspgen decap`: write the Decap CMS admin folder (config.yml from the data model)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

BACKENDS = ("github", "gitlab", "forgejo", "gitea")


def add_parser(commands: argparse._SubParsersAction) -> None:
    decap = commands.add_parser(
        "decap",
        help="skriv redigeringsformularen (Decap CMS) til intranettet",
        description="Skriver admin/ med config.yml (genereret fra datamodellen), index.html og, "
        "når den er installeret med npm, decap-cms.js – for hver kommune.",
    )
    decap.add_argument("path", nargs="?", default=".", help="mappen med data/ og content/ (standard: .)")
    decap.add_argument("--kommune", help="kun denne kommune (slug)")
    decap.add_argument("--backend", choices=BACKENDS, default=os.environ.get("SSPGEN_DECAP_BACKEND") or _guess_backend(),
                       help="hvor repositoriet ligger (standard: $SSPGEN_DECAP_BACKEND, ellers github)")
    decap.add_argument("--repo", default=os.environ.get("SSPGEN_DECAP_REPO") or os.environ.get("GITHUB_REPOSITORY")
                       or os.environ.get("CI_PROJECT_PATH") or "OWNER/REPO", help="repositoriet som ejer/navn")
    decap.add_argument("--branch", default=os.environ.get("SSPGEN_DECAP_BRANCH", "main"), help="hovedgrenen (standard: main)")
    decap.add_argument("--base-url", dest="base_url", default=os.environ.get("SSPGEN_DECAP_BASE_URL"),
                       help="adressen på en selvhostet GitLab/Forgejo/Gitea (eller en OAuth-proxy til GitHub)")
    decap.add_argument("--app-id", dest="app_id", default=os.environ.get("SSPGEN_DECAP_APP_ID"),
                       help="OAuth-applikationens client id (GitLab, Forgejo, Gitea)")
    decap.add_argument("--out", help="skriv her i stedet for PATH/output/<kommune>/intranet/admin (kun med --kommune)")
    decap.set_defaults(run=run)


def _guess_backend() -> str:
    if os.environ.get("CI_PROJECT_PATH"):
        return "gitlab"
    return "github"


def run(args: argparse.Namespace) -> int:
    from ..decap import MOEDEUDKAST, WORKFLOW_BACKENDS, BackendSettings, write_admin
    from ..decap_moede import moedeudkast_for
    from ..resources import node_modules
    from ..validate import kommune_slugs

    root = Path(args.path)
    slugs = kommune_slugs(root)
    if args.kommune is not None:
        if args.kommune not in slugs:
            print(f"sspgen: kommunen «{args.kommune}» findes ikke under data/. Kendte kommuner: {', '.join(slugs) or 'ingen'}.", file=sys.stderr)
            return 2
        slugs = [args.kommune]
    if not slugs:
        print("sspgen: der er ingen kommuner under data/.", file=sys.stderr)
        return 2
    if args.out and len(slugs) != 1:
        print("sspgen: fejl i kommandoen: --out kræver --kommune, når der er flere kommuner.", file=sys.stderr)
        return 2
    settings = BackendSettings(args.backend, args.repo, args.branch, args.base_url, args.app_id)
    for slug in slugs:
        folder = Path(args.out) if args.out else root / "output" / slug / "intranet" / "admin"
        written = write_admin(folder, slug, settings, node_modules(root) / "decap-cms" / "dist",
                              moedeudkast_for(root, slug))
        bundle = len(written) - 3
        print(f"Skrev config.yml, index.html og {MOEDEUDKAST}{f' og {bundle} filer til formularen (Decap CMS og sspgens egne scripts)' if bundle else ''} i {folder}")
        if not bundle:
            print("Bemærk: npm-pakken decap-cms er ikke installeret, så decap-cms.js mangler; formularen virker "
                  "først, når den er installeret (npm install decap-cms) og kommandoen køres igen.")
    if args.backend not in WORKFLOW_BACKENDS:
        print("Bemærk: Decaps gitea-backend kan ikke lave pull requests (editorial workflow); gemte ændringer går "
              "direkte på hovedgrenen. Brug --backend forgejo på Forgejo/Codeberg.")
    if args.repo == "OWNER/REPO":
        print("Bemærk: angiv repositoriet med --repo ejer/navn (eller SSPGEN_DECAP_REPO).")
    return 0
