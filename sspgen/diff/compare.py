"""Match the entities of two revisions and describe each difference (structured, Danish)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel

from .entities import Entity, Key, Snapshot
from .labels import DESCRIBER_NOTES, DESCRIBERS, GROUP_HEADINGS, NATURAL_KEYS, field_label, item_summary, value_text
from .unreadable import file_text, first_error, kind_of, text_diff
from .worddiff import Segment, only_whitespace_changed, word_diff

Action = Literal["tilføjet", "fjernet", "ændret", "omdøbt", "ulæselig", "læsbar igen"]
DetailKind = Literal["ændret", "sat", "slettet", "tekst", "ombrudt", "liste", "flyttet"]

SHORT_TEXT_WORDS = 8
"""Texts up to this many words show «fra … til …»; longer ones get a word diff."""


@dataclass
class Detail:
    """One difference inside an entity. ``field`` is the Danish field path, fx «mødefrekvens»."""

    field: str
    kind: DetailKind
    old: str | None = None
    new: str | None = None
    words: list[Segment] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reordered: bool = False
    order: list[str] = field(default_factory=list)
    """When reordered: the new order (names)."""


@dataclass
class Change:
    """One entity that changed. Render with sspgen.diff.render (Markdown, text) or use as data."""

    kommune: str
    """The municipality's slug."""
    group: str
    """Top-level kind (``planer``, ``fora`` …); GROUP_HEADINGS has its Danish heading."""
    label: str
    """Danish kind label, fx «Politisk mål»."""
    name: str | None
    """The entity's name, fx «Oplevet tryghed» (None for kommune.yaml-like singletons)."""
    action: Action
    details: list[Detail] = field(default_factory=list)
    context: str | None = None
    """For an added or removed item: where, fx «under mål» (with ``context_names``)."""
    context_names: list[str] = field(default_factory=list)
    old_id: str | None = None
    new_id: str | None = None
    path: str = ""
    sort_key: tuple = ()
    error: str | None = None
    """For a file that cannot be read in the new version: its first error, located."""
    lines: list[str] = field(default_factory=list)
    """For such a file: the lines that changed («- old», «+ new»), see unreadable.text_diff."""
    new_file: bool = False
    """For such a file: it did not exist in the old version."""


@dataclass
class KommuneDiff:
    slug: str
    navn: str
    changes: list[Change]
    broken_base: list[str]
    broken_head: list[str]


# --------------------------------------------------------------------------------------------
# Field values


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _compare_value(label: str, old: Any, new: Any, out: list[Detail]) -> None:
    if old == new:
        return
    if isinstance(old, list) or isinstance(new, list):
        _compare_list(label, list(old or []), list(new or []), out)
        return
    if isinstance(old, BaseModel) or isinstance(new, BaseModel):
        model = type(old if isinstance(old, BaseModel) else new).__name__
        if old is None or new is None:
            _scalar(label, old, new, out)
            return
        if model in DESCRIBERS:
            describe, note = DESCRIBERS[model], DESCRIBER_NOTES[model]
            if describe(old, note=False) != describe(new, note=False):
                out.append(Detail(label, "ændret", describe(old, note=False), describe(new, note=False)))
            _compare_value(f"{label}: {field_label(note)}", getattr(old, note), getattr(new, note), out)
            return
        for name in type(old).model_fields:
            _compare_value(f"{label}: {field_label(name)}", getattr(old, name), getattr(new, name), out)
        return
    if (_is_text(old) or _is_text(new)) and max(len(str(old or "").split()), len(str(new or "").split())) > SHORT_TEXT_WORDS:
        if only_whitespace_changed(old, new):
            out.append(Detail(label, "ombrudt"))
        else:
            out.append(Detail(label, "tekst", value_text(old) if old else None, value_text(new) if new else None,
                              word_diff(old, new)))
        return
    if (_is_text(old) or _is_text(new)) and only_whitespace_changed(old, new):
        out.append(Detail(label, "ombrudt"))
        return
    _scalar(label, old, new, out)


def _scalar(label: str, old: Any, new: Any, out: list[Detail]) -> None:
    if old is None:
        out.append(Detail(label, "sat", None, value_text(new)))
    elif new is None:
        out.append(Detail(label, "slettet", value_text(old), None))
    else:
        out.append(Detail(label, "ændret", value_text(old), value_text(new)))


def _natural_key(item: Any, index: int) -> Any:
    if isinstance(item, BaseModel):
        keys = NATURAL_KEYS.get(type(item).__name__)
        if keys:
            return tuple(getattr(item, k) for k in keys)
        return ("#", item.model_dump_json())
    return item


def _compare_list(label: str, old: list[Any], new: list[Any], out: list[Detail]) -> None:
    """Added, removed and reordered items; items recognised by their natural key are compared."""
    old_keys = [_natural_key(item, i) for i, item in enumerate(old)]
    new_keys = [_natural_key(item, i) for i, item in enumerate(new)]
    if len(set(old_keys)) != len(old_keys) or len(set(new_keys)) != len(new_keys):
        # Repeated keys: compare as a multiset of whole items.
        old_keys = [_natural_key(i, 0) if not isinstance(i, BaseModel) else ("#", i.model_dump_json()) for i in old]
        new_keys = [_natural_key(i, 0) if not isinstance(i, BaseModel) else ("#", i.model_dump_json()) for i in new]
    old_by_key = dict(zip(old_keys, old))
    new_by_key = dict(zip(new_keys, new))
    removed = _surplus(old_keys, new_keys, old_by_key)
    added = _surplus(new_keys, old_keys, new_by_key)
    common_old = [k for k in old_keys if k in new_by_key]
    common_new = [k for k in new_keys if k in old_by_key]
    reordered = _dedupe(common_old) != _dedupe(common_new)
    if added or removed or reordered:
        order = [item_summary(new_by_key[k]) for k in _dedupe(common_new)] if reordered else []
        out.append(Detail(label, "liste", added=added, removed=removed, reordered=reordered, order=order))
    for key in _dedupe(common_new):
        before, after = old_by_key[key], new_by_key[key]
        if before != after and isinstance(before, BaseModel):
            name = item_summary(after)
            for field_name in type(before).model_fields:
                _compare_value(f"{label} «{name}»: {field_label(field_name)}",
                               getattr(before, field_name), getattr(after, field_name), out)


def _surplus(keys: list[Any], other: list[Any], items: dict[Any, Any]) -> list[str]:
    """Summaries of the items in ``keys`` that ``other`` does not have (as a multiset)."""
    extra = Counter(keys) - Counter(other)
    out = []
    for key in keys:
        if extra[key] > 0:
            extra[key] -= 1
            out.append(item_summary(items[key]))
    return out


def _dedupe(keys: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    return [k for k in keys if not (k in seen or seen.add(k))]


def compare_fields(old: Entity, new: Entity, names: dict[Key, Entity] | None = None) -> list[Detail]:
    """The differences between two revisions of one entity; ``names`` names reordered children."""
    details: list[Detail] = []
    for name in dict.fromkeys([*old.fields, *new.fields]):
        _compare_value(field_label(name), old.fields.get(name), new.fields.get(name), details)
    for name in dict.fromkeys([*old.children_order, *new.children_order]):
        before = [i for i in old.children_order.get(name, []) if i in new.children_order.get(name, [])]
        after = [i for i in new.children_order.get(name, []) if i in old.children_order.get(name, [])]
        if before != after:
            order = [(names or {}).get(new.key + (name, i)) for i in after]
            details.append(Detail(field_label(name), "liste", reordered=True,
                                  order=[e.name or e.ident or "" for e in order if e is not None]))
    if old.path != new.path and new.parent is None:
        details.append(Detail("fil", "flyttet", old.path, new.path))
    return details


# --------------------------------------------------------------------------------------------
# Entities


def _signature(entity: Entity) -> tuple:
    """Everything but the id and file: equal signatures across revisions mean a rename."""
    return (entity.label, entity.parent, repr(sorted(entity.fields.items(), key=lambda kv: kv[0])),
            repr(sorted(entity.children_order.items())))


def compare_snapshots(base: Snapshot | None, head: Snapshot | None) -> KommuneDiff:
    slug = (head or base).slug  # type: ignore[union-attr]
    old = base.entities if base else {}
    new = head.entities if head else {}
    changes: list[Change] = []

    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    renamed: dict[Key, Key] = {}
    signatures: dict[tuple, list[Key]] = {}
    for key in added:
        signatures.setdefault(_signature(new[key]), []).append(key)
    for key in removed:
        candidates = signatures.get(_signature(old[key]))
        if candidates:
            renamed[key] = candidates.pop(0)
    renamed_children = _descendants_of_renames(renamed, old, new)

    for key in new:
        if key in old:
            details = compare_fields(old[key], new[key], new)
            if details:
                changes.append(_change(slug, new[key], "ændret", details, new))
    for old_key, new_key in renamed.items():
        entity = new[new_key]
        change = _change(slug, entity, "omdøbt", [], new)
        change.old_id, change.new_id = old[old_key].ident, entity.ident
        changes.append(change)
    for old_key, new_key in renamed_children.items():
        details = compare_fields(old[old_key], new[new_key], new)
        if details:
            changes.append(_change(slug, new[new_key], "ændret", details, new))
    head_broken = head.broken if head else set()
    base_broken = base.broken if base else set()
    unreadable, covered = _unreadable(slug, base, head, [k for k in removed if k not in renamed])
    changes += unreadable
    for key in removed:
        if key in renamed or key in renamed_children:
            continue
        if key[:2] in covered or key[:1] in covered:
            continue  # its file is broken in the new version: shown as changed, never as removed
        if old[key].parent in removed and old[key].parent is not None:
            continue  # reported with its parent
        changes.append(_change(slug, old[key], "fjernet", [], old))
    for key in added:
        if key in renamed.values() or key in renamed_children.values():
            continue
        if new[key].path in base_broken:
            if new[key].parent is None:
                changes.append(_change(slug, new[key], "læsbar igen", [], new))
            continue
        if new[key].parent in added and new[key].parent is not None:
            continue
        changes.append(_change(slug, new[key], "tilføjet", [], new))

    changes.sort(key=lambda c: c.sort_key)
    return KommuneDiff(
        slug,
        (head.navn if head and head.entities else base.navn if base else slug),
        changes,
        sorted(base_broken),
        sorted(head_broken),
    )


def _unreadable(slug: str, base: Snapshot | None, head: Snapshot | None, removed: list[Key]) -> tuple[list[Change], set[Key]]:
    """A change for each file broken in the new version whose text differs from the old one,
    and the keys of the old top-level entities those files held (found by path, or by id when
    the file was also moved)."""
    if head is None:
        return [], set()
    old = base.entities if base else {}
    by_path = {e.path: k for k, e in old.items() if e.parent is None}
    by_id = {(e.group, e.ident): k for k, e in old.items() if e.parent is None and k in removed}
    changes: list[Change] = []
    covered: set[Key] = set()
    for path in sorted(head.broken):
        before = file_text(base.root if base else None, path)
        after = file_text(head.root, path)
        group, label = kind_of(path)
        key = by_path.get(path) or by_id.get((group, PurePosixPath(path).stem))
        if key is not None:
            covered.add(key)
        if before == after and before is not None:
            continue  # broken before too, and not touched: the «Bemærk» line names it
        entity = old.get(key) if key is not None else None
        if entity is None:
            stem = PurePosixPath(path).stem
            single = group in ("kommune", "vokabular", "emnebank")
            entity = Entity((group,) if single else (group, stem), group, label, None if single else stem,
                            None if single else stem, path, {})
        change = _change(slug, entity, "ulæselig", [], old)
        if before is None and key is not None:
            before = file_text(base.root if base else None, entity.path)  # moved and broken
        change.path, change.error = path, first_error(head.problems, path)
        change.lines, change.new_file = text_diff(before, after), before is None
        changes.append(change)
    return changes, covered


def _descendants_of_renames(renamed: dict[Key, Key], old: dict[Key, Entity], new: dict[Key, Entity]) -> dict[Key, Key]:
    """Children of a renamed entity move with it; they are compared under the new key."""
    out: dict[Key, Key] = {}
    for old_key, new_key in renamed.items():
        for key in old:
            if key[: len(old_key)] == old_key and key != old_key:
                moved = new_key + key[len(old_key):]
                if moved in new:
                    out[key] = moved
    return out


def _change(slug: str, entity: Entity, action: Action, details: list[Detail], entities: dict[Key, Entity]) -> Change:
    context, names = _context(entity, entities) if action in ("tilføjet", "fjernet") else (None, [])
    top = entity.key[:2] if entity.group not in ("kommune", "vokabular", "emnebank") else entity.key[:1]
    top_entity = entities.get(top)
    order = [list(GROUP_HEADINGS).index(entity.group) if entity.group in GROUP_HEADINGS else 99]
    order.append(_sort_name(top_entity.name if top_entity and top_entity.name else "/".join(top)))
    order.append(_position(entity, entities))
    return Change(slug, entity.group, entity.label, entity.name, action, details, context, names,
                  path=entity.path, sort_key=tuple(order))


def _position(entity: Entity, entities: dict[Key, Entity]) -> tuple:
    chain: list[tuple] = []
    current: Entity | None = entity
    while current is not None and current.parent is not None:
        chain.append(current.slot)
        current = entities.get(current.parent)
    return tuple(reversed(chain))


def _sort_name(text: str) -> tuple:
    from ..render.danish import sorteringsnoegle

    return sorteringsnoegle(text)


def _context(entity: Entity, entities: dict[Key, Entity]) -> tuple[str | None, list[str]]:
    """Where an added or removed item sits: an initiative under its goals, else in its file."""
    if entity.parent is None:
        return None, []
    parent = entities.get(entity.parent)
    goals = entity.fields.get("politiske_maal")
    if entity.label == "Indsats" and parent is not None and goals:
        titles = []
        for goal in goals:
            found = entities.get(parent.key + ("politiske_maal", goal))
            titles.append(found.name if found and found.name else goal)
        return ("under mål", titles)
    if parent is None or parent.name is None:
        return (f"i {parent.label.lower()}" if parent else None, [])
    return (f"i {parent.label.lower()}", [parent.name])


def compare_all(base: dict[str, Snapshot], head: dict[str, Snapshot]) -> list[KommuneDiff]:
    """Every municipality in either revision, in slug order; unchanged ones are left out."""
    result = []
    for slug in sorted(set(base) | set(head)):
        diff = compare_snapshots(base.get(slug), head.get(slug))
        if diff.changes or diff.broken_head:
            result.append(diff)
    return result
