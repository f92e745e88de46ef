"""Validation: schema per file, then the cross-file rules, for every municipality."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import cachefile
from ..diagnostics import Diagnostic, Position, error
from .files import Listing, check_tree, list_kommune
from .files import kommune_slugs as kommune_slugs
from .load import KommuneData, load_kommune, yaml_files
from .rules import RULES
from .rules.review import ReviewDate, check_review_dates, review_dates


@dataclass
class CheckResult:
    kommuner: list[KommuneData]
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def check_repository(root: Path, only: str | None = None, *, keep_trees: bool = True) -> CheckResult:
    """`keep_trees=False` (the build): once a municipality's rules have run, its YAML files'
    plain trees and positions are let go; the models are all a build reads. In a national
    build they are a quarter of the validated data."""
    slugs = kommune_slugs(root)
    diagnostics: list[Diagnostic] = check_tree(root)  # links and names above the municipalities
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
    listings = {slug: list_kommune(root, slug) for slug in slugs}
    caches = _parse_caches(root, listings)
    kommuner = []
    reviews: list[ReviewDate] = []
    for slug in slugs:
        data, problems = load_kommune(root, slug, caches.get(slug), listings[slug])
        diagnostics += problems
        for rule in RULES:
            diagnostics += rule(data)
        reviews += review_dates(data)  # positions now: the trees may be let go below
        if slug in caches:
            caches[slug].save()  # after the rules: they may mark files as scanned clean
        if not keep_trees:
            for source in data.sources:
                release = getattr(source, "release", None)
                if release is not None:
                    release()
        kommuner.append(data)
    diagnostics += check_review_dates(root, kommuner, reviews)
    diagnostics = sorted(set(diagnostics), key=Diagnostic.sort_key)
    return CheckResult(kommuner, diagnostics)


def _parse_caches(root: Path, listings: dict[str, Listing]) -> dict:
    """A parse cache per municipality (see sspgen/cache.py), filled in parallel when cold."""
    from .. import cache

    if not cachefile.usable(root):
        return {}
    caches = {slug: cache.ParseCache(root, slug) for slug in listings}
    cache.prefetch([(caches[slug], file, display) for slug, listing in listings.items()
                    for file, display in yaml_files(root, slug, listing)])
    return caches
