"""The organisation diagram as inline SVG, drawn from fora + overordnet + niveau.

One band per level (in the vocabulary's order: politisk, strategisk, koordinerende,
operationelt), a box per forum, a line from each forum to the forum above it. The SVG is an
image with a title and description; the page carries the same structure as a nested list with
links, which is the equivalent for screen readers and keyboard users.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

BOX_W, BOX_H = 190, 62
GAP_X, GAP_Y = 20, 46
LABEL_W = 150
PER_ROW = 4
LINE_CHARS = 24
FONT = 13

# Colours and fonts are SVG presentation attributes on the elements, not CSS: the diagram
# then looks the same on the site and inside a CMS fragment that has no stylesheet at all
# (a stylesheet rule would still win over them; sspgen.css sets none for the diagram).
FONT_FAMILY = "'IBM Plex Sans', Arial, sans-serif"
TEXT = f'fill="#1a1a1a" font-family="{FONT_FAMILY}" font-size="{FONT}"'
BAND = 'fill="#f5f5f5"'
BOX = 'fill="#ffffff" stroke="#1a1a1a" stroke-width="1.5"'
EDGE = 'fill="none" stroke="#595959" stroke-width="1.5"'


def _wrap(text: str, width: int = LINE_CHARS, lines: int = 3) -> list[str]:
    words, result, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            result.append(current)
            current = word
    if current:
        result.append(current)
    if len(result) > lines:
        result = result[:lines]
        result[-1] = result[-1][: width - 1].rstrip() + "…"
    return [line if len(line) <= width + 4 else line[: width + 3] + "…" for line in result]


def _walk(roots: list[Any]) -> list[Any]:
    """Fora in tree order, so children sit near their parent within a band."""
    order = []

    def visit(node: Any) -> None:
        order.append(node.forum)
        for child in node.children:
            visit(child)

    for root in roots:
        visit(root)
    return order


def _rows(members: list[Any]) -> list[list[Any]]:
    """A band's boxes in rows: a forum whose parent is in the same band goes on a row below
    its parent, so every line runs downwards; long rows wrap after PER_ROW boxes."""
    ids = {f.id for f in members}
    depth: dict[str, int] = {}

    def level(forum: Any, seen: frozenset[str] = frozenset()) -> int:
        if forum.id not in depth:
            parent = next((f for f in members if f.id == forum.overordnet), None)
            if parent is None or forum.overordnet not in ids or parent.id in seen:
                depth[forum.id] = 0
            else:
                depth[forum.id] = level(parent, seen | {forum.id}) + 1
        return depth[forum.id]

    rows: list[list[Any]] = []
    for sub in sorted({level(f) for f in members}):
        group = [f for f in members if depth[f.id] == sub]
        rows += [group[i : i + PER_ROW] for i in range(0, len(group), PER_ROW)]
    return rows


def orgdiagram(roots: list[Any], niveauer: list[tuple[str, str]], kommune_navn: str) -> Markup:
    """`roots` are derived.Knude trees; `niveauer` is (id, display name) in band order."""
    fora = _walk(roots)
    if not fora:
        return Markup("")
    level_ids = [level_id for level_id, _ in niveauer]
    bands: list[tuple[str, list[Any]]] = []
    for level_id, name in niveauer:
        members = [f for f in fora if f.niveau == level_id]
        if members:
            bands.append((name, members))
    other = [f for f in fora if f.niveau not in level_ids]
    if other:
        bands.append(("Øvrige", other))

    positions: dict[str, tuple[float, float]] = {}
    parts: list[str] = []
    y = 10.0
    columns = min(PER_ROW, max(len(members) for _, members in bands))
    width = LABEL_W + columns * (BOX_W + GAP_X) + 10
    for band_index, (name, members) in enumerate(bands):
        rows = _rows(members)
        band_h = len(rows) * BOX_H + (len(rows) - 1) * 16
        if band_index % 2 == 0:
            parts.append(f'<rect x="0" y="{y - 8:g}" width="{width:g}" height="{band_h + 16:g}" class="band" {BAND}/>')
        label_lines = _wrap(name, 18, 2)
        label_y = y + band_h / 2 - (len(label_lines) - 1) * 8
        for i, line in enumerate(label_lines):
            parts.append(f'<text x="10" y="{label_y + i * 16 + 4:g}" class="niveau" {TEXT} font-weight="600">{escape(line)}</text>')
        for row_index, row in enumerate(rows):
            row_y = y + row_index * (BOX_H + 16)
            offset = LABEL_W + (columns - len(row)) * (BOX_W + GAP_X) / 2
            for col, forum in enumerate(row):
                x = offset + col * (BOX_W + GAP_X)
                positions[forum.id] = (x, row_y)
        y += band_h + GAP_Y
    height = y - GAP_Y + 18

    row_tops = sorted({top for _, top in positions.values()})
    lines = _edges(fora, positions, row_tops)
    boxes: list[str] = []
    for forum in fora:
        x, y0 = positions[forum.id]
        text_lines = _wrap(forum.navn)
        boxes.append(f'<g class="forum"><rect x="{x:g}" y="{y0:g}" width="{BOX_W}" height="{BOX_H}" rx="4" {BOX}/>')
        first = y0 + BOX_H / 2 - (len(text_lines) - 1) * (FONT + 2) / 2 + FONT / 3
        for i, line in enumerate(text_lines):
            boxes.append(f'<text x="{x + BOX_W / 2:g}" y="{first + i * (FONT + 2):g}" text-anchor="middle" {TEXT}>{escape(line)}</text>')
        boxes.append("</g>")

    description = _description(roots)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="orgdiagram" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" role="img" aria-labelledby="orgdiagram-titel orgdiagram-beskrivelse">'
        f'<title id="orgdiagram-titel">Organisationsdiagram for SSP-samarbejdet i {escape(kommune_navn)}</title>'
        f'<desc id="orgdiagram-beskrivelse">{escape(description)} Samme opbygning står som liste under diagrammet.</desc>'
        + "".join(parts) + "".join(lines) + "".join(boxes) + "</svg>"
    )


def _edges(fora: list[Any], positions: dict[str, tuple[float, float]], row_tops: list[float]) -> list[str]:
    """A line from each forum up to its parent. A line that would cross a row of boxes lying
    between the two runs down a trunk left of the boxes instead, one trunk per parent, so a
    reader never sees a child hang from the wrong box."""
    left = min(x for x, _ in positions.values())
    trunks: dict[str, float] = {}
    lines: list[str] = []
    for forum in fora:
        if forum.overordnet not in positions or forum.id not in positions:
            continue
        cx, cy = positions[forum.id]
        px, py = positions[forum.overordnet]
        x1, y1 = cx + BOX_W / 2, cy
        x2, y2 = px + BOX_W / 2, py + BOX_H
        if y1 <= y2:  # same row: a sideways line
            lines.append(f'<path d="M{x1:g} {y1 + BOX_H / 2:g} H{x2:g} V{y2 - BOX_H / 2:g}" class="kant" {EDGE}/>')
        elif any(py < top < cy for top in row_tops):
            trunk = trunks.setdefault(forum.overordnet, left - GAP_X / 2 - 6 * len(trunks))
            lines.append(
                f'<path d="M{x2:g} {y2:g} V{y2 + 8:g} H{trunk:g} V{y1 - 8:g} H{x1:g} V{y1:g}" class="kant" {EDGE}/>'
            )
        else:
            mid = y2 + min(GAP_Y / 2, (y1 - y2) / 2)
            lines.append(f'<path d="M{x1:g} {y1:g} V{mid:g} H{x2:g} V{y2:g}" class="kant" {EDGE}/>')
    return lines


def _description(roots: list[Any]) -> str:
    sentences = []

    def visit(node: Any) -> None:
        if node.children:
            names = ", ".join(child.forum.navn for child in node.children)
            sentences.append(f"Under {node.forum.navn}: {names}.")
        for child in node.children:
            visit(child)

    for root in roots:
        visit(root)
    return " ".join(sentences) or "Forummerne står hver for sig."
