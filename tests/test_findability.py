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
            menu = html[html.index('<nav class="sspgen-nav"'):]
            menu = menu[:menu.index("</nav>")]
            assert 'aria-current="page"' not in menu, f"{url}: the menu calls a section this page"
            assert 'class="current"' in html, f"{url}: the calendar is no longer marked as the section"
    assert checked and meetings


_CRUMBS = re.compile(r'<nav class="breadcrumbs[^"]*" aria-label="Brødkrumme">(.*?)</nav>', re.S)


def test_breadcrumbs_lead_from_the_front_page_through_the_section(site: Path) -> None:
    """Every page below a site's front page has DKFDS breadcrumbs: the front page, the menu's
    section the page belongs to (the one the menu marks), unless it is that page, and the page
    itself as the current one. Every link in them leads to a page of the site."""
    checked = with_section = 0
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        url = page.relative_to(site).as_posix()
        parts = page.relative_to(site).parts
        if parts[2] in ("admin", "pagefind", "assets"):
            continue  # the editing form and the search UI's files are no site pages
        front = len(parts) == 3
        crumbs = _CRUMBS.search(html)
        if front:
            assert not crumbs, f"{url}: the front page has breadcrumbs"
            continue
        assert crumbs, f"{url}: no breadcrumbs"
        links = re.findall(r'<a class="breadcrumbs__link" href="([^"]+)">([^<]+)</a>', crumbs.group(1))
        current = re.findall(r'<li class="breadcrumbs__list-item" aria-current="page">([^<]+)</li>', crumbs.group(1))
        assert links and links[0][1] == "Forside" and len(current) == 1, f"{url}: {crumbs.group(1)}"
        site_root = "/".join(url.split("/")[:2]) + "/index.html"
        assert urljoin(url, links[0][0]) == site_root, f"{url}: «Forside» leads to {links[0][0]}"
        for href, _ in links:
            target = urljoin(url, href)
            assert target != url, f"{url}: a breadcrumb links the page itself"
            assert (site / target).is_file(), f"{url}: the breadcrumb {href} leads nowhere"
        marked = re.search(r'<a href="([^"]*)"[^>]*class="current"[^>]*>([^<]+)</a>', html)
        if marked and urljoin(url, marked.group(1)) != url:
            assert links[1:] == [(marked.group(1), marked.group(2))], \
                f"{url}: the menu marks {marked.group(2)}, the breadcrumbs say {links[1:]}"
            with_section += 1
        checked += 1
    assert checked and with_section

def test_per_grade_table_links_each_course(site: Path) -> None:
    pages = [p for p in _pages(site) if "/pensum/" in p.as_posix()]
    assert pages, "the examples have no curriculum page"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # With mandatory learning goals the per-grade course table is the recommended one;
        # «daekning» then counts goals per grade band.
        anchor = 'id="anbefalede"' if 'id="anbefalede"' in html else 'id="daekning"'
        table = html[html.index(anchor):]
        table = table[:table.index("</table>")]
        ids = set(re.findall(r'id="(forloeb-[^"]+)"', html))
        linked = 0
        for row in re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", table, re.S):
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[:2]:  # obligatory, recommended
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
    pytest.fail("no example municipality has a plan: the history test needs one", pytrace=False)


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


# -- search: the meeting documents' kind and date, sections, the search box ---------------------

def _records(site_root: Path) -> list[dict]:
    from browser_support import pagefind_records

    return pagefind_records(site_root)


def _sites(out: Path) -> list[Path]:
    return sorted(p.parent.parent for p in out.glob("*/*/pagefind/pagefind-entry.json"))


def _meeting_records(out: Path) -> list[tuple[Path, dict]]:
    return [(s, r) for s in _sites(out) for r in _records(s) if r["url"].startswith("/moeder/")]


def test_meeting_pages_carry_kind_and_date_for_search(site: Path) -> None:
    found = _meeting_records(site)
    assert found, "no meeting page in any search index"
    kinds = set()
    for root, record in found:
        html = (root / record["url"].lstrip("/")).read_text(encoding="utf-8")
        kind, when = record["meta"].get("dokument"), record["meta"].get("dato")
        assert kind in ("Dagsorden", "Referat", "Beslutningsprotokol", "Aflyst møde"), (root, record["url"], kind)
        assert when and re.fullmatch(r"\d{1,2}\. [a-zæøå]+ \d{4}", when), (root, record["url"], when)
        assert kind != "Beslutningsprotokol" or 'id="beslutningsprotokol"' in html
        kinds.add(kind)
    assert {"Dagsorden", "Referat"} <= kinds


def test_text_after_the_last_agenda_point_is_its_own_section(site: Path) -> None:
    """Pagefind files text under the heading before it: every heading after the agenda points
    has an id, and the index has it as a section of its own (not under «Eventuelt»)."""
    after = 0
    for root, record in _meeting_records(site):
        html = (root / record["url"].lstrip("/")).read_text(encoding="utf-8")
        main = html[html.index("<main"):html.index("</main>")]
        if 'id="punkt-' not in main:
            continue
        tail = main[main.index('id="punkt-'):]
        anchors = {a.get("id") for a in record.get("anchors", [])}
        for heading in re.findall(r"<h2[^>]*>", tail):
            found = re.search(r'id="([^"]+)"', heading)
            assert found, f"{root}{record['url']}: {heading} after the agenda has no id"
            assert found.group(1) in anchors, f"{root}{record['url']}: #{found.group(1)} is no search section"
            after += 1
    assert after, "no meeting page has a section after its agenda"


def _unique_word(records: list[dict], record: dict) -> str | None:
    """A word on this page only, so a search for it lists this page alone."""
    counts: dict[str, int] = {}
    for other in records:
        for word in set(re.findall(r"[a-zæøå]{7,}", other["content"].lower())):
            counts[word] = counts.get(word, 0) + 1
    mine = sorted(set(re.findall(r"[a-zæøå]{7,}", record["content"].lower())))
    return next((w for w in mine if counts[w] == 1), None)


def test_search_results_show_kind_and_date_and_the_box_has_a_label() -> None:
    """In Chromium, on the browser tests' shared build: a word found on one meeting page only
    lists that page, its title naming the document kind and date; the box has a real label."""
    from browser_support import browser, built, format_violations, require_browser, run_axe, server

    require_browser()
    out = built().out
    root, record, word = next(((r, rec, w) for r, rec in _meeting_records(out)
                               if (w := _unique_word(_records(r), rec))), (None, None, None))
    assert record is not None, "no meeting page has a word of its own"
    page = browser().new_page()
    try:
        page.goto(server().url(root / "soeg" / "index.html") + "?q=" + word)
        box = page.get_by_label("Søg på siderne")
        assert box.evaluate("e => e.classList.contains('pagefind-ui__search-input')")
        page.wait_for_selector(".pagefind-ui__result-title", timeout=30_000)
        title = page.locator(".pagefind-ui__result-title").first.inner_text()
        assert record["meta"]["dato"] in title and record["meta"]["dokument"] in title, (word, title)
        violations = run_axe(page)
        assert not violations, format_violations(f"{root}/soeg?q={word}", violations)
    finally:
        page.close()
