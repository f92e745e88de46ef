"""Flatten one municipality's loaded data into entities keyed by kind and id.

A file is an entity (kind + id, or kind alone for kommune.yaml, vokabular.yaml and
emnebank.yaml). Every list item that has an id inside a file is an entity of its own
(a plan's goals and initiatives, the curriculum's topics, the municipality's contacts …),
keyed under its parent, so moving or renaming a file never looks like a delete plus an add.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..diagnostics import Diagnostic
from ..model import KINDS
from ..validate import kommune_slugs
from ..validate.load import KommuneData, Page, load_kommune
from .labels import NESTED_LABELS, TOP_LABELS, VOCABULARY_LABELS

Key = tuple[str, ...]


@dataclass
class Entity:
    key: Key
    group: str
    """The top-level kind (KINDS name, or «sider»): the report's heading."""
    label: str
    """Danish kind label, «Politisk mål»."""
    name: str | None
    """What readers call it (navn, titel …); None for the singleton files."""
    ident: str | None
    """The id (None for singletons)."""
    path: str
    """The file it is in, relative to the repository root."""
    fields: dict[str, Any]
    """Field name → value, without the fields that hold child entities."""
    children_order: dict[str, list[str]] = field(default_factory=dict)
    """For each field holding child entities: their ids in file order."""
    parent: Key | None = None
    slot: tuple[int, int] = (0, 0)
    """(index of the parent's field holding it, position in that list): file order."""


@dataclass
class Snapshot:
    """All entities of one municipality at one revision."""

    slug: str
    navn: str
    entities: dict[Key, Entity]
    broken: set[str]
    """Files that exist but could not be read or validated (they hold no entities here)."""
    problems: list[Diagnostic]
    root: Path | None = None
    """The folder the revision was read from (to show a broken file's lines); None if gone."""


def _item_model(annotation: Any) -> type[BaseModel] | None:
    """The model class of a ``list[Model]`` field, if it has a required ``id`` field (items
    whose id is optional, like a yearly plan's activities, are compared as list items)."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        annotation = inner[0] if len(inner) == 1 else annotation
    if get_origin(annotation) is not list:
        return None
    item = get_args(annotation)[0]
    if isinstance(item, type) and issubclass(item, BaseModel) and "id" in item.model_fields \
            and item.model_fields["id"].is_required():
        return item
    return None


def _name(value: Any) -> str | None:
    for attribute in ("navn", "titel", "rolle"):
        found = getattr(value, attribute, None)
        if isinstance(found, str) and found:
            return " ".join(found.split())
    return None


def _add_model(
    out: dict[Key, Entity],
    key: Key,
    group: str,
    label: str,
    name: str | None,
    path: str,
    value: BaseModel,
    parent: Key | None,
    slot: tuple[int, int],
    field_labels: dict[str, str] | None = None,
) -> None:
    fields: dict[str, Any] = {}
    children_order: dict[str, list[str]] = {}
    for field_index, (field_name, info) in enumerate(type(value).model_fields.items()):
        item_model = _item_model(info.annotation)
        current = getattr(value, field_name)
        if item_model is None:
            if field_name != "id":
                fields[field_name] = current
            continue
        children_order[field_name] = [child.id for child in current]
        child_label = (field_labels or {}).get(field_name) or NESTED_LABELS.get(item_model.__name__, item_model.__name__)
        for index, child in enumerate(current):
            child_key = key + (field_name, child.id)
            if child_key in out:  # a duplicate id inside the file: `check` reports it
                continue
            _add_model(out, child_key, group, child_label, _name(child) or child.id, path, child, key,
                       (field_index, index))
    out[key] = Entity(
        key, group, label, name, getattr(value, "id", None), path, fields, children_order, parent, slot
    )


def snapshot(root: Path, slug: str) -> Snapshot:
    data, problems = load_kommune(root, slug)
    return from_data(data, problems)


def from_data(data: KommuneData, problems: list[Diagnostic]) -> Snapshot:
    entities: dict[Key, Entity] = {}
    for kind in KINDS:
        if kind.name == "vokabular":
            continue  # handled below: only the municipality's own values
        if kind.filename is not None:
            located = getattr(data, kind.name)
            if located is not None:
                name = _name(located.value) if kind.name == "kommune" else None
                _add_model(entities, (kind.name,), kind.name, TOP_LABELS[kind.name], name, located.source.path,
                           located.value, None, (0, 0))
            continue
        collection: dict[str, Any] = getattr(data, kind.name)
        for index, entity_id in enumerate(sorted(collection)):
            located = collection[entity_id]
            label = TOP_LABELS[kind.name]
            if kind.name == "fora" and (located.value.type == "netvaerk" or located.value.distrikt):
                label = "Netværk"
            _add_model(entities, (kind.name, entity_id), kind.name, label, _top_name(kind.name, located.value, data),
                       located.source.path, located.value, None, (0, index))
    _add_vocabulary(entities, data)
    for index, page_id in enumerate(sorted(data.sider)):
        located = data.sider[page_id]
        page: Page = located.value
        fields = {name: getattr(page.side, name) for name in type(page.side).model_fields}
        fields["tekst"] = page.body
        entities[("sider", page_id)] = Entity(
            ("sider", page_id), "sider", "Side", " ".join(page.side.titel.split()), page_id,
            located.source.path, fields, {}, None, (0, index),
        )
    # A file with an error and no entity could not be read or failed the model: it is broken,
    # whether the YAML was unreadable or only a field was wrong (it holds no entities either way).
    read = {entity.path for entity in entities.values()}
    broken = {d.path for d in problems if d.is_error and d.path not in read and d.path.endswith((".yaml", ".md"))}
    kommune = data.kommune.value.navn if data.kommune is not None else data.slug
    return Snapshot(data.slug, kommune, entities, broken, problems, data.data_dir.parent.parent)


def _top_name(kind: str, value: Any, data: KommuneData) -> str:
    if kind == "moeder":
        if value.titel:
            return " ".join(value.titel.split())
        forum = data.fora.get(value.forum)
        from ..render.danish import dato

        return f"{forum.value.navn if forum else value.forum} {dato(value.dato)}"
    if kind == "evalueringer":
        return str(value.aar)
    return _name(value) or value.id


def _add_vocabulary(entities: dict[Key, Entity], data: KommuneData) -> None:
    """Only the municipality's own vocabulary file: the shipped defaults are not data."""
    source = next((s for s in data.sources if s.path.endswith(f"/{data.slug}/vokabular.yaml")), None)
    if source is None:
        return
    from ..model import Vokabular
    from ..validate.schema import validate_document

    local, _ = validate_document(Vokabular, source)
    if local is not None:
        _add_model(entities, ("vokabular",), "vokabular", "Vokabular", None, source.path, local, None, (0, 0),
                   VOCABULARY_LABELS)


def snapshots(root: Path | None, slugs: list[str] | None = None) -> dict[str, Snapshot]:
    """Every municipality under ``root``/data (none when root is None: the empty tree)."""
    if root is None:
        return {}
    return {slug: snapshot(root, slug) for slug in (slugs if slugs is not None else kommune_slugs(root))}
