"""Editors agree with check: the JSON Schema (what VS Code and check-jsonschema use) and
`sspgen check` accept and refuse the same files.

* Every example file passes `check-jsonschema` against the schema its
  `# yaml-language-server: $schema=` line names (Markdown front matter: against the page
  schema, from a temporary YAML copy of the front matter).
* A table of wrong inputs gets an error from both or from neither. sspgen runs with
  `--strict`, so a value YAML 1.2 reads as another type (`yaml.tvetydig`, a warning) counts:
  the editor marks it red too. Rules a JSON Schema cannot express are left out (see
  NOT_IN_THE_SCHEMA); the schema's description says so.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Callable

import pytest

from site_helpers import REPO, copy_examples, example_slugs

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def check_jsonschema(schema: Path, files: list[Path]) -> dict[str, list[str]]:
    """Per file that fails, the messages (parse errors included)."""
    run = subprocess.run([str(CHECK_JSONSCHEMA), "-o", "json", "--schemafile", str(schema), *map(str, files)],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stdout)
    failed: dict[str, list[str]] = defaultdict(list)
    for entry in report.get("errors", []) + report.get("parse_errors", []):
        failed[entry["filename"]].append(f"{entry.get('path', '')} {entry['message']}")
    assert (run.returncode == 0) == (not failed), run.stdout + run.stderr
    return failed


def front_matter(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), page
    return text.split("---\n", 2)[1]


def test_every_example_file_passes_the_schema_its_schema_line_names(tmp_path: Path) -> None:
    by_schema: dict[Path, list[Path]] = defaultdict(list)
    yaml_files = sorted((REPO / "data").rglob("*.yaml"))
    assert {f.relative_to(REPO / "data").parts[0] for f in yaml_files} == set(example_slugs())
    for file in yaml_files:
        match = SCHEMA_LINE.search(file.read_text(encoding="utf-8"))
        assert match, f"{file} har ingen schema-linje"
        schema = (file.parent / match[1]).resolve()
        assert schema.parent == REPO / "schema" and schema.is_file(), (file, schema)
        by_schema[schema].append(file)
    for index, page in enumerate(sorted((REPO / "content").glob("*/*.md"))):
        copy = tmp_path / f"{index}-{page.stem}.yaml"
        copy.write_text(front_matter(page), encoding="utf-8")
        by_schema[REPO / "schema" / "sider.schema.json"].append(copy)
    assert len(by_schema) >= 10
    for schema, files in sorted(by_schema.items()):
        assert check_jsonschema(schema, files) == {}, schema.name


def test_schema_files_are_generated_from_the_models(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "sspgen.cli", "schema", "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    for generated in sorted(tmp_path.glob("*.json")):
        assert generated.read_text(encoding="utf-8") == (REPO / "schema" / generated.name).read_text(encoding="utf-8")


def test_schemas_say_what_they_cannot_check() -> None:
    for schema in sorted((REPO / "schema").glob("*.json")):
        description = json.loads(schema.read_text(encoding="utf-8"))["description"]
        assert "sspgen check" in description and "på tværs af filer" in description, schema.name


# --------------------------------------------------------------------------------------------
# The table of wrong inputs

Edit = Callable[[str], str]


def replace(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        pattern = re.compile(rf"^{re.escape(old)}.*$", re.MULTILINE)
        assert pattern.search(text), (old, text[:300])
        return pattern.sub(lambda _: new, text, count=1)
    return edit


def append(line: str) -> Edit:
    """A last line in the YAML (in a page: the last line of the front matter)."""
    def edit(text: str) -> str:
        if text.startswith("---\n"):
            _, front, body = text.split("---\n", 2)
            return f"---\n{front}{line}\n---\n{body}"
        return text.rstrip("\n") + "\n" + line + "\n"
    return edit


def drop(key: str) -> Edit:
    return replace(f"{key}:", "")


# (name, file kind, edit, both refuse?) — the kinds: a meeting, a forum with a «sammensaetning»,
# the municipality file, an evaluation and a page's front matter, each copied from the examples.
CASES: list[tuple[str, str, Edit, bool]] = [
    ("uændret møde", "moede", lambda t: t, False),
    ("uændret forum", "forum", lambda t: t, False),
    ("uændret side", "side", lambda t: t, False),
    ("klokkeslæt med kl.", "moede", replace("tid:", 'tid: "kl. 9.30"'), False),
    ("ja/nej med stort", "forum", replace("    tovholder:", "    tovholder: Ja"), False),
    ("ukendt nøgle", "moede", append("lokale: 12"), True),
    ("ukendt nøgle i forsiden", "side", append("forfattere: Nogen"), True),
    ("tekst i stedet for liste", "moede", append("deltagende_aktoerer: alle"), True),
    ("mapning i stedet for tekst", "moede", replace("sted:", "sted:\n  navn: Skolen"), True),
    ("ukendt status", "moede", replace("status:", "status: udsat"), True),
    ("ukendt synlighed", "side", replace("synlighed:", "synlighed: hemmelig"), True),
    ("id med store bogstaver", "moede", replace("forum:", "forum: SSP-Netvaerk"), True),
    ("id med æ", "moede", replace("type:", "type: møde"), True),
    ("id på over 80 tegn", "moede", replace("forum:", "forum: " + "a" * 81), True),
    ("klokkeslæt uden minutter", "moede", replace("tid:", 'tid: "13"'), True),
    ("klokkeslæt 25.00", "moede", replace("tid:", 'tid: "25.00"'), True),
    ("klokkeslæt 12.75", "moede", replace("tid:", 'tid: "12.75"'), True),
    ("klokkeslæt uden anførselstegn", "moede", replace("tid:", "tid: 13.00"), True),
    ("dato i dansk form", "moede", replace("dato:", "dato: 13-01-2026"), True),
    ("dato der ikke findes", "moede", replace("dato:", "dato: 2026-02-30"), True),
    ("manglende forum", "moede", drop("forum"), True),
    ("tomt forum", "moede", replace("forum:", "forum:"), True),
    ("tom tekst", "moede", replace("sted:", 'sted: ""'), True),
    ("punktnummer som tekst", "moede", replace("  - nummer:", "  - nummer: x"), True),
    ("punktnummer i anførselstegn", "moede", replace("  - nummer:", '  - nummer: "1"'), True),
    ("punktnummer 0", "moede", replace("  - nummer:", "  - nummer: 0"), True),
    ("ja/nej med andet ord", "forum", replace("    tovholder:", "    tovholder: maaske"), True),
    ("ja/nej på engelsk (YAML 1.1)", "forum", replace("    tovholder:", "    tovholder: yes"), True),
    ("klassetrin 11", "kommune", replace("  klassetrin_til:", "  klassetrin_til: 11"), True),
    ("år 1800", "evaluering", replace("aar:", "aar: 1800"), True),
    ("webadresse uden https", "kommune", replace("webadresse:", "webadresse: www.kommune.dk"), True),
    ("rækkefølge som tekst", "side", replace("raekkefoelge:", "raekkefoelge: først"), True),
    ("to ens nøgler", "moede", append("status: afholdt"), True),
]

NOT_IN_THE_SCHEMA = [
    # Rules across files, which a JSON Schema cannot express (each schema's description says so):
    # a reference to an actor, forum, topic or plan goal that does not exist; an id that differs
    # from the file name; two files with the same id; a meeting type missing from the vocabulary.
    # Rules between fields of one file, checked by the model: «gange» without «per» in
    # «moedefrekvens», «gange_op_til» below «gange», «klassetrin_fra» above «klassetrin_til».
]


def _base_files(root: Path) -> dict[str, Path]:
    """One file of each kind from the examples (never a hard-coded municipality)."""
    slug = example_slugs()[0]
    data = root / "data" / slug
    forum = next(f for f in sorted((data / "fora").glob("*.yaml")) if "    tovholder:" in f.read_text(encoding="utf-8"))
    meeting = next(f for f in sorted((data / "moeder").glob("*.yaml"))
                   if all(f"\n{key}:" in f.read_text(encoding="utf-8") for key in ("tid", "sted"))
                   and "  - nummer:" in f.read_text(encoding="utf-8"))
    page = next(f for f in sorted((root / "content" / slug).glob("*.md")) if "raekkefoelge:" in f.read_text(encoding="utf-8"))
    evaluation = next(root.glob("data/*/evalueringer/*.yaml"))
    return {"moede": meeting, "forum": forum, "kommune": data / "kommune.yaml", "evaluering": evaluation,
            "side": page}


def test_sspgen_and_the_schema_refuse_the_same_inputs(tmp_path: Path) -> None:
    assert len([c for c in CASES if c[3]]) >= 20
    root = copy_examples(tmp_path / "repo")
    bases = _base_files(root)
    originals = {kind: path.read_text(encoding="utf-8") for kind, path in bases.items()}
    single = {"kommune", "evaluering"}  # one file per municipality / id = year: one run each
    runs: list[dict[str, tuple[Path, str]]] = [{}]
    for index, (name, kind, edit, _) in enumerate(CASES):
        text = edit(originals[kind])
        if kind in single:
            runs.append({name: (bases[kind], text)})
            continue
        base = bases[kind]
        new_id = f"{base.stem}-fejl-{index:02d}"
        target = base.with_name(new_id + base.suffix)
        if kind != "side":
            text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.MULTILINE)
        runs[0][name] = (target, text)

    refused_by_sspgen: dict[str, bool] = {}
    refused_by_schema: dict[str, bool] = {}
    for cases in runs:
        for target, text in cases.values():
            target.write_text(text, encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "sspgen.cli", "check", str(root), "--strict", "--format", "json"],
                                capture_output=True, text=True, timeout=300)
        errors = json.loads(result.stdout)
        for name, (target, text) in cases.items():
            relative = target.relative_to(root).as_posix()
            refused_by_sspgen[name] = any(e["path"] == relative and e["severity"] == "fejl" for e in errors)
            schema_input = target
            if target.suffix == ".md":
                schema_input = tmp_path / f"{target.stem}.yaml"
                schema_input.write_text(text.split("---\n", 2)[1], encoding="utf-8")
            schema = REPO / "schema" / f"{_schema_name(target)}.schema.json"
            refused_by_schema[name] = bool(check_jsonschema(schema, [schema_input]))
        for kind in single:
            bases[kind].write_text(originals[kind], encoding="utf-8")

    table = [(name, refused_by_sspgen[name], refused_by_schema[name], expected) for name, _, _, expected in CASES]
    disagree = [row for row in table if not (row[1] == row[2] == row[3])]
    assert disagree == [], "\n".join(f"{n}: sspgen={s} schema={j} forventet={e}" for n, s, j, e in disagree)


def _schema_name(target: Path) -> str:
    if target.suffix == ".md":
        return "sider"
    folder = target.parent.name
    return folder if folder in {"moeder", "fora", "evalueringer"} else target.stem
