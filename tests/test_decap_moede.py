"""«Nyt møde» in the Decap form writes what `sspgen new moede` writes.

The form fills a new meeting on save (layouts/admin/sspgen-moede.js) from admin/moedeudkast.json
(sspgen/decap_moede.py). Here the very browser code runs in Node.js on that JSON for every forum
of every example municipality and a few days chosen so the notice lands on a weekend or a day
off, and its text must equal the command's, byte for byte. The browser test (test_decap_e2e.py)
does it once through the real form and the real CLI.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from decap_helpers import ROOT, YAML_DIST
from site_helpers import copy_examples, example_slugs
from sspgen.danish_calendar import fridag
from sspgen.decap_moede import moedeudkast, moedeudkast_bytes
from sspgen.moede_udkast import standard_moedetype, udkast
from sspgen.scaffold.moede import moede_text
from sspgen.validate.instanser import alle_fora
from sspgen.validate.load import load_kommune

DAYS = [date(2026, 5, 4), date(2026, 1, 5), date(2027, 4, 26), date(2025, 6, 16)]
"""Mondays: with 30 days' notice Easter or a weekend is in the way (2026-04-04 is a Saturday
before langfredag and skærtorsdag; 2025-12-06 a Saturday), and 1 January, 5 June are nearby."""

_SCRIPT = """
import { YAML } from "%(yaml)s/index.js";
import * as types from "%(yaml)s/types.js";
import fs from "node:fs";
const load = (name) => import("data:text/javascript;base64," + Buffer.from(
  fs.readFileSync(%(admin)s + "/" + name, "utf8").replaceAll('from "./sspgen-yaml.js"', 'from "' + %(yamljs)s + '"')
).toString("base64"));
const { makeFormat } = await import(%(yamljs)s);
const { fillNewMeeting } = await load("sspgen-moede.js");
const formats = makeFormat(YAML, types);
const { facts, jobs } = JSON.parse(fs.readFileSync(0, "utf8"));
const head = "# yaml-language-server: $schema=../../../schema/moeder.schema.json\\n";
process.stdout.write(JSON.stringify(jobs.map(([forum, day]) => {
  try {
    const entered = { forum, dato: day, status: "planlagt", synlighed: "intern", dagsorden: [], __sspgen_kilde: head };
    return formats.yaml.toFile(fillNewMeeting(YAML, facts, entered), []);
  } catch (error) {
    return "FEJL: " + error.message;
  }
})));
"""


def _form_texts(facts: dict, jobs: list[tuple[str, str]]) -> list[str]:
    node = shutil.which("node")
    if node is None or not (YAML_DIST / "index.js").is_file():
        pytest.fail("Node.js og npm-pakken yaml mangler (kør «make test», der kører «npm ci»)", pytrace=False)
    admin = ROOT / "layouts" / "admin"
    script = _SCRIPT % {"yaml": YAML_DIST.as_uri(), "admin": json.dumps(str(admin)),
                        "yamljs": json.dumps((admin / "sspgen-yaml.js").as_uri())}
    result = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps({"facts": facts, "jobs": jobs}),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_days_are_the_ones_described() -> None:
    assert all(day.weekday() == 0 for day in DAYS)
    assert fridag(date(2026, 4, 4)) == "lørdag" and fridag(date(2026, 4, 3)) == "langfredag"


@pytest.mark.parametrize("slug", example_slugs())
def test_the_form_writes_what_sspgen_new_moede_writes(slug: str) -> None:
    data, _ = load_kommune(ROOT, slug)
    facts = json.loads(moedeudkast_bytes(data))
    taken = {(m["forum"], m["dato"]) for m in facts["moeder"]}
    expected: dict[tuple[str, str], str] = {}
    for forum_id, located in sorted(alle_fora(data).items()):
        for day in DAYS:
            if (forum_id, day.isoformat()) in taken or f"{day.isoformat()}-{forum_id}" in data.moeder:
                continue
            draft = udkast(data, located.value, day, standard_moedetype(data, located.value))
            relative = Path("data", slug, "moeder", f"{day.isoformat()}-{forum_id}.yaml")
            expected[(forum_id, day.isoformat())] = moede_text(draft, relative)
    assert expected, "ingen fora at prøve"
    texts = _form_texts(facts, list(expected))
    different = [job for job, text in zip(expected, texts) if text != expected[job]]
    assert not different, (different[:3], [texts[list(expected).index(j)] for j in different[:1]],
                           [expected[j] for j in different[:1]])


def test_a_day_the_forum_meets_is_refused() -> None:
    slug = example_slugs()[0]
    data, _ = load_kommune(ROOT, slug)
    facts = moedeudkast(data)
    meeting = facts["moeder"][0]
    [text] = _form_texts(facts, [(meeting["forum"], meeting["dato"])])
    day = ".".join(reversed(meeting["dato"].split("-")))
    assert text == (f"FEJL: Forummet har allerede et møde den {day} ({meeting['id']}). "
                    "Ret det eksisterende møde, eller vælg en anden dato.")


def test_a_forum_the_form_does_not_know_needs_an_id() -> None:
    # A forum added after the build: without an id the form says what to do; with one it saves
    # what the user wrote, unfilled.
    facts = moedeudkast(load_kommune(ROOT, example_slugs()[0])[0])
    [text] = _form_texts(facts, [("nyt-forum", "2026-05-04")])
    assert text == ("FEJL: Formularen kender ikke forummet «nyt-forum» endnu, så den kan ikke udfylde mødet. "
                    "Skriv selv mødets id (datoen og forummets id, fx 2026-09-01-netvaerk), eller byg sitet igen.")


def test_days_off_cover_the_data() -> None:
    slug = example_slugs()[0]
    data, _ = load_kommune(ROOT, slug)
    days_off = moedeudkast(data)["fridage"]
    for located in data.moeder.values():
        year = located.value.dato.year
        assert f"{year}-12-25" in days_off and f"{year + 1}-01-01" in days_off


VERSIONS = """dagsordensskabeloner:
  - id: forslag-2026
    gyldig_fra: 2026-01-01
    forslag: ja
    punkter:
      - nummer: 1
        titel: Kun et forslag
  - id: fra-juni-2027
    gyldig_fra: 2027-06-01
    punkter:
      - nummer: 2
        titel: "Tema: kl. 14.00"
        beskrivelse: |
          Et tema, der kræver
          en indsats
        eksempler:
          - sociale medier
        enkeltsager: ja
        underpunkter:
          - nummer: 1
            titel: Oplæg
      - nummer: 1
        titel: Runde
"""


def test_template_versions_and_seats_follow_the_day(tmp_path: Path) -> None:
    # A dated template version (and a proposal that must not count) and a seat that ends:
    # the form picks what is in force on the meeting's day, as the command does.
    root = copy_examples(tmp_path / "repo")
    kommissorium = root / "data/brondby/kommissorier/kommissorium-ssp-netvaerk.yaml"
    kommissorium.write_text(kommissorium.read_text(encoding="utf-8") + VERSIONS, encoding="utf-8")
    forum_file = root / "data/brondby/fora/ssp-netvaerk-vester.yaml"
    seat = "    beskrivelse: Viden om unge og deres fritid.\n"
    forum_file.write_text(forum_file.read_text(encoding="utf-8").replace(seat, seat + "    gyldig_til: 2027-06-03\n"),
                          encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "sspgen.cli", "check", str(root), "--kommune", "brondby"],
                           cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    data, _ = load_kommune(root, "brondby")
    forum = alle_fora(data)["ssp-netvaerk-vester"].value
    days = ["2027-05-31", "2027-06-07"]
    expected = []
    for day in days:
        draft = udkast(data, forum, date.fromisoformat(day), standard_moedetype(data, forum))
        expected.append(moede_text(draft, Path("data/brondby/moeder", f"{day}-ssp-netvaerk-vester.yaml")))
    before, after = expected
    assert "titel: Afdækning og kortlægning" in before and "  - klubtilbud\n" in before
    assert "Kun et forslag" not in after and "  - klubtilbud\n" not in after
    assert "    # Hjælp: Et tema, der kræver en indsats\n    # Eksempel: sociale medier\n" in after
    assert "    enkeltsager: ja\n    underpunkter:\n      - nummer: 1\n        titel: Oplæg\n" in after
    assert _form_texts(json.loads(moedeudkast_bytes(data)), [("ssp-netvaerk-vester", d) for d in days]) == expected
