"""A new municipality needs only files under data/ and content/: no code change.

The municipality below is made up for the test. It organises SSP differently from the three
examples (a per-school unit, ages up to 30, a cadence "efter behov", its own forum type and
trend from its own vocabulary), and it must check clean with the real CLI.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from textwrap import dedent

ROOT = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text).lstrip(), encoding="utf-8")


def make_fourth_municipality(root: Path) -> None:
    k = root / "data" / "aaby"
    write(k / "kommune.yaml", """
        slug: aaby
        navn: Åby Kommune
        politikreds: Testpolitikredsen
        maalgruppe:
          alder_fra: 10
          alder_til: 30
        koordinerende_enhed: ssp-teamet
        offentlig_webadresse: https://ssp.aaby.invalid/
        kontakter:
          - id: ssp-teamet
            navn: SSP-teamet
            telefon: ["70 10 20 30"]
            email: ssp@aaby.invalid
            emner: [kontakt]
            synlighed: offentlig
    """)
    write(k / "vokabular.yaml", """
        forumtyper:
          - id: skoleteam
            navn: SSP-skoleteam
        tendenser:
          - id: e-sport-og-spil
            navn: Spil og gambling
    """)
    write(k / "aktoerer" / "ssp-teamet.yaml", """
        id: ssp-teamet
        navn: SSP-teamet
        type: ssp
        synlighed: offentlig
    """)
    write(k / "aktoerer" / "aaby-skole.yaml", """
        id: aaby-skole
        navn: Åby Skole
        type: skole
        synlighed: offentlig
    """)
    write(k / "fora" / "skoleteam-aaby.yaml", """
        id: skoleteam-aaby
        navn: SSP-skoleteam Åby Skole
        type: skoleteam
        niveau: operationelt
        formaal: Tidlig indsats omkring skolens elever.
        skoler: [aaby-skole]
        sammensaetning:
          - rolle: Tovholder
            aktoer: ssp-teamet
            tovholder: ja
          - rolle: SSP-lærer
            aktoer: aaby-skole
        moedefrekvens:
          efter_behov: ja
        synlighed: offentlig
    """)
    write(k / "moeder" / "2026-05-04-skoleteam-aaby.yaml", """
        id: 2026-05-04-skoleteam-aaby
        forum: skoleteam-aaby
        type: andet
        dato: 2026-05-04
        tid: "9.00"
        status: afholdt
        dagsorden:
          - nummer: 1
            titel: Hvad ser vi på skolen?
            noter: Flere elever taler om spil med indsats af penge.
            tendenser: [e-sport-og-spil]
    """)
    write(root / "content" / "aaby" / "saadan-arbejder-vi.md", """
        ---
        titel: Sådan arbejder vi
        synlighed: offentlig
        fora: [skoleteam-aaby]
        ---
        SSP i Åby arbejder tæt sammen med skolen.

        [[kontakter: kontakt]]
    """)


def test_fourth_municipality_checks_clean_without_code_change(tmp_path: Path) -> None:
    make_fourth_municipality(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "check", "--strict", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.stdout == "", result.stdout
    assert result.returncode == 0, result.stderr
    assert "1 kommune(r) (aaby)" in result.stderr


def test_fourth_municipality_typo_in_own_vocabulary_is_caught(tmp_path: Path) -> None:
    make_fourth_municipality(tmp_path)
    forum = tmp_path / "data" / "aaby" / "fora" / "skoleteam-aaby.yaml"
    forum.write_text(forum.read_text(encoding="utf-8").replace("type: skoleteam", "type: skolteam"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "check", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 1
    assert "data/aaby/fora/skoleteam-aaby.yaml:3:7: fejl:" in result.stdout
    assert "[vokabular.ukendt-vaerdi]" in result.stdout
