"""`sspgen build` puts the Decap CMS editing form into every intranet (never the public site),
self-hosted from node_modules/decap-cms, and leaves it out when the npm package is missing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from site_helpers import REPO, copy_examples, example_slugs, run_build

BUNDLE = REPO / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BUNDLE.is_file():
        pytest.fail("npm-pakken decap-cms er ikke installeret (kør «make test», der kører «npm ci»)", pytrace=False)
    root = copy_examples(tmp_path_factory.mktemp("admin") / "repo")
    out = root / "output"
    result = run_build(root, out, "--uden-pdf", env={"SSPGEN_DECAP_REPO": "kommune/ssp-data"})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_every_intranet_has_the_form(built: Path) -> None:
    kommuner = sorted(p.parent.name for p in built.glob("*/intranet"))
    assert kommuner == example_slugs()
    for slug in kommuner:
        admin = built / slug / "intranet" / "admin"
        config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
        assert config["backend"]["repo"] == "kommune/ssp-data"
        assert config["publish_mode"] == "editorial_workflow"
        assert all(c["folder"].startswith(f"data/{slug}/") or c["folder"].startswith(f"content/{slug}")
                   for c in config["collections"] if "folder" in c)
        html = (admin / "index.html").read_text(encoding="utf-8")
        assert '<html lang="da">' in html and '<script src="decap-cms.js"></script>' in html
        assert '<script type="module" src="sspgen-cms.js"></script>' in html
        # Self-hosted: the same bundle as the npm package, byte for byte, and sspgen's own
        # formats (layouts/admin/) with the yaml package's browser build they import.
        assert (admin / "decap-cms.js").read_bytes() == BUNDLE.read_bytes()
        for script in ("sspgen-cms.js", "sspgen-yaml.js", "sspgen-moede.js"):
            assert (admin / script).read_bytes() == (REPO / "layouts" / "admin" / script).read_bytes()
        yaml_dist = REPO / "node_modules" / "yaml" / "browser" / "dist"
        assert sorted(p.name for p in (admin / "yaml").iterdir()) == sorted(p.name for p in yaml_dist.glob("*.js"))
        assert not list(admin.glob("*.map"))


def test_forum_pages_link_to_a_new_meeting(built: Path) -> None:
    # «Nyt møde» on every intranet forum page, to the form with the forum chosen; the facts the
    # form fills it from (admin/moedeudkast.json) know every forum. Never on the public site.
    for slug in example_slugs():
        intranet = built / slug / "intranet"
        facts = json.loads((intranet / "admin" / "moedeudkast.json").read_text(encoding="utf-8"))
        pages = [p for p in intranet.rglob("index.html") if 'class="sspgen-nyt-moede"' in p.read_text(encoding="utf-8")]
        assert pages, slug
        for page in pages:
            link = re.search(r'class="sspgen-nyt-moede"><a href="([^"]+)">Nyt møde i ', page.read_text(encoding="utf-8"))
            assert link, page
            target, _, route = link[1].partition("#")
            assert (page.parent / target).resolve() == (intranet / "admin" / "index.html").resolve()
            forum = route.removeprefix("/collections/moeder/new?forum=")
            assert route != forum and forum in facts["fora"], (page, route)
        assert not [p for p in (built / slug / "offentlig").rglob("*.html")
                    if "sspgen-nyt-moede" in p.read_text(encoding="utf-8")]


def test_the_public_site_never_gets_it(built: Path) -> None:
    for public in built.glob("*/offentlig"):
        assert not (public / "admin").exists()
        assert not [p for p in public.rglob("*") if "decap" in p.name or p.name == "config.yml"]


def test_no_form_without_the_npm_package(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    # The repository's own node_modules, with the design system but without decap-cms.
    (root / "node_modules").mkdir()
    (root / "node_modules" / "dkfds").symlink_to(REPO / "node_modules" / "dkfds")
    out = root / "output"
    result = run_build(root, out, "--uden-pdf", "--kommune", "holbaek")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "holbaek" / "intranet" / "index.html").is_file()
    assert not (out / "holbaek" / "intranet" / "admin").exists()
    # Without the form, no forum page links to it.
    assert not [p for p in (out / "holbaek").rglob("*.html") if "sspgen-nyt-moede" in p.read_text(encoding="utf-8")]


def test_new_settings_are_not_skipped_as_unchanged(tmp_path: Path) -> None:
    if not BUNDLE.is_file():
        pytest.fail("npm-pakken decap-cms er ikke installeret (kør «make test», der kører «npm ci»)", pytrace=False)
    root = copy_examples(tmp_path / "repo")
    out = root / "output"
    for repo in ("kommune/foerste", "kommune/anden"):
        result = run_build(root, out, "--uden-pdf", "--kommune", "holbaek", env={"SSPGEN_DECAP_REPO": repo})
        assert result.returncode == 0, result.stdout + result.stderr
        config = yaml.safe_load((out / "holbaek/intranet/admin/config.yml").read_text(encoding="utf-8"))
        assert config["backend"]["repo"] == repo
