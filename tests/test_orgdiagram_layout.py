"""The organisation diagram's geometry: read back from the SVG it draws.

Boxes are the <rect>s of forum and group boxes, edges the <polyline class="kant">s. On every
example municipality (built with the real CLI) and on generated organisations of 1-60 fora
(random forests over the four levels, names of varying length, children on a higher level
than their parent, many siblings), we assert:

- no two edges share a segment or cross; no edge runs through a box (its own ends included:
  it may only touch their border); no two boxes overlap;
- every forum with a parent in view is joined to it by exactly one edge (to its own box or
  to the group box listing it), and every forum is drawn once;
- the same input gives the same bytes.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from site_helpers import copy_examples, example_slugs, run_build
from sspgen.model.organisation import Forum
from sspgen.render.orgdiagram import orgdiagram
from sspgen.site.derived import organisation
from sspgen.validate.instanser import udfold

SVG = "{http://www.w3.org/2000/svg}"
LEVELS = [("politisk", "Politisk niveau"), ("strategisk", "Strategisk niveau"),
          ("koordinerende", "Koordinerende niveau"), ("operationelt", "Operationelt niveau")]
WORDS = ["SSP-netværk", "Koordinationsgruppen", "for", "det", "lokale", "samarbejde", "i", "Øster",
         "distrikt", "Kredsrådet", "PSPK", "Infohus", "skoler", "og", "Vestegnen", "§115-gruppen"]


@dataclass(frozen=True)
class Rect:
    key: str
    x: float
    y: float
    w: float
    h: float


Segment = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Drawn:
    boxes: list[Rect]
    owner: dict[str, str]  # forum id -> key of the box that shows it
    edges: list[tuple[str, str, list[Segment]]]  # (parent key, child key, segments)


def parse(svg: str) -> Drawn:
    root = ET.fromstring(svg)
    boxes, owner = [], {}
    for rect in root.iter(f"{SVG}rect"):
        key = rect.get("data-forum") or (f"gruppe:{rect.get('data-gruppe')}" if rect.get("data-gruppe") else None)
        if key is None:
            continue
        boxes.append(Rect(key, *(float(rect.get(a)) for a in ("x", "y", "width", "height"))))
        for forum in (rect.get("data-gruppe") or rect.get("data-forum")).split():
            assert forum not in owner, f"{forum} er tegnet to gange"
            owner[forum] = key
    edges = []
    for line in root.iter(f"{SVG}polyline"):
        assert line.get("class") == "kant"
        points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        segments = list(zip(points, points[1:]))
        for (x1, y1), (x2, y2) in segments:
            assert x1 == x2 or y1 == y2, f"skrå linje {points}"
        edges.append((line.get("data-fra"), line.get("data-til"), segments))
    return Drawn(boxes, owner, edges)


def _range_overlap(a1: float, a2: float, b1: float, b2: float) -> float:
    return min(max(a1, a2), max(b1, b2)) - max(min(a1, a2), min(b1, b2))


def segments_meet(s: Segment, t: Segment) -> bool:
    """Whether two axis-parallel segments share a point (overlap or cross)."""
    (ax1, ay1), (ax2, ay2) = s
    (bx1, by1), (bx2, by2) = t
    return _range_overlap(ax1, ax2, bx1, bx2) >= 0 and _range_overlap(ay1, ay2, by1, by2) >= 0


def through_box(s: Segment, box: Rect) -> bool:
    """Whether a segment enters the inside of a box (touching its border is allowed)."""
    (x1, y1), (x2, y2) = s
    inside_x = _range_overlap(x1, x2, box.x + 0.5, box.x + box.w - 0.5) > 0 or (
        x1 == x2 and box.x + 0.5 < x1 < box.x + box.w - 0.5)
    inside_y = _range_overlap(y1, y2, box.y + 0.5, box.y + box.h - 0.5) > 0 or (
        y1 == y2 and box.y + 0.5 < y1 < box.y + box.h - 0.5)
    return inside_x and inside_y


def check(svg: str, parents: dict[str, str | None], where: str) -> None:
    drawn = parse(svg)
    assert set(drawn.owner) == set(parents), f"{where}: fora i diagrammet ≠ fora i data"
    for i, a in enumerate(drawn.boxes):
        for b in drawn.boxes[i + 1:]:
            overlap = _range_overlap(a.x, a.x + a.w, b.x, b.x + b.w) > 0 and _range_overlap(a.y, a.y + a.h, b.y, b.y + b.h) > 0
            assert not overlap, f"{where}: kasserne {a.key} og {b.key} overlapper"
    expected = {(drawn.owner[p], drawn.owner[c]) for c, p in parents.items() if p in parents}
    actual = [(drawn.owner[p], drawn.owner[c.split()[0]]) for p, c, _ in drawn.edges]
    assert sorted(actual) == sorted(expected), f"{where}: linjerne svarer ikke til «overordnet»"
    for i, (p1, c1, first) in enumerate(drawn.edges):
        for seg in first:
            for box in drawn.boxes:
                assert not through_box(seg, box), f"{where}: linjen {p1}→{c1} går gennem kassen {box.key}"
        for p2, c2, second in drawn.edges[i + 1:]:
            for s in first:
                for t in second:
                    assert not segments_meet(s, t), f"{where}: linjerne {p1}→{c1} og {p2}→{c2} mødes ({s}, {t})"


# -- the examples, as the real CLI builds them ------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("kilde"))
    out = tmp_path_factory.mktemp("site")
    result = run_build(root, out, "--uden-pdf", env={"SOURCE_DATE_EPOCH": str(BUILD_DAY_EPOCH)})
    assert result.returncode == 0, result.stderr
    return out


BUILD_DAY = date(2026, 12, 6)
BUILD_DAY_EPOCH = int(datetime(2026, 12, 6, 12, tzinfo=timezone.utc).timestamp())
"""The build's «today»: a forum that ended before it is not drawn (it is listed under «Tidligere fora»)."""


def _forum_parents(kommune: str) -> dict[str, str | None]:
    import yaml  # the test reads the example data itself, independent of the builder

    parents = {}
    for path in sorted((Path(__file__).resolve().parent.parent / "data" / kommune / "fora").glob("*.yaml")):
        forum = yaml.safe_load(path.read_text(encoding="utf-8"))
        ended = forum.get("gyldig_til")
        if ended is not None and date.fromisoformat(str(ended)) < BUILD_DAY:
            continue
        parents[forum["id"]] = forum.get("overordnet")
    return parents


@pytest.mark.parametrize("kommune", example_slugs())
def test_example_diagram_has_no_merged_crossing_or_hidden_edges(built: Path, kommune: str) -> None:
    page = (built / kommune / "intranet" / "organisation" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="orgdiagram".*?</svg>', page, re.S)
    assert svg, f"{kommune}: ingen organisationsdiagram"
    check(svg.group(0), _forum_parents(kommune), kommune)


# -- generated organisations -----------------------------------------------------------------


def _organisation(rng: random.Random, size: int) -> tuple[list, dict[str, str | None]]:
    """A random forest of `size` fora: mostly downwards, some roots, some level inversions,
    sometimes one forum with many leaf children (the «eight networks» case), and some fora
    that are kinds with 1-16 instances (one SSP team per school). The instances are in the
    data as the site model has them (expanded next to the fora), but only their kind is drawn."""
    ids = [f"forum-{i}" for i in range(size)]
    parents: dict[str, str | None] = {}
    fora = {}
    expanded = {}
    hub = rng.randrange(size) if size > 6 and rng.random() < 0.5 else None
    for i, forum_id in enumerate(ids):
        if i == 0 or rng.random() < 0.12:
            parent = None
        elif hub is not None and hub < i and rng.random() < 0.4:
            parent = ids[hub]
        else:
            parent = ids[rng.randrange(i)]
        parents[forum_id] = parent
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 7)))
        level = LEVELS[min(3, max(0, (LEVELS.index(_level(fora[parent])) if parent else 0) + rng.choice([-1, 0, 1, 1, 2])))][0]
        instanser = [{"id": f"{forum_id}-skole-{j}", "navn": f"{name} {j}", "skole": f"skole-{j}"}
                     for j in range(rng.randint(1, 16))] if rng.random() < 0.2 else []
        fora[forum_id] = Forum.model_validate(
            {"id": forum_id, "navn": name, "type": "netvaerk", "niveau": level, "overordnet": parent,
             "instanser": instanser}
        )
        for instans in fora[forum_id].instanser:
            expanded[instans.id] = udfold(fora[forum_id], instans)
    data = SimpleNamespace(fora={k: SimpleNamespace(value=v) for k, v in {**fora, **expanded}.items()})
    lookup = SimpleNamespace(niveau_orden=lambda: [level for level, _ in LEVELS])
    return organisation(data, lookup), parents


def _check_counts(svg: str, roots: list) -> None:
    """Every forum kind's box (or the group box listing it) carries its count «(n skoler)»."""
    root = ET.fromstring(svg)
    texts = {}
    for group in root.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        keys = (rect.get("data-forum") or rect.get("data-gruppe") or "").split()
        for key in keys:
            texts[key] = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
    stack = list(roots)
    while stack:
        node = stack.pop()
        stack += node.children
        count = len(node.forum.instanser)
        if count:
            word = "skole" if count == 1 else "skoler"
            assert node.instanser == f"{count} {word}"
            assert f"({count} {word})" in texts[node.forum.id], (node.forum.id, texts[node.forum.id])


def _level(forum: Forum) -> tuple[str, str]:
    return next(level for level in LEVELS if level[0] == forum.niveau)


@pytest.mark.parametrize("seed", range(120))
def test_generated_organisations_have_no_merged_crossing_or_hidden_edges(seed: int) -> None:
    size = 1 + seed % 60 if seed < 60 else random.Random(seed).randint(1, 60)
    roots, parents = _organisation(random.Random(seed), size)
    svg = str(orgdiagram(roots, LEVELS, "Prøvekommune"))
    check(svg, parents, f"frø {seed} ({size} fora)")
    _check_counts(svg, roots)
    again, _ = _organisation(random.Random(seed), size)
    assert svg == str(orgdiagram(again, LEVELS, "Prøvekommune")), "samme data gav et andet diagram"


def test_many_equal_siblings_become_one_labelled_group() -> None:
    fora = {"hele": Forum.model_validate({"id": "hele", "navn": "SSP-netværket", "type": "netvaerk", "niveau": "operationelt"})}
    districts = ["Nord", "Syd", "Øst", "Vest", "By og Land", "Midt", "Strand", "Skov"]
    for i, district in enumerate(districts):
        fora[f"n{i}"] = Forum.model_validate({"id": f"n{i}", "navn": f"SSP-netværk {district}", "type": "netvaerk",
                                              "niveau": "operationelt", "overordnet": "hele"})
    data = SimpleNamespace(fora={k: SimpleNamespace(value=v) for k, v in fora.items()})
    roots = organisation(data, SimpleNamespace(niveau_orden=lambda: [level for level, _ in LEVELS]))
    svg = str(orgdiagram(roots, LEVELS, "Prøvekommune"))
    assert "SSP-netværk (8)" in svg
    drawn = parse(svg)
    assert len(drawn.boxes) == 2 and len(drawn.edges) == 1
    assert all(drawn.owner[f"n{i}"].startswith("gruppe:") for i in range(8))


# -- numbered boxes (the table of escalation, information and membership under the diagram) --


def _badges(svg: str) -> dict[str, tuple[float, float, float]]:
    """number -> (cx, cy, r) of each numbered disc."""
    return {c.get("data-nummer"): (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
            for c in ET.fromstring(svg).iter(f"{SVG}circle") if c.get("data-nummer")}


@pytest.mark.parametrize("seed", range(0, 120, 3))
def test_numbered_boxes_keep_the_layout_guarantees_and_carry_their_number(seed: int) -> None:
    size = 1 + seed % 60 if seed < 60 else random.Random(seed).randint(1, 60)
    roots, parents = _organisation(random.Random(seed), size)
    rng = random.Random(seed + 1000)
    numre = {forum_id: n for n, forum_id in enumerate((f for f in parents if rng.random() < 0.4), start=1)}
    svg = str(orgdiagram(roots, LEVELS, "Prøvekommune", numre))
    check(svg, parents, f"frø {seed} ({size} fora) med numre")
    drawn = parse(svg)
    boxes = {box.key: box for box in drawn.boxes}
    badges = _badges(svg)
    assert set(badges) == {str(n) for n in numre.values()}
    for forum_id, number in numre.items():
        cx, cy, r = badges[str(number)]
        box = boxes[drawn.owner[forum_id]]  # the forum's own box, or the group box listing it
        assert box.x <= cx - r and cx + r <= box.x + box.w and box.y <= cy - r and cy + r <= box.y + box.h, (
            f"frø {seed}: nummer {number} ({forum_id}) ligger uden for sin kasse")
