"""Lists that depend on today, in headless Chromium with the page clock set (Playwright's clock
API): the build writes every item from its own date on, assets/idag.js hides what is past and
marks "i dag"/"i morgen" by the reader's date; without the script the page states the build's
date. Also axe-core on those pages, with calendar subscriptions switched on.

The examples are built here (with the real CLI) with a fixed build date a few days before the
first planned meeting (SOURCE_DATE_EPOCH) and a subscription key, and served by a web server
of their own; the expected state is read from the built HTML's data attributes, so nothing
here names an example meeting or municipality.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import tempfile
import threading
from datetime import date, datetime, time, timedelta, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml

from browser_support import HOST, browser, format_violations, require_browser, run_axe
from site_helpers import REPO, copy_examples, example_slugs

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
KEY = "proeve-noegle-kun-til-browsertest-0123456789"
ISO = r"\d{4}-\d{2}-\d{2}"
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december"]


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_browser()


def danish(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def _planned_dates() -> list[date]:
    found = []
    for slug in example_slugs():
        for path in (REPO / "data" / slug / "moeder").glob("*.yaml"):
            meeting = yaml.safe_load(path.read_text(encoding="utf-8"))
            if meeting["status"] == "planlagt":
                found.append(date.fromisoformat(str(meeting["dato"])))
    return sorted(found)


@functools.cache
def build_day() -> date:
    """A few days before the first planned meeting: every front page has upcoming meetings."""
    return _planned_dates()[0] - timedelta(days=3)


@functools.cache
def output() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="sspgen-idag-"))
    root = copy_examples(folder / "data")
    slug = example_slugs()[0]
    kommune = root / "data" / slug / "kommune.yaml"
    kommune.write_text(kommune.read_text(encoding="utf-8")
                       + f"intranet_webadresse: https://ssp.eksempel.invalid/{slug}/intranet/\n", encoding="utf-8")
    epoch = int(datetime.combine(build_day(), time(12), tzinfo=timezone.utc).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "SSPGEN_KALENDER_NOEGLE": KEY}
    out = folder / "output"
    result = subprocess.run([sys.executable, "-m", "sspgen.cli", "build", str(root), "--out", str(out), "--uden-pdf"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


@functools.cache
def base_url() -> str:
    handler = functools.partial(_Quiet, directory=str(output()))
    httpd = ThreadingHTTPServer((HOST, 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://{HOST}:{httpd.server_address[1]}/"


def open_page(path: str, day: date | None, script: bool = True):
    """A page of this module's build with the page clock fixed at noon of `day` (Copenhagen)."""
    page = browser().new_page()
    port = urlsplit(base_url()).port

    def route(route, request) -> None:  # noqa: ANN001 - Playwright's types
        if not script and request.url.endswith("/assets/idag.js"):
            route.abort()
        elif urlsplit(request.url).port == port:
            route.continue_()
        else:
            route.fallback()  # the shared context's rule: nothing from other hosts

    page.route("**/*", route)
    if day is not None:
        page.clock.set_fixed_time(datetime.combine(day, time(12), tzinfo=COPENHAGEN))
    page.goto(base_url() + path)
    page.wait_for_load_state("load")
    return page


def front_pages() -> list[tuple[str, list[date]]]:
    """(path of the intranet front page, the dates of its upcoming meetings as built)."""
    found = []
    for slug in example_slugs():
        path = f"{slug}/intranet/index.html"
        html = (output() / path).read_text(encoding="utf-8")
        found.append((path, [date.fromisoformat(d) for d in re.findall(rf'<tr data-sspgen-indtil="({ISO})"', html)]))
    return found


def visible_rows(page) -> list[str]:  # noqa: ANN001
    return page.eval_on_selector_all(
        "tr[data-sspgen-indtil]", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.sspgenIndtil)")


def marks(page) -> dict[str, list[str]]:  # noqa: ANN001
    """'i dag' / 'i morgen' → the dates of the cells the script marked so."""
    found = page.eval_on_selector_all(
        "[data-sspgen-dag] .sspgen-naar", "ms => ms.map(m => [m.textContent, m.parentElement.dataset.sspgenDag])")
    result: dict[str, list[str]] = {}
    for text, day in found:
        result.setdefault(text.strip(" ()"), []).append(day)
    return result


def note(page) -> str:  # noqa: ANN001
    return page.inner_text("[data-sspgen-listedato]")


# -- the front page ------------------------------------------------------------------------------


def test_the_build_lists_meetings_from_its_own_date_with_that_date_stated():
    pages = front_pages()
    assert any(len(set(dates)) >= 2 for _, dates in pages)
    for path, dates in pages:
        html = (output() / path).read_text(encoding="utf-8")
        assert f"Listen er fra {danish(build_day())}" in html
        assert all(d >= build_day() for d in dates)
        # CSP-friendly: our script by address, deferred; no inline script at all.
        assert re.findall(r"<script[^>]*>", html) == ['<script src="assets/idag.js" defer>']


def test_without_the_script_everything_from_the_build_date_shows():
    path, dates = next((p, d) for p, d in front_pages() if d)
    page = open_page(path, max(dates) + timedelta(days=30), script=False)
    try:
        assert visible_rows(page) == [d.isoformat() for d in dates]
        assert note(page).startswith(f"Listen er fra {danish(build_day())}")
        assert marks(page) == {}
        assert not page.is_visible("[data-sspgen-tom]")
    finally:
        page.close()


@pytest.mark.parametrize("when", ["foer", "paa", "efter", "langt-efter"])
def test_the_front_page_follows_the_readers_clock(when: str):
    checked = 0
    for path, dates in front_pages():
        if len(set(dates)) < 2:
            continue
        first, second = sorted(set(dates))[:2]
        day = {"foer": first - timedelta(days=1), "paa": first, "efter": first + timedelta(days=1),
               "langt-efter": max(dates) + timedelta(days=1)}[when]
        page = open_page(path, day)
        try:
            shown = visible_rows(page)
            assert shown == [d.isoformat() for d in dates if d >= day], (path, day)
            today, tomorrow = day.isoformat(), (day + timedelta(days=1)).isoformat()
            found = marks(page)
            assert sorted(found.get("i dag", [])) == sorted(d for d in shown if d == today)
            assert sorted(found.get("i morgen", [])) == sorted(d for d in shown if d == tomorrow)
            assert set(found) <= {"i dag", "i morgen"}
            if when == "foer":
                assert found.get("i morgen") and first.isoformat() in found["i morgen"]
            if when == "paa":
                assert found.get("i dag")
            if day > build_day():
                assert note(page) == (f"Listen er fra {danish(build_day())} og viser nu møderne fra i dag, "
                                      f"{danish(day)}.")
            else:
                assert note(page).startswith(f"Listen er fra {danish(build_day())} og viser møderne fra den dag")
            empty = page.is_visible("[data-sspgen-tom]")
            assert empty == (when == "langt-efter")
            assert page.is_visible("[data-sspgen-indhold]") == (when != "langt-efter")
            if empty:
                assert page.inner_text("[data-sspgen-tom]") == "Der er ingen planlagte møder fra i dag og frem."
            violations = run_axe(page)
            assert not violations, format_violations(page.url, violations)
        finally:
            page.close()
        checked += 1
    assert checked > 0


def test_overdue_marks_follow_the_readers_clock():
    checked = 0
    for path, _ in front_pages():
        html = (output() / path).read_text(encoding="utf-8")
        deadlines = sorted(set(re.findall(rf'data-sspgen-overskredet="({ISO})"', html)))
        if not deadlines:
            continue
        deadline = date.fromisoformat(deadlines[-1])
        for day, overdue in ((deadline, False), (deadline + timedelta(days=1), True)):
            page = open_page(path, day)
            try:
                shown = page.eval_on_selector_all(
                    f'[data-sspgen-overskredet="{deadline.isoformat()}"]',
                    "ns => ns.map(n => n.offsetParent !== null)")
                assert shown and all(s == overdue for s in shown), (path, day)
            finally:
                page.close()
        checked += 1
    assert checked > 0


# -- the calendar and the forum pages ------------------------------------------------------------


def _meeting_days(path: str) -> list[str]:
    html = (output() / path).read_text(encoding="utf-8")
    return sorted(set(re.findall(rf'<td data-sspgen-dag="({ISO})"', html)))


def test_calendar_and_forum_pages_mark_today_and_tomorrow_and_hide_nothing():
    slug = example_slugs()[0]
    forum = sorted((output() / slug / "intranet").glob("netvaerk/*/index.html")) + \
        sorted((output() / slug / "intranet").glob("fora/*/index.html"))
    paths = [f"{slug}/intranet/kalender/index.html"] + [
        p.relative_to(output()).as_posix() for p in forum if 'data-sspgen-dag="' in p.read_text(encoding="utf-8")][:1]
    assert len(paths) == 2
    for path in paths:
        days = _meeting_days(path)
        day = date.fromisoformat(days[len(days) // 2])
        page = open_page(path, day)
        try:
            found = marks(page)
            assert found["i dag"] and set(found["i dag"]) == {day.isoformat()}
            tomorrow = (day + timedelta(days=1)).isoformat()
            assert set(found.get("i morgen", [])) == ({tomorrow} if tomorrow in days else set())
            total = page.eval_on_selector_all("td[data-sspgen-dag]", "cs => cs.filter(c => c.offsetParent !== null).length")
            assert total == len(re.findall(r"<td data-sspgen-dag=", (output() / path).read_text(encoding="utf-8")))
            violations = run_axe(page)
            assert not violations, format_violations(page.url, violations)
        finally:
            page.close()


def test_the_calendar_page_with_subscriptions_passes_axe_and_offers_webcal():
    for slug in example_slugs():
        page = open_page(f"{slug}/intranet/kalender/index.html", build_day())
        try:
            links = page.eval_on_selector_all("section a[href*='abonnement/']",
                                              "as => as.map(a => a.getAttribute('href'))")
            assert links
            if slug == example_slugs()[0]:
                assert all(link.startswith("webcal://ssp.eksempel.invalid/") for link in links)
            else:
                for link in links:
                    response = page.request.get(base_url() + f"{slug}/intranet/kalender/{link}")
                    assert response.status == 200 and response.body().startswith(b"BEGIN:VCALENDAR")
            assert page.is_visible("text=Outlook på nettet")
            violations = run_axe(page)
            assert not violations, format_violations(page.url, violations)
        finally:
            page.close()
