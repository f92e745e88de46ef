"""`sspgen fmt [--check] [PATH]`: every data file in the one canonical format (sspgen/yamlfmt.py).

PATH is the repository (its data/ and content/ are formatted), a folder inside it, or one
file. A file that sspgen cannot read is never touched: its located errors are printed instead,
and the command exits 1. Files are replaced atomically (a temporary file in the same folder,
then a rename), so an interrupted run leaves each file either old or new.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

_SUFFIXES = (".yaml", ".md")


def add_parser(commands: argparse._SubParsersAction) -> None:
    fmt = commands.add_parser(
        "fmt",
        help="skriv alle YAML-filer og forsider (front matter) i sspgens ene faste format",
        description="Skriver YAML-filerne under data/ og forsiderne (front matter) i content/ i det faste "
                    "format, som sspgen new og redigeringsformularen også skriver. Kommentarer bevares, og "
                    "dataenes betydning ændres ikke.",
    )
    fmt.add_argument("path", nargs="?", default=".",
                     help="repositoriet, en mappe i det eller én fil (standard: .)")
    fmt.add_argument("--check", action="store_true",
                     help="ret intet; vis de filer, der ikke står i det faste format, og afslut med 1")
    fmt.set_defaults(run=run)


@dataclass
class Outcome:
    changed: list[tuple[str, int]]
    """(display path, first line that differs)"""
    unreadable: int
    total: int


def run(args: argparse.Namespace) -> int:
    target = Path(args.path)
    if not target.exists():
        print(f"sspgen: «{target}» findes ikke.", file=sys.stderr)
        return 2
    outcome = format_files(target, check=args.check)
    if outcome.total == 0:
        print(f"sspgen: der er ingen YAML- eller Markdown-filer under «{target}».", file=sys.stderr)
        return 2
    if args.check:
        for path, line in outcome.changed:
            print(f"{path}:{line}:1: fejl [fmt.ikke-formateret] Filen står ikke i det faste format "
                  f"(første forskel på linje {line}). Kør «sspgen fmt» for at rette den.")
        if outcome.changed:
            print(f"{len(outcome.changed)} af {outcome.total} filer står ikke i det faste format; "
                  "«sspgen fmt» retter dem.", file=sys.stderr)
        else:
            print(f"Alle {outcome.total} filer står i det faste format.", file=sys.stderr)
    else:
        print(f"Formaterede {len(outcome.changed)} af {outcome.total} filer.", file=sys.stderr)
    if outcome.unreadable:
        print(f"{outcome.unreadable} fil(er) kunne ikke læses og er ikke ændret; ret fejlene ovenfor.",
              file=sys.stderr)
    return 1 if outcome.unreadable or (args.check and outcome.changed) else 0


def format_files(target: Path, *, check: bool) -> Outcome:
    from .. import diagnostics as diag

    outcome = Outcome([], 0, 0)
    for file in _files(target):
        outcome.total += 1
        display = _display(file)
        original = file.read_bytes()
        formatted, problems = canonical(original, file, display)
        if formatted is None:
            outcome.unreadable += 1
            for problem in problems:
                print(diag.format_text(problem))
            continue
        if formatted != original:
            outcome.changed.append((display, _first_difference(original, formatted)))
            if not check:
                _replace(file, formatted)
    return outcome


def _first_difference(old: bytes, new: bytes) -> int:
    for number, (a, b) in enumerate(zip(old.splitlines(), new.splitlines()), start=1):
        if a != b:
            return number
    return min(len(old.splitlines()), len(new.splitlines())) + 1


def canonical(data: bytes, file: Path, display: str) -> tuple[bytes | None, list[Any]]:
    """The canonical bytes of one file, or (None, located Danish errors) if it cannot be read."""
    from ..diagnostics import Position, error
    from ..read.markdownfile import parse_markdown
    from ..read.yamlfile import parse_yaml
    from ..yamlfmt import FormatError, format_yaml

    schema = schema_for_path(file)
    try:
        if file.suffix == ".md":
            document, problems = parse_markdown(data, display)
            if document is None:
                return None, problems
            return _markdown(_text(data), schema, display).encode("utf-8"), []
        document, problems = parse_yaml(data, display)
        if document is None:
            return None, problems
        return format_yaml(_text(data), schema, display).encode("utf-8"), []
    except FormatError as exc:
        return None, [error(display, Position(1, 1), "fmt.intern",
                            f"Filen kunne ikke formateres uden at ændre data eller kommentarer ({exc}). "
                            "Den er ikke ændret. Det er en fejl i sspgen; meld den gerne.")]


def _text(data: bytes) -> str:
    """The file's text; a byte order mark (which the reader allows first) is dropped."""
    return data.decode("utf-8").removeprefix("\ufeff")


def _markdown(text: str, schema: dict[str, Any] | None, display: str) -> str:
    """Only the front matter is formatted; the body stays byte for byte as it is."""
    from ..yamlfmt import format_yaml

    lines = text.splitlines(keepends=True)
    close = next(index for index in range(1, len(lines)) if lines[index].rstrip("\r\n").rstrip(" \t") == "---")
    front = "".join(lines[1:close])
    formatted = format_yaml(front, schema, display) if front.strip() else ""
    return "---\n" + formatted + "---\n" + "".join(lines[close + 1:])


def _files(target: Path) -> Iterator[Path]:
    """The YAML and Markdown files to format, in path order; links are never followed."""
    if target.is_file():
        if target.suffix in _SUFFIXES:
            yield target
        return
    tops = [target / "data", target / "content"] if (target / "data").is_dir() else [target]
    for top in tops:
        if not top.is_dir() or top.is_symlink():
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "filer")
            for name in sorted(files):
                path = Path(folder) / name
                if name.startswith(".") or path.suffix not in _SUFFIXES:
                    continue
                if path.suffix == ".yaml" or _under(path, "content"):
                    if stat.S_ISREG(os.lstat(path).st_mode):
                        yield path


def _under(path: Path, top: str) -> bool:
    return top in path.resolve().parts


def _display(file: Path) -> str:
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def schema_for_path(file: Path) -> dict[str, Any] | None:
    """The JSON Schema of the kind a file holds, from where it lies under data/ or content/."""
    parts = file.resolve().parts
    if "data" in parts or "content" in parts:
        top = max(index for index, part in enumerate(parts) if part in ("data", "content"))
        below = parts[top + 1:]
        if parts[top] == "content" and len(below) == 2 and file.suffix == ".md":
            return _schema("sider")
        if parts[top] == "data" and len(below) in (2, 3):
            from ..validate.files import FILES, FOLDERS

            kind = FILES.get(below[1]) if len(below) == 2 else FOLDERS.get(below[1])
            return _schema(kind.name) if kind is not None else None
    return None


@lru_cache(maxsize=None)
def _schema(name: str) -> dict[str, Any]:
    from ..model import KIND_BY_NAME
    from ..schema_export import schema_for

    return schema_for(KIND_BY_NAME[name])


def _replace(file: Path, data: bytes) -> None:
    """Write atomically, keeping the file's permission bits."""
    mode = stat.S_IMODE(os.stat(file).st_mode)
    handle, temp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, file)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
