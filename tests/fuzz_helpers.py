"""The mutation fuzzer behind tests/test_fuzz.py: a copy of the examples, mutations of their
files, and the checks every run's diagnostics must pass.

A mutation is what a careless editor or an attacker does to one file: a key deleted or
misspelt, a value of the wrong type, a typo in an id or a reference, a huge or odd number, an
extreme date, a list where a mapping belongs, odd Unicode, an empty or truncated file,
duplicate keys, a file deleted or renamed. Structural mutations edit the file's parsed tree
(read with sspgen's own reader, written back with the YAML safe dumper); text mutations edit
the bytes.
"""

from __future__ import annotations

import copy
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from hypothesis import strategies as st

from sspgen.diagnostics import Diagnostic
from sspgen.model import KINDS
from sspgen.read.markdownfile import parse_markdown
from sspgen.read.yamlfile import parse_yaml

REPO = Path(__file__).resolve().parent.parent
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
CONTENT = "content"
"""The kind name used here for content pages (their front matter is what is mutated)."""


@dataclass(frozen=True)
class Target:
    slug: str
    path: str
    """Display path, relative to the repository root, as diagnostics name it."""
    kind: str


class Corpus:
    """A writable copy of the examples and the original bytes of every file in it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.targets: dict[str, list[Target]] = {}
        """Per kind: every file of that kind in every example municipality."""
        self.original: dict[str, bytes] = {}

    def __repr__(self) -> str:  # Hypothesis prints the fixtures of a failing example
        return f"Corpus({self.root})"

    def restore(self, paths: list[str]) -> None:
        for path in paths:
            file = self.root / path
            for stray in file.parent.glob("*"):
                if stray.is_file() and stray.name not in self._names(file.parent):
                    stray.unlink()
            file.write_bytes(self.original[path])

    def _names(self, folder: Path) -> set[str]:
        prefix = folder.relative_to(self.root).as_posix() + "/"
        return {p[len(prefix):] for p in self.original if p.startswith(prefix) and "/" not in p[len(prefix):]}


def make_corpus(root: Path) -> Corpus:
    """Copy data/ and content/ of the repository into `root` and index the files by kind."""
    for name in ("data", CONTENT):
        shutil.copytree(REPO / name, root / name)
    corpus = Corpus(root)
    folders = {kind.folder: kind.name for kind in KINDS if kind.folder}
    singles = {kind.filename: kind.name for kind in KINDS if kind.filename}
    for file in sorted(root.glob("data/*/**/*.yaml")) + sorted(root.glob(f"{CONTENT}/*/*.md")):
        path = file.relative_to(root).as_posix()
        parts = path.split("/")
        slug = parts[1]
        kind = CONTENT if parts[0] == CONTENT else singles.get(parts[2]) or folders.get(parts[2])
        if kind is None:
            continue
        corpus.targets.setdefault(kind, []).append(Target(slug, path, kind))
        corpus.original[path] = file.read_bytes()
    return corpus


# ---- the tree of a file ------------------------------------------------------------------

def split(target: Target, data: bytes) -> tuple[Any, str]:
    """The parsed tree of a file (its front matter for a page) and the page body ("" for YAML)."""
    if target.kind == CONTENT:
        document, _ = parse_markdown(data, target.path)
        assert document is not None, f"{target.path} is not valid in the examples"
        return document.front_matter.data, document.body
    document, _ = parse_yaml(data, target.path)
    assert document is not None, f"{target.path} is not valid in the examples"
    return document.data, ""


def join(target: Target, tree: Any, body: str) -> bytes:
    # libyaml's emitter (a test writing its own input; the files are read by sspgen's reader).
    text = yaml.dump(tree, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=1_000_000)
    if target.kind == CONTENT:
        text = f"---\n{text}---\n{body}"
    return text.encode("utf-8")


def leaves(tree: Any, loc: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every location in the tree (mappings, lists and scalars), the root first."""
    found = [(loc, tree)]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += leaves(value, loc + (key,))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += leaves(value, loc + (index,))
    return found


def get(tree: Any, loc: tuple) -> Any:
    for part in loc:
        tree = tree[part]
    return tree


def put(tree: Any, loc: tuple, value: Any) -> Any:
    """The tree with the value at `loc` replaced (the root itself when `loc` is empty)."""
    if not loc:
        return value
    get(tree, loc[:-1])[loc[-1]] = value
    return tree


# ---- values a careless editor or an attacker writes -------------------------------------

ODD_NUMBERS = [
    "366", "1440", "10000", "99", "1", "2100", "1990",  # the largest and smallest allowed
    "9" * 5000, "-" + "9" * 5000, "9" * 4301, "99999999999999999999", "-1", "0", "-0", "1e308",
    "1e3", "0x10", "0o17", "1_000", "3.5", "nan", "inf", "-inf", "٣", "１２", "²", "+7", " 7 ", "",
]
EXTREME_DATES = [
    "1990-01-01", "2100-12-31", "2024-02-29",  # allowed, at the edges
    "9999-12-31", "0001-01-01", "0000-01-01", "1899-12-31", "1989-12-31", "2101-01-01",
    "2024-02-30", "2023-02-29", "2025-13-01", "2025-00-10", "2025-1-1", "20250101",
    "2025-01-01T10:00", "31-12-2025", "2025-12-31 ", "١٩٩٩-٠١-٠١",
]
ODD_TEXT = [
    "", " ", "\u200b", "e\u0301", "\u202eevil", "\ufb01", "😀", "\u00a0", "a" * 5000, "ø" * 300,
    "Ⅻ", "İ", "ß", "\u0130stanbul", "null", "~", "ja", "nej", "---", "{{ x }}", "[[x]]",
    "<script>x</script>", "../../etc/passwd", "%s", "{0}", "\\", "'", '"', "#",
]
ODD_TYPES: list[Any] = [None, [], {}, ["a"], {"a": "b"}, [[]], [{}], {"id": None}, [None]]
ODD_KEYS = ["", " ", "Id", "ID", "navn ", "n\u0101vn", "id\u200b", "0", "-", "x" * 200, "æøå"]


def typo(value: str) -> list[str]:
    """The misspellings of an id a hurried editor makes (one character off)."""
    if not value:
        return ["x"]
    return [
        value + "x", value[:-1], value[1:], value[:1] + value, value.upper(), value + "-",
        value.replace("-", "_"), value.replace("oe", "ø").replace("ae", "æ") or "ø",
        value[:-2] + value[-1:] + value[-2:-1] if len(value) > 1 else value + value,
        value + "\u200b", "-" + value, value + " ",
    ]


ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


# ---- mutations ---------------------------------------------------------------------------

Mutation = Callable[[st.DataObject, Any], Any]


def _pick(data: st.DataObject, tree: Any, want: Callable[[tuple, Any], bool]) -> tuple | None:
    found = [loc for loc, value in leaves(tree) if want(loc, value)]
    return data.draw(st.sampled_from(found)) if found else None


def delete_key(data: st.DataObject, tree: Any) -> Any:
    loc = _pick(data, tree, lambda loc, value: bool(loc) and isinstance(loc[-1], str))
    if loc is not None:
        del get(tree, loc[:-1])[loc[-1]]
    return tree


def rename_key(data: st.DataObject, tree: Any) -> Any:
    loc = _pick(data, tree, lambda loc, value: bool(loc) and isinstance(loc[-1], str))
    if loc is None:
        return tree
    owner = get(tree, loc[:-1])
    new = data.draw(st.sampled_from(typo(loc[-1]) + ODD_KEYS))
    owner[new] = owner.pop(loc[-1])  # may also land on an existing key: the value is replaced
    return tree


def change_type(data: st.DataObject, tree: Any) -> Any:
    loc = _pick(data, tree, lambda loc, value: True)
    odd = copy.deepcopy(data.draw(st.sampled_from(ODD_TYPES + ODD_TEXT[:3])))  # later steps may edit it
    return put(tree, loc, odd)  # type: ignore[arg-type]


def swap_list_dict(data: st.DataObject, tree: Any) -> Any:
    loc = _pick(data, tree, lambda loc, value: isinstance(value, (list, dict)))
    if loc is None:
        return tree  # the whole file is a scalar by now
    value = get(tree, loc)
    if isinstance(value, list):
        swapped: Any = {str(index): item for index, item in enumerate(value)} or {"x": "y"}
    else:
        swapped = [value] if data.draw(st.booleans()) else [[k, v] for k, v in value.items()]
    return put(tree, loc, swapped)


def typo_in_id(data: st.DataObject, tree: Any) -> Any:
    """A one-character typo in an id or a reference (any value that looks like one)."""
    loc = _pick(data, tree, lambda loc, value: isinstance(value, str) and bool(ID_LIKE.match(value)))
    if loc is None:
        return tree
    return put(tree, loc, data.draw(st.sampled_from(typo(get(tree, loc)))))


def other_id(data: st.DataObject, tree: Any, ids: list[str]) -> Any:
    """A reference to an id that exists, but may be of another kind (a school ↔ a forum)."""
    loc = _pick(data, tree, lambda loc, value: isinstance(value, str) and bool(ID_LIKE.match(value)))
    if loc is None or not ids:
        return tree
    return put(tree, loc, data.draw(st.sampled_from(ids)))


def odd_number(data: st.DataObject, tree: Any) -> Any:
    loc = _pick(data, tree, lambda loc, value: isinstance(value, str) and value.strip().lstrip("-").isdigit())
    loc = loc or _pick(data, tree, lambda loc, value: isinstance(value, str))
    if loc is None:
        return tree
    return put(tree, loc, data.draw(st.sampled_from(ODD_NUMBERS)))


def extreme_date(data: st.DataObject, tree: Any) -> Any:
    loc = _pick(data, tree, lambda loc, value: isinstance(value, str) and bool(re.match(r"\d{4}-\d\d-\d\d", value)))
    loc = loc or _pick(data, tree, lambda loc, value: isinstance(value, str))
    if loc is None:
        return tree
    return put(tree, loc, data.draw(st.sampled_from(EXTREME_DATES)))


def odd_text(data: st.DataObject, tree: Any) -> Any:
    loc = _pick(data, tree, lambda loc, value: isinstance(value, str))
    if loc is None:
        return tree
    value = get(tree, loc)
    odd = data.draw(st.sampled_from(ODD_TEXT))
    where = data.draw(st.sampled_from(["replace", "prefix", "suffix"]))
    return put(tree, loc, odd if where == "replace" else odd + value if where == "prefix" else value + odd)


def duplicate_item(data: st.DataObject, tree: Any) -> Any:
    loc = _pick(data, tree, lambda loc, value: isinstance(value, list) and bool(value))
    if loc is not None:
        items = get(tree, loc)
        items.append(copy.deepcopy(items[data.draw(st.integers(0, len(items) - 1))]))
    return tree


def odd_body(data: st.DataObject, body: str, ids: list[str]) -> str:
    """A page body with a shortcode paragraph: known kinds with odd arguments, unknown kinds."""
    kind = data.draw(st.sampled_from(["kontakter", "dokument", "kontakt", "Dokument", "x"]))
    arg = data.draw(st.sampled_from(ids + ODD_TEXT[:12] + ["a" * 300]))
    at = data.draw(st.sampled_from(["start", "end", "fence"]))
    code = f"[[{kind}: {arg}]]"
    if at == "fence":
        return f"{body}\n```\n{code}\n"  # an unclosed fence around it
    return f"{code}\n\n{body}" if at == "start" else f"{body}\n\n{code}\n"


TREE_MUTATIONS: list[Mutation] = [
    delete_key, rename_key, change_type, swap_list_dict, typo_in_id, odd_number, extreme_date,
    odd_text, duplicate_item,
]


TEXT_MUTATIONS = ["empty", "blank", "truncate", "duplicate-key", "bytes", "crlf", "bom", "huge-line"]
ODD_BYTES = [b"\x00", b"\xff", b"\t", b"\xc3", b"\xe2\x80\xa8", b": ", b"- ", b"&a ", b"*a", b"!!int "]


def text_mutation(data: st.DataObject, original: bytes) -> bytes:
    """A mutation of the bytes: empty, truncated, duplicate keys, odd bytes, other line breaks."""
    how = data.draw(st.sampled_from(TEXT_MUTATIONS))
    if how == "empty":
        return b""
    if how == "blank":
        return b"\n  \n# kun en kommentar\n"
    if how == "truncate":
        return original[:data.draw(st.integers(0, len(original)))]
    if how == "duplicate-key":
        keys = re.findall(rb"^[a-z_]+:.*$", original, flags=re.M)
        line = data.draw(st.sampled_from(keys)) if keys else b"id: x"
        return original.rstrip(b"\n") + b"\n" + line + b"\n" if not original.startswith(b"---") \
            else original.replace(b"\n---\n", b"\n" + line + b"\n---\n", 1)
    if how == "bytes":
        at = data.draw(st.integers(0, len(original)))
        odd = data.draw(st.sampled_from(ODD_BYTES))
        return original[:at] + odd + original[at:]
    if how == "crlf":
        return original.replace(b"\n", b"\r\n")
    if how == "bom":
        return b"\xef\xbb\xbf" + original
    return original + b"x: " + b"9" * 200_000 + b"\n"


@dataclass
class Mutated:
    """What one example did: the files it changed and how (for the failure report)."""

    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


def mutate(data: st.DataObject, corpus: Corpus, target: Target, ids: list[str], record: Mutated) -> None:
    """Apply one to three mutations to `target` in the corpus (or delete / rename the file)."""
    file = corpus.root / target.path
    how = data.draw(st.sampled_from(["tree"] * 6 + ["text", "delete", "rename"]))
    record.steps.append(f"{target.path}: {how}")
    if how == "delete":
        file.unlink()
        record.removed.append(target.path)
        return
    if how == "rename":
        new = data.draw(st.sampled_from(typo(file.stem)))
        renamed = file.with_name(new + file.suffix)
        if renamed.exists() or not new.strip("-_ .\u200b"):
            return
        file.rename(renamed)
        record.removed.append(target.path)
        record.changed.append(renamed.relative_to(corpus.root).as_posix())
        return
    record.changed.append(target.path)
    if how == "text":
        file.write_bytes(text_mutation(data, file.read_bytes()))
        return
    tree, body = split(target, file.read_bytes())
    if target.kind == CONTENT and data.draw(st.booleans()):
        body = odd_body(data, body, ids)
    for _ in range(data.draw(st.integers(1, 3))):
        mutation = data.draw(st.sampled_from(TREE_MUTATIONS + [other_id]))
        record.steps.append(f"  {mutation.__name__}")
        tree = mutation(data, tree, ids) if mutation is other_id else mutation(data, tree)
    file.write_bytes(join(target, tree, body))


# ---- what every diagnostic must be -------------------------------------------------------

ENGLISH = re.compile(
    r"\b(error|errors|invalid|input|should|field required|value is not|traceback|unable|exceeds|"
    r"expected|must|got|none|object|string|integer|unexpected|not a valid|limit|the|is|of)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"«[^»]*»|'[^']*'")
"""User text is quoted «like this» (or 'like this' in YAML syntax messages); not our words."""


def english_in(message: str) -> list[str]:
    return ENGLISH.findall(QUOTED.sub("", message))


def problems(diagnostics: list[Diagnostic], root: Path, removed: list[str]) -> list[str]:
    """Every way a diagnostic falls short: no path, a position outside the file, English."""
    found = []
    for d in diagnostics:
        where = f"{d.path}:{d.line}:{d.column} [{d.code}] {d.message[:300]}"
        if not d.path or d.path.startswith("/") or "\\" in d.path:
            found.append(f"no relative path: {where}")
        if d.line < 1 or d.column < 1:
            found.append(f"line or column below 1: {where}")
        file = root / d.path
        if file.is_file() and d.path not in removed:
            lines = file.read_bytes().decode("utf-8", "replace")
            count = len(re.findall(r"\r\n|\r|\n", lines)) + 1
            if d.line > count:
                found.append(f"line {d.line} beyond the file's {count} lines: {where}")
        if not d.code or not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", d.code):
            found.append(f"no code: {where}")
        if not d.message.strip() or english_in(d.message):
            found.append(f"not Danish ({english_in(d.message)}): {where}")
    return found


def failed_itself(diagnostics: list[Diagnostic], path: str) -> bool:
    """The file could not be read or did not match its schema (it is left out of the data)."""
    return any(d.path == path and d.is_error and d.code.split(".")[0] in ("yaml", "skema", "markdown")
               for d in diagnostics)


