"""Small helpers the CI pipelines call: `python -m sspgen.ci COMMAND …`.

    codequality CHECK.json       `sspgen check --format json` → GitLab Code Quality report (stdout)
    public-pages OUTPUT DEST     copy every municipality's public site to DEST/<kommune>/ plus an index
    github-comment DIFF.md       post or update the diff as one pull-request comment (GITHUB_TOKEN)
    gitlab-note DIFF.md          post or update the diff as one merge-request note (SSPGEN_GITLAB_TOKEN)

Posting is best effort: without a token, or when the host refuses (a pull request from a
fork has a read-only token), it says so in Danish and exits 0, because the diff is also in
the job summary / artifacts and a review must not fail over a comment.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .privacy_mask import MaskingStream, mask_any

MARKER = "<!-- sspgen-diff -->"
"""Marks the one comment sspgen keeps up to date on a pull/merge request."""


# --------------------------------------------------------------------------------------------
# GitLab Code Quality


def codequality(diagnostics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    report = []
    for d in diagnostics:
        # Masked before anything is taken from it: the JSON may come from another tool or an
        # older sspgen, and even the fingerprint must not be a hash of a CPR number (there are
        # few enough of them to try all).
        d = mask_any(d)
        fingerprint = hashlib.sha256(
            f"{d['path']}:{d['line']}:{d['column']}:{d['code']}:{d['message']}".encode("utf-8")
        ).hexdigest()
        report.append(
            {
                "description": f"{d['message']} [{d['code']}]",
                "check_name": d["code"],
                "fingerprint": fingerprint,
                "severity": "major" if d["severity"] == "fejl" else "minor",
                "location": {"path": d["path"], "lines": {"begin": d["line"]}},
            }
        )
    return report


# --------------------------------------------------------------------------------------------
# Public pages


def public_pages(output: Path, dest: Path, root: Path = Path(".")) -> list[str]:
    """Copy output/<kommune>/offentlig/ to dest/<kommune>/ and write dest/index.html."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    slugs = sorted(p.parent.name for p in output.glob("*/offentlig") if p.is_dir())
    for slug in slugs:
        shutil.copytree(output / slug / "offentlig", dest / slug)
    styles = ""
    if (output / "assets").is_dir():  # the shared look of the build's own front page
        shutil.copytree(output / "assets", dest / "assets")
        styles = "".join(
            f'<link rel="stylesheet" href="{css}">\n'
            for css in ("assets/dkfds/css/dkfds.min.css", "assets/sspgen.css")
            if (dest / css).is_file()
        )
    items = "\n".join(f'    <li><a href="{html.escape(s)}/index.html">{html.escape(_navn(root, s))}</a></li>' for s in slugs)
    (dest / "index.html").write_text(
        "<!doctype html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>SSP-samarbejdet</title>\n{styles}</head>\n<body>\n<main class=\"container\">\n<h1>SSP-samarbejdet</h1>\n"
        f"<ul>\n{items}\n</ul>\n</main>\n</body>\n</html>\n",
        encoding="utf-8",
    )
    return slugs


def _navn(root: Path, slug: str) -> str:
    from .read.yamlfile import read_yaml

    document, _ = read_yaml(root / "data" / slug / "kommune.yaml", "kommune.yaml")
    if document is not None and isinstance(document.data.get("navn"), str):
        return document.data["navn"]
    return slug


# --------------------------------------------------------------------------------------------
# Comments


def _request(url: str, token_header: tuple[str, str], method: str = "GET", body: dict | None = None) -> Any:
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header(*token_header)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def _upsert(list_url: str, item_url: str, header: tuple[str, str], text: str, update: str) -> str:
    body = f"{MARKER}\n{mask_any(text)}"  # a comment is public to everyone who can read the pull request
    existing = [c for c in _request(list_url, header) or [] if MARKER in (c.get("body") or "")]
    if existing:
        _request(item_url.format(id=existing[0]["id"]), header, update, {"body": body})
        return "opdateret"
    _request(list_url, header, "POST", {"body": body})
    return "oprettet"


def github_comment(text: str) -> str:
    token, repo = os.environ.get("GITHUB_TOKEN"), os.environ.get("GITHUB_REPOSITORY")
    event_path = os.environ.get("GITHUB_EVENT_PATH")
    if not (token and repo and event_path):
        return "Ingen kommentar: GITHUB_TOKEN, GITHUB_REPOSITORY eller GITHUB_EVENT_PATH mangler."
    number = json.loads(Path(event_path).read_text(encoding="utf-8")).get("pull_request", {}).get("number")
    if number is None:
        return "Ingen kommentar: kørslen hører ikke til en pull request."
    api = os.environ.get("GITHUB_API_URL", "https://api.github.com")
    header = ("Authorization", f"Bearer {token}")
    done = _upsert(f"{api}/repos/{repo}/issues/{number}/comments?per_page=100",
                   f"{api}/repos/{repo}/issues/comments/{{id}}", header, text, "PATCH")
    return f"Kommentaren med ændringerne er {done}."


def gitlab_note(text: str) -> str:
    token = os.environ.get("SSPGEN_GITLAB_TOKEN")
    api, project, iid = (os.environ.get(n) for n in ("CI_API_V4_URL", "CI_PROJECT_ID", "CI_MERGE_REQUEST_IID"))
    if not token:
        return ("Ingen kommentar på merge requesten: sæt CI/CD-variablen SSPGEN_GITLAB_TOKEN (et "
                "projekt-token med rettigheden api) for at få ændringerne som kommentar.")
    if not (api and project and iid):
        return "Ingen kommentar: kørslen hører ikke til en merge request."
    header = ("PRIVATE-TOKEN", token)
    base = f"{api}/projects/{project}/merge_requests/{iid}/notes"
    done = _upsert(f"{base}?per_page=100", f"{base}/{{id}}", header, text, "PUT")
    return f"Kommentaren med ændringerne er {done}."


# --------------------------------------------------------------------------------------------


USAGE = "brug: python -m sspgen.ci codequality CHECK.json | public-pages OUTPUT DEST | github-comment DIFF.md | gitlab-note DIFF.md"


def main(argv: list[str]) -> int:
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = MaskingStream(sys.stdout), MaskingStream(sys.stderr)  # type: ignore[assignment]
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(USAGE, file=sys.stderr)
        return 2
    command, args = argv[0], argv[1:]
    try:
        if command == "codequality" and len(args) == 1:
            diagnostics = json.loads(Path(args[0]).read_text(encoding="utf-8") or "[]")
            print(json.dumps(codequality(diagnostics), ensure_ascii=False, indent=2))
            return 0
        if command == "public-pages" and len(args) == 2:
            slugs = public_pages(Path(args[0]), Path(args[1]))
            print(f"Offentlige sider for {len(slugs)} kommune(r) ({', '.join(slugs) or 'ingen'}) samlet i {args[1]}/.")
            return 0
        if command in ("github-comment", "gitlab-note") and len(args) == 1:
            text = Path(args[0]).read_text(encoding="utf-8")
            print(github_comment(text) if command == "github-comment" else gitlab_note(text))
            return 0
    except (urllib.error.URLError, OSError, ValueError) as exc:
        if command in ("github-comment", "gitlab-note"):
            print(f"Kommentaren kunne ikke gemmes ({exc}); ændringerne står i jobbets opsummering/artefakter.")
            return 0
        print(f"sspgen.ci: {exc}", file=sys.stderr)
        return 1
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
