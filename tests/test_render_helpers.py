"""The fast paths of rendering give the same bytes as the general code they stand in for."""

from __future__ import annotations

import random

from sspgen.render import ics
from sspgen.render.helpers import page_href
from sspgen.site.urls import relative


def test_page_href_equals_relative() -> None:
    folders = ["", "a", "b", "moeder", "moeder/x", "moeder/y", "a/b", "a/b/c"]
    targets = {"/", "//", "#", "#top", ".", "./a/", "../a/", "a//b/", "aktoerer/#k", "assets/x.css"}
    for folder in folders:
        for suffix in ["", "/", "//", "#z", "/#z", "/#", "#", "/index.html"]:
            targets.add(folder + suffix)
    for page in ["", "a/", "x/", "moeder/", "moeder/x/", "a/b/", "a/b/c/"]:
        href = page_href(page)
        for target in sorted(targets):
            assert href(target) == relative(target, page), (page, target)


def _fold_by_characters(line: str) -> str:
    """RFC 5545 folding one character at a time (what ics.fold did before it cut octets)."""
    if len(line.encode("utf-8")) <= 75:
        return line
    out, current, size = [], "", 0
    for char in line:
        length = len(char.encode("utf-8"))
        if size + length > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += length
    out.append(current)
    return "\r\n".join(out)


def test_fold_cuts_between_characters() -> None:
    rng = random.Random(1)
    alphabet = "abcæøå€😀 ,;\\\u0301"
    for length in list(range(0, 300)) * 5:
        line = "".join(rng.choice(alphabet) for _ in range(length))
        assert ics.fold(line) == _fold_by_characters(line)
