"""`sspgen build`: check → site model → render → write, for every municipality.

The build refuses to run on data with errors (the same diagnostics as `sspgen check`), and
every later failure (a template error, a broken internal link, a missing design system) is a
Danish diagnostic too. Until the final swap nothing touches the output folder.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import AbstractSet, Any

from . import resources
from .cachefile import usable
from .diagnostics import Diagnostic, Position, error
from .incremental.planner import Incremental
from .decap import admin_files, settings_from_env
from .decap_moede import moedeudkast_bytes
from .render.assets import MissingAssets, site_assets
from .render.environment import TemplateProblem, make_environment
from .render.ics import EventInfo
from .render.pdf import PdfMaker, PdfUnavailable, font_css
from .render.site import Renderer, fragment_css
from .site import GitDates, Site, build_sites, today
from .site.abonnement import ALLE, SECRET_ENV, SecretProblem, secret_from_env
from .site.pages import PageSpec
from .site.urls import RESERVED
from .validate import check_repository
from .write import OutputFolder, Postprocess, check_links
from .write.crash import kill_point
from .write.lock import output_lock
from .write.search import SearchIndexProblem

@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    """The built sites (empty when the build failed); a later stage (search, browser tests)
    finds each site's folder as `out / site.root` and its pages in `site.pages`."""
    out: Path | None = None
    rendered: int = 0
    """Output files rendered in this build; the rest were kept from the previous one."""
    reused: int = 0

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def build(root: Path, out: Path | None = None, only: str | None = None, *, pdf: bool = True, search: bool = True,
          admin: bool = True, postprocess: list[Postprocess] | None = None) -> BuildResult:
    """`search=False` skips the Pagefind index and `admin=False` the Decap CMS form: the
    preview (`sspgen serve`) needs neither and rebuilds faster without them.

    After the whole check has passed, the municipalities are built one at a time: site
    model, render, link check, and their files written into the one temporary folder, then
    dropped before the next. Memory is the validated data plus one municipality's output (a
    national build held every rendered file of 98 municipalities at once: 5 GiB). The search
    index and the swap of the whole folder come last; until the swap nothing touches `out`."""
    out = out if out is not None else root / "output"
    # One build at a time per output folder (another one waits here): a render state, a
    # search index and the files of the output can only describe one build.
    with output_lock(out):
        return _checked_build(root, out, only, pdf=pdf, search=search, admin=admin, postprocess=postprocess)


def _checked_build(root: Path, out: Path, only: str | None, *, pdf: bool, search: bool, admin: bool,
                   postprocess: list[Postprocess] | None) -> BuildResult:
    checked = check_repository(root, only, keep_trees=False)
    if checked.errors:
        return BuildResult(checked.diagnostics)
    warnings = list(checked.diagnostics)
    problems = [problem for data in checked.kommuner for problem in _reserved_ids(data)]
    try:
        secret_from_env()  # the site builder reads it again; a bad key stops the build here
    except SecretProblem as exc:
        problems.append(error(SECRET_ENV, Position(), "build.kalendernoegle", str(exc)))
    if problems:
        return BuildResult(warnings + problems)
    # The validated data lives until the end of the build: keep the cyclic garbage collector
    # from walking its millions of objects again and again, and keep forked render workers
    # from copying the pages the collector would touch. Unfrozen at the end, as `sspgen
    # serve` builds again and again in one process.
    gc.freeze()
    try:
        return _build(root, out, only, checked.kommuner, warnings, pdf=pdf, search=search, admin=admin,
                      postprocess=postprocess)
    finally:
        gc.unfreeze()


def _build(root: Path, out: Path, only: str | None, kommuner: list[Any], warnings: list[Diagnostic], *,
           pdf: bool, search: bool, admin: bool, postprocess: list[Postprocess] | None) -> BuildResult:
    # The data repository's own, else sspgen's (sspgen/resources.py).
    layouts = resources.layouts(root)
    node_modules = resources.node_modules(root)
    git = GitDates(root)
    day = today(git, kommuner)
    # «Nyt møde» on the intranet's forum pages links to the form, so only when the form is built.
    form = admin and _admin_available(node_modules)
    options = ["render", str(out.resolve()), str(only), str(pdf), f"admin={form}"]
    target = out if only is None else out / only
    try:
        render = _Render(root, layouts, node_modules, git, kommuner, pdf, out, options)
    except (MissingAssets, PdfUnavailable) as exc:
        return BuildResult(warnings + [_missing(exc)])
    incremental = render.incremental
    sites: list[Site] = []
    pages: dict[str, bytes] = {}
    """Every written `index.html` (path inside the target) and the digest of its bytes: the
    search step keeps a bundle of the index only if it was made from exactly these pages."""
    written: set[str] = set()
    """Every file of the build (full paths): the front page's links are checked against it."""
    link_problems: list[Diagnostic] = []
    try:
        # With the previous build's render state, every kept file is the previous output's own:
        # only the changes are written (sspgen/write/__init__.py).
        with OutputFolder(target, update=incremental.has_previous) as folder:
            for data in kommuner:
                kommune_sites = build_sites(data, git, day)
                for site in kommune_sites:
                    site.redigering = form
                sites += kommune_sites
                files = render.kommune(data, kommune_sites)
                if admin:
                    files.update(_admin_files(data, kommune_sites, node_modules))
                files = incremental.settle(files)
                link_problems += _links(files, kommune_sites, incremental.links)
                written.update(files)
                if not link_problems:  # after a broken link nothing more is written: the build fails
                    _write(folder, _inside(files, only), pages)
                del files
            files = render.front(sites)
            files = incremental.settle(files)
            link_problems += _links(files, [], incremental.links, written)
            if link_problems:
                return BuildResult(warnings + sorted(set(link_problems), key=Diagnostic.sort_key))
            _write(folder, _inside(files, only), pages)
            del files
            # The render state describes the output as the last build left it: it goes before
            # the output is touched, and is saved again only after success. A build killed in
            # between leaves none, and the next one checks every file against the output.
            folder.finish([*([_search_step(pages, target)] if search else []), *(postprocess or [])],
                          before_change=incremental.forget)
    except TemplateProblem as exc:
        return BuildResult(warnings + [exc.diagnostic])
    except (MissingAssets, PdfUnavailable) as exc:
        return BuildResult(warnings + [_missing(exc)])
    except SearchIndexProblem as exc:
        incremental.forget()
        return BuildResult(warnings + [error("pagefind", Position(), "build.soegeindeks", str(exc))])
    kill_point("save")
    incremental.save()
    return BuildResult(warnings, sites, out, incremental.rendered, incremental.reused)


def _missing(exc: Exception) -> Diagnostic:
    return error("node_modules" if isinstance(exc, MissingAssets) else "pdf", Position(), "build.mangler", str(exc))


def _write(folder: OutputFolder, files: dict[str, Any], pages: dict[str, bytes]) -> None:
    """Write files into the temporary folder; remember the digest of each page's bytes."""
    from .incremental.fingerprint import digest_bytes
    from .incremental.reused import Reused

    folder.write(files)
    for path, content in files.items():
        if path.endswith("index.html"):
            pages[path] = content.digest if isinstance(content, Reused) else digest_bytes(content)


def _inside(files: dict[str, Any], only: str | None) -> dict[str, Any]:
    """The files as paths inside the target folder (`out/<only>/` for `--kommune`)."""
    if only is None:
        return files
    return {path[len(only) + 1:]: data for path, data in files.items() if path.startswith(f"{only}/")}


def build_index(root: Path, out: Path) -> BuildResult:
    """The last step after one CI job per municipality (`sspgen build --kommune SLUG`): the
    front page out/index.html listing every municipality, and the shared assets beside it.

    Each job swaps in its own out/<kommune>/; this step writes only the files at the top of
    out/ (each one atomically) and checks that every municipality under data/ was built, so
    a failed job never yields a published index with a hole in it. The result is the same,
    byte for byte, as one `sspgen build` of everything."""
    with output_lock(out):
        return _build_index(root, out)


def _build_index(root: Path, out: Path) -> BuildResult:
    from types import SimpleNamespace

    from .model import Kommune
    from .read.yamlfile import read_yaml
    from .validate import kommune_slugs
    from .validate.schema import validate_document

    problems: list[Diagnostic] = []
    sites: list[Any] = []
    for slug in kommune_slugs(root):
        path = f"data/{slug}/kommune.yaml"
        document, read_problems = read_yaml(root / path, path)
        value = validate_document(Kommune, document)[0] if document is not None else None
        if value is None:
            problems += read_problems or [error(path, Position(), "build.indeks", f"{path} kan ikke læses. Kør «sspgen check».")]
            continue
        for variant in ("intranet", "offentlig"):
            if not (out / slug / variant / "index.html").is_file():
                problems.append(error(path, Position(), "build.indeks",
                                      f"Kommunen «{slug}» er ikke bygget i {out / slug} (mangler {variant}/index.html). "
                                      f"Kør «sspgen build --kommune {slug}» først (i CI: vent på alle kommunernes job)."))
        sites += [SimpleNamespace(kommune=slug, kommune_navn=value.navn, variant=variant, root=f"{slug}/{variant}/")
                  for variant in ("intranet", "offentlig")]
    if problems:
        return BuildResult(problems)
    layouts = resources.layouts(root)
    env = make_environment(layouts)
    index = PageSpec("", "index.html", "SSP-sites", {"sites": sites}, ("data",))
    try:
        html = env.get_template("index.html").render(page=index, sites=sites, fragment=False, pdf=False)
    except Exception as exc:
        from .render.environment import template_problem

        return BuildResult([template_problem(exc, layouts, root, "ved output/index.html").diagnostic])
    try:
        files = {"index.html": html.encode("utf-8"), **site_assets(resources.node_modules(root), layouts)}
    except MissingAssets as exc:
        return BuildResult([error("node_modules", Position(), "build.mangler", str(exc))])
    for relative, data in sorted(files.items()):
        target = out / relative
        if target.is_file() and target.read_bytes() == data:
            continue  # unchanged bytes are not rewritten
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(data)
        os.replace(temp, target)
    return BuildResult([], [], out)


def _search_step(files: dict[str, bytes], previous: Path) -> Postprocess:
    """Index each site for search. A big site's index is split in bundles of ≈ 400 pages
    (sspgen/write/search.py); a bundle whose pages have the bytes it was indexed from keeps
    its index from the previous output (`previous`; the same folder as the one indexed when
    the output is updated in place). `files`: page path → digest of its bytes."""
    from .write.search import index_plans, plan_site, site_roots

    def step(folder: Path) -> None:
        roots = {("" if site == folder else site.relative_to(folder).as_posix() + "/"): site
                 for site in site_roots(folder)}
        pages: dict[str, dict[str, bytes]] = {prefix: {} for prefix in roots}
        for path, digest in files.items():  # once over all pages (a national build has 63,000)
            prefix = _site_of(path, roots)
            if prefix is not None:
                pages[prefix][path[len(prefix):]] = digest
        index_plans([plan_site(site, previous / prefix, pages[prefix]) for prefix, site in roots.items()])

    return step


def _site_of(path: str, roots: dict[str, Path]) -> str | None:
    """The site folder (`kommune/variant/`, `variant/` or "") a page path lies in."""
    parts = path.split("/")
    for depth in (2, 1, 0):
        prefix = "".join(part + "/" for part in parts[:depth])
        if len(parts) > depth and prefix in roots:
            return prefix
    return None


def site_models(root: Path, only: str | None = None) -> list[Site]:
    """The sites `build` would write, without rendering anything: for tools that visit every
    page (browser tests, link checkers). Each page is `out / site.root / page.file`; empty when
    the data has errors."""
    checked = check_repository(root, only)
    if checked.errors:
        return []
    git = GitDates(root)
    day = today(git, checked.kommuner)
    return [site for data in checked.kommuner for site in build_sites(data, git, day)]


def _reserved_ids(data: Any) -> list[Diagnostic]:
    found = []
    for page_id, located in data.sider.items():
        if page_id in RESERVED and located.value.side.synlighed == "offentlig":
            found.append(error(located.source.path, Position(), "side.reserveret-navn",
                               f"Siden «{page_id}» har et navn, som de genererede sider selv bruger "
                               f"({', '.join(sorted(RESERVED))}). Omdøb filen."))
    for forum_id, located in data.fora.items():
        if forum_id == ALLE:  # kalender/alle.ics is the municipality's feed with every meeting
            found.append(error(located.source.path, Position(), "forum.reserveret-navn",
                               f"Forummet har id'et «{ALLE}», som kalenderen selv bruger til filen med alle "
                               "kommunens møder. Giv forummet et andet id (og omdøb filen)."))
    return found


def _admin_available(node_modules: Path) -> bool:
    return (node_modules / "decap-cms" / "dist" / "decap-cms.js").is_file()


def _admin_files(data: Any, sites: list[Site], node_modules: Path) -> dict[str, bytes]:
    """The Decap CMS editing form (sspgen/decap.py) in every intranet's admin/, never on a
    public site; only when the npm package is installed, as the form is useless without its
    bundle. Added before the link check, so the check covers the form's page too."""
    dist = node_modules / "decap-cms" / "dist"
    if not _admin_available(node_modules):
        return {}
    settings = settings_from_env()
    facts = moedeudkast_bytes(data)
    return {f"{site.root}admin/{name}": content for site in sites if site.variant == "intranet"
            for name, content in admin_files(site.kommune, settings, dist, facts).items()}


class _Render:
    """What every municipality's render shares: templates, assets, the incremental state."""

    def __init__(self, root: Path, layouts: Path, node_modules: Path, git: GitDates, kommuner: list[Any],
                 pdf: bool, out: Path, options: list[str]) -> None:
        self.env = make_environment(layouts)
        self.root = root
        self.layouts = layouts
        self.git = git
        cache = root / ".sspgen-cache" / "pdf" if os.access(root, os.W_OK) and usable(root) else None
        maker = PdfMaker(cache) if pdf else None
        # The PDFs get their stylesheet inline: WeasyPrint renders from a string, without the site.
        print_css = layouts / "assets" / "print.css"
        pdf_css = font_css(node_modules) + "\n" + (print_css.read_text(encoding="utf-8") if print_css.is_file() else "")
        self.renderer = Renderer(self.env, layouts, root, maker, pdf_css)
        # Only pages whose inputs changed are rendered (sspgen/incremental/).
        # The fragments' inline stylesheet is an input of every fragment, as the PDFs' is of the PDFs.
        self.incremental = Incremental(root, out, options, kommuner, self.env, layouts,
                                       pdf_css + str(pdf) + fragment_css(layouts))
        self.assets = site_assets(node_modules, layouts)

    def kommune(self, data: Any, sites: list[Site]) -> dict[str, Any]:
        """Every file of one municipality's sites (full paths inside the output folder)."""
        sources = {m.value.id: m.source.path for m in data.moeder.values()}
        event_sources = {b.value.id: b.source.path for b in data.begivenheder.values()}
        git = self.git

        def event(site: Site, moede: Any) -> EventInfo:
            # A begivenhed has no agenda (and its ids are its own): its file is found apart.
            path = (sources if hasattr(moede, "dagsorden") else event_sources).get(moede.id)
            stamp = git.last_change((path,) if path else ()) or getattr(moede, "indkaldt", None) or moede.dato
            return Renderer.event_info(site, moede, stamp, git.revision(path) if path else 0)

        files: dict[str, Any] = {}
        for site in sites:
            for path, content in self.incremental.render_site(self.renderer, site, event).items():
                files[site.root + path] = content
            for path, content in self.assets.items():
                files[site.root + path] = content
        return files

    def front(self, sites: list[Site]) -> dict[str, Any]:
        """The front page listing every municipality, and the shared assets beside it."""
        index = PageSpec("", "index.html", "SSP-sites", {"sites": sites}, ("data",))
        try:
            html = self.env.get_template("index.html").render(page=index, sites=sites, fragment=False, pdf=False)
        except Exception as exc:
            from .render.environment import template_problem

            raise template_problem(exc, self.layouts, self.root, "ved output/index.html") from None
        return {"index.html": html.encode("utf-8"), **self.assets}


def _links(files: dict[str, Any], sites: list[Site], known: dict[str, tuple] | None = None,
           elsewhere: AbstractSet[str] = frozenset()) -> list[Diagnostic]:
    """Broken links in `files` (one municipality's, or the front page's; `elsewhere` holds the
    paths of files already checked and written, which links may point to)."""
    scope: dict[str, str] = {}
    origin: dict[str, tuple[str, str]] = {}
    for site in sites:
        for path in files:
            if path.startswith(site.root):
                scope[path] = site.root
        for page in site.pages:
            origin[site.root + page.file] = (page.sources[0], page.template)
            origin[site.root + page.url + "fragment.html"] = (page.sources[0], page.template)
    found = []
    for problem in check_links(files, scope, known, elsewhere):
        source, template = origin.get(problem.file, (problem.file, ""))
        via = f" (skabelon layouts/{template})" if template else ""
        found.append(error(source, Position(), "build.brudt-link",
                           f"Siden {problem.file}{via} har linket «{problem.url}», som {problem.reason}. "
                           "Ret henvisningen i denne fil eller i skabelonen."))
    return sorted(set(found), key=Diagnostic.sort_key)
