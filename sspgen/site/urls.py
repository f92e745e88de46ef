"""The URL scheme: pretty folder URLs with Danish ASCII slugs, one place for all of them."""

from __future__ import annotations

import posixpath
from typing import Any

from ..render.danish import slug

RESERVED = frozenset({
    "assets", "organisation", "fora", "netvaerk", "kommissorier", "moeder", "kalender",
    "emnebank", "tendenser", "plan", "evaluering", "pensum", "funktioner", "aktoerer",
    "kontakt", "sider", "soeg", "pagefind", "index.html", "fragment.html",
})
"""Top-level folders the generator owns; a public prose page may not take one of these names."""


def forum_url(forum: Any, taken: set[str]) -> str:
    """A network gets `netvaerk/<distrikt>/`, other fora `fora/<id>/`."""
    if forum.distrikt:
        candidate = f"netvaerk/{slug(forum.distrikt)}/"
        if candidate not in taken:
            return candidate
        return f"netvaerk/{forum.id}/"
    return f"fora/{forum.id}/"


def entity_url(section: str, entity_id: str) -> str:
    return f"{section}/{entity_id}/"


def relative(target: str, from_page: str) -> str:
    """A relative href from the page folder `from_page` to a site path.

    Folder targets ("" or ending in "/") get an explicit index.html so links work straight
    from disk, where no web server turns a folder into its index page (DESIGN principle 8).
    """
    path, _, anchor = target.partition("#")
    is_folder = path == "" or path.endswith("/")
    start = from_page.rstrip("/") or "."
    goal = path.rstrip("/") or "."
    rel = posixpath.relpath(goal, start)
    if is_folder:
        rel = "index.html" if rel == "." else f"{rel}/index.html"
    return f"{rel}#{anchor}" if anchor else rel
