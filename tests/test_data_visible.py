"""Every fact in the data is visible on a generated page.

The seeds are the requirements, and every fact in them must show on a page. Rather than list
phrases by hand, this walks every text value of every example file: each must appear in the
text of the built intranet, and each value of a public entity (`synlighed: offentlig`, and
not inside an item marked intern) must appear in the text of the public site.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from site_helpers import example_slugs
from sspgen.render import markdown
from sspgen.validate import check_repository

ROOT = Path(__file__).resolve().parent.parent
# Ids (also «kommune/id», a forum shared with another municipality), web addresses and ISO dates
# are shown in other forms (names, links, Danish dates).
NOT_SHOWN_AS_IS = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)?|https?://\S+|\d{4}-\d\d-\d\d")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synlig") / "output"
    result = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "build", str(ROOT), "--out", str(out), "--uden-pdf"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _page_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    return _plain(re.sub(r"<[^>]+>", " ", text))


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _site_text(site: Path) -> str:
    return " ".join(_page_text(p) for p in sorted(site.rglob("index.html")))


def _values(value: Any, loc: tuple, public: bool) -> Iterator[tuple[tuple, str, bool]]:
    """Every text leaf with its location and whether it is public."""
    if isinstance(value, dict):
        if "synlighed" in value:
            public = value["synlighed"] == "offentlig"
        for key, item in value.items():
            yield from _values(item, loc + (key,), public)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values(item, loc + (index,), public)
    elif isinstance(value, str) and not NOT_SHOWN_AS_IS.fullmatch(value) and loc[-1:] != ("faelles",):
        yield loc, value, public  # «faelles: <kommune>/<id>» shows as the shared forum's name


def _as_shown(value: str) -> str:
    """The text a reader sees: Markdown rendered, tags removed (first 60 characters)."""
    return _plain(re.sub(r"<[^>]+>", " ", markdown.render(value)))[:60]


def values_not_shown(root: Path, out: Path, slug: str) -> tuple[list[str], list[str], int]:
    """The text values of a municipality's files in `root` that its built sites in `out` do not
    show: (not on the intranet, public but not on the public site, number of values checked)."""
    (data,) = check_repository(root, slug).kommuner
    intranet = _site_text(out / slug / "intranet")
    public = _site_text(out / slug / "offentlig")
    missing_intranet, missing_public, checked = [], [], 0
    for source in data.sources:
        for loc, value, is_public in _values(source.data, (), False):
            checked += 1
            shown = _as_shown(value)
            where = f"{source.path} {'.'.join(map(str, loc))}: {shown!r}"
            if shown not in intranet:
                missing_intranet.append(where)
            if is_public and shown not in public:
                missing_public.append(where)
    return missing_intranet, missing_public, checked


@pytest.mark.parametrize("slug", example_slugs())
def test_every_text_value_is_visible(built: Path, slug: str) -> None:
    missing_intranet, missing_public, checked = values_not_shown(ROOT, built, slug)
    assert checked > 250
    assert missing_intranet == [], "not on the intranet:\n" + "\n".join(missing_intranet)
    assert missing_public == [], "public but not on the public site:\n" + "\n".join(missing_public)
