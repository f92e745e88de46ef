"""Events (begivenheder): their type is a vocabulary value, their arranger and host exist, and a
public event depends on nothing internal."""

from rules_helpers import D, Kommune, expect

EVENT = f"{D}/begivenheder/2025-05-20-temadag.yaml"

VALID = """
id: 2025-05-20-temadag
titel: Temadag om fællesskaber
type: temadag
dato: 2025-05-20
tid: "9.00"
slut: "15.00"
sted: Rådhuset
arrangoer: netvaerk-oester
aktoer: ssp-enheden
beskrivelse: En dag for netværkets medlemmer.
synlighed: offentlig
"""


def _with_event(tmp_path) -> Kommune:
    return Kommune(tmp_path).put(EVENT, VALID)


def test_a_valid_event_gives_no_diagnostic(tmp_path):
    assert _with_event(tmp_path).check().diagnostics == []


def test_an_event_with_an_unknown_type(tmp_path):
    k = _with_event(tmp_path).edit(EVENT, "type: temadag", "type: temadagen")
    d = expect(k.check(), "vokabular.ukendt-vaerdi", EVENT, k.where(EVENT, "temadagen"), severity="fejl")
    assert "begivenhedstype" in d.message and "Mente du «temadag»?" in d.message and "begivenhedstyper" in d.message


def test_a_municipality_may_add_its_own_event_type(tmp_path):
    k = _with_event(tmp_path).edit(EVENT, "type: temadag", "type: sommerlejr")
    k.edit(f"{D}/vokabular.yaml", "tendenser:", "begivenhedstyper:\n  - id: sommerlejr\n    navn: Sommerlejr\ntendenser:")
    assert k.check().diagnostics == []


def test_an_event_with_an_unknown_arranger_or_host(tmp_path):
    k = _with_event(tmp_path).edit(EVENT, "arrangoer: netvaerk-oester", "arrangoer: netvaerk-vester")
    k.edit(EVENT, "aktoer: ssp-enheden", "aktoer: ssp-enhed")
    result = k.check()
    d = expect(result, "ref.ukendt-forum", EVENT, k.where(EVENT, "netvaerk-vester"), severity="fejl")
    assert "Mente du «netvaerk-oester»?" in d.message
    expect(result, "ref.ukendt-aktoer", EVENT, k.where(EVENT, "ssp-enhed\n"), severity="fejl")


def test_a_public_event_of_an_internal_forum(tmp_path):
    k = _with_event(tmp_path).edit(EVENT, "arrangoer: netvaerk-oester", "arrangoer: akutgruppe")
    d = expect(k.check(), "synlighed.offentlig-afhaenger-af-intern", EVENT, k.where(EVENT, "akutgruppe"), severity="fejl")
    assert d.message.startswith("Begivenheden «2025-05-20-temadag» er offentlig")


def test_an_event_that_ends_before_it_starts(tmp_path):
    k = _with_event(tmp_path).edit(EVENT, 'slut: "15.00"', 'slut: "8.00"')
    result = k.check()
    assert [d.message for d in result.errors if d.path == EVENT and "slut må ikke ligge før tid" in d.message]


def test_an_event_file_named_otherwise_than_its_id(tmp_path):
    k = _with_event(tmp_path).edit(EVENT, "id: 2025-05-20-temadag", "id: 2025-05-21-temadag")
    expect(k.check(), "id.filnavn", EVENT, k.where(EVENT, "2025-05-21-temadag"), severity="fejl")
