"""Read and schema-validate every file of a municipality into KommuneData.

Each file is read once; a file that fails to read or validate is reported and left out, so
the cross-file rules still run on everything else and one run reports every problem.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..diagnostics import Diagnostic, Position, error
from ..model import KINDS, SIDE, Kind, Vokabular
from ..model.kommune import Kommune
from ..model.moede import Emnebank
from ..model.side import Side
from ..read.markdownfile import read_markdown
from ..read.document import SourceDocument
from ..read.yamlfile import read_yaml
from .files import Listing, list_kommune
from .schema import validate_document

if TYPE_CHECKING:
    from ..cache import ParseCache

T = TypeVar("T")

DEFAULT_VOCABULARY = Path(__file__).resolve().parent.parent / "defaults" / "vokabular.yaml"


@dataclass(frozen=True)
class Located(Generic[T]):
    """A validated entity and the document it came from (for positions in later messages)."""

    value: T
    source: SourceDocument

    def position(self, *loc: Any) -> Position:
        return self.source.position(tuple(loc))


@dataclass(frozen=True)
class Page:
    """A prose page: front matter, Markdown body and where the body starts."""

    id: str
    side: Side
    body: str
    body_line: int


@dataclass
class KommuneData:
    slug: str
    data_dir: Path
    content_dir: Path
    kommune: Located[Kommune] | None = None
    vokabular: Vokabular = field(default_factory=Vokabular)
    emnebank: Located[Emnebank] | None = None
    aktoerer: dict[str, Located[Any]] = field(default_factory=dict)
    fora: dict[str, Located[Any]] = field(default_factory=dict)
    kommissorier: dict[str, Located[Any]] = field(default_factory=dict)
    funktionsbeskrivelser: dict[str, Located[Any]] = field(default_factory=dict)
    planer: dict[str, Located[Any]] = field(default_factory=dict)
    evalueringer: dict[str, Located[Any]] = field(default_factory=dict)
    pensum: dict[str, Located[Any]] = field(default_factory=dict)
    moeder: dict[str, Located[Any]] = field(default_factory=dict)
    begivenheder: dict[str, Located[Any]] = field(default_factory=dict)
    sider: dict[str, Located[Page]] = field(default_factory=dict)
    sources: list[SourceDocument] = field(default_factory=list)
    """Every document read, for rules that scan all text (privacy)."""
    lokalt_vokabular: Located[Vokabular] | None = None
    """The municipality's own vokabular.yaml as validated, before it is merged with the defaults."""
    invalid: dict[str, set[str]] = field(default_factory=dict)
    """Per kind name, the ids (file names) of files that exist but failed to read or validate.
    Their errors are already reported; references to them are not reported again."""

    def exists_but_invalid(self, kind_name: str, entity_id: str) -> bool:
        return entity_id in self.invalid.get(kind_name, set())

    def failed(self, kind_name: str) -> bool:
        """A file of this kind exists but failed (for the single files: kommune.yaml,
        vokabular.yaml, emnebank.yaml). What it would have defined is unknown, so rules do not
        report references into it: its own errors are the ones to fix first."""
        return bool(self.invalid.get(kind_name))


def load_kommune(root: Path, slug: str, cache: ParseCache | None = None,
                 listing: Listing | None = None) -> tuple[KommuneData, list[Diagnostic]]:
    """Read and validate one municipality. With a parse cache, unchanged files are not read.
    Only the files of the listing (files.py) are read: no link, no badly named file."""
    data_dir = root / "data" / slug
    content_dir = root / "content" / slug
    data = KommuneData(slug, data_dir, content_dir)
    listing = listing if listing is not None else list_kommune(root, slug)
    diagnostics: list[Diagnostic] = list(listing.problems)
    for kind_name, ids in listing.refused.items():
        data.invalid.setdefault(kind_name, set()).update(ids)
    local_vocabulary: Vokabular | None = None

    for kind in KINDS:
        for file in listing.files[kind.name]:
            document, located, problems = _load_file(root, file, kind, cache)
            diagnostics += problems
            if document is not None:
                data.sources.append(document)  # privacy scans it even when the schema fails
            if located is None:
                data.invalid.setdefault(kind.name, set()).add(file.stem)
                continue
            if kind.filename is not None:
                if kind.name == "vokabular":
                    local_vocabulary = located.value
                    data.lokalt_vokabular = located
                else:
                    setattr(data, kind.name, located)
            else:
                diagnostics += _add_keyed(getattr(data, kind.name), located, file, kind)
        if kind.required and kind.filename and not listing.files[kind.name] and kind.name not in listing.refused:
            # What the missing file would list (documents, contacts …) is unknown: no cascade.
            data.invalid.setdefault(kind.name, set()).add(kind.name)
            diagnostics.append(
                error(
                    _display(root, data_dir / kind.filename),
                    Position(),
                    "fil.mangler",
                    f"Filen {kind.filename} mangler. Hver kommune skal have en {kind.filename} "
                    f"med mindst slug og navn.",
                )
            )

    data.vokabular = _merge(default_vocabulary(), local_vocabulary)
    diagnostics += _load_pages(root, data, listing.pages)
    return data, diagnostics


def _display(root: Path, file: Path) -> str:
    prefix = str(root) + os.sep
    text = str(file)
    if prefix != "." + os.sep and text.startswith(prefix):
        return text[len(prefix):].replace(os.sep, "/")
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def yaml_files(root: Path, slug: str, listing: Listing | None = None) -> list[tuple[Path, str]]:
    """Every YAML file load_kommune reads, with its display path (for the parse cache)."""
    listing = listing if listing is not None else list_kommune(root, slug)
    return [(file, _display(root, file)) for kind in KINDS for file in listing.files[kind.name]]


def _load_file(
    root: Path, file: Path, kind: Kind, cache: ParseCache | None = None
) -> tuple[SourceDocument | None, Located[Any] | None, list[Diagnostic]]:
    if cache is not None:
        document, problems = cache.read(file, _display(root, file))
    else:
        document, problems = read_yaml(file, _display(root, file))
    if document is None:
        return None, None, problems
    value, schema_problems = validate_document(kind.model, document)
    problems = problems + schema_problems
    return document, (Located(value, document) if value is not None else None), problems


def _add_keyed(target: dict[str, Located[Any]], located: Located[Any], file: Path, kind: Kind) -> list[Diagnostic]:
    entity_id = located.value.id
    path = located.source.path
    problems = []
    if file.stem != entity_id:
        problems.append(
            error(
                path,
                located.position("id"),
                "id.filnavn",
                f"Id'et «{entity_id}» passer ikke med filnavnet «{file.name}». "
                f"Omdøb filen til «{entity_id}.yaml», eller ret id'et til «{file.stem}».",
            )
        )
    if entity_id in target:
        first = target[entity_id].source.path
        problems.append(
            error(
                path,
                located.position("id"),
                "id.dublet",
                f"Der findes allerede en {kind.label} med id'et «{entity_id}» (i {first}). "
                f"Hvert id må kun bruges én gang.",
            )
        )
        return problems
    target[entity_id] = located
    return problems


def _load_pages(root: Path, data: KommuneData, pages: list[Path]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for file in pages:
        document, read_problems = read_markdown(file, _display(root, file))
        problems += read_problems
        if document is None:
            continue
        data.sources.append(document.front_matter)
        side, schema_problems = validate_document(SIDE.model, document.front_matter)
        problems += schema_problems
        if side is None:
            continue
        page = Page(file.stem, side, document.body, document.body_line)
        data.sider[file.stem] = Located(page, document.front_matter)
    return problems


@cache
def default_vocabulary() -> Vokabular:
    document, problems = read_yaml(DEFAULT_VOCABULARY, "sspgen/defaults/vokabular.yaml")
    assert document is not None and not problems, problems  # shipped with the package
    value, schema_problems = validate_document(Vokabular, document)
    assert value is not None, schema_problems
    return value


def _merge(base: Vokabular, local: Vokabular | None) -> Vokabular:
    """The municipality's own values extend the defaults; the same id replaces the default.

    A replacement may be stricter, never weaker: a default marked ``kun_metadata`` stays so
    (privacy rule ``privatliv.kun-metadata-vokabular`` reports an attempt to switch it off)."""
    if local is None:
        return base
    merged: dict[str, Any] = {}
    for name in Vokabular.model_fields:
        values = {item.id: item for item in getattr(base, name)}
        for item in getattr(local, name):
            default = values.get(item.id)
            if default is not None and default.kun_metadata and not item.kun_metadata:
                item = item.model_copy(update={"kun_metadata": True})
            if default is not None and item.orden is None and default.orden is not None:
                item = item.model_copy(update={"orden": default.orden})  # a renamed level keeps its place
            values[item.id] = item
        merged[name] = list(values.values())
    # Levels top to bottom by «orden» (data decides, so a municipality's «taktisk» with orden 25
    # lands between strategic and coordinating); levels without one keep their order, last.
    merged["niveauer"] = sorted(merged["niveauer"], key=lambda b: (b.orden is None, b.orden or 0))
    return Vokabular(**merged)
