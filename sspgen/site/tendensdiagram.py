"""A trend's course over time as a small bar chart, drawn at build time as inline SVG (no script
in the browser). The chart has a title and a description that says every number, and the page
shows the same numbers in the table's «I alt» row, so nothing depends on seeing the bars."""

from __future__ import annotations

from typing import Any, Sequence

from markupsafe import Markup, escape

_BAR = 44
_GAP = 12
_LEFT = 8
_TOP = 22
_HEIGHT = 90
_LABEL = 34


def diagram(tendens: str, navn: str, perioder: Sequence[Any], antal: Sequence[int]) -> Markup:
    """The chart for periods oldest first, with the meetings per period."""
    width = _LEFT * 2 + len(perioder) * (_BAR + _GAP) - _GAP
    height = _TOP + _HEIGHT + _LABEL
    top = max(antal, default=0) or 1
    ident = escape(f"diagram-{tendens}")  # a vocabulary id; escaped all the same
    parts = [
        f'<svg class="sspgen-tendensdiagram" role="img" aria-labelledby="{ident}-titel {ident}-beskrivelse" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-titel">{escape(navn)}: møder pr. periode</title>',
        f'<desc id="{ident}-beskrivelse">{escape(_beskrivelse(perioder, antal))}</desc>',
        f'<line x1="{_LEFT}" y1="{_TOP + _HEIGHT}" x2="{width - _LEFT}" y2="{_TOP + _HEIGHT}" class="akse"/>',
    ]
    for index, (periode, value) in enumerate(zip(perioder, antal)):
        x = _LEFT + index * (_BAR + _GAP)
        bar = round(_HEIGHT * value / top)
        middle = x + _BAR / 2
        if bar:
            parts.append(f'<rect x="{x}" y="{_TOP + _HEIGHT - bar}" width="{_BAR}" height="{bar}" class="soejle"/>')
        parts.append(f'<text x="{middle:g}" y="{_TOP + _HEIGHT - bar - 6}" text-anchor="middle" class="tal">{value}</text>')
        label_y = _TOP + _HEIGHT + 15
        first, _, year = periode.kort_navn.rpartition(" ")
        parts.append(f'<text x="{middle:g}" y="{label_y}" text-anchor="middle" class="periode">{escape(first)}</text>')
        parts.append(f'<text x="{middle:g}" y="{label_y + 14}" text-anchor="middle" class="periode">{year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _beskrivelse(perioder: Sequence[Any], antal: Sequence[int]) -> str:
    if not perioder:
        return "Ingen møder."
    counts = "; ".join(f"{p.navn}: {_moeder(n)}" for p, n in zip(perioder, antal))
    return f"Antal møder, hvor tendensen blev drøftet, fra det ældste til det nyeste {perioder[0].navn.split()[1]}: {counts}."


def _moeder(n: int) -> str:
    return "1 møde" if n == 1 else f"{n} møder"
