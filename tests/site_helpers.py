"""Helpers for the site tests: copies of the real examples, the real CLI, hashes of trees."""

from __future__ import annotations

import gzip
import hashlib
import os
import posixpath
import shutil
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent


def example_slugs() -> list[str]:
    """The example municipalities, as found under data/: adding one needs no test change."""
    return sorted(p.name for p in (REPO / "data").iterdir() if (p / "kommune.yaml").is_file())


def fora_with_instances(folder: Path) -> dict[str, dict]:
    """The fora of a data/<kommune>/fora folder read as plain YAML, by id, with every instance of
    a forum kind (``instanser``) as a forum of its own: the kind's keys, the instance's own keys
    on top, its own ``distrikt`` only, and ``instans_af`` naming the kind. Meetings name
    instances as they name fora; tests read the data without the builder's code."""
    import yaml

    fora: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yaml")):
        forum = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        fora[forum["id"]] = forum
        for instans in forum.get("instanser") or []:
            kind = {key: value for key, value in forum.items() if key not in ("instanser", "distrikt")}
            fora.setdefault(instans["id"], {**kind, **instans, "instans_af": forum["id"]})
    return fora


def copy_examples(target: Path, with_layouts: bool = False) -> Path:
    """data/ and content/ of the repository (and optionally layouts/) into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("data", "content") + (("layouts",) if with_layouts else ()):
        shutil.copytree(REPO / name, target / name)
    return target


def run_build(root: Path, out: Path, *extra: str, env: dict[str, str] | None = None,
              timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """`sspgen build` exactly as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "build", str(root), "--out", str(out), *extra],
        cwd=REPO, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def tree_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for name, data in tree_files(folder).items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def readable_text(path: Path, data: bytes) -> str:
    """A file's text as a reader (or a search engine) would get it: PDFs via their text
    layer, compressed search-index parts decompressed."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        return text + "\n" + str(reader.metadata or {})
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            pass
    return data.decode("utf-8", errors="replace")


# Site-level rules every build must keep, whatever the municipalities. test_site_build.py runs
# them on the examples, test_sixth_municipality.py on the examples plus a copied municipality.

def built_pages(out: Path) -> dict[str, str]:
    """Every built HTML page (search bundles left out), by path under `out`."""
    return {name: data.decode("utf-8") for name, data in tree_files(out).items()
            if name.endswith(".html") and "/pagefind/" not in name}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "id" and value:
                self.ids.add(value)
            if key in ("href", "src") and value:
                self.refs.append((tag, value))


def assert_every_municipality_has_both_sites(out: Path, kommuner: Iterable[str]) -> None:
    index = (out / "index.html").read_text(encoding="utf-8")
    for slug in kommuner:
        assert (out / slug / "intranet" / "index.html").is_file(), slug
        assert (out / slug / "offentlig" / "index.html").is_file(), slug
        assert f'href="{slug}/intranet/index.html"' in index, slug
        assert f'href="{slug}/offentlig/index.html"' in index, slug


def assert_pages_danish_and_intranet_noindex(out: Path) -> None:
    for name, html in built_pages(out).items():
        if name.endswith("fragment.html"):
            assert html.lstrip().startswith('<div class="sspgen-fragment" lang="da">'), name
            assert "<header" not in html and "<footer" not in html, name
            continue
        assert '<html lang="da">' in html, name
        noindex = '<meta name="robots" content="noindex' in html
        assert noindex == ("/intranet/" in name), name


def assert_internal_links_resolve_and_nothing_loads_from_other_hosts(out: Path) -> None:
    files = set(tree_files(out))
    parsed = {}
    for name, html in built_pages(out).items():
        refs = _Refs()
        refs.feed(html)
        parsed[name] = refs
    for name, refs in parsed.items():
        for tag, url in refs.refs:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                assert tag == "a", f"{name} loads {url} from another host"
                continue
            if parts.scheme in ("mailto", "tel"):
                continue
            assert not parts.scheme, f"{name}: {url}"
            if not parts.path:
                assert not parts.fragment or unquote(parts.fragment) in refs.ids, f"{name}: {url}"
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
            assert target in files, f"{name}: {url} -> {target}"
            if target.endswith("/intranet/admin/index.html") and parts.fragment.startswith("/collections/"):
                continue  # a route of the editing form («Nyt møde»), not an element on the page
            if parts.fragment and target in parsed:
                assert unquote(parts.fragment) in parsed[target].ids, f"{name}: {url}"
    for name in (n for n in parsed if "/offentlig/" in n):
        for _, url in parsed[name].refs:
            assert "intranet" not in url, f"{name} links to the intranet: {url}"


def assert_site_models_list_every_built_page(out: Path, kommuner: Iterable[str]) -> None:
    """The hook for later stages (browser tests): the same pages, without rendering."""
    from sspgen.build import site_models

    sites = site_models(out.parent)
    assert {(s.kommune, s.variant) for s in sites} == {(k, v) for k in kommuner for v in ("intranet", "offentlig")}
    for site in sites:
        for page in site.pages:
            assert (out / site.root / page.file).is_file(), page.file
            if page.fragment:
                assert (out / site.root / page.url / "fragment.html").is_file()
