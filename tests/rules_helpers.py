"""A minimal valid municipality written as real files, for the cross-file rule tests.

Tests take the valid municipality, break one thing with :meth:`Kommune.edit` (or replace a file
with :meth:`Kommune.put`), run the real ``check_repository`` on the written files and assert
the code, the file and the line/column of the diagnostic. Lines and columns are computed from
the file text with :meth:`Kommune.where`, so a test names the offending text, not a number.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from sspgen.diagnostics import Diagnostic
from sspgen.validate import CheckResult, check_repository

SLUG = "testby"
D = f"data/{SLUG}"
C = f"content/{SLUG}"


def _t(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


BASE_FILES: dict[str, str] = {
    f"{D}/kommune.yaml": _t(
        """
        slug: testby
        navn: Testby Kommune
        maalgruppe:
          klassetrin_fra: 0
          klassetrin_til: 10
          alder_fra: 6
          alder_til: 25
        koordinerende_enhed: ssp-enheden
        offentlig_webadresse: https://ssp.testby.example/
        kontakter:
          - id: ssp-koordinator
            navn: SSP-koordinatoren
            titel: SSP-koordinator
            telefon:
              - 43 28 28 15
              - "+45 2011 2233"
            email: ssp@testby.dk
            emner:
              - radikalisering
            synlighed: offentlig
        dokumenter:
          - id: ssp-plan-pdf
            titel: SSP-planen 2022-2026 som PDF
            url: https://testby.dk/media/43282815/ssp-plan.pdf
            synlighed: offentlig
          - id: intern-vejledning
            titel: Intern vejledning
            url: https://intra.testby.dk/vejledning
        """
    ),
    f"{D}/vokabular.yaml": _t(
        """
        tendenser:
          - id: knallerter-i-parken
            navn: Knallerter i parken
        """
    ),
    f"{D}/aktoerer/ssp-enheden.yaml": _t(
        """
        id: ssp-enheden
        navn: SSP-enheden
        type: ssp
        synlighed: offentlig
        """
    ),
    f"{D}/aktoerer/oester-skole.yaml": _t(
        """
        id: oester-skole
        navn: Øster Skole
        type: skole
        distrikt: Øster
        synlighed: offentlig
        """
    ),
    f"{D}/aktoerer/politiet.yaml": _t(
        """
        id: politiet
        navn: Politiet
        type: politi
        synlighed: offentlig
        """
    ),
    f"{D}/aktoerer/klubben.yaml": _t(
        """
        id: klubben
        navn: Klubben
        type: klub
        """
    ),
    f"{D}/fora/netvaerk.yaml": _t(
        """
        id: netvaerk
        navn: SSP-netværket
        type: netvaerksforum
        niveau: operationelt
        formaal: Alle netværk samlet.
        synlighed: offentlig
        """
    ),
    f"{D}/fora/netvaerk-oester.yaml": _t(
        """
        id: netvaerk-oester
        navn: SSP-netværk Øster
        type: netvaerk
        niveau: operationelt
        formaal: Tidlig forebyggelse i Øster.
        overordnet: netvaerk
        distrikt: Øster
        skoler:
          - oester-skole
        sammensaetning:
          - rolle: Tovholder
            aktoer: ssp-enheden
            tovholder: ja
          - rolle: Politiet
            aktoer: politiet
        moedefrekvens:
          gange: 1
          per: maaned
        synlighed: offentlig
        """
    ),
    f"{D}/fora/akutgruppe.yaml": _t(
        """
        id: akutgruppe
        navn: Akutgruppen
        type: akutgruppe
        niveau: operationelt
        formaal: Sager efter §115.
        sammensaetning:
          - rolle: Politiet
            aktoer: politiet
        """
    ),
    f"{D}/kommissorier/netvaerk.yaml": _t(
        """
        id: netvaerk
        titel: Kommissorium for SSP-netværk
        fora:
          - netvaerk-oester
        formaal: Netværkene forebygger kriminalitet.
        deltagere:
          - rolle: Tovholder
            aktoer: ssp-enheden
        forberedelse:
          varsel_dage: 30
        faellesmoeder:
          forum: netvaerk
          moedefrekvens:
            gange: 4
            per: aar
        dagsordensskabelon:
          - nummer: 1
            titel: Godkendelse af dagsorden
          - nummer: 2
            titel: Tendenser
            spoergsmaal:
              - Hvad rører sig i distriktet?
          - nummer: 3
            titel: Bekymringer
            enkeltsager: ja
        synlighed: offentlig
        """
    ),
    f"{D}/funktionsbeskrivelser/ssp-konsulent.yaml": _t(
        """
        id: ssp-konsulent
        rolle: SSP-konsulent
        aktoer: ssp-enheden
        opgaver:
          - Koordinere netværkene.
        synlighed: offentlig
        """
    ),
    f"{D}/planer/ssp-plan.yaml": _t(
        """
        id: ssp-plan
        titel: SSP-plan 2022-2026
        periode_fra: 2022
        periode_til: 2026
        indledning: Planen gælder for 2022-2026 og for 0.-9. klasse.
        politiske_maal:
          - id: tryghed
            titel: Oplevet tryghed
            beskrivelse: Børn og unge skal føle sig trygge.
          - id: uddannelse
            titel: Uddannelse
            beskrivelse: Alle unge skal i uddannelse.
        forebyggelsesniveauer:
          - id: opbyggende
            navn: Det opbyggende niveau
            indsatstype: proaktive indsatser
            beskrivelse: Alle børn og unge.
        indsatser:
          - id: gadeplan
            navn: Indsatser på gadeplan
            politiske_maal:
              - tryghed
            forebyggelsesniveau: opbyggende
            ansvarlige:
              - ssp-enheden
          - id: pensum-indsats
            navn: Det sociale pensum
            politiske_maal:
              - uddannelse
            forebyggelsesniveau: opbyggende
            pensum: det-sociale-pensum
        kilder:
          - ssp-plan-pdf
        synlighed: offentlig
        """
    ),
    f"{D}/evalueringer/2025.yaml": _t(
        """
        id: "2025"
        aar: 2025
        plan: ssp-plan
        raekker:
          - politisk_maal: tryghed
            indsats: gadeplan
            fungerer: Godt samarbejde.
        synlighed: offentlig
        """
    ),
    f"{D}/pensum/det-sociale-pensum.yaml": _t(
        """
        id: det-sociale-pensum
        titel: Det sociale pensum
        plan: ssp-plan
        beskrivelse: Forløb fra 0. til 9. klasse.
        emner:
          - id: faellesskaber
            navn: Fællesskaber
            overordnet_maal: At indgå i fællesskaber.
        trin:
          - id: indskoling
            navn: Indskoling
            klassetrin_fra: 0
            klassetrin_til: 3
          - id: mellemtrin
            navn: Mellemtrin
            klassetrin_fra: 4
            klassetrin_til: 6
          - id: udskoling
            navn: Udskoling
            klassetrin_fra: 7
            klassetrin_til: 9
        laeringsmaal:
          - emne: faellesskaber
            trin: indskoling
            tekst: Eleven kan lege med alle.
        forloeb:
          - id: venskaber
            navn: Venskaber
            emner:
              - faellesskaber
            klassetrin: [0, 1, 2, 3]
            status: obligatorisk
            udbydere:
              - ssp-enheden
          - id: klassens-trivsel
            navn: Klassens trivsel
            emner:
              - faellesskaber
            klassetrin: [4, 5, 6]
            status: obligatorisk
          - id: digital-dannelse
            navn: Digital dannelse
            emner:
              - faellesskaber
            klassetrin: [7, 8, 9]
            status: obligatorisk
          - id: foraeldremoede
            navn: Forældremøde
            emner:
              - faellesskaber
            klassetrin: [5]
            status: anbefalet
        synlighed: offentlig
        """
    ),
    f"{D}/moeder/2025-01-14-oester.yaml": _t(
        """
        id: 2025-01-14-oester
        forum: netvaerk-oester
        type: netvaerksmoede
        dato: 2025-01-14
        tid: "15.00"
        slut: "17.00"
        sted: Øster Skole
        status: afholdt
        indkaldt: 2024-12-12
        deltagende_aktoerer:
          - ssp-enheden
          - politiet
        dagsorden:
          - nummer: 1
            titel: Godkendelse af dagsorden
          - nummer: 2
            titel: "Tendenser: rusmidler"
            noter: Flere unge samles ved stationen kl. 15.00; 0.-9. klasse er berørt.
            tendenser:
              - rusmidler
              - knallerter-i-parken
            opfoelgning:
              - opgave: Tal med klubben.
                ansvarlig: politiet
                frist: 2025-02-01
          - nummer: 3
            titel: Bekymringer
        nye_emner:
          - sociale-medier
        """
    ),
    f"{D}/moeder/2025-02-03-akut.yaml": _t(
        """
        id: 2025-02-03-akut
        forum: akutgruppe
        type: akutmoede
        dato: 2025-02-03
        status: afholdt
        antal_sager: 4
        """
    ),
    f"{D}/emnebank.yaml": _t(
        """
        emner:
          - id: sociale-medier
            titel: Sociale medier
            foreslaaet_af: politiet
            fora:
              - netvaerk-oester
            status: behandlet
            behandlet_paa:
              - 2025-01-14-oester
        """
    ),
    f"{C}/saadan-arbejder-vi.md": _t(
        """
        ---
        titel: Sådan arbejder vi
        fora:
          - netvaerk-oester
        synlighed: offentlig
        ---
        Vi arbejder efter Retsplejelovens §115 i perioden 2022-2026, for 0.-9. klasse.
        Netværket mødes kl. 15.00 den 14. januar 2025.

        [[kontakter: radikalisering]]

        Læs planen:

        [[dokument: ssp-plan-pdf]]
        """
    ),
}


class Kommune:
    """The minimal valid municipality «testby», editable before it is written and checked."""

    def __init__(self, root: Path):
        self.root = root
        self.files = dict(BASE_FILES)

    # -- changing the files ------------------------------------------------------------------

    def put(self, path: str, text: str | None) -> "Kommune":
        """Replace (or with None: delete) a whole file; ``text`` is dedented."""
        if text is None:
            self.files.pop(path, None)
        else:
            self.files[path] = _t(text)
        return self

    def edit(self, path: str, old: str, new: str) -> "Kommune":
        """Replace the one occurrence of ``old`` in a file with ``new``."""
        text = self.files[path]
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
        self.files[path] = text.replace(old, new)
        return self

    def append(self, path: str, text: str) -> "Kommune":
        self.files[path] = self.files[path] + text
        return self

    # -- running -----------------------------------------------------------------------------

    def write(self) -> Path:
        for path, text in self.files.items():
            file = self.root / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
        return self.root

    def check(self) -> CheckResult:
        self.write()
        return check_repository(self.root)

    # -- expectations ------------------------------------------------------------------------

    def where(self, path: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
        """1-based (line, column) of the ``occurrence``-th ``needle`` in a file."""
        text = self.files[path]
        index = -1
        for _ in range(occurrence):
            index = text.find(needle, index + 1)
            assert index >= 0, f"{needle!r} not found {occurrence} time(s) in {path}"
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        return line, column


def with_code(result: CheckResult, code: str) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.code == code]


def expect(
    result: CheckResult,
    code: str,
    path: str,
    at: tuple[int, int] | int,
    *,
    severity: str | None = None,
    contains: str | tuple[str, ...] = (),
) -> Diagnostic:
    """Assert exactly one diagnostic with ``code`` at ``path`` and line (and column) ``at``."""
    line, column = (at, None) if isinstance(at, int) else at
    found = [d for d in result.diagnostics if d.code == code and d.path == path and d.line == line]
    if column is not None:
        found = [d for d in found if d.column == column]
    assert len(found) == 1, (
        f"expected one {code} at {path}:{line}:{column}, got:\n"
        + "\n".join(f"  {d.path}:{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics)
    )
    d = found[0]
    if severity is not None:
        assert d.severity.value == severity, d
    for part in (contains,) if isinstance(contains, str) else contains:
        assert part in d.message, (part, d.message)
    return d


def describe(result: CheckResult) -> str:
    return "\n".join(f"{d.path}:{d.line}:{d.column}: {d.severity.value}: {d.message} [{d.code}]" for d in result.diagnostics)
