"""Findability (issue 13, point 7): the examples built once with the real CLI, every page
walked. The menu announces only the page itself as current; the curriculum's per-grade table
links each course; public front pages give a worried citizen the contacts; «Ændringshistorik»
says who let each change in (real git with merges)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from site_helpers import REPO, copy_examples, example_slugs, run_build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("findability") / "repo")
    out = root.parent / "out"
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("index.html") if p.parent != out)


def test_aria_current_only_on_the_page_itself(site: Path) -> None:
    checked = meetings = 0
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        url = page.relative_to(site).as_posix()
        for href in re.findall(r'<a href="([^"]*)"[^>]*aria-current="page"', html):
            assert urljoin(url, href).split("#")[0] == url, f"{url} marks {href} as the current page"
            checked += 1
        if "/moeder/" in url:
            meetings += 1
            assert 'aria-current="page"' not in html.split("<main", 1)[0], f"{url}: the menu calls a section this page"
            assert 'class="current"' in html, f"{url}: the calendar is no longer marked as the section"
    assert checked and meetings


def test_per_grade_table_links_each_course(site: Path) -> None:
    pages = [p for p in _pages(site) if "/pensum/" in p.as_posix()]
    assert pages, "the examples have no curriculum page"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        table = html[html.index('id="daekning"'):]
        table = table[:table.index("</table>")]
        ids = set(re.findall(r'id="(forloeb-[^"]+)"', html))
        linked = 0
        for row in re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", table, re.S):
            for cell in re.findall(r"<td>(.*?)</td>", row, re.S)[:2]:  # obligatory, recommended
                bare = re.sub(r'<a href="#[^"]+">[^<]+</a>', "", cell).replace(",", "").strip()
                assert bare in ("", "–"), f"{page}: a course without a link: {cell}"
                for target in re.findall(r'href="#([^"]+)"', cell):
                    assert target in ids, f"{page}: the link #{target} leads nowhere"
                    linked += 1
        assert linked, f"{page}: no course linked"


def test_public_front_page_offers_the_contacts(site: Path) -> None:
    for slug in example_slugs():
        kommune = yaml.safe_load((REPO / "data" / slug / "kommune.yaml").read_text(encoding="utf-8"))
        public = [k for k in kommune.get("kontakter") or [] if k.get("synlighed") == "offentlig"]
        front = site / slug / "offentlig" / "index.html"
        if not public or not front.is_file():
            continue
        html = front.read_text(encoding="utf-8")
        assert "Er du bekymret for et barn eller en ung?" in html, slug
        section = html[html.index("Er du bekymret"):]
        for contact in public:
            assert contact["navn"] in section, (slug, contact["navn"])
            if contact.get("email"):
                assert f'href="mailto:{contact["email"]}"' in section, (slug, contact["email"])
            for nummer in contact.get("telefon") or []:
                assert str(nummer) in section, (slug, nummer)


# -- «Ændringshistorik»: who approved a change -----------------------------------------------

def _git(root: Path, *args: str, name: str = "Aase Arkivar", when: str = "2026-02-01T10:00:00+01:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": "staff@example.invalid",
           "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": "staff@example.invalid",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _plan(root: Path) -> tuple[str, Path]:
    """A municipality with a plan, found in the data (none is named here)."""
    for slug in example_slugs():
        plans = sorted((root / "data" / slug / "planer").glob("*.yaml"))
        if plans:
            return slug, plans[0]
    pytest.skip("no example has a plan")


def _append_comment(path: Path, text: str) -> None:
    """A change git sees in the plan file (a new YAML key would need a schema change)."""
    path.write_text(path.read_text(encoding="utf-8") + f"# {text}\n", encoding="utf-8")


def test_history_says_who_approved_each_change(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    slug, plan = _plan(root)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Første udgave af planen", name="Aase Arkivar")
    # A pull request whose merge commit names the reviewer (as GitLab and Bitbucket write it).
    _git(root, "checkout", "-q", "-b", "rettelse")
    _append_comment(plan, "første rettelse")
    _git(root, "commit", "-q", "-am", "Første rettelse af planen", name="Bent Bidrager",
         when="2026-03-01T10:00:00+01:00")
    _git(root, "checkout", "-q", "main")
    _git(root, "merge", "-q", "--no-ff", "rettelse", "-m", "Flet rettelsen ind",
         "-m", "Reviewed-by: Dorte Dommer <dorte@example.invalid>", name="Carl Fletter",
         when="2026-03-02T10:00:00+01:00")
    # A merge with no reviewer recorded: the merge's author let it in.
    _git(root, "checkout", "-q", "-b", "anden")
    _append_comment(plan, "anden rettelse")
    _git(root, "commit", "-q", "-am", "Anden rettelse af planen", name="Bent Bidrager",
         when="2026-04-01T10:00:00+02:00")
    _git(root, "checkout", "-q", "main")
    _git(root, "merge", "-q", "--no-ff", "anden", "-m", "Flet den anden rettelse ind", name="Carl Fletter",
         when="2026-04-02T10:00:00+02:00")
    # A commit straight on the main line.
    _append_comment(plan, "tredje rettelse")
    _git(root, "commit", "-q", "-am", "Tredje rettelse af planen", name="Eva Egenhændig",
         when="2026-05-01T10:00:00+02:00")

    out = tmp_path / "out"
    result = run_build(root, out, "--uden-pdf", "--kommune", slug)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / slug / "intranet" / "aendringshistorik" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="sspgen-historik".*?</section>', html, re.S)
    by_message = {m: s for s in sections for m in re.findall(r"<h2[^>]*>[^<]*: ([^<]+)</h2>", s)}
    assert "Godkendt af Dorte Dommer" in by_message["Første rettelse af planen"]
    assert "Flettet af Carl Fletter" in by_message["Anden rettelse af planen"]
    assert "Gemt direkte af Eva Egenhændig" in by_message["Tredje rettelse af planen"]
    assert "example.invalid" not in html  # names only, never the addresses
