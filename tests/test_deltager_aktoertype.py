"""A seat held by every organisation of a type («SSP-lærer fra hver skole»): aktoertype."""

from __future__ import annotations

from pathlib import Path

from rules_helpers import D, Kommune, describe, expect

FORUM = f"{D}/fora/netvaerk-oester.yaml"


def seat(kommune: Kommune, text: str) -> Kommune:
    return kommune.edit(FORUM, "  - rolle: Politiet\n    aktoer: politiet\n", text)


def test_a_seat_by_organisation_type_is_valid(tmp_path: Path) -> None:
    kommune = seat(Kommune(tmp_path), "  - rolle: SSP-lærer\n    aktoertype: skole\n  - rolle: Politiet\n    aktoer: politiet\n")
    result = kommune.check()
    assert result.diagnostics == [], describe(result)


def test_an_unknown_organisation_type_is_reported(tmp_path: Path) -> None:
    kommune = seat(Kommune(tmp_path), "  - rolle: SSP-lærer\n    aktoertype: skoel\n  - rolle: Politiet\n    aktoer: politiet\n")
    result = kommune.check()
    expect(result, "vokabular.ukendt-vaerdi", FORUM, kommune.where(FORUM, "skoel"), contains="Mente du «skole»?")


def test_both_or_neither_is_a_schema_error(tmp_path: Path) -> None:
    kommune = seat(Kommune(tmp_path), "  - rolle: SSP-lærer\n    aktoer: politiet\n    aktoertype: skole\n")
    result = kommune.check()
    expect(result, "skema.ugyldig-vaerdi", FORUM, kommune.where(FORUM, "rolle: SSP-lærer"),
           contains="angiv præcis én af «aktoer» (én aktør), «aktoertype»")
