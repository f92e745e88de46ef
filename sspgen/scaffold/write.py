"""Validating a new entity with the model `sspgen check` uses, and writing it as a new file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..validate.files import name_problem
from ..yamlemit import as_read
from .common import ScaffoldError, display
from .find import entity_files


def schema_ref(relative_file: Path, kind_name: str) -> str:
    """The yaml-language-server schema path from a file under data/ to schema/<kind>.schema.json."""
    depth = len(relative_file.parts) - 1
    return "../" * depth + f"schema/{kind_name}.schema.json"


def validate(model: type[BaseModel], data: dict[str, Any], what: str) -> BaseModel:
    try:
        return model.model_validate(as_read(data))
    except ValidationError as exc:
        from ..validate.schema import _problem, _where  # the same Danish wording as `check`

        problems = "; ".join(_where(tuple(e["loc"])) + _problem(e) for e in exc.errors(include_url=False))
        raise ScaffoldError(f"{what} kan ikke oprettes: {problems}", 2) from None


def write_new(root: Path, relative: Path, text: str) -> None:
    problem = name_problem(relative.as_posix())  # every new file passes here: never a name check refuses
    if problem is not None:
        raise ScaffoldError(f"Filen kan ikke oprettes. {problem}", 2)
    path = root / relative
    if path.exists():
        raise ScaffoldError(
            f"Filen {relative.as_posix()} findes allerede, og sspgen new overskriver aldrig. "
            "Ret den eksisterende fil, eller vælg et andet id."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"Filen {relative.as_posix()} findes allerede; den blev ikke overskrevet.") from None


def refuse_existing_id(folder: Path, entity_id: str, label: str, root: Path, hint: str = "Vælg et andet id med --id.") -> None:
    """``label`` with its article, fx «et møde»."""
    existing = entity_files(folder, entity_id)
    if existing:
        raise ScaffoldError(
            f"Der findes allerede {label} med id'et «{entity_id}» ({display(root, existing[0])}), "
            f"og sspgen new overskriver aldrig. {hint}"
        )
