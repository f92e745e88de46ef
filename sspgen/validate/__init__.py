"""Validation: schema per file, then the cross-file rules, for every municipality."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import cachefile
from ..diagnostics import Diagnostic, Position, error
from .load import KommuneData, load_kommune, yaml_files
from .rules import RULES


@dataclass
class CheckResult:
    kommuner: list[KommuneData]
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def kommune_slugs(root: Path) -> list[str]:
    data = root / "data"
    if not data.is_dir():
        return []
    return sorted(p.name for p in data.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def check_repository(root: Path, only: str | None = None, *, keep_trees: bool = True) -> CheckResult:
    """`keep_trees=False` (the build): once a municipality's rules have run, its YAML files'
    plain trees and positions are let go; the models are all a build reads. In a national
    build they are a quarter of the validated data."""
    slugs = kommune_slugs(root)
    diagnostics: list[Diagnostic] = []
    if only is not None:
        if only not in slugs:
            known = ", ".join(slugs) or "ingen"
            diagnostics.append(
                error("data", Position(), "kommune.ukendt", f"Kommunen «{only}» findes ikke under data/. Kendte kommuner: {known}.")
            )
            return CheckResult([], diagnostics)
        slugs = [only]
    if not slugs:
        diagnostics.append(
            error("data", Position(), "kommune.ingen", "Der er ingen kommuner under data/. Opret mappen data/<kommune>/ med en kommune.yaml.")
        )
    # A .sspgen-cache/ in git is reported, and then no cache is read (sspgen/cachefile.py).
    diagnostics += cachefile.guard(root)
    caches = _parse_caches(root, slugs)
    kommuner = []
    for slug in slugs:
        data, problems = load_kommune(root, slug, caches.get(slug))
        diagnostics += problems
        for rule in RULES:
            diagnostics += rule(data)
        if slug in caches:
            caches[slug].save()  # after the rules: they may mark files as scanned clean
        if not keep_trees:
            for source in data.sources:
                release = getattr(source, "release", None)
                if release is not None:
                    release()
        kommuner.append(data)
    diagnostics = sorted(set(diagnostics), key=Diagnostic.sort_key)
    return CheckResult(kommuner, diagnostics)


def _parse_caches(root: Path, slugs: list[str]) -> dict:
    """A parse cache per municipality (see sspgen/cache.py), filled in parallel when cold."""
    from .. import cache

    if not cachefile.usable(root):
        return {}
    caches = {slug: cache.ParseCache(root, slug) for slug in slugs}
    cache.prefetch([(caches[slug], file, display) for slug in slugs for file, display in yaml_files(root, slug)])
    return caches
