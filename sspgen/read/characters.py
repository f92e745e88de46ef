"""Character-level checks: invalid UTF-8, tabs and control characters.

Each problem is reported at its own line and column, and the text comes back with every
offending character replaced by one neutral character, so the structure can still be parsed
(and its problems reported) in the same run with exact positions.
"""

from __future__ import annotations

import re

from sspgen.diagnostics import Diagnostic
from sspgen.read.collector import Collector
from sspgen.read.document import LineIndex

# Characters refused anywhere. Tabs and bytes that were not valid UTF-8 (decoded with
# "surrogateescape" to U+DC80..U+DCFF) are their own kinds. The control set covers everything
# libyaml itself would refuse (non-printable per YAML 1.1), plus C1 controls, a BOM inside the
# text, and the Unicode line/paragraph separators (which libyaml would count as line breaks
# while most editors do not, making every later line number wrong).
_CONTROL_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029\ufffe\uffff"
_BAD_CHARS = re.compile(
    "(?P<tab>\t+)|(?P<bad>[\udc80-\udcff]+)|(?P<ctl>[" + _CONTROL_CLASS + "\ud800-\udc7f\udd00-\udfff]+)"
)
# Neutral replacements (one character each, so positions stay exact): a tab becomes a space,
# everything else U+FFFD, which libyaml accepts and which does not change indentation.
_SANITIZE = {c: "\ufffd" for c in range(0x00, 0x20) if c not in (0x0A, 0x0D)}
_SANITIZE[0x09] = " "
_SANITIZE.update({c: "\ufffd" for c in range(0x7F, 0xA0)})
_SANITIZE.update({c: "\ufffd" for c in (0xFEFF, 0x2028, 0x2029, 0xFFFE, 0xFFFF)})
_SANITIZE.update({c: "\ufffd" for c in range(0xD800, 0xE000)})

_CONTROL_NAMES = {
    0x00: "NUL-tegn",
    0x08: "backspace",
    0x0B: "lodret tabulator",
    0x0C: "sideskift",
    0x1B: "escape-tegn",
    0x7F: "DEL-tegn",
    0x85: "NEL-linjeskift",
    0xA0: "hårdt mellemrum",
    0xFEFF: "byte order mark (BOM)",
    0x2028: "Unicode-linjeskift",
    0x2029: "Unicode-afsnitsskift",
}


def check_characters(
    text: str,
    path: str,
    lines: LineIndex,
    *,
    tabs_until: int | None = None,
) -> tuple[str, list[Diagnostic]]:
    """Report invalid UTF-8, tabs and control characters; return the text with them neutralised.

    Runs of the same kind are reported once at their first character. Tabs are only checked
    before character index ``tabs_until`` (all of the text when None). The returned text has
    the same length and line structure as ``text``.
    """
    collector = Collector(path)
    any_bad = False
    for match in _BAD_CHARS.finditer(text):
        any_bad = True
        kind = match.lastgroup
        if kind == "tab":
            if tabs_until is not None and match.start() >= tabs_until:
                continue
            code = "yaml.tabulator"
        elif kind == "bad":
            code = "yaml.ugyldig-utf8"
        else:
            code = "yaml.kontroltegn"
        position = lines.position(match.start())
        if not collector.wants(code):
            collector.add(position, code, "")
            continue
        if code == "yaml.tabulator":
            message = (
                "Tabulatortegn er ikke tilladt i YAML. Erstat tabulatoren med mellemrum "
                "(indryk med 2 mellemrum pr. niveau)."
            )
        elif code == "yaml.ugyldig-utf8":
            run = match.group()
            raw = " ".join(f"0x{ord(ch) - 0xDC00:02X}" for ch in run[:4]) + (" ..." if len(run) > 4 else "")
            what = "byten" if len(run) == 1 else "bytene"
            message = (
                f"Filen er ikke gyldig UTF-8: {what} {raw} kan ikke læses som tekst. Filen er "
                "nok gemt med et andet tegnsæt (fx Windows-1252); gem den som UTF-8 i din "
                "editor, og ret tegnet her."
            )
        else:
            message = _control_message(match.group()[0])
        collector.add(position, code, message)
    diagnostics = collector.result()
    if not any_bad:
        return text, diagnostics
    return text.translate(_SANITIZE), diagnostics


def _control_message(char: str) -> str:
    point = ord(char)
    name = _CONTROL_NAMES.get(point)
    label = f"{name}, U+{point:04X}" if name else f"U+{point:04X}"
    if point == 0xFEFF:
        return (
            f"Filen indeholder et usynligt tegn ({label}) inde i teksten. Slet tegnet; det "
            "kommer ofte med, når tekst kopieres sammen fra flere filer."
        )
    return (
        f"Filen indeholder et usynligt kontroltegn ({label}), som ikke er tilladt. Slet "
        "tegnet; det kommer ofte med, når tekst kopieres fra et andet program."
    )
