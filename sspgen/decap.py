"""Decap CMS: an editing form for staff who do not use git, generated from the data model.

``decap_config`` turns the Pydantic models into Decap's ``config.yml``: one folder
collection per kind kept one entity a file (slug = id), one file collection for
kommune.yaml, vokabular.yaml and emnebank.yaml, a folder collection for the prose pages.
Widgets follow the field types (text, Markdown, yes/no, date, number, choice, list, group),
labels are the Danish field names, hints the Danish field descriptions, and «required»
follows the model, so the forms can never disagree with `sspgen check`.
``publish_mode: editorial_workflow`` makes every save a pull/merge request.

``admin_files`` gives the admin folder's files (config.yml, index.html and, when installed
with npm, the self-hosted decap-cms.js: no CDN); `sspgen build` adds them to every intranet,
and ``write_admin`` (`sspgen decap`) writes them with explicit backend settings.
"""

from __future__ import annotations

import os
import re
import shutil
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, time
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .diff.labels import GROUP_HEADINGS, field_label
from .model import KINDS, SIDE, Kind
from .model.base import ID_PATTERN
from .model.organisation import FAELLES_PATTERN
from .resources import SOURCE_ROOT, decap_bundle, node_modules
from .validate.files import MEDIA_FOLDER

Backend = Literal["github", "gitlab", "forgejo", "gitea"]
BACKENDS: tuple[str, ...] = ("github", "gitlab", "forgejo", "gitea")
WORKFLOW_BACKENDS = ("github", "gitlab", "forgejo")
"""Decap's «gitea» backend has no editorial workflow; its «forgejo» backend has."""

DECAP_DIST = node_modules(SOURCE_ROOT) / "decap-cms" / "dist"
"""The npm package's prebuilt bundle (decap-cms.js, its lazily loaded chunks and wasm files) of
sspgen itself: the source checkout's node_modules, or the copy inside an installed wheel."""


def decap_files(dist: Path = DECAP_DIST) -> list[Path]:
    """The files of the self-hosted bundle (no source maps), or [] when not installed."""
    return decap_bundle(dist)

TIME_PATTERN = [r"^(kl\. ?)?\d{1,2}[.:]\d{2}$", "Skriv et klokkeslæt som 15.00."]
ID_RULE = [ID_PATTERN, "Kun små bogstaver a-z, tal og bindestreger (æ→ae, ø→oe, å→aa), fx netvaerk-oester."]
URL_RULE = [r"^https?://\S+$", "Skriv en webadresse, der begynder med https://."]
FAELLES_RULE = [FAELLES_PATTERN, "Skriv kommunens mappenavn og forummets id med / imellem, fx naboby/bandepartnerskab."]
HTTPS_RULE = [r"^https://[^\s?#]+$", "Skriv en webadresse, der begynder med https:// (uden ? og #)."]

FORM_REQUIRED = {("Maalgruppe", "beskrivelse"), ("Deltager", "aktoer"), ("Rapportering", "til")}
"""Fields the form requires although the model does not, because the model requires one of
several (Maalgruppe: klassetrin, alder or beskrivelse; Deltager: aktoer or aktoertype) and a
form cannot say «one of»."""

ALTERNATIVES = {("Deltager", "aktoertype"): "aktoer", ("Deltager", "forum"): "aktoer", ("Rapportering", "til_forum"): "til"}
"""Fields that replace another: a form user fills one of the two. A form cannot forbid filling
both, so the field's description (its hint) says it, and `sspgen check` reports it if it happens."""

FILE_KINDS = ("kommune", "vokabular", "emnebank")


@dataclass(frozen=True)
class BackendSettings:
    name: Backend = "github"
    repo: str = "OWNER/REPO"
    """owner/name of the repository on the git host."""
    branch: str = "main"
    base_url: str | None = None
    """Root of a self-hosted GitLab/Forgejo/Gitea, or an OAuth proxy for GitHub."""
    app_id: str | None = None
    """The OAuth application's client id (GitLab, Forgejo, Gitea with PKCE login)."""


def backend_config(settings: BackendSettings) -> dict[str, Any]:
    backend: dict[str, Any] = {"name": settings.name, "repo": settings.repo, "branch": settings.branch}
    base = settings.base_url.rstrip("/") if settings.base_url else None
    if settings.name == "github":
        if base:
            backend["base_url"] = base
    elif settings.name == "gitlab":
        backend["auth_type"] = "pkce"
        if settings.app_id:
            backend["app_id"] = settings.app_id
        if base:
            backend["base_url"] = base
            backend["api_root"] = f"{base}/api/v4"
    else:
        if settings.app_id:
            backend["app_id"] = settings.app_id
        base = base or "https://codeberg.org"
        backend["base_url"] = base
        backend["api_root"] = f"{base}/api/v1"
    backend["commit_messages"] = {
        "create": "Opret {{collection}} «{{slug}}»",
        "update": "Ret {{collection}} «{{slug}}»",
        "delete": "Slet {{collection}} «{{slug}}»",
        "uploadMedia": "Upload «{{path}}»",
        "deleteMedia": "Slet «{{path}}»",
    }
    return backend


# --------------------------------------------------------------------------------------------
# Fields


def _raw_annotation(model: type[BaseModel], name: str) -> str:
    """The annotation as written in the source («Markdown | None»), to tell Markdown from Tekst."""
    for klass in model.__mro__:
        found = klass.__dict__.get("__annotations__", {}).get(name)
        if found is not None:
            return found if isinstance(found, str) else repr(found)
    return ""


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return annotation


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        for attribute in ("ge", "le", "min_length", "pattern"):
            value = getattr(item, attribute, None)
            if value is not None:
                found[attribute] = value
        if hasattr(item, "metadata"):  # a FieldInfo inside Annotated
            found.update(_constraints(list(item.metadata)))
    return found


def _unwrap(annotation: Any) -> tuple[Any, dict[str, Any]]:
    """The bare type and the constraints from Annotated[...] around it."""
    constraints: dict[str, Any] = {}
    annotation = _strip_optional(annotation)
    while get_origin(annotation) is typing.Annotated:
        base, *metadata = get_args(annotation)
        constraints.update(_constraints(metadata))
        annotation = _strip_optional(base)
    return annotation, constraints


def _scalar_widget(annotation: Any, constraints: dict[str, Any], raw: str) -> dict[str, Any]:
    if get_origin(annotation) is Literal:
        return {"widget": "select", "options": list(get_args(annotation))}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is date:
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD.MM.YYYY", "time_format": False, "picker_utc": True}
    if annotation is time:
        return {"widget": "string", "pattern": TIME_PATTERN}
    if annotation is int:
        widget: dict[str, Any] = {"widget": "number", "value_type": "int"}
        if "ge" in constraints:
            widget["min"] = constraints["ge"]
        if "le" in constraints:
            widget["max"] = constraints["le"]
        return widget
    if re.search(r"\bMarkdown\b", raw):
        return {"widget": "markdown", "buttons": ["bold", "italic", "link", "heading-three", "bulleted-list", "numbered-list"],
                "editor_components": [], "modes": ["rich_text", "raw"]}
    if constraints.get("pattern") == ID_PATTERN:
        return {"widget": "string", "pattern": ID_RULE}
    if constraints.get("pattern") == FAELLES_PATTERN:
        return {"widget": "string", "pattern": FAELLES_RULE}
    if re.search(r"\bUrl\b", raw):
        return {"widget": "string", "pattern": URL_RULE}
    if re.search(r"\bHttpsAdresse\b", raw):
        return {"widget": "string", "pattern": HTTPS_RULE}
    return {"widget": "string"}


def _label(name: str) -> str:
    text = field_label(name)
    return text[:1].upper() + text[1:]


def field_config(model: type[BaseModel], name: str, info: FieldInfo) -> dict[str, Any] | None:
    """One Decap field for one model field."""
    annotation, constraints = _unwrap(info.annotation)
    constraints.update(_constraints(list(info.metadata)))
    raw = _raw_annotation(model, name)
    required = info.is_required() or (model.__name__, name) in FORM_REQUIRED
    field: dict[str, Any] = {"name": name, "label": _label(name)}
    if get_origin(annotation) is list:
        item, item_constraints = _unwrap(get_args(annotation)[0])
        if isinstance(item, type) and _NESTING.count(item) >= MAX_SELF_NESTING:
            return None
        field["widget"] = "list"
        if isinstance(item, type) and issubclass(item, BaseModel):
            field["fields"] = fields_config(item)
            summary = next((f for f in ("navn", "titel", "rolle", "opgave", "tekst", "vaerdi") if f in item.model_fields), None)
            if summary:
                field["summary"] = "{{fields." + summary + "}}"
        else:
            inner_raw = re.sub(r"^\s*list\[(.*)\]\s*$", r"\1", raw)
            field["field"] = {"name": name, "label": _label(name), **_scalar_widget(item, item_constraints, inner_raw)}
        if constraints.get("min_length"):
            field["min"] = constraints["min_length"]
        required = required or bool(constraints.get("min_length"))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field["widget"] = "object"
        field["fields"] = fields_config(annotation)
        field["collapsed"] = not required
    else:
        field.update(_scalar_widget(annotation, constraints, raw))
        default = info.default
        if not required and field["widget"] == "select" and isinstance(default, str):
            field["default"] = default
    field["required"] = required
    if info.description:
        field["hint"] = info.description
    return field


_NESTING: list[type[BaseModel]] = []
"""The models whose fields are being configured, outermost first (see fields_config)."""

MAX_SELF_NESTING = 2
"""A model that contains itself (an agenda point's sub-points) is offered this many levels
deep in the form; Decap has no recursive widget, and deeper levels are written in the file."""


def fields_config(model: type[BaseModel]) -> list[dict[str, Any]]:
    _NESTING.append(model)
    try:
        fields = [field_config(model, name, info) for name, info in model.model_fields.items()]
    finally:
        _NESTING.pop()
    return [f for f in fields if f is not None]


# --------------------------------------------------------------------------------------------
# Collections


def _summary(model: type[BaseModel]) -> str:
    for name in ("navn", "titel", "rolle"):
        if name in model.model_fields:
            return "{{fields." + name + "}}"
    return "{{fields.id}}"


def _folder_collection(kind: Kind, slug: str) -> dict[str, Any]:
    return {
        "name": kind.name,
        "label": GROUP_HEADINGS.get(kind.name, kind.label),
        "label_singular": kind.label,
        "description": (kind.model.__doc__ or "").strip(),
        "folder": f"data/{slug}/{kind.folder}",
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        "delete": False,
        "identifier_field": "id",
        "slug": "{{fields.id}}",
        "summary": _summary(kind.model),
        "sortable_fields": [f for f in ("id", "navn", "titel", "dato") if f in kind.model.model_fields],
        "editor": {"preview": False},
        "fields": fields_config(kind.model),
    }


def _pages_collection(slug: str) -> dict[str, Any]:
    return {
        "name": SIDE.name,
        "label": GROUP_HEADINGS["sider"],
        "label_singular": SIDE.label,
        "description": "Tekstsider med forside (front matter) og brødtekst i Markdown.",
        "folder": f"content/{slug}",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "delete": False,
        "identifier_field": "titel",
        "slug": "{{slug}}",
        "summary": "{{fields.titel}}",
        "editor": {"preview": False},
        "fields": [*fields_config(SIDE.model), {"name": "body", "label": "Tekst", "widget": "markdown", "required": True,
                                               "hint": "Sidens tekst i Markdown."}],
    }


def _files_collection(slug: str) -> dict[str, Any]:
    kinds = [k for k in KINDS if k.name in FILE_KINDS]
    return {
        "name": "kommunen",
        "label": "Kommunen",
        "description": "Kommunens stamdata, egne vokabularer og emnebanken.",
        "editor": {"preview": False},
        "files": [
            {
                "name": kind.name,
                "label": kind.label[:1].upper() + kind.label[1:],
                "file": f"data/{slug}/{kind.filename}",
                "format": "yaml",
                "fields": fields_config(kind.model),
            }
            for kind in kinds
        ],
    }


def decap_config(slug: str, settings: BackendSettings | None = None) -> dict[str, Any]:
    """The whole config.yml for one municipality, as a dict."""
    settings = settings or BackendSettings()
    config: dict[str, Any] = {"backend": backend_config(settings)}
    if settings.name in WORKFLOW_BACKENDS:
        config["publish_mode"] = "editorial_workflow"
    config.update(
        {
            "locale": "da",
            "media_folder": f"content/{slug}/{MEDIA_FOLDER}",
            "public_folder": MEDIA_FOLDER,
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            "collections": [
                _files_collection(slug),
                *[_folder_collection(kind, slug) for kind in KINDS if kind.folder is not None],
                _pages_collection(slug),
            ],
        }
    )
    return config


class _PlainDumper(yaml.SafeDumper):
    """No anchors and aliases: repeated values are written out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def config_yaml(config: dict[str, Any]) -> str:
    header = "# Genereret af `sspgen decap` fra datamodellen. Ret ikke i hånden: ændringer overskrives.\n"
    return header + yaml.dump(config, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100)


INDEX_HTML = """<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Redigér SSP-data</title>
</head>
<body>
<noscript>Redigeringen kræver JavaScript.</noscript>
<script src="decap-cms.js"></script>
</body>
</html>
"""




def settings_from_env() -> BackendSettings:
    """Backend settings from the environment (CI/CD variables), as `sspgen decap` defaults them:
    the build writes a working form when the pipeline sets them, a placeholder otherwise."""
    backend = os.environ.get("SSPGEN_DECAP_BACKEND") or ("gitlab" if os.environ.get("CI_PROJECT_PATH") else "github")
    repo = (os.environ.get("SSPGEN_DECAP_REPO") or os.environ.get("GITHUB_REPOSITORY")
            or os.environ.get("CI_PROJECT_PATH") or "OWNER/REPO")
    return BackendSettings(
        backend if backend in BACKENDS else "github",  # type: ignore[arg-type]
        repo,
        os.environ.get("SSPGEN_DECAP_BRANCH", "main"),
        os.environ.get("SSPGEN_DECAP_BASE_URL") or None,
        os.environ.get("SSPGEN_DECAP_APP_ID") or None,
    )


@lru_cache(maxsize=32)
def _config_text(slug: str, settings: BackendSettings) -> str:
    # Walking every model costs tens of milliseconds; `sspgen serve` rebuilds often.
    return config_yaml(decap_config(slug, settings))


@lru_cache(maxsize=2)
def _bundle(dist: Path) -> tuple[tuple[str, bytes], ...]:
    """The bundle's files by name, read once per process (several MB, the same for every site)."""
    return tuple((source.name, source.read_bytes()) for source in decap_files(dist))


def admin_files(slug: str, settings: BackendSettings | None = None, dist: Path = DECAP_DIST) -> dict[str, bytes]:
    """The admin folder's files (name → bytes): config.yml, index.html and the Decap bundle
    when installed. The build adds them to each intranet, so its link check covers them."""
    files = {
        "config.yml": _config_text(slug, settings or BackendSettings()).encode("utf-8"),
        "index.html": INDEX_HTML.encode("utf-8"),
    }
    files.update(_bundle(dist))
    return files


def write_admin(folder: Path, slug: str, settings: BackendSettings | None = None, dist: Path = DECAP_DIST) -> list[Path]:
    """Write config.yml and index.html (and the Decap bundle when installed) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("config.yml", config_yaml(decap_config(slug, settings))), ("index.html", INDEX_HTML)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for source in decap_files(dist):
        target = folder / source.name
        shutil.copyfile(source, target)
        written.append(target)
    return written
