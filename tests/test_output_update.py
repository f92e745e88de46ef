"""A build after a build updates the output in place (sspgen/write/__init__.py): only files
with new bytes are moved in, files no longer made are removed, and a failure after the move
(the search index) puts everything back.

Equality with a clean build after every kind of change is tests/test_cache.py's job; these
tests check the update itself: what is touched, what is removed, what is restored.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_helpers import copy_examples
from sspgen import build as build_module
from sspgen.write import search

KOMMUNE = "holbaek"


def _build(root: Path, out: Path) -> build_module.BuildResult:
    return build_module.build(root, out, KOMMUNE, pdf=False)


def _everything(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) below `folder`."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    root = copy_examples(tmp_path / "repo")
    out = tmp_path / "output"
    assert _build(root, out).ok
    return root, out


def _meetings(root: Path) -> list[Path]:
    return sorted((root / "data" / KOMMUNE / "moeder").glob("*.yaml"))


def test_a_changed_meeting_touches_only_its_files(built: tuple[Path, Path]) -> None:
    root, out = built
    target = out / KOMMUNE
    folder_inode = target.stat().st_ino
    before = _inodes(target)
    meeting = _meetings(root)[0]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(re.sub(r"(?m)^sted: .*$", "sted: Rådhuset, mødelokale 2", text, count=1), encoding="utf-8")
    result = _build(root, out)
    assert result.ok and 0 < result.rendered < 20
    after = _inodes(target)
    assert target.stat().st_ino == folder_inode  # updated, not swapped
    replaced = sorted(path for path in before if path in after and after[path] != before[path])
    page = f"intranet/moeder/{meeting.stem}/index.html"
    assert page in replaced
    assert "Rådhuset, mødelokale 2" in (target / page).read_text(encoding="utf-8")
    assert len(replaced) < len(before) // 10, replaced
    assert not [p.name for p in out.parent.iterdir() if p.name.startswith(".output.")]
    assert not list(target.rglob(".*.tmp"))


def test_a_deleted_meeting_leaves_no_file_and_no_empty_folder(built: tuple[Path, Path]) -> None:
    root, out = built
    meeting = _meetings(root)[-1]
    folder = out / KOMMUNE / "intranet" / "moeder" / meeting.stem
    assert (folder / "index.html").is_file()
    meeting.unlink()
    assert _build(root, out).ok
    assert not folder.exists()
    shutil.rmtree(root / ".sspgen-cache")
    clean = root.parent / "ren"
    assert _build(root, clean).ok
    assert _everything(out / KOMMUNE) == _everything(clean / KOMMUNE)


def test_a_failing_search_index_puts_every_moved_file_back(built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A new meeting (new folders), a changed one and a deleted one, then Pagefind fails
    after the files were moved in: the output is exactly the previous one again."""
    root, out = built
    before = _everything(out)
    first, *_, last = _meetings(root)
    new = first.with_name(f"{first.stem}-ekstra.yaml")
    text = first.read_text(encoding="utf-8")
    new.write_text(text.replace(f"id: {first.stem}", f"id: {new.stem}"), encoding="utf-8")
    first.write_text(re.sub(r"(?m)^sted: .*$", "sted: Biblioteket", text, count=1), encoding="utf-8")
    last.unlink()
    monkeypatch.setattr(search, "_executable", lambda: Path("/bin/false"))
    result = _build(root, out)
    assert [d.code for d in result.diagnostics if d.is_error] == ["build.soegeindeks"], result.diagnostics
    assert _everything(out) == before
    assert not [p.name for p in out.parent.iterdir() if p.name.startswith(".output.")]


def test_a_file_another_build_left_in_the_output_is_removed(tmp_path: Path) -> None:
    """`sspgen build --kommune` into the same output writes files the full build's render state
    does not know of; a later full build must still remove what it no longer makes."""
    root = copy_examples(tmp_path / "repo")
    out = tmp_path / "output"
    assert build_module.build(root, out, pdf=False).ok
    first = _meetings(root)[0]
    new = first.with_name(f"{first.stem}-ekstra.yaml")
    new.write_text(first.read_text(encoding="utf-8").replace(f"id: {first.stem}", f"id: {new.stem}"), encoding="utf-8")
    assert build_module.build(root, out, KOMMUNE, pdf=False).ok
    page = out / KOMMUNE / "intranet" / "moeder" / new.stem / "index.html"
    assert page.is_file()
    new.unlink()
    assert build_module.build(root, out, pdf=False).ok
    assert not page.parent.exists()
