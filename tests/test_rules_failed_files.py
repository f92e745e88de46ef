"""A file that fails to read or validate is reported about itself only: no cascades.

For every file of the test municipality, one at a time: a misspelt key (it fails its schema)
and an emptied file (it fails to read). The rules run on everything else, skip whatever
depends on the broken file (a school's type, a plan's goals for its evaluation, the topic
bank's ids, the documents and contacts of kommune.yaml, the municipality's own vocabulary),
and every error names the broken file. Nothing raises.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rules_helpers import BASE_FILES, C, D, Kommune, describe

FILES = sorted(BASE_FILES)


def _misspelt_key(text: str, path: str) -> str:
    """An unknown key (a typo of a real one) at the top level of the YAML or front matter."""
    if path.endswith(".md"):
        return text.replace("---\n", "---\nsynlihged: offentlig\n", 1)
    return text + "synlihged: offentlig\n"


@pytest.mark.parametrize("path", FILES)
@pytest.mark.parametrize("how", ["misspelt-key", "empty"])
def test_a_broken_file_causes_errors_only_about_itself(tmp_path: Path, path: str, how: str) -> None:
    k = Kommune(tmp_path)
    k.files[path] = _misspelt_key(k.files[path], path) if how == "misspelt-key" else ""
    result = k.check()
    errors = result.errors
    assert errors, describe(result)
    assert {d.path for d in errors} == {path}, describe(result)
    empty = "markdown.mangler-forside" if path.endswith(".md") else "yaml.tom-fil"
    assert ("skema.ukendt-felt" if how == "misspelt-key" else empty) in {d.code for d in errors}, describe(result)
    if how == "misspelt-key":
        # Not even false errors about the file itself: a misspelt key in kommune.yaml once made
        # every contact's phone number a privacy error.
        assert {d.code for d in errors} == {"skema.ukendt-felt"}, describe(result)


def test_a_misspelt_key_in_an_example_kommune_yaml_gives_one_error(tmp_path: Path) -> None:
    """The issue's reproduction on the real examples: one unknown key, one error, no cascade."""
    from site_helpers import copy_examples, example_slugs
    from sspgen.validate import check_repository

    root = copy_examples(tmp_path)
    for slug in example_slugs():
        kommune = root / "data" / slug / "kommune.yaml"
        kommune.write_text(kommune.read_text(encoding="utf-8") + "ukendt_felt: x\n", encoding="utf-8")
    result = check_repository(root)
    assert sorted((d.path, d.code) for d in result.errors) == sorted(
        (f"data/{slug}/kommune.yaml", "skema.ukendt-felt") for slug in example_slugs()
    ), describe(result)


def test_the_base_municipality_refers_across_the_files_it_breaks() -> None:
    """The test above proves something only if the other files refer into the broken ones."""
    text = "".join(BASE_FILES.values())
    for reference in ("skoler:", "plan: ssp-plan", "nye_emner:", "kilder:", "[[dokument:", "[[kontakter:",
                      "tendenser:", "forum: netvaerk-oester"):
        assert reference in text, reference
    assert f"{D}/emnebank.yaml" in BASE_FILES and f"{D}/vokabular.yaml" in BASE_FILES
    assert any(path.startswith(f"{C}/") for path in BASE_FILES)


@pytest.mark.parametrize("name", ["kommune-.yaml", "kommune-x.yaml"])
def test_a_renamed_kommune_yaml_is_reported_once_and_nothing_cascades(tmp_path: Path, name: str) -> None:
    # «kommune-» is a valid id, so once the file name passed as fine and the municipality was
    # built without its kommune.yaml (found by the fuzz test); «kommune-x» cascaded into
    # «Dokumentet findes ikke» in every page that names a document.
    kommune = Kommune(tmp_path)
    text = kommune.files.pop(f"{D}/kommune.yaml")
    kommune.files[f"{D}/{name}"] = text
    result = kommune.check()
    codes = sorted({d.code for d in result.errors})
    assert codes and set(codes) <= {"fil.ukendt", "fil.mangler"}, describe(result)
    assert any(d.code == "fil.ukendt" and d.path.endswith(name) for d in result.errors), describe(result)
    assert not [d for d in result.diagnostics if d.code.startswith("ref.")], describe(result)
