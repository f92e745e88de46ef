"""Loading: a file that fails its schema is reported once, and is still scanned for privacy."""

from __future__ import annotations

from pathlib import Path

from rules_helpers import D, Kommune, describe, expect, with_code


def test_invalid_file_is_not_reported_again_as_unknown_reference(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path).edit(f"{D}/fora/netvaerk.yaml", "niveau: operationelt", "niveau: operationelt\nfarve: blaa")
    result = kommune.check()
    expect(result, "skema.ukendt-felt", f"{D}/fora/netvaerk.yaml", kommune.where(f"{D}/fora/netvaerk.yaml", "farve"))
    # netvaerk-oester points at netvaerk with `overordnet`: that file exists, it is just invalid.
    assert with_code(result, "ref.ukendt-forum") == [], describe(result)


def test_cpr_number_in_a_file_that_fails_its_schema_is_still_found(tmp_path: Path) -> None:
    path = f"{D}/fora/netvaerk.yaml"
    kommune = Kommune(tmp_path).edit(path, "formaal: Alle netværk samlet.", "formaal: Sag om 010190-1234\nfarve: blaa")
    result = kommune.check()
    found = expect(result, "privatliv.cpr", path, kommune.where(path, "010190-1234"))
    assert "010190-xxxx" in found.message and "1234" not in found.message
