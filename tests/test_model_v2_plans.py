"""Data model v2, plans and target groups: plan kinds, an action plan's goals, a yearly plan's
months, a preparedness plan's situations, strands, age ranges with one bound, and fields a
municipality may leave out.

Each concept is built with the real CLI into a temporary folder and looked for on the page;
each bad input is checked with the real rules and must give one located Danish error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rules_helpers import D, Kommune, describe, expect, with_code
from site_helpers import run_build

PLANER = f"{D}/planer"
KOMMUNE = f"{D}/kommune.yaml"
FORUM = f"{D}/fora/netvaerk-oester.yaml"

HANDLEPLAN = """
    id: handleplan-oester
    titel: Tryghed i Øster 2026
    type: handleplan
    omraade: Øster
    gyldig_fra: 2026-01-01
    gyldig_til: 2026-12-31
    maal:
      - id: voksne-i-byrummet
        titel: Flere voksne i byrummet om aftenen
        beskrivelse: Natteravne og klubmedarbejdere går ture fredag og lørdag.
        ansvarlige:
          - klubben
        frist: 2026-03-01
        status: i gang
      - id: foraeldrenetvaerk
        titel: Et forældrenetværk på hver skole
        ansvarlige:
          - ssp-enheden
    synlighed: offentlig
"""

AARSHJUL = """
    id: aarshjul-2026-27
    titel: Skoleårets faste aktiviteter
    type: aarshjul
    forum: netvaerk-oester
    gyldig_fra: 2026-08-01
    gyldig_til: 2027-07-31
    aktiviteter:
      - titel: Forældremøder om sociale medier
        maaned: 9
        ansvarlige:
          - ssp-enheden
      - id: nytaar
        titel: Fyrværkerikampagne i 6. klasse
        maaned: 12
      - titel: Trivselsmåling
        maaned: 2
        forum: netvaerk-oester
      - titel: Opstartsmøde i netværket
        dato: 2026-08-20
    synlighed: offentlig
"""

BEREDSKAB = """
    id: beredskab
    titel: Beredskab ved uro
    type: beredskabsplan
    beredskab:
      - id: nytaarsaften
        titel: Nytårsaften
        udloeser: Årets sidste uge, hvor der erfaringsmæssigt er uro med fyrværkeri.
        handlinger:
          - Ekstra opsøgende vagter den 31. december.
          - Brev til forældre i 6.-9. klasse.
        ansvarlige:
          - politiet
        forudsigelig: ja
      - id: uro-i-boligomraade
        titel: Akut uro i et boligområde
        udloeser: Politiet melder om grupper af unge og hærværk.
        handlinger:
          - Koordinationsgruppen mødes inden for et døgn.
        ansvarlige:
          - ssp-enheden
    synlighed: offentlig
"""


def kommune_with_plans(root: Path) -> Kommune:
    k = Kommune(root)
    k.put(f"{PLANER}/handleplan-oester.yaml", HANDLEPLAN)
    k.put(f"{PLANER}/aarshjul-2026-27.yaml", AARSHJUL)
    k.put(f"{PLANER}/beredskab.yaml", BEREDSKAB)
    k.edit(KOMMUNE, "koordinerende_enhed: ssp-enheden", """koordinerende_enhed: ssp-enheden
spor:
  - id: ssp-plus
    navn: SSP+ for unge voksne
    maalgruppe:
      alder_fra: 18
      alder_til: 25
    ansvarlig: ssp-enheden""")
    k.edit(FORUM, "synlighed: offentlig", "maalgruppe:\n  alder_til: 24\nspor: ssp-plus\nsynlighed: offentlig")
    return k


def build(k: Kommune, out: Path) -> Path:
    root = k.write()
    result = run_build(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "testby"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """The visible text, roughly: tags out, whitespace folded."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def assert_nothing_empty(site: Path) -> None:
    """No «None», no heading without text, no label with an empty value after it."""
    for file in sorted(site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        where = file.relative_to(site)
        assert "None" not in text_of(html), where
        assert not re.search(r"<h[1-6][^>]*>\s*</h[1-6]>", html), where
        assert not re.search(r"<dd>\s*</dd>", html), where
        # A label's colon with nothing after it; «Det gør vi:» before a list is fine.
        dangling = r":\s*(</strong>\s*)?</(li|dd)>|:\s*</strong>\s*</p>|:\s*</p>\s*(?!<(ol|ul|p class=\"sspgen-dokument))<"
        assert not re.search(dangling, html), (where, re.search(dangling, html))


# -- pages ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    k = kommune_with_plans(root)
    check = k.check()
    assert not check.errors, describe(check)
    return build(k, tmp_path_factory.mktemp("out"))


def test_action_plan_shows_goals_with_owners_and_deadlines(site: Path) -> None:
    text = text_of(page(site / "intranet", "plan/handleplan-oester"))
    assert "Tryghed i Øster 2026" in text
    assert "Type Handleplan" in text
    assert "Flere voksne i byrummet om aftenen" in text
    assert "Natteravne og klubmedarbejdere" in text
    assert "Klubben" in text and "1. marts 2026" in text and "i gang" in text
    assert "Gyldighed Gælder fra 1. januar 2026 til 31. december 2026" in text
    # An action plan has no political goals and no triangle: no empty sections for them.
    assert "Politiske mål" not in text and "Forebyggelsestrekanten" not in text


def test_public_action_plan_leaves_out_internal_owners(site: Path) -> None:
    html = page(site / "offentlig", "plan/handleplan-oester")
    assert "Klubben" not in html  # an internal actor
    assert "SSP-enheden" in html  # a public one


def test_yearly_wheel_lists_activities_by_month_in_danish(site: Path) -> None:
    html = page(site / "intranet", "plan/aarshjul-2026-27")
    months = re.findall(r'<h3 id="maaned-\d+">(\w+)</h3>', html)
    # The school year starts in August (gyldig_fra), so the wheel does too.
    assert months == ["August", "September", "December", "Februar"]
    text = text_of(html)
    assert "Opstartsmøde i netværket (20. august 2026)" in text
    assert text.index("Forældremøder om sociale medier") < text.index("Fyrværkerikampagne")
    assert "Forum: SSP-netværk Øster" in text


def test_preparedness_plan_shows_trigger_actions_and_who(site: Path) -> None:
    text = text_of(page(site / "intranet", "plan/beredskab"))
    acute = text.index("Akut uro i et boligområde")
    foreseeable = text.index("Nytårsaften")
    assert acute < foreseeable, "acute situations come first"
    assert "Udløses af Politiet melder om grupper af unge og hærværk." in text
    assert "Koordinationsgruppen mødes inden for et døgn." in text
    assert "Begivenhed, man kan se komme" in text and "Akut situation" in text
    assert "Hvem Politiet" in text


def test_several_plans_get_a_list_and_the_menu_says_planer(site: Path) -> None:
    html = page(site / "intranet", "plan")
    text = text_of(html)
    for title in ("SSP-plan 2022-2026", "Tryghed i Øster 2026", "Skoleårets faste aktiviteter", "Beredskab ved uro"):
        assert title in text
    assert "Handleplan" in text and "Årshjul" in text
    forside = page(site / "intranet", "")
    assert re.search(r'<a [^>]*href="plan/index.html"[^>]*>Planer</a>', forside)
    assert ">SSP-plan</a>" not in forside


def test_forum_page_links_its_own_and_its_areas_plans(site: Path) -> None:
    html = page(site / "intranet", "netvaerk/oester")
    text = text_of(html)
    assert "Skoleårets faste aktiviteter" in text  # forum: netvaerk-oester
    assert "Tryghed i Øster 2026" in text  # omraade: Øster = the network's district
    assert "Beredskab ved uro" not in text
    assert "Målgruppe op til 24 år" in text
    assert "Spor SSP+ for unge voksne (18–25 år)" in text


def test_strand_on_the_organisation_page(site: Path) -> None:
    text = text_of(page(site / "offentlig", "organisation"))
    assert "SSP+ for unge voksne – 18–25 år" in text
    assert "Fora i sporet: SSP-netværk Øster" in text


def test_no_none_and_no_empty_sections(site: Path) -> None:
    assert_nothing_empty(site)


def test_a_single_plan_of_another_kind_names_the_menu(tmp_path: Path) -> None:
    k = Kommune(tmp_path / "repo")
    k.put(f"{PLANER}/ssp-plan.yaml", BEREDSKAB.replace("id: beredskab", "id: ssp-plan"))
    k.put(f"{D}/evalueringer/2025.yaml", None)
    k.edit(f"{D}/pensum/det-sociale-pensum.yaml", "plan: ssp-plan\n", "")
    site = build(k, tmp_path / "out")
    forside = page(site / "intranet", "")
    assert re.search(r'href="plan/ssp-plan/index.html"[^>]*>Beredskabsplan</a>', forside)
    assert ">SSP-plan</a>" not in forside


# -- fields a municipality may not know ----------------------------------------------------

SPARSE_PLAN = """
    id: ssp-plan
    titel: SSP-plan
    politiske_maal:
      - id: tryghed
        titel: Oplevet tryghed
    forebyggelsesniveauer:
      - id: opbyggende
        navn: Det opbyggende niveau
    metoder:
      - id: snap
        navn: SNAP
    indsatser:
      - id: gadeplan
        navn: Indsatser på gadeplan
    undersoegelser:
      - id: trivsel
        navn: Trivselsmålingen
    synlighed: offentlig
"""


def test_relaxed_fields_absent_build_without_none_or_empty_headings(tmp_path: Path) -> None:
    k = Kommune(tmp_path / "repo")
    k.edit(KOMMUNE, "maalgruppe:\n  klassetrin_fra: 0\n  klassetrin_til: 10\n  alder_fra: 6\n  alder_til: 25\n", "")
    k.put(f"{PLANER}/ssp-plan.yaml", SPARSE_PLAN)
    k.put(f"{D}/evalueringer/2025.yaml", """
        id: "2025"
        aar: 2025
        plan: ssp-plan
        raekker:
          - indsats: gadeplan
            fungerer: Godt samarbejde.
        synlighed: offentlig
    """)
    pensum = f"{D}/pensum/det-sociale-pensum.yaml"
    k.edit(pensum, "beskrivelse: Forløb fra 0. til 9. klasse.\n", "")
    k.edit(pensum, "    overordnet_maal: At indgå i fællesskaber.\n", "")
    check = k.check()
    assert not check.errors, describe(check)
    site = build(k, tmp_path / "out")
    assert_nothing_empty(site)
    plan = text_of(page(site / "intranet", "plan/ssp-plan"))
    assert "Planperiode" not in plan and "Målgruppe" not in plan
    assert "Indsatser pr. mål og niveau" not in plan  # no goal is tied to the indsats
    assert "Oplevet tryghed" in plan and "Trivselsmålingen" in plan
    evaluering = page(site / "intranet", "evaluering/2025")
    assert "Politisk mål" not in evaluering and "Indsatser på gadeplan" in evaluering
    organisation = text_of(page(site / "intranet", "organisation"))
    assert "Målgruppe" not in organisation
    pensum_page = text_of(page(site / "intranet", "pensum/det-sociale-pensum"))
    assert "Emner og overordnede mål" not in pensum_page and "Fællesskaber" in pensum_page


# -- bad input: located Danish errors ------------------------------------------------------

BAD = [
    # (file, old text, new text, text pointed at, code, words in the message)
    (f"{PLANER}/handleplan-oester.yaml", "type: handleplan", "type: handlingsplan", "handlingsplan",
     "vokabular.ukendt-vaerdi", ("«handlingsplan» er ikke en kendt plantype", "Mente du «handleplan»?", "plantyper")),
    (f"{PLANER}/handleplan-oester.yaml", "      - klubben", "      - klubberne", "klubberne",
     "ref.ukendt-aktoer", ("Aktøren «klubberne» findes ikke", "Mente du «klubben»?")),
    (f"{PLANER}/handleplan-oester.yaml", "omraade: Øster", "omraade: Øster\nforum: netvaerk-vester", "netvaerk-vester",
     "ref.ukendt-forum", ("Forummet «netvaerk-vester» findes ikke",)),
    (f"{PLANER}/handleplan-oester.yaml", "  - id: foraeldrenetvaerk", "  - id: voksne-i-byrummet", "voksne-i-byrummet\n    titel: Et",
     "id.dublet", ("bruges to gange under «maal»",)),
    (f"{PLANER}/aarshjul-2026-27.yaml", "    maaned: 12", "    maaned: 13", "13",
     "skema.ugyldig-vaerdi", ("«maaned»", "må højst være 12")),
    (f"{PLANER}/aarshjul-2026-27.yaml", "    forum: netvaerk-oester\n", "    forum: netvaerket\n", "netvaerket",
     "ref.ukendt-forum", ("Forummet «netvaerket» findes ikke",)),
    (f"{PLANER}/aarshjul-2026-27.yaml", "    dato: 2026-08-20", "    beskrivelse: Hvornår?", "- titel: Opstartsmøde",
     "skema.ugyldig-vaerdi", ("angiv «maaned» (1-12) eller «dato»",)),
    (f"{PLANER}/aarshjul-2026-27.yaml", "    dato: 2026-08-20", "    dato: 2026-08-20\n    maaned: 9", "- titel: Opstartsmøde",
     "skema.ugyldig-vaerdi", ("«maaned: 9» passer ikke med «dato: 2026-08-20»",)),
    (f"{PLANER}/handleplan-oester.yaml", "gyldig_til: 2026-12-31", "gyldig_til: 2025-12-31", "id: handleplan",
     "skema.ugyldig-vaerdi", ("gyldig_til må ikke ligge før gyldig_fra",)),
    (f"{PLANER}/beredskab.yaml", "      - politiet", "      - politi", "politi\n",
     "ref.ukendt-aktoer", ("Aktøren «politi» findes ikke",)),
    (f"{PLANER}/beredskab.yaml", "    handlinger:\n      - Koordinationsgruppen mødes inden for et døgn.\n", "    handlinger: []\n",
     "handlinger: []", "skema.ugyldig-vaerdi", ("«handlinger»", "mindst 1")),
    (KOMMUNE, "      alder_fra: 18", "      alder_fra: 26", "alder_fra: 26",
     "skema.ugyldig-vaerdi", ("alder_fra må ikke være større end alder_til",)),
    (KOMMUNE, "    ansvarlig: ssp-enheden", "    ansvarlig: ssp-teamet", "ssp-teamet",
     "ref.ukendt-aktoer", ("Aktøren «ssp-teamet» findes ikke",)),
    (FORUM, "spor: ssp-plus", "spor: ssp-plu", "ssp-plu",
     "ref.ukendt-spor", ("Sporet «ssp-plu» findes ikke", "«spor» i data/testby/kommune.yaml", "Mente du «ssp-plus»?")),
]


@pytest.mark.parametrize("path, old, new, needle, code, words", BAD, ids=[f"{c}:{n.strip()}" for _, _, _, n, c, _ in BAD])
def test_bad_input_gives_a_located_danish_error(tmp_path: Path, path: str, old: str, new: str, needle: str,
                                                code: str, words: tuple[str, ...]) -> None:
    k = kommune_with_plans(tmp_path)
    k.edit(path, old, new)
    result = k.check()
    line, _ = k.where(path, needle)
    expect(result, code, path, line, severity="fejl", contains=words)


def test_one_age_bound_is_enough(tmp_path: Path) -> None:
    k = Kommune(tmp_path)
    k.edit(KOMMUNE, "  klassetrin_fra: 0\n  klassetrin_til: 10\n  alder_fra: 6\n  alder_til: 25\n", "  alder_til: 24\n")
    result = k.check()
    assert not result.errors, describe(result)
    assert not with_code(result, "skema.ugyldig-vaerdi")


def test_own_plan_type_from_the_municipalitys_vocabulary(tmp_path: Path) -> None:
    k = kommune_with_plans(tmp_path / "repo")
    k.edit(f"{PLANER}/handleplan-oester.yaml", "type: handleplan", "type: lokalplan")
    k.append(f"{D}/vokabular.yaml", "plantyper:\n  - id: lokalplan\n    navn: Lokal plan\n"
             "    beskrivelse: En plan for ét lokalområde, lagt af lokaludvalget.\n")
    result = k.check()
    assert not result.errors, describe(result)
    text = text_of(page(build(k, tmp_path / "out") / "intranet", "plan/handleplan-oester"))
    assert "Type Lokal plan – En plan for ét lokalområde, lagt af lokaludvalget." in text


# -- the change report ---------------------------------------------------------------------


def test_diff_names_goals_activities_and_situations(tmp_path: Path) -> None:
    from diff_helpers import git, sspgen

    k = kommune_with_plans(tmp_path)
    root = k.write()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Planerne")
    k.edit(f"{PLANER}/handleplan-oester.yaml", "frist: 2026-03-01", "frist: 2026-04-01")
    k.edit(f"{PLANER}/aarshjul-2026-27.yaml", "    maaned: 2\n", "    maaned: 3\n")
    k.edit(f"{PLANER}/beredskab.yaml", "  - id: uro-i-boligomraade", (
        "  - id: sankthans\n    titel: Sankthans\n    udloeser: Bål og fest ved stranden.\n"
        "    handlinger:\n      - Natteravne ved stranden.\n    forudsigelig: ja\n  - id: uro-i-boligomraade"))
    k.write()
    result = sspgen("diff", "--format", "text", "HEAD", cwd=root)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Mål «Flere voksne i byrummet om aftenen»" in out and "1. april 2026" in out, out
    assert "Situation i beredskabet «Sankthans»" in out, out
    assert "Trivselsmåling" in out, out


def test_new_indsats_in_a_plan_without_goals_or_levels(tmp_path: Path) -> None:
    from diff_helpers import sspgen

    k = kommune_with_plans(tmp_path)
    root = k.write()
    plan = root / PLANER / "handleplan-oester.yaml"
    result = sspgen("new", "indsats", "--plan", "handleplan-oester", "--navn", "Natteravne i Øster", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Indsatsen «Natteravne i Øster» er tilføjet sidst i planens indsatser." in result.stdout
    assert plan.read_text(encoding="utf-8").endswith("indsatser:\n  - id: natteravne-i-oester\n    navn: Natteravne i Øster\n")
    assert not k.check().errors
    # The SSP plan has political goals and levels: there they are still asked for.
    before = (root / PLANER / "ssp-plan.yaml").read_text(encoding="utf-8")
    missing = sspgen("new", "indsats", "--plan", "ssp-plan", "--navn", "Nattevandring", str(root), cwd=root)
    assert missing.returncode == 2
    assert "Angiv mindst ét af planens politiske mål med --maal. Kendte mål: tryghed, uddannelse." in missing.stderr
    assert (root / PLANER / "ssp-plan.yaml").read_text(encoding="utf-8") == before
