"""One more municipality needs no code change: a copy of an example under a new slug checks
clean with the real CLI, builds, and keeps every site-level rule the suite checks on the
examples (test_site_build.py, test_data_visible.py, test_site_phrasing.py).

The copy is taken from the example with the most data files, so it carries as many kinds
and fields as the examples have. Only what a user must change when copying is changed: the
folder names and `slug`/`navn` in kommune.yaml.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_helpers import (
    REPO,
    assert_every_municipality_has_both_sites,
    assert_internal_links_resolve_and_nothing_loads_from_other_hosts,
    assert_pages_danish_and_intranet_noindex,
    assert_site_models_list_every_built_page,
    copy_examples,
    example_slugs,
    run_build,
)
from test_data_visible import values_not_shown
from test_site_phrasing import not_covered_but_listed, page_findings, political_bodies, sentences_made_lists

NEW = "sjetteby"


def richest_example() -> str:
    """The example with the most files under data/<slug>/ (ties: the first by name)."""
    return max(example_slugs(), key=lambda slug: (sum(1 for p in (REPO / "data" / slug).rglob("*.yaml")), slug))


def copy_municipality(root: Path, source: str, slug: str, rename: bool = True) -> Path:
    """data/<source> and content/<source> copied to <slug>, as a user would start a new one."""
    shutil.copytree(root / "data" / source, root / "data" / slug)
    if (root / "content" / source).is_dir():
        shutil.copytree(root / "content" / source, root / "content" / slug)
    kommune = root / "data" / slug / "kommune.yaml"
    if rename:
        text = kommune.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^slug: .*$", f"slug: {slug}", text, count=1)
        text = re.sub(r"(?m)^navn: .*$", "navn: Sjetteby Kommune", text, count=1)
        kommune.write_text(text, encoding="utf-8")
    return kommune


def check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "check", *extra, str(root)],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("sjette"))
    copy_municipality(root, richest_example(), NEW)
    return root


@pytest.fixture(scope="module")
def built(repo: Path) -> Path:
    out = repo / "output"
    result = run_build(repo, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


def test_the_copy_checks_clean_under_strict(repo: Path) -> None:
    result = check(repo, "--strict")
    assert result.stdout == "", result.stdout
    assert result.returncode == 0, result.stderr
    kommuner = sorted([*example_slugs(), NEW])
    assert f"{len(kommuner)} kommune(r) ({', '.join(kommuner)})" in result.stderr


def test_every_site_rule_holds_with_the_copy(built: Path) -> None:
    kommuner = [*example_slugs(), NEW]
    assert_every_municipality_has_both_sites(built, kommuner)
    assert_pages_danish_and_intranet_noindex(built)
    assert_internal_links_resolve_and_nothing_loads_from_other_hosts(built)
    assert_site_models_list_every_built_page(built, kommuner)


def test_the_copy_gets_the_same_pages_as_its_source(built: Path) -> None:
    source = richest_example()

    def page_paths(slug: str) -> set[str]:
        site = built / slug
        return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts}

    assert page_paths(NEW) == page_paths(source)
    assert len(page_paths(NEW)) > 20


def test_every_text_value_of_the_copy_is_visible(repo: Path, built: Path) -> None:
    missing_intranet, missing_public, checked = values_not_shown(repo, built, NEW)
    assert checked > 250
    assert missing_intranet == [], "not on the intranet:\n" + "\n".join(missing_intranet)
    assert missing_public == [], "public but not on the public site:\n" + "\n".join(missing_public)


def test_the_copy_reads_like_danish_written_by_a_person(repo: Path, built: Path) -> None:
    site = built / NEW
    assert page_findings(site, political_bodies(repo)) == []
    assert not_covered_but_listed(site) == []
    assert sentences_made_lists(site) == []


def test_a_copy_with_the_old_slug_is_refused_with_a_located_message(tmp_path: Path) -> None:
    """The usual slip when copying an example: the folder is renamed, `slug` is not."""
    root = copy_examples(tmp_path / "repo")
    source = richest_example()
    copy_municipality(root, source, NEW, rename=False)
    line = next(number for number, text in enumerate(
        (root / "data" / NEW / "kommune.yaml").read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("slug:"))
    result = check(root)
    assert result.returncode == 1
    assert f"data/{NEW}/kommune.yaml:{line}:7: fejl:" in result.stdout, result.stdout
    assert "[kommune.slug]" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
