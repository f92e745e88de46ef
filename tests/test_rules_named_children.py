"""named_children.py: a first name next to an age, a class, a relation or an address is a warning.

All names and addresses below are invented examples.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules_helpers import C, D, Kommune, describe, expect, with_code
from sspgen.validate.rules.named_children import CODE, findings, first_names

MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
FORUM = f"{D}/fora/netvaerk-oester.yaml"
KOMMUNE = f"{D}/kommune.yaml"
SIDE = f"{C}/saadan-arbejder-vi.md"
ROOT = Path(__file__).resolve().parent.parent


# -- the corpora ---------------------------------------------------------------------------------

POSITIVE = [
    # (sentence, the name that must be reported)
    ("Mads (14 år) blev set ved stationen.", "Mads"),
    ("Vi talte om Freja, 13 år, som pjækker.", "Freja"),
    ("Emma er 15 år og har droppet fritidsjobbet.", "Emma"),
    ("Noah på 12 år har fået en bekymringssamtale.", "Noah"),
    ("Den 14-årige Oliver er kendt af politiet.", "Oliver"),
    ("Ida, 16-årig, er flyttet.", "Ida"),
    ("Ali fyldte 15 år i marts.", "Ali"),
    ("William, 13 år gammel, kom med politiet hjem.", "William"),
    ("Vi så Lucas (14) i parken.", "Lucas"),
    ("Omar fra 8.b har pjækket.", "Omar"),
    ("Sofie i 7. klasse har skiftet skole.", "Sofie"),
    ("Malthe, 9. a, blev bortvist.", "Malthe"),
    ("Klassen 8. b med Karla blev nævnt.", "Karla"),
    ("Ella går i 3. kl. på Øster Skole.", "Ella"),
    ("Sara (6.c) er tit alene i frikvarteret.", "Sara"),
    ("Sofies storebror er kendt af politiet.", "Sofies"),
    ("Lillesøster Alma er også bekymret.", "Alma"),
    ("Magnus og hans bror blev stoppet.", "Magnus"),
    ("Fatimas datter har brug for hjælp.", "Fatimas"),
    ("Alis forældre ringede til skolen.", "Alis"),
    ("Mads' mor er orienteret.", "Mads"),
    ("Noahs sagsbehandler deltager næste gang.", "Noahs"),
    ("Victor bor på Søndergade 12 med sin far.", "Victor"),
    ("Mohammed, der bor i Brøndby Strand, var med.", "Mohammed"),
    ("Anne-Marie, 15 år, var med.", "Anne-Marie"),
    ("Oscar boede hos sin moster.", "Oscar"),
    ("Laura, Kirkevej 4, 2. tv.", "Laura"),
]

BENIGN = [
    "8. klasse har haft forløbet om sociale medier.",
    "Unge i 8. klasse og 9. klasse deltager i forældremødet.",
    "SSP-konsulenten underviser 7. klasse i digital dannelse.",
    "Netværket i Brøndby Strand mødes på Brøndby Strand Skole.",
    "Vi holder møde tirsdag den 14. maj kl. 15.00-17.00 på Rådhuset.",
    "Fra mandag til fredag i uge 7 holder klubben åbent.",
    "I maj og juni er der mange unge ved stranden; i august starter skolen.",
    "Per år holdes 4 møder; hvert møde varer 2 timer.",
    "Hans søster er 14 år.",  # no name: «Hans» here is «his», and left out of the list
    "Andre unge på 15 år blev også nævnt.",
    "Målgruppen er børn og unge fra 6 til 25 år.",
    "Unge på 14 år og derover kan få en ungdomssanktion.",
    "Klubben har eksisteret i 25 år.",
    "Forældre til unge i 7.-9. klasse inviteres.",
    "Familien skal inddrages tidligt; familierådslagning er et tilbud.",
    "Sagsbehandleren fra Børn og Familie deltager efter behov.",
    "Vestegnens Politi og Holbæk Kommune samarbejder om 2025/26.",
    "Politiet har journalnummer 0100-12345-00123-24; 12 sager i alt.",
    "SSP-planen 2022-2026 gælder for 0.-10. klasse.",
    "Tovholderen er SSP-konsulenten på Nørregårdsskolen.",
    "Sociale medier: unge på TikTok og Snapchat, især 13-årige piger.",
    "Bibliotekarerne i Tølløse og Jyderup kender de unge.",
    "Stor Merløse Skole og Knabstrup Skole er med i netværket.",
    "Mødet holdes på Rådhusvej 1 i mødelokale 2.",
    "Unge, der bor i Brøndby Strand, bruger klubben.",
    "Vi mødes i Øst og Vest hver anden uge.",
    "Sol og sommer giver mere uro i parkerne, især i juli.",
    "Storm og regn holdt de unge inde.",
    "Maj 2026: temamøde om rusmidler for 8. klasse.",
    "August: skolestart for 0. klasse.",
    "Ungehuset, Øster, har åbent for 14-18-årige.",
    "Punkt 3. b i kommissoriet handler om enkeltsager.",
    # Staff and speakers named near words about children or ages.
    "Oplæg ved Mette fra Rusmiddelcentret om 15-årige og alkohol.",
    "Oplæg ved Mette om unge på 15 år og alkohol.",
    "Karin er 45 år og ny SSP-konsulent.",
    "Tovholder Hanne indkalder 14 dage før mødet.",
    "Lene har arbejdet i klubben i 12 år.",
    "Jens Hansen fra politiet fortalte om knivforbuddet.",
    "Mette og Søren fra SSP holder forældremøde for familier med børn i 6. klasse.",
    "Max. 25 deltagere pr. hold; tilmelding til Rikke senest fredag.",
]


@pytest.mark.parametrize("text, name", POSITIVE)
def test_positive_corpus_warns(text, name):
    assert [f.name for f in findings(text)] == [name]


@pytest.mark.parametrize("text", BENIGN)
def test_benign_corpus_is_quiet(text):
    assert findings(text) == []


def test_name_list_is_shipped_and_leaves_out_ordinary_words():
    names = first_names()
    assert len(names) > 1000
    assert {"Mads", "Freja", "Noah", "Ali", "Fatima", "Kim"} <= names
    assert not {"Per", "Bo", "Hans", "Maj", "August", "Andre", "Mark"} & names
    assert all(name.replace("-", "").isalpha() and name.istitle() for name in names)


def test_every_listed_name_is_found_next_to_a_signal():
    """The tokenizer matches every name of the list, with its accents, hyphens and genitive."""
    for name in sorted(first_names()):
        assert [f.name for f in findings(f"Vi så {name} (14 år) i går.")] == [name]
        assert [f.name for f in findings(f"{name}s storebror går i 8.b.")] == [f"{name}s"]
        assert findings(f"{name} holdt oplæg om 8. klasse og unge på 14 år.") == []


_PIECES = st.sampled_from(
    ["Mads", "Sofies", "Anne-Marie", "Mads'", " ", ", ", "(", ")", "14", " år", "-årige", "8.b", "8. ", "b", "i ",
     "klasse", "storebror", "mor", "bor på ", "Søndergade ", "12", "\n", ".", "den ", "Per", "İbrahim", "١٤"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=6), max_size=14).map("".join))
def test_findings_never_raise_and_point_at_the_name(text):
    for f in findings(text):
        assert text[f.start:f.end] == f.name and f.name[:1].isupper()


# -- in files ------------------------------------------------------------------------------------


def test_name_and_age_in_a_meeting_note_is_a_located_warning(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: Jonas (14 år) og flere unge")
    d = expect(k.check(), CODE, MOEDE, k.where(MOEDE, "Jonas"), severity="advarsel")
    assert "«J…»" in d.message and "«14 år»" in d.message and "sagssystemet" in d.message
    assert "Jonas" not in d.message


def test_name_in_a_multi_line_block_points_at_its_line(tmp_path):
    k = Kommune(tmp_path).edit(
        FORUM, "formaal: Tidlig forebyggelse i Øster.", "formaal: |\n  Tidlig forebyggelse i Øster.\n  Især Viktor fra 9.c."
    )
    expect(k.check(), CODE, FORUM, k.where(FORUM, "Viktor"))


def test_name_in_a_markdown_body(tmp_path):
    k = Kommune(tmp_path).edit(SIDE, "Læs planen:", "Vi hjalp Asta, hvis lillebror går i 2. klasse. Læs planen:")
    result = k.check()
    expect(result, CODE, SIDE, k.where(SIDE, "Asta"))
    assert len(with_code(result, CODE)) == 1, describe(result)


def test_address_is_not_repeated_in_the_message(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: Elias bor på Lærkevej 7; flere unge")
    d = expect(k.check(), CODE, MOEDE, k.where(MOEDE, "Elias"))
    assert "Lærkevej" not in d.message and "en bopæl" in d.message


def test_staff_in_contact_fields_are_not_flagged(tmp_path):
    text = "titel: SSP-koordinator"
    k = Kommune(tmp_path).edit(KOMMUNE, "navn: SSP-koordinatoren", "navn: Jonas, SSP-lærer for 8.b")
    k.edit(KOMMUNE, text, "titel: SSP-koordinator (Jonas, 8. klasse)")
    result = k.check()
    assert with_code(result, CODE) == [], describe(result)
    # The same words outside the contacts are reported.
    k.edit(FORUM, "formaal: Tidlig forebyggelse i Øster.", "formaal: Jonas, SSP-lærer for 8.b.")
    expect(k.check(), CODE, FORUM, k.where(FORUM, "Jonas"))


def test_invited_people_and_signatories_are_not_flagged(tmp_path):
    k = Kommune(tmp_path).append(FORUM, "kan_invitere:\n  - navn: Lærer Jonas fra 8.b\n")
    k.edit(FORUM, "rolle: Politiet", "rolle: Betjent Jonas, kontaktbetjent for 8.b")
    k.append(
        MOEDE,
        "beslutningsprotokol:\n  underskrevet: 2025-01-20\n  underskrevet_af:\n    - Jonas, formand for 8.b's forældreråd\n",
    )
    result = k.check()
    assert with_code(result, CODE) == [], describe(result)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "check", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_warning_passes_check_and_fails_strict_through_the_cli(tmp_path):
    k = Kommune(tmp_path).edit(MOEDE, "noter: Flere unge", "noter: Jonas fra 8.b og flere unge")
    line, column = k.where(MOEDE, "Jonas")
    root = k.write()
    done = _run(str(root))
    assert done.returncode == 0, done.stdout
    assert f"{MOEDE}:{line}:{column}: advarsel: Her ser det ud til, at et barn" in done.stdout
    assert "[privatliv.navngivet-barn]" in done.stdout
    strict = _run("--strict", str(root))
    assert strict.returncode == 1
    assert f"{MOEDE}:{line}:{column}: fejl: Her ser det ud til" in strict.stdout


def test_the_examples_are_clean():
    """Every example municipality and its pages: no finding of these rules, even under --strict."""
    done = _run("--strict", "--format", "json")
    assert "Traceback" not in done.stderr
    codes = {d["code"] for d in json.loads(done.stdout)}
    ours = {CODE, "privatliv.kun-metadata", "privatliv.kun-metadata-sted", "privatliv.kun-metadata-vokabular",
            "privatliv.enkeltsag-titel", "privatliv.enkeltsag-tekst"}
    assert not codes & ours, done.stdout
