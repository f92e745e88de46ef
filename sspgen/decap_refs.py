"""References in the Decap form: fields that hold the id of another entity become relation
widgets that show names and store ids, so staff pick an actor or a forum from a list instead
of typing its id.

The table is keyed by field name (the model uses the same name for the same kind of reference
everywhere, see sspgen/validate/rules/references.py), so a new model field with a known name
gets a relation widget without a change here. Only text fields and lists of text are turned
into relations; a field of the same name that holds objects (a plan's own ``politiske_maal``)
stays a group.
"""

from __future__ import annotations

from typing import Any

_AKTOER = {"collection": "aktoerer", "value_field": "id", "search_fields": ["navn", "id"], "display_fields": ["navn"]}
_FORUM = {"collection": "fora", "value_field": "id", "search_fields": ["navn", "id"], "display_fields": ["navn"]}
_KOMMISSORIUM = {"collection": "kommissorier", "value_field": "id", "search_fields": ["titel", "id"], "display_fields": ["titel"]}
_PLAN = {"collection": "planer", "value_field": "id", "search_fields": ["titel", "id"], "display_fields": ["titel"]}
_PENSUM = {"collection": "pensum", "value_field": "id", "search_fields": ["titel", "id"], "display_fields": ["titel"]}
_MAAL = {"collection": "planer", "value_field": "politiske_maal.*.id", "search_fields": ["politiske_maal.*.titel"],
         "display_fields": ["politiske_maal.*.titel"]}
_EMNEBANK = {"collection": "kommunen", "file": "emnebank", "value_field": "emner.*.id", "search_fields": ["emner.*.titel"],
             "display_fields": ["emner.*.titel"]}

REFERENCES: dict[str, dict[str, Any]] = {
    "aktoer": _AKTOER,
    "ansvarlig": _AKTOER,
    "ansvarlige": _AKTOER,
    "del_af": _AKTOER,
    "deltagende_aktoerer": _AKTOER,
    "foreslaaet_af": _AKTOER,
    "koordinerende_enhed": _AKTOER,
    "skoler": _AKTOER,
    "udbydere": _AKTOER,
    "forum": _FORUM,
    "fora": _FORUM,
    "overordnet": _FORUM,
    "kommissorium": _KOMMISSORIUM,
    "plan": _PLAN,
    "pensum": _PENSUM,
    "politiske_maal": _MAAL,
    "politisk_maal": _MAAL,
    "nye_emner": _EMNEBANK,
}
"""Field name → the relation widget's settings (collection, and for nested ids the path)."""


def relation(name: str, *, multiple: bool) -> dict[str, Any] | None:
    """The relation widget for a reference field, or None when ``name`` is not a reference."""
    target = REFERENCES.get(name)
    if target is None:
        return None
    widget: dict[str, Any] = {"widget": "relation", **target, "options_length": 500}
    if multiple:
        widget["multiple"] = True
    return widget
