"""Full-text search: a Pagefind index per site, written after the pages and before the swap.

Each site (`<kommune>/intranet/`, `<kommune>/offentlig/`) is indexed on its own, from its own
folder, into its own `pagefind/` folder: the public index can only hold text from public
pages, and the intranet index holds no public-only copies (the embeddable `fragment.html`
files are never indexed, only the `index.html` pages). Pagefind runs inside the temporary
build folder, so a failed index leaves the previous output untouched.

Pagefind comes from PyPI (`pagefind[bin]`, which ships the binary: nothing is downloaded at
build time). The language is forced to Danish, so words are stemmed as Danish
("netværket" finds "netværk"). Result links keep `index.html`, as every link in the site does,
so a result works on any web server path.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

SITE_FOLDERS = ("intranet", "offentlig")
BUNDLE = "pagefind"
LANGUAGE = "da"
UNUSED = (
    "pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css",
    "pagefind-modular-ui.js", "pagefind-highlight.js", "wasm.unknown.pagefind",
)
"""Files Pagefind writes for other UIs and for pages without a language; the search page uses
the default UI (pagefind-ui.js/.css) and the Danish index only, so these are not published."""


class SearchIndexProblem(Exception):
    """Indexing failed; the message is Danish and says what to do."""


def _executable() -> Path:
    try:
        import pagefind_bin  # type: ignore[import-not-found]

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise SearchIndexProblem(
            "Søgeindekset kan ikke bygges: Pagefind (PyPI-pakken «pagefind[bin]») er ikke "
            "installeret. Kør «make site», eller installér sspgen igen med «pip install -e .»."
        ) from exc


def site_roots(folder: Path) -> list[Path]:
    """The site folders inside a finished build folder, in a stable order.

    `folder` may be a whole output folder (`<kommune>/<site>/` below it), one municipality's
    folder (`<site>/` below it) or a single site folder."""
    if folder.name in SITE_FOLDERS and (folder / "index.html").is_file():
        return [folder]
    found = []
    for depth in ("*", "*/*"):
        for candidate in sorted(folder.glob(depth)):
            if candidate.is_dir() and candidate.name in SITE_FOLDERS and (candidate / "index.html").is_file():
                found.append(candidate)
    return found


def _name(site: Path) -> str:
    """«faxe/offentlig» for a site folder, also inside the build's temporary folder
    (`.faxe.ny-<pid>/offentlig` when one municipality is built)."""
    parent = site.parent.name
    temporary = re.fullmatch(r"\.(.+)\.ny-\d+", parent)
    if temporary:
        parent = temporary.group(1)
    return f"{parent}/{site.name}" if parent and parent != "output" else site.name


def index_site(site: Path) -> None:
    """Write `site/pagefind/`: the search index and Pagefind's own UI files, all local."""
    command = [
        str(_executable()),
        "--site", str(site),
        "--output-subdir", BUNDLE,
        "--force-language", LANGUAGE,
        "--glob", "**/index.html",
        "--keep-index-url",
        "--silent",
    ]
    environment = {**os.environ, "NO_COLOR": "1"}
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexProblem(
            f"Søgeindekset for {_name(site)} kunne ikke bygges ({exc}). Det tidligere output er urørt."
        ) from exc
    if result.returncode != 0 or not (site / BUNDLE / "pagefind-entry.json").is_file():
        details = (result.stderr or result.stdout).strip().splitlines()
        tail = " ".join(details[-3:]) if details else f"afslutningskode {result.returncode}"
        raise SearchIndexProblem(
            f"Søgeindekset for {_name(site)} kunne ikke bygges: Pagefind fejlede ({tail}). "
            "Det tidligere output er urørt."
        )
    for name in UNUSED:
        (site / BUNDLE / name).unlink(missing_ok=True)


def index_sites(folder: Path) -> None:
    """Post-write step for `write_output`: index every site in the temporary folder."""
    for site in site_roots(folder):
        index_site(site)


__all__ = ["index_sites", "index_site", "site_roots", "SearchIndexProblem", "BUNDLE"]
