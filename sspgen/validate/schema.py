"""Validate one read file against its Pydantic model, turning errors into Danish diagnostics."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, error
from ..read.document import SourceDocument

M = TypeVar("M", bound=BaseModel)

_ID_HINT = "små bogstaver a-z, tal og bindestreger (æ→ae, ø→oe, å→aa), fx «netvaerk-oester»"


def validate_document(model: type[M], document: SourceDocument) -> tuple[M | None, list[Diagnostic]]:
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        return None, [_diagnostic(model, document, err) for err in exc.errors(include_url=False)]


def _diagnostic(model: type[BaseModel], document: SourceDocument, err: Any) -> Diagnostic:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = ", ".join(sorted(owner.model_fields)) if owner else ""
        message = f"Ukendt felt «{loc[-1]}». Tilladte felter her: {allowed}."
        return error(document.path, document.key_position(loc), "skema.ukendt-felt", message)
    if kind == "missing":
        owner = _model_at(model, loc[:-1])
        field = owner.model_fields.get(str(loc[-1])) if owner else None
        hint = f" ({field.description.rstrip('.')})" if field and field.description else ""
        message = f"Feltet «{loc[-1]}» mangler{hint}."
        return error(document.path, document.position(loc[:-1]), "skema.mangler-felt", message)
    where = _where(loc)
    message = f"{where}{_problem(err)}"
    return error(document.path, document.position(loc), "skema.ugyldig-vaerdi", message)


def _where(loc: tuple) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    if not names:
        return "Filen: "
    field = names[-1]
    if loc and isinstance(loc[-1], int):
        return f"Element {loc[-1] + 1} i «{field}»: "
    return f"Feltet «{field}»: "


MAX_SHOWN = 60
"""A value repeated in a message is cut to this many characters (a 5,000-digit number is not
repeated in full)."""


def _shown(value: Any) -> str:
    """A value as a message repeats it: text «as written» (shortened), other shapes in words."""
    if value is None:
        return "tom"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en samling felter"
    text = str(value)
    return f"«{text}»" if len(text) <= MAX_SHOWN else f"«{text[:MAX_SHOWN]}…» ({len(text)} tegn)"


def _problem(err: Any) -> str:
    """The Danish sentence for one Pydantic error. Pydantic's own (English) text is never
    shown: an error type without a sentence here gets the general one at the end."""
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    given = _shown(err.get("input"))
    if kind in {"value_error", "assertion_error"} and isinstance(ctx.get("error"), (ValueError, AssertionError)):
        return f"{ctx['error']}."  # our own validators' messages, Danish
    if kind == "int_parsing_size":
        return f"skal være et helt tal, men {given} er alt for stort."
    if kind == "literal_error":
        options = [part.strip(" '") for part in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        shown = ", ".join(f"«{option}»" for option in options if option)
        return f"skal være en af {shown}, men er {given}."
    if kind == "string_pattern_mismatch":
        return f"{given} er ikke et gyldigt id. Brug {_ID_HINT}."
    if kind in {"string_too_short"}:
        return "må ikke være tom."
    if kind in {"string_too_long"}:
        return f"er for lang (højst {ctx.get('max_length')} tegn)."
    if kind == "too_short":
        return f"skal have mindst {ctx.get('min_length')} element(er)."
    if kind == "too_long":
        return f"må højst have {ctx.get('max_length')} element(er)."
    if kind in {"int_parsing", "int_type", "int_from_float", "float_parsing", "float_type", "finite_number"}:
        return f"skal være et helt tal, men er {given}."
    if kind in {"bool_parsing", "bool_type"}:
        return f"skal være ja eller nej, men er {given}."
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"skal være en gyldig dato skrevet som ÅÅÅÅ-MM-DD, men er {given}."
    if kind.startswith("time"):
        return f"skal være et klokkeslæt som 15.00, men er {given}."
    if kind in {"greater_than_equal", "greater_than"}:
        return f"skal være mindst {ctx.get('ge', ctx.get('gt'))}, men er {given}."
    if kind in {"less_than_equal", "less_than"}:
        return f"må højst være {ctx.get('le', ctx.get('lt'))}, men er {given}."
    if kind == "string_type":
        return "skal være en tekst, ikke en liste eller en samling felter."
    if kind == "list_type":
        return "skal være en liste (linjer, der begynder med «- »)."
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "skal være en samling felter (linjer med «navn: værdi»)."
    if kind == "none_required" or kind.startswith("none"):
        return "skal være tom."
    return f"har en værdi, der ikke kan bruges her ({given})."


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that the location path points into (for naming its allowed fields)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = _unwrap(current)
            continue
        current = _unwrap(current)
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/list/Annotated down to the model class inside, if any."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (list, tuple, set):
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            models = [a for a in get_args(annotation) if a is not type(None)]
            annotation = models[0] if len(models) == 1 else annotation
            if len(models) != 1:
                return annotation
        else:
            return annotation
