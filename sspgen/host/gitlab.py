"""`sspgen host gitlab`: GitLab Pages with access control for the intranet, and a separate
public Pages site.

GitLab gives one Pages site per project, and its access control (project members only) is a
project setting, not something a pipeline can set. So:

- this project's Pages site is the whole output, intranets included; the `pages` job first
  asks GitLab's API whether Pages is set to «Kun projektmedlemmer» (`pages_access_level` =
  private) and refuses to publish otherwise, so a forgotten setting never makes the intranet
  public;
- the public sites (and a front page listing only them) are pushed to a second, public
  project ($SSPGEN_OFFENTLIG_PROJEKT), whose own pipeline publishes them on its Pages site.
- GitLab cannot exempt one path of a private Pages site from its login, and a calendar program
  cannot sign in. So the calendar feeds at capability URLs (only the `.ics` files under each
  `<kommune>/intranet/kalender/abonnement/<token>/`) go to the public project too, at the same
  path; the unguessable address is their only protection there, as on the other targets.
  GitLab Pages cannot mark them noindex (no headers): nothing public links to them.

GitLab Pages cannot set response headers or MIME types; the README says so, and points to
caddy or azure where the security headers are required.

Run as `python -m sspgen.host.gitlab tjek-adgang` (the guard) or `… offentlig-ci` (the public
project's .gitlab-ci.yml on stdout). Standard library only: the jobs need no install.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request

from .rules import Rules

PUBLIC_PROJECT_CI = """\
# Skrevet af «sspgen host gitlab» i SSP-dataprojektet. Ret ikke her: filen skrives igen ved
# hver udgivelse. Projektet indeholder kun de offentlige SSP-sider.
pages:
  script:
    - test -f public/index.html
  artifacts:
    paths:
      - public/
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""


def _copy_subscriptions(rules: Rules, destination: str) -> str:
    """A shell line that copies each municipality's capability feeds (`.ics` files exactly one
    folder below its subscription folder) from output/ to `destination`, keeping the path."""
    globs = " ".join(f"output{m.subscriptions}*/*.ics" for m in rules.municipalities)
    return (f'for feed in {globs}; do [ -f "$feed" ] || continue; target="{destination}/${{feed#output/}}"; '
            'mkdir -p "${target%/*}" && cp "$feed" "$target"; done')


def pages_ci(rules: Rules) -> str:
    municipalities = "\n".join(
        f"#   {m.navn}: {m.intranet}/ kræver login; {m.public}/ er også offentlig i {{$SSPGEN_OFFENTLIG_PROJEKT}}"
        for m in rules.municipalities)
    return f"""\
# Skrevet af «sspgen host gitlab». Ret ikke i filen: kør kommandoen igen, når der kommer en kommune til.
# Brug: slet pages-jobbet i .gitlab-ci.yml, og tilføj
#   include:
#     - local: hosting/gitlab-pages.yml
# Se README, «Sådan kommer sitet på nettet».
#
{municipalities}

# Intranettet: hele output/ på dette projekts GitLab Pages. Kun projektets medlemmer kan se det
# (Indstillinger → Generelt → Synlighed → Pages: «Kun projektmedlemmer»); jobbet tjekker
# indstillingen gennem GitLabs API og udgiver ikke, hvis den mangler.
pages:
  stage: deploy
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  needs: [site]
  script:
    - python -m sspgen.host.gitlab tjek-adgang
    - rm -rf public && mv output public
  artifacts:
    paths:
      - public/

# De offentlige sider: til et separat, offentligt projekt, som udgiver dem på sin egen Pages-side.
# Kalenderabonnementerne (kun .ics-filerne under <kommune>/intranet/kalender/abonnement/<nøgle>/)
# kommer med på samme sti, for et kalenderprogram kan ikke logge ind på intranettets Pages-side.
# Kræver CI/CD-variablerne SSPGEN_OFFENTLIG_PROJEKT (fx kommune/ssp-offentlig) og
# SSPGEN_OFFENTLIG_TOKEN (et projektadgangstoken i det projekt med rollen Developer og «write_repository»).
offentlig:
  stage: deploy
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $SSPGEN_OFFENTLIG_PROJEKT
  needs: [site]
  script:
    - git clone --depth 1 "https://oauth2:${{SSPGEN_OFFENTLIG_TOKEN}}@${{CI_SERVER_HOST}}/${{SSPGEN_OFFENTLIG_PROJEKT}}.git" offentlig-projekt
    - rm -rf offentlig-projekt/public && cp -r public offentlig-projekt/public
    - {_copy_subscriptions(rules, "offentlig-projekt/public")}
    - python -m sspgen.host.gitlab offentlig-ci > offentlig-projekt/.gitlab-ci.yml
    - cd offentlig-projekt
    - git add -A
    - git -c user.name="SSP-data" -c user.email="ssp-data@invalid" commit -q -m "Offentlige SSP-sider fra $CI_COMMIT_SHORT_SHA" || echo "Ingen ændringer i de offentlige sider."
    - git push -q origin HEAD
"""


def check_access(api: str, project: str, token: str | None) -> tuple[bool, str]:
    """Whether the project's Pages site is for project members only, and a Danish message."""
    if not token:
        return False, ("Intranettet bliver ikke udgivet: sspgen kan ikke se, om GitLab Pages kun er for projektets "
                       "medlemmer. Opret CI/CD-variablen SSPGEN_GITLAB_TOKEN (et projektadgangstoken med «read_api»).")
    request = urllib.request.Request(f"{api}/projects/{project}", headers={"PRIVATE-TOKEN": token})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            level = json.load(response).get("pages_access_level")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return False, f"Intranettet bliver ikke udgivet: GitLabs API svarede ikke ({exc}). Prøv igen senere."
    if level != "private":
        return False, (f"Intranettet bliver ikke udgivet: GitLab Pages er sat til «{level}», så alle kunne se det. "
                       "Vælg «Kun projektmedlemmer» under Indstillinger → Generelt → Synlighed → Pages, og kør jobbet igen.")
    return True, "GitLab Pages er kun for projektets medlemmer; intranettet udgives."


def main(argv: list[str]) -> int:
    if argv == ["offentlig-ci"]:
        sys.stdout.write(PUBLIC_PROJECT_CI)
        return 0
    if argv == ["tjek-adgang"]:
        ok, message = check_access(os.environ.get("CI_API_V4_URL", ""), os.environ.get("CI_PROJECT_ID", ""),
                                   os.environ.get("SSPGEN_GITLAB_TOKEN"))
        print(message, file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 1
    print("brug: python -m sspgen.host.gitlab tjek-adgang|offentlig-ci", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
