"""The preview's fast path (sspgen/serve/fast.py) through its own API, with real builds of a
copy of the examples in this process: the cases a live session cannot time reliably (a page
the next build keeps as unchanged, saves it must leave to the full build).

tests/test_serve.py checks the fast path in a real `sspgen serve` session."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_helpers import copy_examples
from sspgen.build import build
from sspgen.serve.fast import FastPath

MEETING = "data/faxe/moeder/2026-03-05-styregruppe.yaml"
PAGES = [f"faxe/{variant}/moeder/2026-03-05-styregruppe/{name}"
         for variant, name in (("intranet", "index.html"), ("offentlig", "index.html"), ("offentlig", "fragment.html"))]
PLACE = "sted: Faxe Rådhus, Haslev"


class Session:
    """What `sspgen serve` does around its builds, without the server and the watcher."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.root = root
        self.folder = folder
        self.requeued: list[str] = []
        self.fast = FastPath(root, folder, lambda: False, self.requeued.append)

    def build(self) -> None:
        number = self.fast.build_starting()
        result = build(self.root, self.folder, None, pdf=False, search=False, admin=False,
                       postprocess=[self.fast.before_swap])
        self.fast.build_finished(number, result)
        assert result.ok, result.diagnostics

    def save(self, old: str, new: str) -> str:
        path = self.root / MEETING
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return str(path)


@pytest.fixture()
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Session:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")
    monkeypatch.setenv("SSPGEN_WORKERS", "1")
    running = Session(copy_examples(tmp_path / "repo"), tmp_path / "site")
    running.build()
    return running


def _clean_build(root: Path, out: Path) -> dict[str, bytes]:
    result = build(root, out, None, pdf=False, search=False, admin=False)
    assert result.ok, result.diagnostics
    return {page: (out / page).read_bytes() for page in PAGES}


def test_the_fast_path_writes_what_a_clean_build_writes(session: Session, tmp_path: Path) -> None:
    update = session.fast.update(session.save(PLACE, "sted: Faxe Rådhus, lokale 7"))
    assert update is not None and set(update.files) == set(PAGES)
    clean = _clean_build(session.root, tmp_path / "ren")
    for page in PAGES:
        assert (session.folder / page).read_bytes() == clean[page], page
    assert b"lokale 7" in clean[PAGES[0]]


def test_a_page_the_next_build_keeps_is_made_again_from_the_builds_data(session: Session, tmp_path: Path) -> None:
    """The fast path shows a save; the record is changed back before the full build, and that
    save never reaches the fast path. The build finds the record as its previous build had it,
    so its render state keeps the served page, which is the fast path's: it must be replaced
    by the build's own page, and the record queued for the fast path again."""
    path = session.fast.update(session.save(PLACE, "sted: Faxe Rådhus, lokale 7"))
    assert path is not None
    session.save("sted: Faxe Rådhus, lokale 7", PLACE)
    session.build()
    clean = _clean_build(session.root, tmp_path / "ren")
    for page in PAGES:
        assert (session.folder / page).read_bytes() == clean[page], page
    assert b"lokale 7" not in (session.folder / PAGES[0]).read_bytes()
    assert session.requeued == [str(session.root / MEETING)]


@pytest.mark.parametrize("old, new", [
    ("forum: styregruppe", "forum: koordinationsgruppe"),  # another forum: its pages change too
    ("id: 2026-03-05-styregruppe", "id: 2026-03-05-styregruppen"),  # id and file name differ
    ("synlighed: offentlig", "synlighed: intern"),  # leaves the public site
    ("status: afholdt", "status: udsat"),  # a schema error
], ids=["forum", "id", "synlighed", "skemafejl"])
def test_saves_that_change_more_than_the_page_are_left_to_the_full_build(session: Session, old: str, new: str) -> None:
    before = {page: (session.folder / page).read_bytes() for page in PAGES}
    assert session.fast.update(session.save(old, new)) is None
    assert {page: (session.folder / page).read_bytes() for page in PAGES} == before


def test_no_fast_path_after_another_file_changed_until_a_build_has_read_it(session: Session) -> None:
    session.fast.other_changed()  # fx a forum's file was saved
    path = session.save(PLACE, "sted: Faxe Rådhus, lokale 7")
    assert session.fast.update(path) is None
    session.build()
    assert session.fast.update(session.save("sted: Faxe Rådhus, lokale 7", "sted: Faxe Rådhus, lokale 8")) is not None
