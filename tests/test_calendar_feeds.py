"""Calendar feeds and subscriptions (README «Kalendere og abonnement»), on the real examples
built with the real CLI: every .ics parses with a real iCalendar parser (icalendar) and is
folded as RFC 5545 says; the capability URLs come from SSPGEN_KALENDER_NOEGLE and nothing
else, are deterministic, change with the key, and are found nowhere but on the intranet's
calendar page; a district network's feed holds its joint meetings; SEQUENCE comes from git;
a cancelled meeting stays; a metadata-only forum (§115) shows forum, date and time only."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import yaml

from diff_helpers import git
from site_helpers import REPO, copy_examples, example_slugs, fora_with_instances, readable_text, tree_files, tree_hash

SECRET_ENV = "SSPGEN_KALENDER_NOEGLE"
KEY = "proeve-noegle-kun-til-test-0123456789abcdef"
OTHER_KEY = "en-helt-anden-proeve-noegle-9876543210zyxw"
PREFIX = "kalender/abonnement/"
CAPABILITY = re.compile(r"kalender/abonnement/([A-Za-z0-9_-]{32})/([a-z0-9-]+)\.ics")


def sspgen(root: Path, *args: str, secret: str | None) -> subprocess.CompletedProcess[str]:
    """The real CLI, with the key set or (None) certainly absent."""
    env = {k: v for k, v in os.environ.items() if k != SECRET_ENV}
    if secret is not None:
        env[SECRET_ENV] = secret
    return subprocess.run([sys.executable, "-m", "sspgen.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def build(root: Path, out: Path, secret: str | None, *extra: str) -> Path:
    result = sspgen(root, "build", str(root), "--out", str(out), "--uden-pdf", *extra, secret=secret)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def parse(data: bytes) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(data)
    assert not calendar.errors
    for component in calendar.walk():
        assert not component.errors, (component.name, component.errors)
    return calendar


def events(path: Path) -> dict[str, icalendar.Event]:
    """UID → event."""
    return {str(e["UID"]): e for e in parse(path.read_bytes()).walk("VEVENT")}


def capability_feeds(out: Path) -> dict[str, list[str]]:
    """Every capability feed in the output, by municipality: paths inside out/."""
    found: dict[str, list[str]] = {}
    for path in sorted(out.glob(f"*/intranet/{PREFIX}*/*.ics")):
        found.setdefault(path.relative_to(out).parts[0], []).append(path.relative_to(out).as_posix())
    return found


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    return copy_examples(tmp_path_factory.mktemp("kalender"))


@pytest.fixture(scope="module")
def with_key(examples: Path, tmp_path_factory) -> Path:
    return build(examples, tmp_path_factory.mktemp("ud") / "output", KEY)


@pytest.fixture(scope="module")
def without_key(examples: Path, tmp_path_factory) -> Path:
    return build(examples, tmp_path_factory.mktemp("ud-uden") / "output", None)


# -- the files themselves ------------------------------------------------------------------------


def test_every_calendar_file_parses_and_is_folded_at_75_octets(with_key: Path):
    files = sorted(with_key.rglob("*.ics"))
    assert len(files) > len(example_slugs()) * 3
    folded = 0
    for path in files:
        data = path.read_bytes()
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), path
        lines = data.split(b"\r\n")[:-1]
        for line in lines:
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # never a UTF-8 character cut in two
        folded += sum(1 for line in lines if line.startswith(b" "))
        calendar = parse(data)
        assert calendar["VERSION"] == "2.0"
        for event in calendar.walk("VEVENT"):
            assert isinstance(event["SEQUENCE"], int) and event["SEQUENCE"] >= 0
            assert str(event["STATUS"]) in ("CONFIRMED", "CANCELLED")
            assert str(event["TRANSP"]) in ("OPAQUE", "TRANSPARENT")
    assert folded > 0  # the agendas make long lines: folding was exercised


def test_capability_feeds_equal_the_feeds_behind_the_login(with_key: Path):
    feeds = capability_feeds(with_key)
    assert sorted(feeds) == sorted(example_slugs())
    for slug, paths in feeds.items():
        names = {Path(p).name for p in paths}
        assert "alle.ics" in names
        for path in paths:
            plain = with_key / slug / "intranet" / "kalender" / Path(path).name
            assert (with_key / path).read_bytes() == plain.read_bytes(), path
        tokens = [Path(p).parent.name for p in paths]
        assert len(set(tokens)) == len(tokens)  # one token per feed
    assert not list(with_key.glob(f"*/offentlig/{PREFIX}*"))


def test_capability_urls_appear_only_on_the_intranet_calendar_page(with_key: Path):
    tokens = {Path(p).parent.name for paths in capability_feeds(with_key).values() for p in paths}
    assert tokens
    for name, data in tree_files(with_key).items():
        text = readable_text(with_key / name, data)  # the search index decompressed, too
        hits = [t for t in tokens if t in text]
        if name.split("/")[2:4] == ["kalender", "index.html"] and name.split("/")[1] == "intranet":
            assert hits, name
            assert '<meta name="robots" content="noindex, nofollow">' in text
            section = text[text.index('id="abonnement"') - 80:text.index("</section>", text.index('id="abonnement"'))]
            assert 'data-pagefind-ignore="all"' in section  # Pagefind leaves the addresses out
            for link in re.findall(r'<a href="([^"]*abonnement/[^"]*)"[^>]*>', section):
                assert re.fullmatch(r"abonnement/[A-Za-z0-9_-]{32}/[a-z0-9-]+\.ics", link), link
            assert section.count('rel="nofollow"') == len(re.findall(r"abonnement/[A-Za-z0-9_-]{32}/", section))
        else:
            assert not hits, f"{name} nævner en abonnementsadresse"


def test_the_same_key_gives_the_same_bytes_and_another_key_other_urls(with_key: Path, tmp_path: Path):
    again = build(copy_examples(tmp_path / "igen"), tmp_path / "igen-ud", KEY)
    assert tree_hash(again) == tree_hash(with_key)
    other = build(copy_examples(tmp_path / "anden"), tmp_path / "anden-ud", OTHER_KEY)
    before, after = capability_feeds(with_key), capability_feeds(other)
    for slug in before:
        assert sorted(Path(p).name for p in before[slug]) == sorted(Path(p).name for p in after[slug])
        assert not set(before[slug]) & set(after[slug])  # every address changed
        old_token = Path(before[slug][0]).parent.name
        page = (other / slug / "intranet" / "kalender" / "index.html").read_text(encoding="utf-8")
        assert old_token not in page


def test_without_a_key_there_are_no_subscriptions_and_the_page_says_why(without_key: Path):
    assert capability_feeds(without_key) == {}
    for slug in example_slugs():
        page = (without_key / slug / "intranet" / "kalender" / "index.html").read_text(encoding="utf-8")
        assert "Kalenderabonnement er ikke slået til" in page
        assert "Bed den, der driver sitet, om at sætte den hemmelige CI-variabel SSPGEN_KALENDER_NOEGLE" in page
        assert "abonnement/" not in page.replace('id="abonnement"', "")
        assert (without_key / slug / "intranet" / "kalender" / "alle.ics").is_file()  # the plain files stay


def test_a_short_key_stops_the_build_with_a_danish_message_and_keeps_the_output(examples: Path, tmp_path: Path):
    out = build(examples, tmp_path / "output", KEY)
    before = tree_hash(out)
    result = sspgen(examples, "build", str(examples), "--out", str(out), "--uden-pdf", secret="kort-noegle")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "SSPGEN_KALENDER_NOEGLE:1:1: fejl" in result.stdout + result.stderr
    assert "er kun 11 tegn lang" in result.stdout + result.stderr
    assert "mindst 24 tegn" in result.stdout + result.stderr
    assert tree_hash(out) == before


# -- the intranet's address and webcal:// --------------------------------------------------------


def _kommune_file(root: Path, slug: str) -> Path:
    return root / "data" / slug / "kommune.yaml"


def test_with_the_intranet_address_the_page_has_webcal_links(tmp_path: Path):
    root = copy_examples(tmp_path / "data")
    slug = example_slugs()[0]
    kommune = _kommune_file(root, slug)
    kommune.write_text(kommune.read_text(encoding="utf-8")
                       + f"intranet_webadresse: https://ssp.eksempel.invalid/{slug}/intranet/\n", encoding="utf-8")
    out = build(root, tmp_path / "output", KEY, "--kommune", slug)
    page = (out / slug / "intranet" / "kalender" / "index.html").read_text(encoding="utf-8")
    webcal = re.findall(r'href="(webcal://[^"]+)"', page)
    paths = capability_feeds(out)[slug]
    assert sorted(webcal) == sorted(f"webcal://ssp.eksempel.invalid/{p}" for p in paths)
    for path in paths:
        assert f"<code>https://ssp.eksempel.invalid/{path}</code>" in page
    for heading in ("Outlook på computeren", "Outlook på nettet", "Google Kalender", "iPhone"):
        assert f"<h3>{heading}</h3>" in page


def test_an_intranet_address_with_a_query_is_refused_with_its_line(tmp_path: Path):
    root = copy_examples(tmp_path / "data")
    slug = example_slugs()[0]
    kommune = _kommune_file(root, slug)
    text = kommune.read_text(encoding="utf-8")
    kommune.write_text(text + "intranet_webadresse: https://ssp.eksempel.invalid/?side=intranet\n", encoding="utf-8")
    line = text.count("\n") + 1
    result = sspgen(root, "check", str(root), secret=KEY)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    assert re.search(rf"data/{slug}/kommune\.yaml:{line}:\d+: fejl", output), output
    assert "uden «?» og «#»" in output


# -- what the feeds hold ---------------------------------------------------------------------------


def _meetings(root: Path, slug: str) -> list[dict]:
    return [load(p) for p in sorted((root / "data" / slug / "moeder").glob("*.yaml"))]


def test_a_district_network_feed_holds_its_joint_meetings(examples: Path, with_key: Path):
    checked = 0
    for slug in example_slugs():
        meetings = _meetings(examples, slug)
        for path in sorted((examples / "data" / slug / "fora").glob("*.yaml")):
            forum = load(path)
            parent = forum.get("overordnet")
            joint = [m["id"] for m in meetings if parent and m["forum"] == parent and m["type"] == "faellesmoede"]
            own = [m["id"] for m in meetings if m["forum"] == forum["id"]]
            if not joint:
                continue
            feed = events(with_key / slug / "intranet" / "kalender" / f"{forum['id']}.ics")
            assert {f"{m}@{slug}.ssp" for m in joint + own} <= set(feed), forum["id"]
            page = (with_key / slug / "intranet" / "kalender" / "index.html").read_text(encoding="utf-8")
            secret = re.search(rf'href="(abonnement/[^"]+/{forum["id"]}\.ics)"', page)
            assert secret, forum["id"]
            assert {f"{m}@{slug}.ssp" for m in joint} <= set(events(with_key / slug / "intranet" / "kalender" / secret.group(1)))
            checked += 1
    assert checked > 0  # the examples have district networks with joint meetings


def _kun_metadata_types(root: Path, slug: str) -> set[str]:
    vocabularies = [load(REPO / "sspgen" / "defaults" / "vokabular.yaml")]
    own = root / "data" / slug / "vokabular.yaml"
    if own.is_file():
        vocabularies.append(load(own) or {})
    return {t["id"] for v in vocabularies for t in v.get("forumtyper", []) if t.get("kun_metadata") in (True, "ja")}


def test_metadata_only_fora_show_forum_date_and_time_only(examples: Path, with_key: Path):
    checked = 0
    for slug in example_slugs():
        types = _kun_metadata_types(examples, slug)
        fora = fora_with_instances(examples / "data" / slug / "fora")
        for meeting in _meetings(examples, slug):
            forum = fora[meeting["forum"]]
            if forum["type"] not in types:
                continue
            uid = f"{meeting['id']}@{slug}.ssp"
            for feed in (with_key / slug / "intranet" / "kalender" / "alle.ics",
                         with_key / slug / "intranet" / "kalender" / f"{forum['id']}.ics",
                         with_key / slug / "intranet" / "moeder" / meeting["id"] / f"{meeting['id']}.ics"):
                event = events(feed)[uid]
                assert str(event["SUMMARY"]) == forum["navn"]
                assert "DESCRIPTION" not in event
                assert str(event["CLASS"]) == "CONFIDENTIAL"
                assert str(event["TRANSP"]) == ("OPAQUE" if meeting.get("tid") and meeting["status"] != "aflyst" else "TRANSPARENT")
            checked += 1
    assert checked > 0  # the examples have a §115 group with meetings


def test_sequence_counts_the_commits_and_a_cancelled_meeting_stays(tmp_path: Path):
    """A real git repository: the meeting file committed, moved to another time, cancelled."""
    root = copy_examples(tmp_path / "repo")
    slug = next(s for s in example_slugs()
                if any(m["status"] == "planlagt" and m.get("tid") for m in _meetings(root, s)))
    folder = root / "data" / slug / "moeder"
    chosen = next(p for p in sorted(folder.glob("*.yaml")) if load(p)["status"] == "planlagt" and load(p).get("tid"))
    meeting = load(chosen)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Data")
    text = chosen.read_text(encoding="utf-8")
    chosen.write_text(text.replace("\ndato:", "\n# flyttet en time\ndato:", 1), encoding="utf-8")
    git(root, "commit", "-q", "-am", "Mødet er flyttet")
    chosen.write_text(re.sub(r"(?m)^status: planlagt$", "status: aflyst", chosen.read_text(encoding="utf-8")),
                      encoding="utf-8")
    git(root, "commit", "-q", "-am", "Mødet er aflyst")
    out = build(root, tmp_path / "output", KEY, "--kommune", slug)
    uid = f"{meeting['id']}@{slug}.ssp"
    feeds = [out / slug / "intranet" / "kalender" / "alle.ics",
             out / slug / "intranet" / "kalender" / f"{meeting['forum']}.ics",
             *[out / p for p in capability_feeds(out)[slug] if Path(p).name in ("alle.ics", f"{meeting['forum']}.ics")]]
    assert len(feeds) == 4
    for feed in feeds:
        found = events(feed)
        assert found[uid]["SEQUENCE"] == 2  # created, then changed twice
        assert str(found[uid]["STATUS"]) == "CANCELLED"
        assert str(found[uid]["TRANSP"]) == "TRANSPARENT"
        others = [e["SEQUENCE"] for u, e in found.items() if u != uid]
        assert others and set(others) == {0}  # committed once: never changed


def test_outside_git_every_sequence_is_zero(without_key: Path):
    for path in sorted(without_key.glob("*/intranet/kalender/alle.ics")):
        assert {e["SEQUENCE"] for e in events(path).values()} == {0}


# -- the shipped pipelines ---------------------------------------------------------------------------


def _run_with_make_shim(script: str, env: dict[str, str], tmp: Path) -> str:
    """Run a pipeline's build script with `make` replaced by a shim that prints what the real
    `make site` would get: SOURCE_DATE_EPOCH and the key."""
    shim = tmp / "bin"
    shim.mkdir(exist_ok=True)
    (shim / "make").write_text('#!/bin/sh\necho "epoch=${SOURCE_DATE_EPOCH:-} noegle=${SSPGEN_KALENDER_NOEGLE:-}"\n')
    (shim / "make").chmod(0o755)
    clean = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", SECRET_ENV)}
    result = subprocess.run(["bash", "-e", "-c", script], env={**clean, **env, "PATH": f"{shim}:{clean['PATH']}"},
                            capture_output=True, text=True, timeout=30, cwd=tmp)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_pipelines_rebuild_nightly_for_the_night_and_pass_the_key(tmp_path: Path):
    import time as clock

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ssp.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as a boolean
    cron = triggers["schedule"][0]["cron"].split()
    assert len(cron) == 5 and all(re.fullmatch(r"[0-9*/,-]+", f) for f in cron)
    step = next(s for s in workflow["jobs"]["site"]["steps"] if "make site" in s.get("run", ""))
    assert step["env"][SECRET_ENV] == "${{ secrets.SSPGEN_KALENDER_NOEGLE }}"
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))["site"]
    lines = gitlab["script"]
    gitlab_script = "\n".join(lines[:next(i for i, line in enumerate(lines) if line.startswith("make site")) + 1])
    assert "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in gitlab["rules"][0]["if"]  # a schedule on the default branch runs it
    for script, scheduled, pushed in ((step["run"], {"GITHUB_EVENT_NAME": "schedule"}, {"GITHUB_EVENT_NAME": "push"}),
                                      (gitlab_script, {"CI_PIPELINE_SOURCE": "schedule"}, {"CI_PIPELINE_SOURCE": "push"})):
        before = int(clock.time())
        nightly = _run_with_make_shim(script, {**scheduled, SECRET_ENV: KEY}, tmp_path)
        epoch = int(re.fullmatch(r"epoch=(\d+) noegle=(.*)", nightly).group(1))
        assert before <= epoch <= int(clock.time()) + 1
        assert nightly.endswith(f"noegle={KEY}")
        assert _run_with_make_shim(script, pushed, tmp_path) == "epoch= noegle="  # a push: the last commit's date


def test_a_new_key_removes_the_old_addresses_from_an_existing_output(tmp_path: Path):
    root = copy_examples(tmp_path / "data")
    slug = example_slugs()[0]
    out = build(root, tmp_path / "output", KEY, "--kommune", slug)
    old = capability_feeds(out)[slug]
    build(root, out, OTHER_KEY, "--kommune", slug)  # in place, as the pipeline's next run
    new = capability_feeds(out)[slug]
    assert new and not set(old) & set(new)
    assert not any((out / p).exists() for p in old)
    build(root, out, None, "--kommune", slug)  # the key removed: no addresses at all
    assert capability_feeds(out) == {}


def test_a_forum_named_like_the_municipality_feed_is_refused(tmp_path: Path):
    root = copy_examples(tmp_path / "data")
    slug = example_slugs()[0]
    source = sorted((root / "data" / slug / "fora").glob("*.yaml"))[0]
    forum_id = load(source)["id"]
    target = source.with_name("alle.yaml")
    source.rename(target)
    target.write_text(re.sub(rf"(?m)^id: {re.escape(forum_id)}$", "id: alle", target.read_text(encoding="utf-8")),
                      encoding="utf-8")
    for path in [*(root / "data" / slug).rglob("*.yaml"), *(root / "content").rglob("*.md")]:  # references follow
        text = path.read_text(encoding="utf-8")
        changed = re.sub(rf"(?<![\w-]){re.escape(forum_id)}(?![\w-])", "alle", text)
        if changed != text:
            path.write_text(changed, encoding="utf-8")
    out = tmp_path / "output"
    result = sspgen(root, "build", str(root), "--out", str(out), "--uden-pdf", "--kommune", slug, secret=KEY)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"data/{slug}/fora/alle.yaml:1:1: fejl" in output and "forum.reserveret-navn" in output, output
    assert not out.exists()
