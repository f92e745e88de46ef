"""The URL scheme: pretty folder URLs with Danish ASCII slugs, one place for all of them."""

from __future__ import annotations

import posixpath
from typing import Any

from ..render.danish import slug

RESERVED = frozenset({
    "assets", "organisation", "fora", "netvaerk", "kommissorier", "moeder", "kalender",
    "emnebank", "tendenser", "plan", "evaluering", "pensum", "funktioner", "aktoerer",
    "kontakt", "dagsordener", "sider", "soeg", "pagefind", "index.html", "fragment.html",
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
    rel = _relpath(path.rstrip("/"), from_page.rstrip("/"))
    if is_folder:
        rel = "index.html" if rel == "." else f"{rel}/index.html"
    return f"{rel}#{anchor}" if anchor else rel


def _relpath(goal: str, start: str) -> str:
    """posixpath.relpath for two normalised relative paths ("" is the site root), without the
    os.getcwd() call relpath makes each time (it is called for every link of every page)."""
    goal_parts = goal.split("/") if goal else []
    start_parts = start.split("/") if start else []
    common = 0
    for a, b in zip(goal_parts, start_parts):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + goal_parts[common:]
    return "/".join(parts) if parts else "."
