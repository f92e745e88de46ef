"""Model v2 organisation rules (sspgen/validate/rules/fora.py and the instance expansion):
forum kinds with instances, fora as members, escalation, information flows, reporting, case
levels, contacts per forum, shared fora across municipalities and validity periods. Each bad
input is checked with the real check on real files, at its file, line and column."""

from __future__ import annotations

from pathlib import Path

from rules_helpers import D, Kommune, describe, expect

NET = f"{D}/fora/netvaerk-oester.yaml"
AKUT = f"{D}/fora/akutgruppe.yaml"
KOMMUNE = f"{D}/kommune.yaml"
MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"
AKUTMOEDE = f"{D}/moeder/2025-02-03-akut.yaml"

INSTANSER = """instanser:
  - id: oester-team-a
    navn: SSP-team Øster A
    skole: oester-skole
    sted: Øster Skole, lokale 12
  - id: oester-team-b
    navn: SSP-team Øster B
    distrikt: Øster Syd
"""


def with_instances(kommune: Kommune, text: str = INSTANSER) -> Kommune:
    return kommune.append(NET, text)


def test_instances_are_valid_and_meetings_may_name_them(tmp_path: Path) -> None:
    kommune = with_instances(Kommune(tmp_path)).edit(MOEDE, "forum: netvaerk-oester", "forum: oester-team-a")
    result = kommune.check()
    assert result.diagnostics == [], describe(result)


def test_a_meeting_naming_an_unknown_instance_is_reported(tmp_path: Path) -> None:
    kommune = with_instances(Kommune(tmp_path)).edit(MOEDE, "forum: netvaerk-oester", "forum: oester-team-c")
    result = kommune.check()
    expect(result, "ref.ukendt-forum", MOEDE, kommune.where(MOEDE, "oester-team-c"), contains="Mente du «oester-team-")


def test_an_instance_id_used_twice_is_reported(tmp_path: Path) -> None:
    kommune = with_instances(Kommune(tmp_path), INSTANSER.replace("id: oester-team-b", "id: oester-team-a"))
    result = kommune.check()
    expect(result, "id.dublet", NET, kommune.where(NET, "oester-team-a", 2), contains="bruges allerede")


def test_an_instance_id_equal_to_a_forum_id_is_reported(tmp_path: Path) -> None:
    kommune = with_instances(Kommune(tmp_path), INSTANSER.replace("id: oester-team-b", "id: akutgruppe"))
    result = kommune.check()
    expect(result, "id.dublet", NET, kommune.where(NET, "akutgruppe"), contains="også id'et på forummet")


def test_an_instance_id_used_by_another_kind_is_reported(tmp_path: Path) -> None:
    kommune = with_instances(Kommune(tmp_path)).append(AKUT, "instanser:\n  - id: oester-team-b\n    navn: Akutgruppe Syd\n")
    result = kommune.check()
    # fora are checked in id order: «akutgruppe» claims the id first, so the network's copy is the duplicate
    expect(result, "id.dublet", NET, kommune.where(NET, "oester-team-b"), contains="i forummet «akutgruppe»")


def test_an_instance_school_must_be_a_known_school(tmp_path: Path) -> None:
    kommune = with_instances(Kommune(tmp_path), INSTANSER.replace("skole: oester-skole", "skole: politiet"))
    result = kommune.check()
    expect(result, "ref.ikke-skole", NET, kommune.where(NET, "politiet", 2))
    kommune = with_instances(Kommune(tmp_path), INSTANSER.replace("skole: oester-skole", "skole: oester-skolen"))
    result = kommune.check()
    expect(result, "ref.ukendt-aktoer", NET, kommune.where(NET, "oester-skolen"), contains="Mente du «oester-skole»?")


def test_an_instance_may_cover_several_schools_each_a_known_school(tmp_path: Path) -> None:
    several = INSTANSER + "    skoler:\n      - oester-skole\n"
    assert with_instances(Kommune(tmp_path / "ok"), several).check().diagnostics == []
    kommune = with_instances(Kommune(tmp_path / "bad"), INSTANSER + "    skoler:\n      - oester-skole\n      - politiet\n")
    result = kommune.check()
    expect(result, "ref.ikke-skole", NET, kommune.where(NET, "politiet", 2), contains="står under «skoler»")


def test_an_instance_contact_must_be_in_kommune_yaml(tmp_path: Path) -> None:
    kommune = with_instances(Kommune(tmp_path), INSTANSER + "    kontakter:\n      - ssp-koordinatoren\n")
    result = kommune.check()
    expect(result, "ref.ukendt-kontakt", NET, kommune.where(NET, "ssp-koordinatoren"), contains="Mente du «ssp-koordinator»?")


def test_a_metadata_only_kind_keeps_its_instances_metadata_only(tmp_path: Path) -> None:
    """An instance of a §115 forum is §115 too: free text in its meeting is refused."""
    kommune = (
        Kommune(tmp_path)
        .append(AKUT, "instanser:\n  - id: akut-nord\n    navn: Akutgruppen Nord\n")
        .edit(AKUTMOEDE, "forum: akutgruppe", "forum: akut-nord")
        .append(AKUTMOEDE, "titel: Drøftelse af en navngiven ung\n")
    )
    result = kommune.check()
    expect(result, "privatliv.kun-metadata", AKUTMOEDE, kommune.where(AKUTMOEDE, "titel"))


def test_a_meeting_of_an_instance_follows_its_kinds_agenda_template(tmp_path: Path) -> None:
    kommune = with_instances(Kommune(tmp_path)).edit(MOEDE, "forum: netvaerk-oester", "forum: oester-team-b")
    clean = kommune.check()
    assert clean.diagnostics == [], describe(clean)
    kommune.edit(MOEDE, "    titel: Bekymringer\n", "    titel: Bekymringer\n  - nummer: 9\n    titel: Noget helt andet\n")
    result = kommune.check()
    codes = {d.code for d in result.diagnostics if d.path == MOEDE}
    assert any(code.startswith("dagsorden.") for code in codes), describe(result)


def test_escalation_information_and_reports_must_name_known_fora(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path).append(NET, (
        "eskalerer_til:\n  - akutgrupen\n"
        "informerer:\n  - til: netvaerket\n    hvad: Tendenser fra møderne\n"
        "rapporterer:\n  - til_forum: akutgrupe\n    hvad: Status\n    per: kvartal\n"
    ))
    result = kommune.check()
    expect(result, "ref.ukendt-forum", NET, kommune.where(NET, "akutgrupen"), contains="Mente du «akutgruppe»?")
    expect(result, "ref.ukendt-forum", NET, kommune.where(NET, "netvaerket"))
    expect(result, "ref.ukendt-forum", NET, kommune.where(NET, "akutgrupe\n"))


def test_a_forum_cannot_escalate_to_or_be_a_member_of_itself(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path).append(NET, "eskalerer_til:\n  - netvaerk-oester\n").edit(
        NET, "  - rolle: Politiet\n    aktoer: politiet\n", "  - rolle: Netværket selv\n    forum: netvaerk-oester\n")
    result = kommune.check()
    expect(result, "forum.sig-selv", NET, kommune.where(NET, "netvaerk-oester", 3), contains="sager går videre til")
    expect(result, "forum.sig-selv", NET, kommune.where(NET, "forum: netvaerk-oester") [0], contains="medlem af sig selv")


def test_a_forum_as_member_must_be_known(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path).edit(NET, "  - rolle: Politiet\n    aktoer: politiet\n",
                                     "  - rolle: Akutgruppen\n    forum: akutgrupen\n")
    result = kommune.check()
    expect(result, "ref.ukendt-forum", NET, kommune.where(NET, "akutgrupen"))


def test_a_seat_with_both_an_actor_and_a_forum_is_a_schema_error(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path).edit(NET, "    aktoer: politiet\n", "    aktoer: politiet\n    forum: akutgruppe\n")
    result = kommune.check()
    expect(result, "skema.ugyldig-vaerdi", NET, kommune.where(NET, "rolle: Politiet"), contains="angiv præcis én af")


def test_a_report_needs_exactly_one_recipient(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path).append(NET, "rapporterer:\n  - til: Udvalget\n    til_forum: akutgruppe\n    hvad: Status\n    per: aar\n")
    result = kommune.check()
    expect(result, "skema.ugyldig-vaerdi", NET, kommune.where(NET, "til: Udvalget"), contains="«til» (med ord) eller «til_forum»")


def test_case_levels_and_contacts_must_name_known_fora(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path).edit(KOMMUNE, "    emner:\n      - radikalisering\n",
                                     "    emner:\n      - radikalisering\n    omraade: Øster\n    fora:\n      - netvaerk-ost\n")
    kommune.append(KOMMUNE, "sagsniveauer:\n  - id: niveau-1\n    navn: Niveau 1\n    fora:\n      - akutgrupen\n")
    result = kommune.check()
    expect(result, "ref.ukendt-forum", KOMMUNE, kommune.where(KOMMUNE, "netvaerk-ost"), contains="Mente du «netvaerk-oester»?")
    expect(result, "ref.ukendt-forum", KOMMUNE, kommune.where(KOMMUNE, "akutgrupen"))


def test_validity_that_ends_before_it_begins_is_refused_everywhere(tmp_path: Path) -> None:
    period = "gyldig_fra: 2025-08-01\ngyldig_til: 2018-07-31\n"
    cases = [
        (NET, lambda k: k.append(NET, period), "id: netvaerk-oester"),
        (NET, lambda k: with_instances(k, INSTANSER + "    " + period.replace("\n", "\n    ").rstrip() + "\n"), "id: oester-team-b"),
        (f"{D}/aktoerer/ssp-enheden.yaml", lambda k: k.append(f"{D}/aktoerer/ssp-enheden.yaml", period), "id: ssp-enheden"),
        (NET, lambda k: k.edit(NET, "    aktoer: politiet\n", "    aktoer: politiet\n    " + period.replace("\n", "\n    ").rstrip() + "\n"), "rolle: Politiet"),
    ]
    for path, change, at in cases:
        kommune = change(Kommune(tmp_path))
        result = kommune.check()
        expect(result, "skema.ugyldig-vaerdi", path, kommune.where(path, at), contains="gyldig_til må ikke ligge før gyldig_fra")


def test_a_shared_forum_must_exist_in_the_other_municipality(tmp_path: Path) -> None:
    other = tmp_path / "data" / "naboby"
    (other / "fora").mkdir(parents=True)
    (other / "kommune.yaml").write_text("slug: naboby\nnavn: Naboby Kommune\nmaalgruppe:\n  alder_fra: 10\n  alder_til: 18\n", encoding="utf-8")
    (other / "fora" / "bandepartnerskab.yaml").write_text(
        "id: bandepartnerskab\nnavn: Bandepartnerskabet\ntype: andet\nniveau: strategisk\n", encoding="utf-8")
    kommune = Kommune(tmp_path).append(AKUT, "faelles: naboby/bandepartnerskab\n")
    result = kommune.check()
    assert result.diagnostics == [], describe(result)
    kommune = Kommune(tmp_path).append(AKUT, "faelles: naboby/bandepartnerskabet\n")
    result = kommune.check()
    expect(result, "ref.ukendt-faelles", AKUT, kommune.where(AKUT, "naboby/bandepartnerskabet"), contains="Mente du «bandepartnerskab»?")
    kommune = Kommune(tmp_path).append(AKUT, "faelles: nabby/bandepartnerskab\n")
    result = kommune.check()
    expect(result, "ref.ukendt-faelles", AKUT, kommune.where(AKUT, "nabby/"), contains="Mente du «naboby»?")
    kommune = Kommune(tmp_path).append(AKUT, "faelles: testby/netvaerk\n")
    result = kommune.check()
    expect(result, "ref.ukendt-faelles", AKUT, kommune.where(AKUT, "testby/netvaerk"), contains="kommunens egen mappe")
    kommune = Kommune(tmp_path).append(AKUT, "faelles: naboby\n")
    result = kommune.check()
    expect(result, "skema.ugyldig-vaerdi", AKUT, kommune.where(AKUT, "naboby"))


def test_a_level_order_must_be_a_number(tmp_path: Path) -> None:
    vocab = f"{D}/vokabular.yaml"
    kommune = Kommune(tmp_path).append(vocab, "niveauer:\n  - id: taktisk\n    navn: Taktisk niveau\n    orden: efter strategisk\n")
    result = kommune.check()
    expect(result, "skema.ugyldig-vaerdi", vocab, kommune.where(vocab, "efter strategisk"))


def test_new_moede_drafts_a_meeting_for_an_instance(tmp_path: Path) -> None:
    """`sspgen new moede --forum <instance>`: the kind's template, the instance's time, and only
    the seats in force on the day."""
    import subprocess
    import sys

    kommune = with_instances(Kommune(tmp_path), INSTANSER + '    tidspunkt: "08.30"\n').edit(
        NET, "    aktoer: politiet\n", "    aktoer: politiet\n    gyldig_til: 2026-06-30\n")
    root = kommune.write()
    other = root / "data" / "naboby"  # two municipalities: the instance id alone must find testby
    other.mkdir(parents=True)
    (other / "kommune.yaml").write_text("slug: naboby\nnavn: Naboby Kommune\nmaalgruppe:\n  alder_fra: 10\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "new", "moede", "--forum", "oester-team-b", "--dato", "2026-09-01", str(root)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 0, result.stderr
    text = (root / D / "moeder" / "2026-09-01-oester-team-b.yaml").read_text(encoding="utf-8")
    assert "forum: oester-team-b" in text and 'tid: "08.30"' in text
    assert "  - ssp-enheden" in text and "politiet" not in text  # the police seat ended in June
    assert "titel: Bekymringer" in text  # the kind's kommissorium's template
    checked = kommune.check()
    assert [d for d in checked.diagnostics if d.severity.value == "fejl"] == [], describe(checked)


def test_a_meeting_outside_its_forums_period_is_a_warning(tmp_path: Path) -> None:
    kommune = with_instances(Kommune(tmp_path), INSTANSER + "    gyldig_fra: 2025-08-01\n").edit(
        MOEDE, "forum: netvaerk-oester", "forum: oester-team-b")
    result = kommune.check()
    expect(result, "moede.uden-for-gyldighed", MOEDE, kommune.where(MOEDE, "2025-01-14", 2), severity="advarsel",
           contains="gælder kun fra 1. august 2025")
