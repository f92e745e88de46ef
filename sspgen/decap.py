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
from .decap_refs import relation
from .decap_moede import new_meeting_fields
from .model.organisation import FAELLES_PATTERN
from .resources import SOURCE_ROOT, decap_bundle, layouts, node_modules
from .validate.files import MEDIA_FOLDER
from .validate.rules.shortcodes import KINDS as SHORTCODE_KINDS

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

FORM_REQUIRED = {("Maalgruppe", "beskrivelse"), ("Deltager", "aktoer"), ("Rapportering", "til"),
                 ("Evalueringsraekke", "indsats")}
"""Fields the form requires although the model does not, because the model requires one of
several (Maalgruppe: klassetrin, alder or beskrivelse; Deltager: aktoer or aktoertype;
Evalueringsraekke: indsats or maal) and a form cannot say «one of»."""

ALTERNATIVES = {("Deltager", "aktoertype"): "aktoer", ("Deltager", "forum"): "aktoer", ("Rapportering", "til_forum"): "til",
                ("Evalueringsraekke", "maal"): "indsats"}
"""Fields that replace another: a form user fills one of the two. A form cannot forbid filling
both, so the field's description (its hint) says it, and `sspgen check` reports it if it happens."""

FILE_KINDS = ("kommune", "vokabular", "emnebank")

MARKDOWN_MODES = ["raw"]
"""Markdown is edited as the text it is. Decap's rich text mode rewrites the whole text on save
(«-» lists become «*», «0. til 9. klasse» inside a paragraph becomes a list item «1.»), so a
one-word change would be a rewrite and could change the page; it is not offered."""

MOEDEUDKAST = "moedeudkast.json"
"""admin/'s file with what a new meeting is filled from (sspgen/decap_moede.py)."""

YAML_FORMAT = "sspgen-yaml"
FRONTMATTER_FORMAT = "sspgen-frontmatter"
"""Decap custom formats (layouts/admin/sspgen-cms.js) that write sspgen's canonical YAML and
change only what the user changed."""


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
    local_url: str | None = None
    """decap-server's API (http://localhost:8081/api/v1): the form edits the local repository
    through it, without login and without pull requests (`make cms`)."""


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
                "editor_components": [], "modes": MARKDOWN_MODES}
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


OPTIONAL_GROUP_HINT = "Skal udfyldes, når afsnittet bruges."


def _list_summary(item: type[BaseModel]) -> str | None:
    """A list item's summary: its name or title, with its date or deadline when it has one."""
    main = next((f for f in ("navn", "titel", "rolle", "opgave", "tekst", "vaerdi") if f in item.model_fields), None)
    when = next((f for f in ("dato", "frist") if f in item.model_fields), None)
    if main is None:
        return None
    summary = "{{fields." + main + "}}"
    return summary + " {{fields." + when + " | date('DD.MM.YYYY')}}" if when else summary


def field_config(model: type[BaseModel], name: str, info: FieldInfo, *, in_optional_group: bool = False,
                 nested: bool = False) -> dict[str, Any] | None:
    """One Decap field for one model field.

    Inside an optional group (``in_optional_group``) no field is required by the form: the
    group as a whole may be left empty, and `sspgen check` reports a group that is begun but
    not finished. Nested fields get no preset choice (``nested``), so that a new record does
    not start with half-filled groups or list items that only hold a default.
    """
    annotation, constraints = _unwrap(info.annotation)
    constraints.update(_constraints(list(info.metadata)))
    raw = _raw_annotation(model, name)
    required = info.is_required() or (model.__name__, name) in FORM_REQUIRED
    field: dict[str, Any] = {"name": name, "label": _label(name)}
    if get_origin(annotation) is list:
        item, item_constraints = _unwrap(get_args(annotation)[0])
        if isinstance(item, type) and _NESTING.count(item) >= MAX_SELF_NESTING:
            return None
        if isinstance(item, type) and issubclass(item, BaseModel):
            field["widget"] = "list"
            field["fields"] = fields_config(item, nested=True)
            summary = _list_summary(item)
            if summary:
                field["summary"] = summary
            field["default"] = []  # a new record starts without list items (Decap adds one otherwise)
        elif (reference := relation(name, multiple=True)) is not None:
            field.update(reference)
        else:
            field["widget"] = "list"
            inner_raw = re.sub(r"^\s*list\[(.*)\]\s*$", r"\1", raw)
            field["field"] = {"name": name, "label": _label(name), **_scalar_widget(item, item_constraints, inner_raw)}
        if constraints.get("min_length"):
            field["min"] = constraints["min_length"]
        required = required or bool(constraints.get("min_length"))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field["widget"] = "object"
        optional = in_optional_group or not required
        field["fields"] = fields_config(annotation, in_optional_group=optional, nested=True)
        field["collapsed"] = optional
    elif annotation is str and (reference := relation(name, multiple=False)) is not None:
        field.update(reference)
    else:
        field.update(_scalar_widget(annotation, constraints, raw))
        default = info.default
        if not required and not nested and field["widget"] == "select" and isinstance(default, str):
            field["default"] = default
    hint = info.description or ""
    if in_optional_group and required:
        hint = f"{hint} {OPTIONAL_GROUP_HINT}".strip()
        required = False
    field["required"] = required
    if hint:
        field["hint"] = hint
    return field


_NESTING: list[type[BaseModel]] = []
"""The models whose fields are being configured, outermost first (see fields_config)."""

MAX_SELF_NESTING = 2
"""A model that contains itself (an agenda point's sub-points) is offered this many levels
deep in the form; Decap has no recursive widget, and deeper levels are written in the file."""


def fields_config(model: type[BaseModel], *, in_optional_group: bool = False, nested: bool = False) -> list[dict[str, Any]]:
    _NESTING.append(model)
    try:
        fields = [field_config(model, name, info, in_optional_group=in_optional_group, nested=nested)
                  for name, info in model.model_fields.items()]
    finally:
        _NESTING.pop()
    return [f for f in fields if f is not None]


# --------------------------------------------------------------------------------------------
# Collections


def _summary(model: type[BaseModel]) -> str:
    """The row of an entry in the collection's list: its name or title (when the model requires
    one; an optional title would leave blank rows), else its id, with its date first when it
    has one and the forum it belongs to."""
    fields = model.model_fields
    main = next((f for f in ("navn", "titel", "rolle") if f in fields and fields[f].is_required()), "id")
    summary = "{{fields." + main + "}}"
    if "forum" in fields and main == "id":
        summary = "{{fields.forum}}"
    if "dato" in fields:
        summary = "{{fields.dato | date('DD.MM.YYYY')}} · " + summary
    return summary


SOURCE_FIELD = "__sspgen_kilde"
"""The hidden field that carries a file's original text to the save (layouts/admin/sspgen-yaml.js)."""


def _source_field(schema_line: str | None) -> dict[str, Any]:
    """The hidden field for the original text; a new file starts from its schema line alone."""
    field: dict[str, Any] = {"name": SOURCE_FIELD, "label": "Oprindelig tekst", "widget": "hidden", "required": False}
    if schema_line:
        field["default"] = f"# yaml-language-server: $schema={schema_line}\n"
    return field


def _folder_collection(kind: Kind, slug: str) -> dict[str, Any]:
    fields = fields_config(kind.model)
    if kind.name == "moeder":
        fields = new_meeting_fields(fields)
    return {
        "name": kind.name,
        "label": GROUP_HEADINGS.get(kind.name, kind.label),
        "label_singular": kind.label,
        # Decap shows the description as plain text: no Markdown backticks.
        "description": (kind.model.__doc__ or "").strip().replace("`", ""),
        "folder": f"data/{slug}/{kind.folder}",
        "extension": "yaml",
        "format": YAML_FORMAT,
        "create": True,
        "delete": False,
        "identifier_field": "id",
        "slug": "{{fields.id}}",
        "summary": _summary(kind.model),
        "sortable_fields": [f for f in ("id", "navn", "titel", "dato") if f in kind.model.model_fields],
        "editor": {"preview": False},
        "fields": [*fields, _source_field(f"../../../schema/{kind.name}.schema.json")],
    }


def _pages_collection(slug: str) -> dict[str, Any]:
    return {
        "name": SIDE.name,
        "label": GROUP_HEADINGS["sider"],
        "label_singular": SIDE.label,
        "description": "Tekstsider med forside (front matter) og brødtekst i Markdown.",
        "folder": f"content/{slug}",
        "extension": "md",
        "format": FRONTMATTER_FORMAT,
        "create": True,
        "delete": False,
        "identifier_field": "titel",
        "slug": "{{slug}}",
        "summary": "{{fields.titel}}",
        "editor": {"preview": False},
        "fields": [*fields_config(SIDE.model), _source_field(None), {
            "name": "body", "label": "Tekst", "widget": "markdown", "required": True, "modes": MARKDOWN_MODES,
            "editor_components": [f"sspgen-{kind}" for kind in SHORTCODE_KINDS],
            "hint": "Sidens tekst i Markdown. Henvisninger som [[dokument: id]] bliver stående, som de er skrevet."}],
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
                "format": YAML_FORMAT,
                "fields": [*fields_config(kind.model), _source_field(f"../../schema/{kind.name}.schema.json")],
            }
            for kind in kinds
        ],
    }


def decap_config(slug: str, settings: BackendSettings | None = None) -> dict[str, Any]:
    """The whole config.yml for one municipality, as a dict."""
    settings = settings or BackendSettings()
    config: dict[str, Any] = {"backend": backend_config(settings)}
    if settings.local_url:
        # Every save is a commit on the local branch: decap-server's git mode.
        config["local_backend"] = {"url": settings.local_url, "allowed_hosts": ["localhost", "127.0.0.1"]}
    elif settings.name in WORKFLOW_BACKENDS:
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
<script src="sspgen-init.js"></script>
<script src="decap-cms.js"></script>
<script type="module" src="sspgen-cms.js"></script>
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


def script_files(dist: Path = DECAP_DIST) -> list[tuple[str, Path]]:
    """sspgen's own scripts for the form (custom formats, shortcode components; layouts/admin/)
    and the ``yaml`` npm package's browser build they import, as (name in admin/, source)."""
    found = [(path.name, path) for path in sorted((layouts(SOURCE_ROOT) / "admin").glob("*.js"))]
    yaml_dist = dist.parent.parent / "yaml" / "browser" / "dist"
    found += [(f"yaml/{path.name}", path) for path in sorted(yaml_dist.glob("*.js"))]
    return found


@lru_cache(maxsize=2)
def _bundle(dist: Path) -> tuple[tuple[str, bytes], ...]:
    """The bundle's files by name, read once per process (several MB, the same for every site)."""
    if not decap_files(dist):
        return ()
    files = [(source.name, source) for source in decap_files(dist)] + script_files(dist)
    return tuple((name, source.read_bytes()) for name, source in files)


def admin_files(slug: str, settings: BackendSettings | None = None, dist: Path = DECAP_DIST,
                moedeudkast: bytes | None = None) -> dict[str, bytes]:
    """The admin folder's files (name → bytes): config.yml, index.html, the facts «Nyt møde»
    fills a new meeting from (decap_moede.py) and the Decap bundle when installed. The build
    adds them to each intranet, so its link check covers them."""
    files = {
        "config.yml": _config_text(slug, settings or BackendSettings()).encode("utf-8"),
        "index.html": INDEX_HTML.encode("utf-8"),
    }
    if moedeudkast is not None:
        files[MOEDEUDKAST] = moedeudkast
    files.update(_bundle(dist))
    return files


def write_admin(folder: Path, slug: str, settings: BackendSettings | None = None, dist: Path = DECAP_DIST,
                moedeudkast: bytes | None = None) -> list[Path]:
    """Write config.yml and index.html (the «Nyt møde» facts, and the Decap bundle when
    installed) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if moedeudkast is not None:
        (folder / MOEDEUDKAST).write_bytes(moedeudkast)
        written.append(folder / MOEDEUDKAST)
    for name, text in (("config.yml", config_yaml(decap_config(slug, settings))), ("index.html", INDEX_HTML)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if not decap_files(dist):
        return written
    for name, source in [(source.name, source) for source in decap_files(dist)] + script_files(dist):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written
