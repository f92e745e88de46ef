"""JSON Schema files for editors, and the data reference for the README, from the models.

Both are generated from the same Pydantic models, so the hover text in an editor, the
README and the validator can never disagree.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .model import KINDS, SIDE, Kind
from .model.base import ID_PATTERN

SCHEMA_ID_BASE = "https://sspgen.invalid/schema/"


CANNOT_CHECK = (
    "Skemaet kontrollerer hver fil for sig: felter, typer og tilladte værdier. Regler på tværs af "
    "filer (at en henvisning til en aktør, et forum, et emne eller et mål peger på noget, der findes, "
    "at id er det samme som filnavnet, at en mødetype står i vokabularet) og nogle regler mellem felter "
    "i samme fil (fx at «gange» og «per» står sammen) kan et JSON Schema ikke udtrykke; dem "
    "kontrollerer `sspgen check`."
)
"""Said in every schema's description: what an editor cannot show (tests/test_schema_agreement.py)."""


def schema_for(kind: Kind) -> dict[str, Any]:
    schema = kind.model.model_json_schema(mode="validation")
    schema["description"] = f"{schema.get('description', '').strip()}\n\n{CANNOT_CHECK}".strip()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{SCHEMA_ID_BASE}{kind.name}.schema.json"
    return schema


def write_schemas(out: Path, *, missing_only: bool = False) -> list[Path]:
    """Every kind's schema file in ``out``. ``missing_only`` (`sspgen new`, which never
    overwrites) writes only those that are not there and returns just those."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in (*KINDS, SIDE):
        path = out / f"{kind.name}.schema.json"
        if missing_only and path.exists():
            continue
        text = json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _where(kind: Kind) -> str:
    if kind is SIDE:
        return "`content/<kommune>/<id>.md` (forsiden/front matter mellem `---`-linjerne)"
    if kind.filename:
        return f"`data/<kommune>/{kind.filename}`"
    return f"`data/<kommune>/{kind.folder}/<id>.yaml` (én fil pr. {kind.label}, filnavn = id)"


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        inner, *metadata = get_args(annotation)
        if any(getattr(m, "pattern", None) == ID_PATTERN for m in _flatten(metadata)):
            return "id"
        return _type_name(inner)
    if origin in (Union, types.UnionType):
        parts = [a for a in get_args(annotation) if a is not type(None)]
        return " eller ".join(_type_name(a) for a in parts)
    if origin is list:
        return f"liste af {_type_name(get_args(annotation)[0])}"
    if origin is Literal:
        return " / ".join(f"`{v}`" for v in get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    names = {str: "tekst", int: "heltal", bool: "ja/nej"}
    if annotation in names:
        return names[annotation]
    return {"date": "dato (ÅÅÅÅ-MM-DD)", "time": "klokkeslæt (15.00)"}.get(
        getattr(annotation, "__name__", ""), str(annotation)
    )


def _flatten(metadata: list[Any]) -> list[Any]:
    """Field(...) inside Annotated keeps its constraints in a nested metadata list."""
    flat = []
    for item in metadata:
        flat.append(item)
        flat.extend(getattr(item, "metadata", []))
    return flat


def _nested_models(model: type[BaseModel], seen: list[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.append(model)
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                _nested_models(annotation, seen)
            stack.extend(get_args(annotation))


def _table(model: type[BaseModel]) -> list[str]:
    doc = (model.__doc__ or "").strip().splitlines()[0]
    lines = [f"#### {model.__name__}", "", doc, "", "| felt | type | krævet | beskrivelse |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        required = "ja" if field.is_required() else "nej"
        description = (field.description or "").replace("|", "\\|")
        lines.append(f"| `{name}` | {_type_name(field.annotation)} | {required} | {description} |")
    return lines + [""]


def data_reference() -> str:
    """The data reference in Danish Markdown, one section per file kind."""
    lines = ["<!-- Genereret af `make docs` fra sspgen/model; ret ikke her. -->", ""]
    documented: list[type[BaseModel]] = []
    for kind in (*KINDS, SIDE):
        lines += [f"### {kind.label.capitalize()}", "", f"Fil: {_where(kind)}.", ""]
        models: list[type[BaseModel]] = []
        _nested_models(kind.model, models)
        for model in models:
            if model in documented:
                continue
            documented.append(model)
            lines += _table(model)
    return "\n".join(lines).rstrip() + "\n"


START = "<!-- datareference:start -->"
END = "<!-- datareference:end -->"


def update_readme(readme: Path) -> bool:
    """Replace the data reference between the markers; True if the file changed."""
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    new = f"{head}{START}\n{data_reference()}{END}{tail}"
    if new == text:
        return False
    readme.write_text(new, encoding="utf-8")
    return True
