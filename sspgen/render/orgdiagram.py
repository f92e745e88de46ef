"""The organisation diagram as inline SVG, drawn from fora + overordnet + niveau.

One band per level (in the vocabulary's order: politisk, strategisk, koordinerende,
operationelt), a box per forum, a line from each forum to the forum above it; a forum named in
the table of escalation, information and membership under the diagram carries its number
there in a disc in the box's corner. The SVG is an
image with a title and description; the page carries the same structure as a nested list with
links, which is the equivalent for screen readers and keyboard users.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from .orglayout import BAND_PAD, LINE_H, PAD_Y, Box, place

LABEL_W = 140
LINE_CHARS = 24
NUMBERED_LINE_CHARS = 18
"""A numbered box wraps its name narrower, so the centred text clears the badge in its corner."""
FONT = 13

# Colours and fonts are SVG presentation attributes on the elements, not CSS: the diagram
# then looks the same on the site and inside a CMS fragment that has no stylesheet at all
# (a stylesheet rule would still win over them; sspgen.css sets none for the diagram).
FONT_FAMILY = "'IBM Plex Sans', Arial, sans-serif"
TEXT = f'fill="#1a1a1a" font-family="{FONT_FAMILY}" font-size="{FONT}"'
BAND = 'fill="#f5f5f5"'
BOX = 'fill="#ffffff" stroke="#1a1a1a" stroke-width="1.5"'
EDGE = 'fill="none" stroke="#595959" stroke-width="1.5"'
BADGE = 'fill="#1a1a1a"'
BADGE_TEXT = f'fill="#ffffff" font-family="{FONT_FAMILY}" font-weight="600" text-anchor="middle"'


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


def _boxes(roots: list[Any], band_of: dict[str, int], numre: dict[str, int]) -> list[Box]:
    def build(node: Any, parent_band: int | None = None) -> Box:
        forum = node.forum
        # A forum whose level the sources do not give is drawn in its parent's band (or among
        # «Øvrige» at the top of a tree): no level is invented for it.
        if forum.niveau is None:
            band = parent_band if parent_band is not None else len(band_of)
        else:
            band = band_of.get(forum.niveau, len(band_of))
        count = getattr(node, "instanser", None)
        # A forum kind carries its count on a line of its own, «(14 skoler)», so a long name
        # that is cut short never hides it.
        name = _wrap(forum.navn, NUMBERED_LINE_CHARS if forum.id in numre else LINE_CHARS)
        lines = name + [f"({count})"] if count else name
        box = Box(key=forum.id, name=forum.navn, lines=lines, band=band,
                  antal=count or "")
        box.children = [build(child, band) for child in node.children]
        return box

    return [build(root) for root in roots]


def orgdiagram(roots: list[Any], niveauer: list[tuple[str, str]], kommune_navn: str,
               numre: dict[str, int] | None = None) -> Markup:
    """`roots` are derived.Knude trees; `niveauer` is (id, display name) in band order.

    `numre`: forum id -> the number its box carries, for the fora in the table of escalation,
    information and membership under the diagram (site/fora.py forbindelser). Those links are
    not drawn as lines: the layout guarantees (no line crosses another or runs through a box)
    hold for a forest, not for arbitrary links across it, so the box carries a numbered badge
    in its top left corner and the table names the same number."""
    numre = numre or {}
    if not roots:
        return Markup("")
    band_of = {level_id: i for i, (level_id, _) in enumerate(niveauer)}
    band_names = [name for _, name in niveauer] + ["Øvrige"]
    layout = place(_boxes(roots, band_of, numre), LABEL_W, 10, lambda text, lines: _wrap(text, LINE_CHARS, lines))
    width, height = layout.width, layout.height
    parts: list[str] = []
    for index, (band, first, last) in enumerate(layout.bands):
        top = layout.rows[first][0] - BAND_PAD
        bottom = layout.rows[last][0] + layout.rows[last][1] + BAND_PAD
        if index % 2 == 0:
            parts.append(f'<rect x="0" y="{top:g}" width="{width:g}" height="{bottom - top:g}" class="band" {BAND}/>')
        label_lines = _wrap(band_names[band], 16, 2)
        label_y = (top + bottom) / 2 - (len(label_lines) - 1) * LINE_H / 2 + FONT / 3
        for i, line in enumerate(label_lines):
            parts.append(f'<text x="10" y="{label_y + i * LINE_H:g}" class="niveau" {TEXT} font-weight="600">{escape(line)}</text>')
    by_key = {box.key: box for box in layout.boxes}
    for edge in layout.edges:
        child = by_key[edge.child]
        target = " ".join(child.member_keys) if child.members else child.key
        points = " ".join(f"{x:g},{y:g}" for x, y in edge.points)
        parts.append(f'<polyline points="{points}" class="kant" data-fra="{escape(edge.parent)}" data-til="{escape(target)}" {EDGE}/>')
    for box in layout.boxes:
        parts += _group(box, numre) if box.members else _forum(box, numre.get(box.key))

    description = _description(roots)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="orgdiagram" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" role="img" aria-labelledby="orgdiagram-titel orgdiagram-beskrivelse">'
        f'<title id="orgdiagram-titel">Organisationsdiagram for SSP-samarbejdet i {escape(kommune_navn)}</title>'
        f'<desc id="orgdiagram-beskrivelse">{escape(description)} Samme opbygning står som liste under diagrammet.</desc>'
        + "".join(parts) + "</svg>"
    )


def _badge(cx: float, cy: float, number: int, r: float = 7.5) -> str:
    """A numbered disc: the box's number in the table under the diagram."""
    size = 12  # no text in the diagram under 12 px (tests/test_browser_orgdiagram.py), digits too
    return (f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}" class="nummer" data-nummer="{number}" {BADGE}/>'
            f'<text x="{cx:g}" y="{cy + size / 3:g}" class="nummer" font-size="{size:g}" {BADGE_TEXT}>{number}</text>')


def _forum(box: Box, number: int | None = None) -> list[str]:
    parts = [f'<g class="{"forum forumtype" if box.antal else "forum"}"><rect x="{box.x:g}" y="{box.y:g}" '
             f'width="{box.width:g}" height="{box.height:g}" rx="4" data-forum="{escape(box.key)}" {BOX}/>']
    if box.antal:  # a double border: one box standing for several groups of the same kind
        parts.append(f'<rect x="{box.x + 3:g}" y="{box.y + 3:g}" width="{box.width - 6:g}" height="{box.height - 6:g}" '
                     f'rx="3" class="instanser" fill="none" stroke="#1a1a1a" stroke-width="0.75"/>')
    first = box.y + (box.height - len(box.lines) * LINE_H) / 2 + LINE_H * 0.75
    for i, line in enumerate(box.lines):
        parts.append(f'<text x="{box.centre:g}" y="{first + i * LINE_H:g}" text-anchor="middle" {TEXT}>{escape(line)}</text>')
    if number is not None:
        parts.append(_badge(box.x + 14, box.y + 14, number, r=9.5))
    parts.append("</g>")
    return parts


def _group(box: Box, numre: dict[str, int]) -> list[str]:
    """A group box: its label on top, the members below in two columns, one name each."""
    members = " ".join(box.member_keys)
    parts = [f'<g class="gruppe"><rect x="{box.x:g}" y="{box.y:g}" width="{box.width:g}" height="{box.height:g}" '
             f'rx="4" data-gruppe="{escape(members)}" {BOX}/>']
    y = box.y + PAD_Y + LINE_H * 0.75
    for line in box.lines:
        parts.append(f'<text x="{box.centre:g}" y="{y:g}" text-anchor="middle" {TEXT} font-weight="600">{escape(line)}</text>')
        y += LINE_H
    y += LINE_H / 2
    keys = iter(box.member_keys)
    for column, members in enumerate(box.columns()):
        x, line_y = box.x + 12 + column * (box.width / 2), y
        for lines in members:
            number = numre.get(next(keys, ""))
            for i, line in enumerate(lines):
                # A numbered member's badge takes the bullet's place.
                prefix = "• " if i == 0 and number is None else "  "
                parts.append(f'<text x="{x:g}" y="{line_y:g}" {TEXT} xml:space="preserve">{escape(prefix + line)}</text>')
                if i == 0 and number is not None:
                    # Left of where the bullet stood, in the box's padding or the column gap.
                    parts.append(_badge(x - 3, line_y - 4.5, number, r=8))
                line_y += LINE_H
    parts.append("</g>")
    return parts


def _description(roots: list[Any]) -> str:
    sentences = []

    def visit(node: Any) -> None:
        if node.children:
            names = ", ".join(child.navn for child in node.children)
            # The parent's count («(3 distrikter)») was given where it was listed; once is enough.
            sentences.append(f"Under {node.forum.navn}: {names}.")
        for child in node.children:
            visit(child)

    for root in roots:
        visit(root)
    return " ".join(sentences) or "Forummerne står hver for sig."
