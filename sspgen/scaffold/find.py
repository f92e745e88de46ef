"""Finding the municipality to add to and what is in it."""

from __future__ import annotations

from pathlib import Path

from ..read.yamlfile import parse_yaml
from ..validate import kommune_slugs
from ..validate.load import KommuneData, load_kommune
from .common import ScaffoldError, listing


def choose_kommune(root: Path, kommune: str | None, forum: str | None = None) -> str:
    """The municipality to add to: --kommune, the only one, or the one that has ``forum``."""
    slugs = kommune_slugs(root)
    if not slugs:
        raise ScaffoldError(
            f"Der er ingen kommuner under {root / 'data'}. Opret en med "
            "«sspgen new kommune --slug … --navn …», eller kør kommandoen i mappen med data/."
        )
    if kommune is not None:
        if kommune not in slugs:
            raise ScaffoldError(f"Kommunen «{kommune}» findes ikke under data/. Kendte kommuner: {listing(slugs)}.")
        return kommune
    if len(slugs) == 1:
        return slugs[0]
    if forum is not None:
        having = [s for s in slugs if entity_files(root / "data" / s / "fora", forum)]
        if not having:  # a group under a forum's «instanser» is a forum for meetings too
            having = [s for s in slugs if forum in instance_ids(root / "data" / s / "fora")]
        if len(having) == 1:
            return having[0]
        if len(having) > 1:
            raise ScaffoldError(
                f"Forummet «{forum}» findes i flere kommuner ({listing(having)}). "
                "Angiv hvilken med --kommune."
            )
        known = "; ".join(f"{s}: {listing(file_ids(root / 'data' / s / 'fora'))}" for s in slugs)
        raise ScaffoldError(f"Forummet «{forum}» findes ikke i nogen kommune. Kendte fora – {known}.")
    raise ScaffoldError(f"Der er flere kommuner ({listing(slugs)}). Angiv hvilken med --kommune.", 2)


def entity_files(folder: Path, entity_id: str) -> list[Path]:
    return sorted(folder.rglob(f"{entity_id}.yaml")) if folder.is_dir() else []


def instance_ids(folder: Path) -> set[str]:
    """The ids under «instanser» in a municipality's forum files (unreadable files skipped:
    `sspgen check` reports them)."""
    found: set[str] = set()
    for file in entity_files(folder, "*"):
        try:
            document, _ = parse_yaml(file.read_bytes(), file.name)
        except OSError:
            continue
        items = document.data.get("instanser") if document is not None and isinstance(document.data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.add(item["id"])
    return found


def file_ids(folder: Path) -> list[str]:
    return sorted({p.stem for p in folder.rglob("*.yaml")}) if folder.is_dir() else []


def load_data(root: Path, slug: str) -> KommuneData:
    data, _ = load_kommune(root, slug)
    return data
