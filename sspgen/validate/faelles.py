"""Shared bodies across municipalities: `faelles: "<kommune>/<id>"` on a forum.

A body shared by several municipalities (a gang partnership, a police district's forum) is
described once, in one municipality's `data/<kommune>/fora/<id>.yaml`. Each other municipality
keeps a short forum file of its own (its name, type and level in *its* organisation) with
`faelles` naming the full description. The check stage reports a `faelles` that names no such
file; the pages say where the body is described and give its name there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..read.yamlfile import read_yaml


@dataclass(frozen=True)
class FaellesForum:
    kommune: str
    """The describing municipality's slug."""
    forum: str
    kommune_navn: str
    forum_navn: str
    sti: str
    """Display path of the describing file, data/<kommune>/fora/<id>.yaml."""
    offentlig: bool
    """Whether the describing file says `synlighed: offentlig`: only then may a public page name it."""


def split(reference: str) -> tuple[str, str]:
    kommune, _, forum = reference.partition("/")
    return kommune, forum


def find(data_root: Path, reference: str) -> FaellesForum | None:
    """The shared forum `reference` names, read from `data_root` (the repository's data/),
    or None when its file is missing or unreadable (its own check reports why)."""
    kommune, forum = split(reference)
    forum_file = data_root / kommune / "fora" / f"{forum}.yaml"
    kommune_file = data_root / kommune / "kommune.yaml"
    if not forum_file.is_file() or not kommune_file.is_file() or forum_file.is_symlink() or kommune_file.is_symlink():
        return None
    sti = f"data/{kommune}/fora/{forum}.yaml"
    forum_doc, _ = read_yaml(forum_file, sti)
    kommune_doc, _ = read_yaml(kommune_file, f"data/{kommune}/kommune.yaml")
    forum_navn = _navn(forum_doc.data if forum_doc else None)
    kommune_navn = _navn(kommune_doc.data if kommune_doc else None)
    if forum_navn is None or kommune_navn is None:
        return None
    data = forum_doc.data if forum_doc is not None else None
    offentlig = isinstance(data, dict) and data.get("synlighed") == "offentlig"
    return FaellesForum(kommune, forum, kommune_navn, forum_navn, sti, offentlig)


def _navn(document: object) -> str | None:
    if isinstance(document, dict) and isinstance(document.get("navn"), str) and document["navn"].strip():
        return document["navn"].strip()
    return None
