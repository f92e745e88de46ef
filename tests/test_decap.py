"""The Decap CMS config is generated from the models: it covers every kind and field, and a
file saved through its forms validates with the same model `sspgen check` uses."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from pydantic import BaseModel

from sspgen.decap import ALTERNATIVES, MAX_SELF_NESTING, BackendSettings, decap_config
from sspgen.model import KINDS, SIDE
from sspgen.read.markdownfile import parse_markdown
from sspgen.read.yamlfile import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = decap_config("testby", BackendSettings("github", "kommune/ssp"))


def collection_fields(kind_name: str) -> list[dict[str, Any]]:
    for collection in CONFIG["collections"]:
        if collection["name"] == kind_name:
            return collection["fields"]
        for file in collection.get("files", []):
            if file["name"] == kind_name:
                return file["fields"]
    raise AssertionError(f"no collection for {kind_name}")


def model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = model_of(arg)
        if found is not None:
            return found
    return None


def assert_covers(model: type[BaseModel], fields: list[dict[str, Any]], where: str,
                  outer: tuple[type[BaseModel], ...] = ()) -> None:
    """Every field is in the form, except a self-nesting list (agenda sub-points) below the
    depth the form offers (decap.MAX_SELF_NESTING)."""
    by_name = {f["name"]: f for f in fields}
    nesting = (*outer, model)
    cut = {name for name, info in model.model_fields.items()
           if (inner := model_of(info.annotation)) is not None and nesting.count(inner) >= MAX_SELF_NESTING}
    assert set(by_name) - {"body"} == set(model.model_fields) - cut, where
    for name, info in model.model_fields.items():
        if name in cut:
            continue
        field = by_name[name]
        assert field["label"] and field["hint"] == info.description, f"{where}.{name}"
        if info.is_required():
            assert field["required"], f"{where}.{name} is required in the model"
        inner = model_of(info.annotation)
        if inner is not None:
            assert_covers(inner, field["fields"], f"{where}.{name}", nesting)


def test_agenda_sub_points_are_offered_one_level_deep() -> None:
    moede = {f["name"]: f for f in collection_fields("moeder")}
    punkt = {f["name"]: f for f in moede["dagsorden"]["fields"]}
    underpunkt = {f["name"]: f for f in punkt["underpunkter"]["fields"]}
    assert "noter" in underpunkt and "underpunkter" not in underpunkt


@pytest.mark.parametrize("kind", [*KINDS, SIDE], ids=lambda k: k.name)
def test_config_covers_every_kind_and_field(kind) -> None:
    assert_covers(kind.model, collection_fields(kind.name), kind.name)


def test_folder_collections_use_the_id_as_file_name() -> None:
    folders = {c["name"]: c for c in CONFIG["collections"] if "folder" in c}
    for kind in KINDS:
        if kind.folder is None:
            continue
        collection = folders[kind.name]
        assert collection["folder"] == f"data/testby/{kind.folder}"
        assert collection["slug"] == "{{fields.id}}" and collection["identifier_field"] == "id"
        assert collection["extension"] == "yaml" and collection["format"] == "yaml"
    files = {f["name"]: f["file"] for c in CONFIG["collections"] for f in c.get("files", [])}
    assert files == {"kommune": "data/testby/kommune.yaml", "vokabular": "data/testby/vokabular.yaml",
                     "emnebank": "data/testby/emnebank.yaml"}
    assert folders["sider"]["folder"] == "content/testby" and folders["sider"]["format"] == "frontmatter"


def test_widgets_labels_and_choices() -> None:
    moede = {f["name"]: f for f in collection_fields("moeder")}
    assert moede["dato"]["widget"] == "datetime" and moede["dato"]["format"] == "YYYY-MM-DD"
    assert moede["status"] == {**moede["status"], "widget": "select", "options": ["planlagt", "afholdt", "aflyst"]}
    assert moede["synlighed"]["default"] == "intern"
    assert moede["tid"]["widget"] == "string" and moede["tid"]["pattern"][1].startswith("Skriv et klokkeslæt")
    assert moede["dagsorden"]["widget"] == "list" and moede["dagsorden"]["summary"] == "{{fields.titel}}"
    punkt = {f["name"]: f for f in moede["dagsorden"]["fields"]}
    assert punkt["enkeltsager"]["widget"] == "boolean"
    assert punkt["noter"]["widget"] == "markdown" and punkt["titel"]["widget"] == "string"
    assert punkt["spoergsmaal"]["field"]["widget"] == "string" and punkt["spoergsmaal"]["label"] == "Spørgsmål"
    forum = {f["name"]: f for f in collection_fields("fora")}
    assert forum["moedefrekvens"]["label"] == "Mødefrekvens" and forum["moedefrekvens"]["widget"] == "object"
    assert forum["id"]["pattern"][0] == "^[a-z0-9][a-z0-9-]*$"
    pensum = {f["name"]: f for f in collection_fields("pensum")}
    klassetrin = {f["name"]: f for f in pensum["forloeb"]["fields"]}["klassetrin"]
    assert klassetrin["field"] == {**klassetrin["field"], "widget": "number", "min": 0, "max": 10}
    assert klassetrin["min"] == 1 and klassetrin["required"] is True


@pytest.mark.parametrize("backend,name,workflow", [
    ("github", "github", True), ("gitlab", "gitlab", True), ("forgejo", "forgejo", True), ("gitea", "gitea", False),
])
def test_backends(backend: str, name: str, workflow: bool) -> None:
    config = decap_config("testby", BackendSettings(backend, "kommune/ssp", "main", "https://git.kommune.dk", "abc"))
    assert config["backend"]["name"] == name and config["backend"]["repo"] == "kommune/ssp"
    assert (config.get("publish_mode") == "editorial_workflow") is workflow
    if backend in ("forgejo", "gitea"):
        assert config["backend"]["api_root"] == "https://git.kommune.dk/api/v1" and config["backend"]["app_id"] == "abc"
    if backend == "gitlab":
        assert config["backend"]["auth_type"] == "pkce" and config["backend"]["api_root"] == "https://git.kommune.dk/api/v4"


# --------------------------------------------------------------------------------------------
# A file saved through the forms


def fill(field: dict[str, Any], everything: bool) -> Any:
    """A valid value of the field's widget type, as Decap would save it."""
    widget = field.get("widget", "string")
    if widget == "object":
        return fill_fields(field["fields"], everything)
    if widget == "list":
        count = max(field.get("min", 0), 1 if everything or field["required"] else 0)
        if "fields" in field:
            return [fill_fields(field["fields"], everything) for _ in range(count)]
        return [fill(field["field"], everything) for _ in range(count)]
    if widget == "select":
        return field["options"][0]
    if widget == "boolean":
        return True
    if widget == "number":
        return field.get("min", 1)
    if widget == "datetime":
        return "2026-01-13"
    if widget in ("markdown", "text"):
        return "En tekst med *Markdown*.\n\nAnden linje."
    pattern = field.get("pattern", [None])[0]
    for candidate in ("eksempel", "14.00", "https://example.dk", "Eksempel", "naboby/eksempel"):
        if pattern is None or re.search(pattern, candidate):
            return candidate
    raise AssertionError(f"no value for {field}")


def fill_fields(fields: list[dict[str, Any]], everything: bool) -> dict[str, Any]:
    names = {f["name"] for f in fields}
    # A user fills one of two alternative fields, never both (the hint says so).
    skip = {alternative for (_, alternative), main in ALTERNATIVES.items() if main in names}
    return {f["name"]: fill(f, everything) for f in fields if (f["required"] or everything) and f["name"] not in skip}


@pytest.mark.parametrize("everything", [False, True], ids=["required-only", "all-fields"])
@pytest.mark.parametrize("kind", [*KINDS, SIDE], ids=lambda k: k.name)
def test_a_file_saved_through_the_form_validates(kind, everything: bool) -> None:
    values = fill_fields(collection_fields(kind.name), everything)
    if kind is SIDE:
        body = values.pop("body")
        text = "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"
        document, problems = parse_markdown(text.encode("utf-8"), "side.md")
        assert problems == [], problems
        data = document.front_matter.data
    else:
        # Decap serialises YAML with a js-yaml-like dumper: true/false, quoted date strings.
        text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
        document, problems = parse_yaml(text.encode("utf-8"), "fil.yaml")
        assert problems == [], problems
        data = document.data
    kind.model.model_validate(data)


def test_cli_writes_the_admin_folder(tmp_path: Path) -> None:
    (tmp_path / "data" / "testby").mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "decap", str(tmp_path), "--backend", "gitlab", "--repo", "kommune/ssp",
         "--base-url", "https://gitlab.kommune.dk", "--app-id", "123"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    admin = tmp_path / "output/testby/intranet/admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "gitlab" and config["publish_mode"] == "editorial_workflow"
    assert config == decap_config("testby", BackendSettings("gitlab", "kommune/ssp", "main", "https://gitlab.kommune.dk", "123"))
    html = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in html and "http" not in html.replace('http-equiv', '')


# --------------------------------------------------------------------------------------------
# The real Decap CMS reads the generated config (needs `npm ci`, Chromium and Playwright)

BROWSER_SCRIPT = r"""
import functools, json, sys, threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit
from playwright.sync_api import sync_playwright

class Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".yml": "text/yaml"}
    def log_message(self, *args):
        pass

httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[1]))
threading.Thread(target=httpd.serve_forever, daemon=True).start()
port = httpd.server_address[1]
outside, errors = [], []
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless"])
    page = browser.new_page(locale="da-DK")
    page.on("pageerror", lambda e: errors.append(str(e)))
    def route(route, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob") or (parts.hostname == "127.0.0.1" and parts.port == port):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()
    page.route("**/*", route)
    page.goto(f"http://127.0.0.1:{port}/index.html")
    page.wait_for_function("document.body.innerText.includes('Log ind med') || document.body.innerText.includes('Error')", timeout=30000)
    text = page.inner_text("body")
    browser.close()
httpd.shutdown()
print(json.dumps({"text": text, "outside": outside, "errors": errors}))
"""


@pytest.mark.parametrize("backend,login", [("github", "Log ind med GitHub"), ("gitlab", "Log ind med GitLab")])
def test_decap_loads_the_generated_config_in_a_browser(tmp_path: Path, backend: str, login: str) -> None:
    from sspgen.decap import decap_files, write_admin

    missing = []
    if not decap_files():
        missing.append("npm-pakken decap-cms (kør «npm ci»)")
    if not Path("/usr/bin/chromium").is_file():
        missing.append("/usr/bin/chromium (kør «make browser»)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("Python-pakken playwright")
    if missing:
        message = "Decap-browsertesten mangler: " + "; ".join(missing)
        pytest.fail(message, pytrace=False)  # `make test` installs them; a skip would prove nothing
    write_admin(tmp_path, "testby", BackendSettings(backend, "kommune/ssp", "main", None, "abc"))
    result = subprocess.run([sys.executable, "-c", BROWSER_SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert login in seen["text"], seen["text"]  # Danish UI, config accepted by Decap's own validation
    assert "Config Errors" not in seen["text"] and seen["errors"] == []
    assert seen["outside"] == []  # self-hosted: nothing is loaded from other hosts
