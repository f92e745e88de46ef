"""Values that YAML 1.2 tools read as another type than sspgen does.

sspgen reads every scalar as text; editors with the JSON Schema, check-jsonschema and Decap CMS
read YAML 1.2, where an unquoted ``13.00`` is the number 13 and ``2024`` an integer. Such a
value works in sspgen but is marked red in the editor and shows as ``13`` in the form. The
rule and ``sspgen fmt`` use the same finder (sspgen/yamlfmt.py), so fmt fixes every warning.

Codes:

* ``yaml.tvetydig`` (warning; an error with ``--strict``): an unquoted value that YAML 1.2
  reads as a number, yes/no or null where sspgen reads text, or a quoted number where the
  field is a number (editors then see text).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ...diagnostics import Diagnostic, Position, warning
from ...read.document import SourceDocument
from ..load import KommuneData

_PACKAGE = Path(__file__).resolve().parent.parent.parent
# The parse cache's fingerprint covers the models and the rules; the finder lives outside them.
_VERSION = hashlib.blake2b(b"".join((_PACKAGE / name).read_bytes() for name in (
    "yamlstyle.py", "yamlfmt.py", "schema_export.py", "commands/fmt.py")), digest_size=8).hexdigest()
_TYPE_NAMES = {"integer": "et heltal", "number": "et tal", "boolean": "en sand/falsk-værdi", "null": "ingen værdi"}


def check_ambiguous(data: KommuneData) -> list[Diagnostic]:
    from ...commands.fmt import schema_for_path

    root = data.data_dir.parent.parent
    clean_key = ("tvetydig", _VERSION)
    out: list[Diagnostic] = []
    for source in data.sources:
        flags = getattr(source, "flags", None)
        if flags is not None and clean_key in flags:
            continue
        file = root / source.path
        found = _scan(source, file, schema_for_path(file))
        out += found
        if flags is not None and not found:
            flags.add(clean_key)
    return out


def _scan(source: SourceDocument, file: Path, schema: dict | None) -> list[Diagnostic]:
    from ...yamlfmt import ambiguous_values

    try:
        text = file.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return []
    offset = 0
    if file.suffix == ".md":
        lines = text.splitlines(keepends=True)
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n").rstrip(" \t") == "---"), None)
        if close is None:
            return []
        text, offset = "".join(lines[1:close]), 1
    try:
        found = ambiguous_values(text, schema)
    except Exception:  # the reader accepted the file; a libyaml surprise must not stop check
        return []
    return [warning(source.path, Position(item.line + 1 + offset, item.column + 1), "yaml.tvetydig",
                    _message(item.text, item.yaml_type)) for item in found]


def _message(text: str, yaml_type: str) -> str:
    from ...yamlstyle import yaml12_type

    if yaml_type == "string":  # a quoted number or yes/no where the field wants one
        wanted = _TYPE_NAMES.get(yaml12_type(text), "et tal")
        return (f"Værdien «{text}» står i anførselstegn, så editorer og redigeringsformularen læser den "
                f"som tekst, men feltet skal være {wanted}. Skriv den uden anførselstegn; «sspgen fmt» "
                "retter det for dig.")
    return (f"Værdien {text} står uden anførselstegn, så editorer og redigeringsformularen (YAML 1.2) "
            f"læser den som {_TYPE_NAMES[yaml_type]}, mens sspgen læser den som tekst. Sæt den i "
            f"anførselstegn: \"{text}\"; «sspgen fmt» retter det for dig.")
