"""The search step of the build: Pagefind indexes each site before the swap, in Danish, and a
failed index is a Danish diagnostic that leaves the previous output exactly as it was."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from site_helpers import copy_examples
from sspgen import build as build_module
from sspgen.write import search

ROOT = Path(__file__).resolve().parent.parent


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_build_indexes_each_site_in_danish(tmp_path: Path) -> None:
    result = build_module.build(ROOT, tmp_path / "output", "faxe", pdf=False)
    assert result.ok, result.diagnostics
    for variant in ("intranet", "offentlig"):
        bundle = tmp_path / "output" / "faxe" / variant / "pagefind"
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["da"]
        assert (bundle / "pagefind-ui.js").is_file() and (bundle / "wasm.da.pagefind").is_file()
        assert not any((bundle / name).exists() for name in search.UNUSED)


def test_failed_index_leaves_previous_output_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_examples(tmp_path / "repo")
    out = tmp_path / "output"
    assert build_module.build(root, out, "faxe", pdf=False).ok
    before = tree_hash(out)
    # A changed page, so the index must be made again (an unchanged site keeps its index).
    page = root / "content" / "faxe" / "ssp-samarbejdet.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEt nyt afsnit om samarbejdet.\n", encoding="utf-8")
    monkeypatch.setattr(search, "_executable", lambda: Path("/bin/false"))
    result = build_module.build(root, out, "faxe", pdf=False)
    assert not result.ok
    [problem] = [d for d in result.diagnostics if d.is_error]
    assert problem.code == "build.soegeindeks"
    assert "Søgeindekset for faxe/" in problem.message and "urørt" in problem.message
    assert tree_hash(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["faxe"]  # no temporary folder left behind


def test_site_roots_finds_sites_at_every_level(tmp_path: Path) -> None:
    for site in ("a/intranet", "a/offentlig", "b/intranet"):
        (tmp_path / site).mkdir(parents=True)
        (tmp_path / site / "index.html").write_text("<html lang=da></html>", encoding="utf-8")
    (tmp_path / "a" / "assets").mkdir()
    found = [p.relative_to(tmp_path).as_posix() for p in search.site_roots(tmp_path)]
    assert found == ["a/intranet", "a/offentlig", "b/intranet"]
    assert search.site_roots(tmp_path / "a") == [tmp_path / "a" / "intranet", tmp_path / "a" / "offentlig"]
    assert search.site_roots(tmp_path / "b" / "intranet") == [tmp_path / "b" / "intranet"]
