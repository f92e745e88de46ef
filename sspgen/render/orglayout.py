"""Layout of the organisation diagram: a layered tree layout with contour packing and
per-edge orthogonal routing, in plain Python so the same input always gives the same bytes.

Why our own and not a library: the diagram is a forest (each forum has at most one
`overordnet`), and for a forest a layered layout can guarantee what a general graph layout
only approximates: no two edges cross or share a segment, and no edge runs through a box.

- Rows. Each forum sits in its level's band; a forum whose parent is in the same band goes one
  row lower within the band. A forum whose level is above its parent's is drawn in the
  parent's band (the nested list under the diagram still names its level), so every edge
  runs downwards.
- Columns. Subtrees are laid out bottom-up and packed side by side as tightly as their
  outlines (per row, and per gap between rows) allow, the parent centred over its children
  (Reingold-Tilford). An edge that skips rows is part of its subtree's outline in the rows it
  passes, so no other box can be placed on it.
- Many equal siblings. More than GROUP_MIN leaf children of one forum on the same row become
  one labelled group box listing its members, instead of a row too wide to read.
- Edges. Each child gets its own port on the parent's lower side (in the children's order)
  and its own horizontal track in the gap below the parent: edges going right take shallower
  tracks the further right they end, edges going left likewise, so none cross or merge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

BOX_W = 186
GROUP_COL_W = 186
GAP_X = 22
LINE_H = 17
PAD_Y = 12
MIN_BOX_H = 58
GROUP_MIN = 4
TRACK_STEP = 8
GAP_MIN = 44
BAND_PAD = 10


@dataclass
class Box:
    """A forum box or a group box; `members` is non-empty for a group."""

    key: str
    name: str
    lines: list[str]
    band: int
    children: list["Box"] = field(default_factory=list)
    members: list[list[str]] = field(default_factory=list)
    member_keys: list[str] = field(default_factory=list)
    antal: str = ""
    """For a forum kind with instances, their count («14 skoler»): the box gets a double border
    and the count on a line of its own, also when it is listed in a group box."""
    row: int = 0
    x: float = 0.0  # left edge (relative while packing, absolute after `place`)
    y: float = 0.0

    @property
    def width(self) -> float:
        return 2 * GROUP_COL_W + GAP_X if self.members else BOX_W

    @property
    def height(self) -> float:
        if self.members:
            lines = max(sum(len(m) for m in column) for column in self.columns())
            return PAD_Y * 2 + LINE_H * (len(self.lines) + 0.5 + lines)
        return max(MIN_BOX_H, PAD_Y * 2 + LINE_H * len(self.lines))

    def columns(self) -> list[list[list[str]]]:
        """A group's members in two columns, top to bottom, then left to right."""
        half = -(-len(self.members) // 2)
        return [self.members[:half], self.members[half:]]

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass
class Edge:
    parent: str
    child: str
    points: list[tuple[float, float]]


@dataclass
class Layout:
    boxes: list[Box]  # every box, parents before children
    edges: list[Edge]
    rows: list[tuple[float, float]]  # (top, height) per row
    bands: list[tuple[int, int, int]]  # (band index, first row, last row)
    width: float
    height: float


Contour = dict[int, tuple[float, float]]  # key 2*row: boxes on the row; 2*row+1: the gap below


def assign_rows(roots: list[Box]) -> list[tuple[int, int, int]]:
    """Give every box its row; return the bands as (band, first row, last row)."""
    depth: dict[int, int] = {}  # band -> deepest local row used

    def local(box: Box, parent: Box | None, parent_local: int) -> None:
        if parent is not None:
            box.band = max(box.band, parent.band)
        box.row = parent_local + 1 if parent is not None and parent.band == box.band else 0
        depth[box.band] = max(depth.get(box.band, 0), box.row)
        for child in box.children:
            local(child, box, box.row)

    for root in roots:
        local(root, None, 0)
    start, bands, offset = {}, [], 0
    for band in sorted(depth):
        start[band] = offset
        bands.append((band, offset, offset + depth[band]))
        offset += depth[band] + 1
    for box in walk(roots):
        box.row += start[box.band]
    return bands


def walk(roots: list[Box]) -> list[Box]:
    order: list[Box] = []
    stack = list(reversed(roots))
    while stack:
        box = stack.pop()
        order.append(box)
        stack.extend(reversed(box.children))
    return order


def _shift(contour: Contour, by: float) -> Contour:
    return {key: (lo + by, hi + by) for key, (lo, hi) in contour.items()}


def _merge(into: Contour, other: Contour) -> None:
    for key, (lo, hi) in other.items():
        old = into.get(key)
        into[key] = (min(lo, old[0]), max(hi, old[1])) if old else (lo, hi)


def _offset(left: Contour, right: Contour) -> float | None:
    """How far `right` must move so it clears `left` by GAP_X on every shared key."""
    shared = [key for key in right if key in left]
    if not shared:
        return None
    return max(left[key][1] + GAP_X - right[key][0] for key in shared)


def _pack(subtrees: list[tuple[list[Box], Contour]]) -> tuple[list[Box], Contour]:
    boxes: list[Box] = []
    outline: Contour = {}
    for members, contour in subtrees:
        by = _offset(outline, contour)
        if by is None:  # nothing in common: align left edges (only happens between roots)
            by = (min(lo for lo, _ in outline.values()) if outline else 0.0) - min(lo for lo, _ in contour.values())
        for box in members:
            box.x += by
        _merge(outline, _shift(contour, by))
        boxes += members
    return boxes, outline


def _layout_subtree(box: Box) -> tuple[list[Box], Contour]:
    box.x = 0.0
    if not box.children:
        return [box], {2 * box.row: (0.0, box.width)}
    subtrees = []
    for child in box.children:
        members, contour = _layout_subtree(child)
        # the edge's vertical run down to the child belongs to the child's outline
        for key in range(2 * box.row + 1, 2 * child.row):
            contour[key] = (child.centre - 1, child.centre + 1)
        subtrees.append((members, contour))
    members, outline = _pack(subtrees)
    first, last = box.children[0].centre, box.children[-1].centre
    box.x = (first + last) / 2 - box.width / 2
    outline[2 * box.row] = (box.x, box.x + box.width)
    lo, hi = outline[2 * box.row + 1]
    outline[2 * box.row + 1] = (min(lo, box.x), max(hi, box.x + box.width))
    return [box] + members, outline


def _ports(box: Box) -> list[float]:
    count = len(box.children)
    if count == 1:
        return [box.centre]
    step = min(14.0, (box.width - 24) / (count - 1))
    return [box.centre + (i - (count - 1) / 2) * step for i in range(count)]


def _tracks(box: Box) -> tuple[list[float], list[int]]:
    """Each child's port and its track number (0 = nearest the parent)."""
    ports = _ports(box)
    for i, child in enumerate(box.children):
        if abs(child.centre - ports[i]) < 0.5:
            ports[i] = child.centre
    right = [i for i, c in enumerate(box.children) if c.centre > ports[i]]
    left = [i for i, c in enumerate(box.children) if c.centre < ports[i]]
    track = [0] * len(box.children)
    for number, i in enumerate(reversed(right)):
        track[i] = number
    for number, i in enumerate(left):
        track[i] = number
    return ports, track


def group_siblings(roots: list[Box], wrap: Callable[[str, int], list[str]]) -> None:
    """Replace more than GROUP_MIN childless children of one box on one row by a group box."""
    for box in walk(roots):
        leaves: dict[int, list[Box]] = {}
        for child in box.children:
            if not child.children:
                leaves.setdefault(child.row, []).append(child)
        for row, group in sorted(leaves.items()):
            if len(group) <= GROUP_MIN:
                continue
            label = f"{_common_words([g.name for g in group]) or 'Fora'} ({len(group)})"
            gathered = Box(
                key=f"gruppe-{box.key}-{row}", name=label, lines=wrap(label, 2), band=group[0].band,
                members=[wrap(g.name, 2) + ([f"({g.antal})"] if g.antal else []) for g in group],
                member_keys=[g.key for g in group], row=row,
            )
            at = box.children.index(group[0])
            rest = [c for c in box.children if c not in group]
            box.children = rest[:at] + [gathered] + rest[at:]


def _common_words(names: list[str]) -> str:
    """The words all names begin with, e.g. «SSP-netværk» for «SSP-netværk Øster», … ."""
    split = [name.split() for name in names]
    common = []
    for words in zip(*split):
        if len(set(words)) != 1:
            break
        common.append(words[0])
    if all(len(words) == len(common) for words in split):
        common = common[:-1]
    return " ".join(common).rstrip(",:;–-")


def place(roots: list[Box], left_margin: float, top: float, wrap: Callable[[str, int], list[str]]) -> Layout:
    """Lay out the forest and route the edges."""
    bands = assign_rows(roots)
    group_siblings(roots, wrap)
    boxes, outline = _pack([_layout_subtree(root) for root in roots])
    shift = left_margin - min(lo for lo, _ in outline.values())
    for box in boxes:
        box.x += shift
    right = max(hi for _, hi in outline.values()) + shift
    row_count = max(box.row for box in boxes) + 1
    heights = [MIN_BOX_H] * row_count
    tracks_needed = [0] * row_count
    routes: dict[str, tuple[list[float], list[int]]] = {}
    for box in boxes:
        heights[box.row] = max(heights[box.row], box.height)
        if box.children:
            routes[box.key] = _tracks(box)
            tracks_needed[box.row] = max(tracks_needed[box.row], max(routes[box.key][1]) + 1)
    rows, y = [], top
    for row in range(row_count):
        rows.append((y, heights[row]))
        y += heights[row] + max(GAP_MIN, 2 * BAND_PAD + 8 + tracks_needed[row] * TRACK_STEP)
    for box in boxes:
        box.y = rows[box.row][0]
    edges = []
    for box in boxes:
        if not box.children:
            continue
        ports, track = routes[box.key]
        bottom = box.y + box.height
        gap_top = rows[box.row][0] + rows[box.row][1]
        for i, child in enumerate(box.children):
            x1, x2 = ports[i], child.centre
            if x1 == x2:
                points = [(x1, bottom), (x2, child.y)]
            else:
                ty = gap_top + BAND_PAD + 4 + track[i] * TRACK_STEP
                points = [(x1, bottom), (x1, ty), (x2, ty), (x2, child.y)]
            edges.append(Edge(box.key, child.key, points))
    height = rows[-1][0] + rows[-1][1] + BAND_PAD + 2
    return Layout(boxes, edges, rows, bands, right + BAND_PAD, height)
