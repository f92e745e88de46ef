"""Model v2 organisation on the built pages (real `sspgen build` into a tmp dir): instances with
their own pages and feeds, the kind's list of groups and its one box with a count, contacts per
forum, escalation, information flows, reports as recurring tasks, fora as members, a shared
forum from another municipality, validity periods and «Tidligere fora», and the level order
from the data (a «taktisk» level with orden 25 drawn between strategic and coordinating)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rules_helpers import D, Kommune, describe
from site_helpers import run_build

NET = f"{D}/fora/netvaerk-oester.yaml"
AKUT = f"{D}/fora/akutgruppe.yaml"
KOMMUNE = f"{D}/kommune.yaml"
MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
SVG = "{http://www.w3.org/2000/svg}"
EPOCH = "1767225600"  # 2026-01-01: «today» for the build, so «Ophørt» and «Gælder fra» are fixed


def _municipality(root: Path) -> Kommune:
    kommune = Kommune(root)
    kommune.append(NET, """instanser:
  - id: team-oester-skole
    navn: SSP-team Øster Skole
    skole: oester-skole
    sted: Øster Skole, personalerummet
    kontakter:
      - ssp-koordinator
  - id: team-oester-syd
    navn: SSP-team Øster Syd
    distrikt: Øster Syd
    tidspunkt: "08.30"
    gyldig_fra: 2026-08-01
  - id: team-gammel
    navn: SSP-team Gamle Øster
    omraade: Den gamle bydel
    gyldig_til: 2018-07-31
eskalerer_til:
  - styregruppe
  - akutgruppe
informerer:
  - til: styregruppe
    hvad: Tendenser fra netværksmøderne
    hyppighed: efter hvert møde
rapporterer:
  - til: de politiske udvalg
    hvad: Status på netværkets arbejde
    per: kvartal
  - til_forum: styregruppe
    hvad: Årsberetning
    per: aar
""")
    kommune.edit(NET, "  - rolle: Politiet\n    aktoer: politiet\n",
                 "  - rolle: Politiet\n    aktoer: politiet\n    gyldig_fra: 2024-01-01\n    gyldig_til: 2026-12-31\n")
    kommune.put(f"{D}/fora/styregruppe.yaml", """
        id: styregruppe
        navn: SSP-styregruppen
        type: styregruppe
        niveau: strategisk
        formaal: Styrer samarbejdet.
        sammensaetning:
          - rolle: Netværkets repræsentant
            forum: netvaerk-oester
        synlighed: offentlig
    """)
    kommune.put(f"{D}/fora/taktisk-gruppe.yaml", """
        id: taktisk-gruppe
        navn: Den taktiske gruppe
        type: andet
        niveau: taktisk
        formaal: Omsætter strategien.
        overordnet: styregruppe
        synlighed: offentlig
    """)
    kommune.put(f"{D}/fora/koordinering.yaml", """
        id: koordinering
        navn: Koordinationsgruppen
        type: andet
        niveau: koordinerende
        formaal: Koordinerer.
        overordnet: taktisk-gruppe
        synlighed: offentlig
    """)
    kommune.put(f"{D}/fora/bandepartnerskab.yaml", """
        id: bandepartnerskab
        navn: Bandepartnerskabet
        type: andet
        niveau: strategisk
        faelles: naboby/bandepartnerskab
        synlighed: offentlig
    """)
    kommune.put(f"{D}/aktoerer/task-force.yaml", """
        id: task-force
        navn: Task force mod uro i Øster
        type: projekt
        gyldig_fra: 2017-01-01
        gyldig_til: 2018-12-31
    """)
    kommune.append(f"{D}/vokabular.yaml", "niveauer:\n  - id: taktisk\n    navn: Taktisk niveau\n    orden: 25\n")
    kommune.append(AKUT, "gyldig_fra: 2015-01-01\ngyldig_til: 2018-07-31\n")
    kommune.edit(KOMMUNE, "    emner:\n      - radikalisering\n",
                 "    emner:\n      - radikalisering\n    omraade: Øster\n    fora:\n      - team-oester-syd\n")
    kommune.append(KOMMUNE, """sagsniveauer:
  - id: niveau-1
    navn: "Niveau 1: bekymring"
    beskrivelse: Løses lokalt.
    fora:
      - netvaerk-oester
  - id: niveau-2
    navn: "Niveau 2: alvorlig bekymring"
    fora:
      - styregruppe
""")
    kommune.edit(MOEDE, "forum: netvaerk-oester", "forum: team-oester-skole")
    other = root / "data" / "naboby"
    (other / "fora").mkdir(parents=True, exist_ok=True)
    (other / "kommune.yaml").write_text("slug: naboby\nnavn: Naboby Kommune\nmaalgruppe:\n  alder_fra: 10\n  alder_til: 18\n", encoding="utf-8")
    (other / "fora" / "bandepartnerskab.yaml").write_text(
        "id: bandepartnerskab\nnavn: Vestegnens bandepartnerskab\ntype: andet\nniveau: strategisk\n"
        "synlighed: offentlig\n", encoding="utf-8")
    (other / "fora" / "intern-gruppe.yaml").write_text(
        "id: intern-gruppe\nnavn: Nabobys interne gruppe\ntype: andet\nniveau: strategisk\n", encoding="utf-8")
    kommune.put(f"{D}/fora/naboens-gruppe.yaml", """
        id: naboens-gruppe
        navn: Naboens gruppe
        type: andet
        niveau: strategisk
        faelles: naboby/intern-gruppe
        synlighed: offentlig
    """)
    return kommune


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kilde")
    kommune = _municipality(root)
    result = kommune.check()
    assert [d for d in result.diagnostics if d.severity.value == "fejl"] == [], describe(result)
    out = tmp_path_factory.mktemp("site")
    built = run_build(root, out, "--uden-pdf", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert built.returncode == 0, built.stderr
    return out / "testby"


def page(site: Path, url: str, variant: str = "intranet") -> str:
    html = (site / variant / url / "index.html").read_text(encoding="utf-8")
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return re.sub(r"\( ", "(", re.sub(r" ([.,:)])", r"\1", text))  # the spaces the tags left


def test_each_instance_has_its_own_page_with_the_kinds_facts_and_its_own(site: Path) -> None:
    text = page(site, "fora/team-oester-skole")
    assert "SSP-team Øster Skole" in text
    assert "Del af SSP-netværk Øster" in text  # link to the kind
    assert "Tidlig forebyggelse i Øster." in text  # the kind's purpose
    assert "Øster Skole, personalerummet" in text  # the instance's own place
    assert "Øster Skole" in text and "SSP-koordinatoren" in text  # its school and its contact
    assert "Netværksmøde" in text or "2025" in text  # its meeting is listed here
    assert (site / "intranet" / "kalender" / "team-oester-skole.ics").is_file()
    syd = page(site, "netvaerk/oester-syd")
    assert "Gælder fra 1. august 2026" in syd and "08.30" in syd
    assert "Område: Øster" in syd  # a contact by role for this group (kommune.yaml «fora»)


def test_the_kind_lists_its_instances(site: Path) -> None:
    text = page(site, "netvaerk/oester")
    assert "Grupper (3)" in text
    for name in ("SSP-team Øster Skole", "SSP-team Øster Syd", "SSP-team Gamle Øster", "Den gamle bydel",
                 "Øster Skole, personalerummet", "Ophørt 31. juli 2018"):
        assert name in text, name


def test_escalation_information_reports_and_members_show_on_the_forum_pages(site: Path) -> None:
    text = page(site, "netvaerk/oester")
    assert "Sager, der ikke kan løses her, går videre til SSP-styregruppen eller Akutgruppen." in text
    public = page(site, "netvaerk/oester", "offentlig")  # the intranet-only Akutgruppen is not named
    assert "går videre til SSP-styregruppen." in public and "Akutgruppen" not in public
    assert "Giver tendenser fra netværksmøderne videre til SSP-styregruppen (efter hvert møde)." in text
    assert "Rapporterer hvert kvartal til de politiske udvalg: status på netværkets arbejde." in text
    assert "Rapporterer hvert år til SSP-styregruppen: årsberetning." in text
    assert "Medlem af SSP-styregruppen" in text
    assert "Gælder fra 1. januar 2024 til 31. december 2026" in text  # a temporary seat
    assert "Tager sig af sager på niveau 1: bekymring." in text
    assert "Tager sig af sager på niveau 1: bekymring." in page(site, "fora/team-oester-skole")  # from its kind
    styregruppe = page(site, "fora/styregruppe")
    assert "Modtager sager fra SSP-netværk Øster." in styregruppe
    assert "Får tendenser fra netværksmøderne fra SSP-netværk Øster (efter hvert møde)." in styregruppe


def test_the_organisation_page_lists_structure_case_levels_and_former_fora(site: Path) -> None:
    text = page(site, "organisation")
    assert "SSP-netværk Øster sender sager, der ikke kan løses dér, videre til SSP-styregruppen." in text
    assert "SSP-netværk Øster sender sager, der ikke kan løses dér, videre til Akutgruppen." in text
    assert "Niveau 1: bekymring Løses lokalt. Håndteres af SSP-netværk Øster." in text
    assert "Niveau 2: alvorlig bekymring Håndteres af SSP-styregruppen." in text
    listed = text.split("Fora som liste", 1)[1].split("Sagsniveauer", 1)[0]
    assert "SSP-netværk Øster (2 grupper)" in listed and "SSP-team Øster Skole" in listed  # the groups in force
    assert "Gamle Øster" not in listed
    former = text.split("Tidligere fora", 1)[1]
    assert "Akutgruppen" in former and "ophørt 31. juli 2018" in former


def test_a_shared_forum_names_where_it_is_described(site: Path) -> None:
    text = page(site, "fora/bandepartnerskab", "offentlig")
    assert "Fælles forum Vestegnens bandepartnerskab, beskrevet af Naboby Kommune" in text
    # the other municipality's intranet-only forum is named on the intranet, never in public
    assert "Nabobys interne gruppe, beskrevet af Naboby Kommune" in page(site, "fora/naboens-gruppe")
    assert "Nabobys interne gruppe" not in page(site, "fora/naboens-gruppe", "offentlig")


def test_a_project_with_a_period_shows_it_on_the_actors_page(site: Path) -> None:
    text = page(site, "aktoerer")
    assert "Task force mod uro i Øster Ophørt 31. december 2018 Projekt eller task force" in text


def _svg(site: Path) -> ET.Element:
    html = (site / "intranet" / "organisation" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="orgdiagram".*?</svg>', html, re.S)
    assert found
    return ET.fromstring(found.group(0))


def test_the_kind_is_one_box_with_a_count_and_ended_fora_are_not_drawn(site: Path) -> None:
    svg = _svg(site)
    drawn = {rect.get("data-forum") for rect in svg.iter(f"{SVG}rect") if rect.get("data-forum")}
    assert "netvaerk-oester" in drawn
    assert not drawn & {"team-oester-skole", "team-oester-syd", "team-gammel"}, drawn
    assert "akutgruppe" not in drawn  # ended in 2018
    texts = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "(2 grupper)" in texts  # the ended instance is not counted


def test_a_level_with_orden_25_is_drawn_between_strategic_and_coordinating(site: Path) -> None:
    # a band's label may wrap («Strategisk» / «niveau»): its first word says which band it is
    labels = {t.text.split()[0]: float(t.get("y")) for t in _svg(site).iter(f"{SVG}text")
              if t.get("class") == "niveau" and t.text.split()[0] != "niveau"}
    assert labels["Strategisk"] < labels["Taktisk"] < labels["Koordinerende"] < labels["Operationelt"], labels
