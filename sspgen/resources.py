"""Where sspgen finds its templates and the npm packages' files (Det Fælles Designsystem and
the Decap CMS bundle), in this order:

1. the data repository's own ``layouts/`` and ``node_modules/`` (a municipality's override);
2. the copies inside an installed wheel (``sspgen/layouts`` and ``sspgen/_vendor``, put there
   by setup.py's build step from the repository's ``layouts/`` and ``node_modules/``);
3. the source checkout's ``layouts/`` and ``node_modules/`` (an editable install, the tests).

This module imports only the standard library: setup.py uses ``vendored_files`` at build time,
before sspgen's dependencies need to be installed.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE.parent
"""The repository in a source checkout; site-packages in an installed wheel (where neither
layouts/ nor node_modules/ exist, so the lookups below skip it)."""

PACKAGED_LAYOUTS = PACKAGE / "layouts"
VENDOR = PACKAGE / "_vendor"
"""A node_modules-shaped folder: _vendor/dkfds/dist/…, _vendor/decap-cms/dist/…"""

NPM_PACKAGES = ("dkfds", "decap-cms", "yaml")


def layouts(root: Path) -> Path:
    """The templates: the data repository's layouts/, else sspgen's own."""
    for folder in (root / "layouts", PACKAGED_LAYOUTS, SOURCE_ROOT / "layouts"):
        if folder.exists():
            return folder
    return root / "layouts"


def node_modules(root: Path) -> Path:
    """The npm packages: the data repository's node_modules/ as a whole when it has one (so a
    municipality pins its own versions, and a package missing there stays missing), else the
    wheel's vendored copy, else the source checkout's. When there is none at all, the data
    repository's, so that a message names the folder to install into."""
    for folder in (root / "node_modules", VENDOR, SOURCE_ROOT / "node_modules"):
        if folder.is_dir():
            return folder
    return root / "node_modules"


def decap_bundle(dist: Path) -> list[Path]:
    """The files of Decap's self-hosted bundle (no source maps), or [] when not installed."""
    main = dist / "decap-cms.js"
    if not main.is_file():
        return []
    extra = sorted(dist.glob("*.decap-cms.js")) + sorted(dist.glob("*.wasm"))
    licence = dist / "decap-cms.js.LICENSE.txt"
    return [main, *extra, *([licence] if licence.is_file() else [])]


def vendored_files(modules: Path) -> list[Path]:
    """What a wheel carries from ``modules`` (a node_modules folder), relative to it: exactly the
    files the build reads, so the sites built from the wheel equal those built from the checkout."""
    from .render.assets import DKFDS_CSS, MissingAssets, dkfds_assets
    from .render.pdf import font_files

    found: list[Path] = []
    dist = modules / "dkfds" / "dist"
    try:
        pages = [name.removeprefix("assets/dkfds/") for name, _ in dkfds_assets(modules)]
    except MissingAssets:
        pages = []
    if pages:
        # The stylesheet is kept as published (the build trims it when it copies it).
        found += [dist / DKFDS_CSS, *(dist / name for name in pages if name != DKFDS_CSS)]
        found += [*font_files(modules), modules / "dkfds" / "package.json"]
    bundle = decap_bundle(modules / "decap-cms" / "dist")
    if bundle:
        found += [*bundle, modules / "decap-cms" / "package.json"]
        # The form's own scripts (layouts/admin/) read and write YAML with the yaml package.
        found += [*sorted((modules / "yaml" / "browser" / "dist").glob("*.js")), modules / "yaml" / "package.json"]
    return sorted({path.relative_to(modules) for path in found if path.is_file()})
