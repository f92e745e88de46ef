"""Full-text search: a Pagefind index per site, written after the pages.

Each site (`<kommune>/intranet/`, `<kommune>/offentlig/`) is indexed on its own, from its own
folder, into its own `pagefind/` folder: the public index can only hold text from public
pages, and the intranet index holds no public-only copies (the embeddable `fragment.html`
files are never indexed, only the `index.html` pages). Pagefind writes each index into a
fresh folder, and the new indexes are put in place only when all of them succeeded; a failure
is a Danish message, and the build then leaves the previous output as it was (it runs in the
temporary folder before the swap, or after an update's moves, which are then undone).

A site of more than PAGES_PER_BUNDLE pages gets its index in bundles: the main one in
`pagefind/` (with Pagefind's UI) and extra ones in `pagefind/del-NN/`, named in
`pagefind/sspgen-bundles.json`, which the search page merges into one result list. Pages are
spread over the bundles by a hash of their path; a build re-indexes only the bundles with a
changed, new or removed page and keeps the others (in place, or hard-linked from the
previous output; Pagefind itself always indexes everything it is given).

Whether a bundle can be kept is decided by what it was indexed from, never by what the
previous build is believed to have done: the manifest holds, for each bundle, a digest of
its pages' paths *and contents*, and a bundle is kept only when that digest equals the one
of the pages now in the output. The manifest is removed before the first bundle of a site is
replaced and written after the last, so a build killed in between leaves a site without a
manifest, and the next build indexes all of that site's bundles again. (A build killed after
moving pages but before indexing leaves a manifest whose digests no longer match those pages:
their bundles are indexed again too.)

Pagefind comes from PyPI (`pagefind[bin]`, which ships the binary: nothing is downloaded at
build time). The language is forced to Danish, so words are stemmed as Danish
("netværket" finds "netværk"). Result links keep `index.html`, as every link in the site does,
so a result works on any web server path.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .crash import kill_point

SITE_FOLDERS = ("intranet", "offentlig")
BUNDLE = "pagefind"
LANGUAGE = "da"
UNUSED = (
    "pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css",
    "pagefind-modular-ui.js", "pagefind-highlight.js", "wasm.unknown.pagefind",
)
"""Files Pagefind writes for other UIs and for pages without a language; the search page uses
the default UI (pagefind-ui.js/.css) and the Danish index only, so these are not published."""
UI_ONLY = ("pagefind-ui.css", "pagefind-ui.js", "pagefind.js", "pagefind-worker.js")
"""An extra bundle is searched by the main bundle's code: only its index files are needed."""
MANIFEST = "sspgen-bundles.json"
"""In the main bundle: the extra bundles the search page merges in, each with a digest of its
pages' paths and contents (so a later build knows whether a bundle can be kept)."""


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


EXTRA_PREFIX = "del-"
PAGES_PER_BUNDLE = 400
"""A site of more pages gets its index split in bundles of about this many pages."""


def bundle_of(page: str, parts: int) -> str:
    """The bundle a page's index records go into: ``""`` (the main bundle) or ``del-07``.

    The split is by a hash of the page's path, so every bundle is a sample of the whole site:
    Pagefind ranks the results of the merged bundles by scores computed per bundle, which
    are comparable only when the bundles hold the same mix of pages (a bundle of meeting
    records alone would rank their common words as worthless). One changed meeting then
    re-indexes the few bundles its pages fall in, not the whole site."""
    if parts <= 1 or page == "index.html":  # the front page keeps the main bundle from being empty
        return ""
    number = int.from_bytes(hashlib.sha256(page.encode()).digest()[:4], "big") % parts
    return f"{EXTRA_PREFIX}{number:02d}" if number else ""


@dataclass
class Bundle:
    """One Pagefind index of a site: the main one (``pagefind/``, with the search UI) or an
    extra one (``pagefind/del-07/``) that the search page merges in."""

    site: Path
    name: str
    pages: list[str]
    split: bool
    """Whether the site has other bundles besides this one."""
    contents: dict[str, bytes]
    """page → digest of its bytes (the site's pages; this bundle's are among them)."""

    @property
    def folder(self) -> Path:
        return self.site / BUNDLE / self.name if self.name else self.site / BUNDLE

    @property
    def temp(self) -> Path:
        return self.site / f".{BUNDLE}-{self.name or 'hoved'}.tmp"

    @property
    def digest(self) -> str:
        """What the bundle is indexed from: Pagefind's version and each page's path and bytes."""
        digest = hashlib.sha256(_indexer_version().encode())
        for page in self.pages:
            digest.update(f"\n{page}\0".encode())
            digest.update(self.contents[page])
        return digest.hexdigest()[:16]

    def glob(self) -> str:
        """Pagefind's --glob for exactly this bundle's pages (a list, for a split site)."""
        if not self.split:
            return "**/index.html"
        return "{" + ",".join(re.sub(r"([{}\[\]*?,\\!])", r"\\\1", page) for page in self.pages) + "}"


@dataclass
class SitePlan:
    """What a site's search index needs: all its bundles, and those to index anew."""

    site: Path
    bundles: list[Bundle]
    todo: list[Bundle]

    def install(self) -> None:
        """Move the new bundles into place and write the manifest; bundles the site no longer
        has go. Runs after every bundle of the build was indexed, so a failed index changes
        nothing; each bundle is replaced by renames (in an updated output, a visitor's search
        meanwhile finds the old or the new bundle)."""
        folder = self.site / BUNDLE
        folder.mkdir(exist_ok=True)
        if self.todo:  # from here until the new manifest, no bundle of the site can be trusted
            (folder / MANIFEST).unlink(missing_ok=True)
        for bundle in self.todo:
            _replace(bundle)
        names = {bundle.name for bundle in self.bundles}
        for stale in sorted(folder.iterdir()):
            if stale.is_dir() and stale.name.startswith(EXTRA_PREFIX) and stale.name not in names:
                shutil.rmtree(stale)
        manifest = {"bundles": {bundle.name: bundle.digest for bundle in self.bundles}}
        kill_point("manifest")
        temp = folder / f".{MANIFEST}.tmp"
        temp.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temp, folder / MANIFEST)

    def discard(self) -> None:
        for bundle in self.todo:
            shutil.rmtree(bundle.temp, ignore_errors=True)


def plan_site(site: Path, previous: Path | None = None, contents: dict[str, bytes] | None = None) -> SitePlan:
    """The bundles of a finished site folder, and which of them must be indexed anew.

    A bundle whose pages (paths and contents) are the ones its index in ``previous`` (the
    site's folder in the previous output) was made from is kept: left in place when
    ``previous`` is the site's own folder (an updated output), else hard-linked from there.
    Without ``previous`` every bundle is indexed. ``contents``: the site's `index.html` files
    (paths inside the site) and the digest of each one's bytes, if the caller knows them
    (the build does; else the pages are read)."""
    if contents is None:
        contents = {p.relative_to(site).as_posix(): _file_digest(p) for p in site.rglob("index.html")}
    pages = sorted(page for page in contents if not page.startswith(f"{BUNDLE}/"))
    parts = -(-len(pages) // PAGES_PER_BUNDLE)
    groups: dict[str, list[str]] = {"": []}
    for page in pages:
        groups.setdefault(bundle_of(page, parts), []).append(page)
    bundles = [Bundle(site, name, group, parts > 1, contents) for name, group in sorted(groups.items())]
    known = _manifest(previous / BUNDLE) if previous is not None else {}
    in_place = previous is not None and previous.resolve() == site.resolve()
    todo = []
    for bundle in bundles:
        kept = (previous is not None and known.get(bundle.name) == bundle.digest
                and ((bundle.folder / "pagefind-entry.json").is_file() if in_place
                     else _reuse(previous / BUNDLE / bundle.name, bundle.folder, main=not bundle.name)))
        if not kept:
            todo.append(bundle)
    return SitePlan(site, bundles, todo)


def _file_digest(path: Path) -> bytes:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()


@functools.lru_cache(maxsize=1)
def _indexer_version() -> str:
    """A new Pagefind makes other index files: no bundle of an older one is kept."""
    try:
        from importlib.metadata import version

        return f"pagefind {version('pagefind_bin')} {LANGUAGE}"
    except Exception:  # noqa: BLE001 - unknown: still a stable string
        return f"pagefind ? {LANGUAGE}"


def _manifest(folder: Path) -> dict[str, str]:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["bundles"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _own_entries(folder: Path, main: bool) -> list[Path]:
    """A bundle's files and folders; the main bundle's folder also holds the extra bundles
    and the manifest, which are not its own."""
    if not folder.is_dir():
        return []
    return [entry for entry in sorted(folder.iterdir())
            if not main or (entry.name in ("index", "fragment") if entry.is_dir()
                            else entry.name != MANIFEST and not entry.name.startswith("."))]


def _reuse(source: Path, target: Path, main: bool) -> bool:
    """Hard-link a previous bundle into the new site folder (same bytes, same inode)."""
    if not (source / "pagefind-entry.json").is_file():
        return False
    try:
        target.mkdir(parents=True, exist_ok=True)
        for entry in _own_entries(source, main):
            if entry.is_dir():
                shutil.copytree(entry, target / entry.name, copy_function=os.link)
            else:
                os.link(entry, target / entry.name)
    except OSError:
        for entry in _own_entries(target, main):
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        return False
    return True


def _replace(bundle: Bundle) -> None:
    """Put a freshly indexed bundle (in bundle.temp) where the old one was."""
    main = not bundle.name
    old = bundle.site / f".{BUNDLE}-{bundle.name or 'hoved'}.gammel"
    shutil.rmtree(old, ignore_errors=True)
    old.mkdir()
    for entry in _own_entries(bundle.folder, main):
        os.replace(entry, old / entry.name)
    kill_point("bundle")  # the old bundle moved out, the new one not yet in
    if main:
        for entry in sorted(bundle.temp.iterdir()):
            os.replace(entry, bundle.folder / entry.name)
        bundle.temp.rmdir()
    else:
        if bundle.folder.exists():
            bundle.folder.rmdir()
        os.replace(bundle.temp, bundle.folder)
    shutil.rmtree(old)


def index_bundle(bundle: Bundle) -> None:
    """Index one bundle with Pagefind into bundle.temp (a fresh folder beside the site):
    Pagefind never writes over another bundle's files, and nothing is replaced until every
    bundle of the build is indexed."""
    temp = bundle.temp
    shutil.rmtree(temp, ignore_errors=True)
    command = [
        str(_executable()),
        "--site", str(bundle.site),
        "--output-path", str(temp),
        "--force-language", LANGUAGE,
        "--glob", bundle.glob(),
        "--keep-index-url",
        "--silent",
    ]
    environment = {**os.environ, "NO_COLOR": "1"}
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexProblem(
            f"Søgeindekset for {_name(bundle.site)} kunne ikke bygges ({exc}). Det tidligere output er urørt."
        ) from exc
    if result.returncode != 0 or not (temp / "pagefind-entry.json").is_file():
        details = (result.stderr or result.stdout).strip().splitlines()
        tail = " ".join(details[-3:]) if details else f"afslutningskode {result.returncode}"
        raise SearchIndexProblem(
            f"Søgeindekset for {_name(bundle.site)} kunne ikke bygges: Pagefind fejlede ({tail}). "
            "Det tidligere output er urørt."
        )
    for name in UNUSED + (() if not bundle.name else UI_ONLY):
        (temp / name).unlink(missing_ok=True)


def index_plans(plans: list[SitePlan]) -> None:
    """Index the bundles of every site over the cores (they are independent, and with many
    small ones, as the 196 sites of a national build, starting Pagefind is most of the cost),
    then install them; if one fails, none is installed."""
    bundles = [bundle for plan in plans for bundle in plan.todo]
    try:
        workers = min(len(bundles), os.cpu_count() or 1)
        if workers <= 1:
            for bundle in bundles:
                index_bundle(bundle)
        else:
            with ThreadPoolExecutor(workers) as pool:
                for done in [pool.submit(index_bundle, bundle) for bundle in bundles]:
                    done.result()
    except BaseException:
        for plan in plans:
            plan.discard()
        raise
    kill_point("indexed")  # every bundle indexed, none installed
    for plan in plans:
        plan.install()


def index_site(site: Path) -> None:
    """Write `site/pagefind/`: the search indexes and Pagefind's own UI files, all local."""
    index_plans([plan_site(site)])


__all__ = ["index_site", "index_plans", "plan_site", "bundle_of", "site_roots", "SearchIndexProblem", "BUNDLE"]
