"""Natural Danish on every page: the examples are built once with the real CLI, the visible
text of every HTML page is extracted, and a list of known machine-like patterns is checked on
the whole output (doubled words, a sentence that starts in lower case, a role repeated in
brackets, stray punctuation, English words, «Deltog: Byrådet», «7. klasse, 8. klasse»).

Each finding names the page and a snippet, so a failure reads like a proof-reader's note."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from site_helpers import REPO, copy_examples, run_build

_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details", "div",
    "dl", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "label", "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary",
    "table", "td", "text", "th", "title", "tr", "tspan", "ul",
}
_HIDDEN = {"script", "style", "template", "noscript"}
"""Never shown; an element with the `hidden` attribute is not either (a script may show it
later, with other text around it)."""
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """Visible text as a list of blocks; a `<dt>` and its `<dd>` read as «Deltog: …». Pages
    are the generator's own well-formed HTML, so counting tags finds a hidden element's end."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._hidden = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self._hidden and tag not in _VOID:
            self._hidden += 1  # inside a hidden element: count its children to find its end
            return
        if tag in _HIDDEN or ("hidden" in dict(attrs) and tag not in _VOID):
            self._hidden += 1
        elif tag == "dt":
            self._flush()
        elif tag != "dd" and tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            self._hidden -= 1 if tag not in _VOID else 0
            return
        elif tag == "dt":
            self._current.append(": ")
        elif tag in _BLOCK or tag == "dd":
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)


def visible_blocks(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.blocks


# --- the patterns -------------------------------------------------------------------------

_ABBREVIATIONS = {
    "kl", "fx", "f.eks", "bl.a", "nr", "ca", "pr", "pt", "jf", "evt", "inkl", "ekskl", "mht", "vedr",
    "ang", "tlf", "dvs", "m.m", "m.v", "mv", "o.l", "osv", "iht", "ift", "pga", "stk", "pkt", "s",
    "min", "ml", "t",
}
"""Words that end in a full stop without ending the sentence (compared in lower case)."""

_ORDINAL = re.compile(r"^(§\s*)?\d{1,3}$|^\d{1,2}\.?[–-]\d{1,2}$")
"""«13. januar», «7. klasse», «hver 14. dag», «7.–9. klasse»: a number with a full stop."""

_ENGLISH = ("the", "and", "of", "with", "update", "updated", "fix", "fixes", "merge", "commit", "review",
            "page", "meeting", "none", "null", "true", "false", "add", "added", "example")
_ENGLISH_RE = re.compile(r"(?<![\w@./-])(" + "|".join(_ENGLISH) + r"|for the)(?![\w@/-])", re.IGNORECASE)

_POLITICAL = re.compile(r"\b(byråd(et)?|kommunalbestyrelse(n)?|[\wæøå-]*udvalg(et)?)\b", re.IGNORECASE)

_WORD_BEFORE_STOP = re.compile(r"(\S+)\.\s+(?=[a-zæøå])")
_DOUBLED = re.compile(r"(?<![\w-])([^\W\d_]+)\s+\1(?![\w-])", re.IGNORECASE)
# The same bracket on two items of one list; a new sentence («. Under …») starts a new list.
_SAME_BRACKETS = re.compile(r"\(([^()]+)\), (?:(?!\.\s+[A-ZÆØÅ])[^()])*\(\1\)")
_CADENCE = re.compile(r"\bgange? om (ugen|måneden|året)\b.*\b(ugentlig|månedlig|årlig)t?\b", re.IGNORECASE)
_CADENCE_UNIT = {"ugen": "ugentlig", "måneden": "månedlig", "året": "årlig"}
_PUNCTUATION = re.compile(r"\.\s+\.(?!\w)|,\s*\.(?!\w)|\s,|(?<!\.)\.\.(?!\.)|,,|\.\s*;|;\s*\.|:\s*\.")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_FILLER = re.compile(r"Ingen beskrivelse\.?|\(ingen beskrivelse\)|Ikke angivet\.?", re.IGNORECASE)
"""A placeholder that tells the reader nothing: leave the item out instead."""
_GRADE_LIST = re.compile(r"\d{1,2}\. klasse, \d{1,2}\. klasse")


def _sentence_starts_lower(block: str) -> list[str]:
    found = []
    for match in _WORD_BEFORE_STOP.finditer(block):
        word = match.group(1).strip("(«»\"'").casefold()
        if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS or _ORDINAL.match(word):
            continue
        if "." in word and word.split(".")[-1] in _ABBREVIATIONS:
            continue  # «m.m.» is seen as «m.m» here; «bl.a.» as «bl.a»
        found.append(block[max(0, match.start() - 40):match.end() + 30])
    return found


def _role_repeated(block: str) -> list[str]:
    """«Tovholder (tovholder)», «Kommunal tovholder (tovholder)», «TUBA (TUBA)»."""
    found = []
    for match in re.finditer(r"\(([^()]*)\)", block):
        inside = match.group(1).strip().casefold()
        before = re.sub(r"\s*\([^()]*\)", "", block[:match.start()]).strip().casefold()
        if inside and before and (before == inside or before.endswith(" " + inside)):
            found.append(block[max(0, match.start() - 50):match.end()])
    return found


def _repeated_grade_range(block: str) -> list[str]:
    """«… fra 0.-9. klasse samt … 10. klasseskole. (0.-10. klasse)»: a range in brackets after a
    text that already names grades."""
    found = []
    for match in re.finditer(r"\((\d{1,2}\.?[–-]\d{1,2}\. klasse)\)", block):
        if re.search(r"\d\. klasse", block[:match.start()]) or re.search(r"\bklasse", block[:match.start()]):
            found.append(block[max(0, match.start() - 60):match.end()])
    return found


def political_bodies(root: Path) -> frozenset[str]:
    """The names of the actors the data calls political (type «politisk»), in every example."""
    names = set()
    for file in root.glob("data/*/aktoerer/*.yaml"):
        actor = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        if actor.get("type") == "politisk" and actor.get("navn"):
            names.add(str(actor["navn"]).casefold())
    return frozenset(names)


def _deltog_political(block: str, political: frozenset[str]) -> list[str]:
    """«Deltog: Byrådet, …»: a political body does not attend as a whole; its members do."""
    if not block.startswith("Deltog: "):
        return []
    names = [name.strip() for name in re.split(r"[,;]| og ", block[len("Deltog: "):])]
    return [block[:120] for name in names if _POLITICAL.fullmatch(name) or name.casefold() in political]


def findings_in(block: str, political: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(kind, snippet) for each bad pattern in one block of visible text."""
    result: list[tuple[str, str]] = []
    for match in _DOUBLED.finditer(block):
        result.append(("ord gentaget", block[max(0, match.start() - 30):match.end() + 30]))
    result += [("ny sætning med lille bogstav", s) for s in _sentence_starts_lower(block)]
    result += [("rolle gentaget i parentes", s) for s in _role_repeated(block)]
    for match in _PUNCTUATION.finditer(block):
        result.append(("tegnsætning", block[max(0, match.start() - 30):match.end() + 30]))
    for match in _SAME_BRACKETS.finditer(block):
        result.append(("samme parentes ved hvert led", block[max(0, match.start() - 30):match.end()]))
    for match in _CADENCE.finditer(block):
        if _CADENCE_UNIT[match.group(1).casefold()] == match.group(2).casefold():
            result.append(("mødefrekvens sagt to gange", block[max(0, match.start() - 20):match.end() + 10]))
    for match in _EMPTY_BRACKETS.finditer(block):
        result.append(("tom parentes", block[max(0, match.start() - 30):match.end() + 10]))
    for match in _ENGLISH_RE.finditer(block):
        result.append(("engelsk ord", block[max(0, match.start() - 40):match.end() + 40]))
    result += [("politisk organ som deltager", s) for s in _deltog_political(block, political)]
    for match in _GRADE_LIST.finditer(block):
        result.append(("klassetrin som opremsning", block[max(0, match.start() - 20):match.end() + 30]))
    result += [("klassetrin gentaget i parentes", s) for s in _repeated_grade_range(block)]
    if _FILLER.fullmatch(block.split(": ", 1)[-1]):
        result.append(("tom udfyldning", block))
    return result


def page_findings(out: Path, political: frozenset[str] = frozenset()) -> list[str]:
    """Every finding on every HTML page a reader sees (not the search bundle nor the admin
    pages, which are the CMS's own), as «page: kind: snippet»."""
    result = []
    for page in sorted(out.rglob("*.html")):
        relative = page.relative_to(out).as_posix()
        if {"pagefind", "admin"} & set(relative.split("/")[:-1]):
            continue
        seen: set[tuple[str, str]] = set()
        for block in visible_blocks(page.read_text(encoding="utf-8")):
            for kind, snippet in findings_in(block, political):
                if (kind, snippet) not in seen:
                    seen.add((kind, snippet))
                    result.append(f"{relative}: {kind}: «{snippet}»")
    return result


def _rows(html: str) -> list[list[str]]:
    """The cells' visible text of every table row on a page."""
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.DOTALL):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)
        rows.append([" ".join(visible_blocks(cell)) for cell in cells])
    return rows


def not_covered_but_listed(out: Path) -> list[str]:
    """Rows that say a grade is «Ikke omfattet» while they list a course for it."""
    result = []
    for page in sorted(out.rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        for row in _rows(page.read_text(encoding="utf-8")):
            if any(cell.startswith("Ikke omfattet") for cell in row):
                listed = [cell for cell in row[1:] if cell not in ("", "–") and not cell.startswith("Ikke omfattet")]
                if listed:
                    result.append(f"{page.relative_to(out).as_posix()}: {' | '.join(row)}")
    return result


_ONE_ITEM_LIST = re.compile(r"<ol(?: start=\"\d+\")?>\s*<li>([a-zæøå][^<]{0,60})[^<]*</li>\s*</ol>")


def sentences_made_lists(out: Path) -> list[str]:
    """«10. klassetrin har …» rendered as a numbered list of one item starting in lower case."""
    return [f"{page.relative_to(out).as_posix()}: «{match.group(1)}»"
            for page in sorted(out.rglob("*.html")) if "pagefind" not in page.parts
            for match in _ONE_ITEM_LIST.finditer(page.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("phrasing"))
    out = root / "output"
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_every_page_reads_like_danish_written_by_a_person(output: Path) -> None:
    pages = [p for p in output.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 50, "the examples build fewer pages than expected"
    political = political_bodies(REPO)
    assert political, "the examples name no political body: the «Deltog» check would check nothing"
    findings = page_findings(output, political)
    assert findings == [], f"{len(findings)} steder:\n" + "\n".join(findings[:80])


def test_a_grade_with_a_course_is_not_called_not_covered(output: Path) -> None:
    assert any(output.glob("*/*/pensum/*/index.html")), "no curriculum page was built"
    assert not_covered_but_listed(output) == []


def test_no_sentence_is_made_a_numbered_list(output: Path) -> None:
    assert sentences_made_lists(output) == []


def test_the_coverage_check_sees_a_listed_course(tmp_path: Path) -> None:
    page = tmp_path / "pensum/index.html"
    page.parent.mkdir()
    page.write_text("<table><tr><th>10. klasse</th><td>Uddannelsesvalg</td><td>–</td><td>Ikke omfattet</td></tr>"
                    "<tr><th>11. klasse</th><td>–</td><td>–</td><td>Ikke omfattet af kravet</td></tr></table>",
                    encoding="utf-8")
    assert not_covered_but_listed(tmp_path) == ["pensum/index.html: 10. klasse | Uddannelsesvalg | – | Ikke omfattet"]


@pytest.mark.parametrize("bad, kind", [
    ("Alle distrikterne mødes fire gange årligt. i SSP-netværk.", "ny sætning med lille bogstav"),
    ("Tovholder (tovholder)", "rolle gentaget i parentes"),
    ("Kommunal tovholder (Tovholder)", "rolle gentaget i parentes"),
    ("Mødet i i rådhuset", "ord gentaget"),
    ("Slut . .", "tegnsætning"),
    ("Punkt ,.", "tegnsætning"),
    ("Rolle ()", "tom parentes"),
    ("Tovholder (konsulent fra SSP-teamet) (tovholder)", "rolle gentaget i parentes"),
    ("Underskrevet af Formand (politisk udpeget), Medlem (politisk udpeget), Politiet.", "samme parentes ved hvert led"),
    ("1 gang om ugen. Ugentligt; Ungehuset deltager hver 14. dag.", "mødefrekvens sagt to gange"),
    ("4 gange om året. Distrikterne mødes fire gange årligt.", "mødefrekvens sagt to gange"),
    ("25. november 2026: Add the example", "engelsk ord"),
    ("Svar: None", "engelsk ord"),
    ("Skole: Ingen beskrivelse.", "tom udfyldning"),
    ("Deltog: Byrådet, Politiet", "politisk organ som deltager"),
    ("Deltog: Politiet og Børne- og Ungeudvalget", "politisk organ som deltager"),
    ("Deltog: Politiet; Kommunalbestyrelsen", "politisk organ som deltager"),
    ("Obligatorisk for 7. klasse, 8. klasse.", "klassetrin som opremsning"),
    ("Elever fra 0.–9. klasse og 10. klasseskolen. (0.–10. klasse)", "klassetrin gentaget i parentes"),
])
def test_each_pattern_catches_its_mistake(bad: str, kind: str) -> None:
    assert kind in [found for found, _ in findings_in(bad)]


@pytest.mark.parametrize("good", [
    "Mødet er tirsdag den 13. januar 2026 kl. 15.00-17.00 i rådhuset.",
    "Obligatorisk for 7. og 8. klasse. Emner: Konflikter.",
    "Forløb for 7.–9. klasse, fx om rusmidler, bl.a. med politiet, f.eks. i klubben.",
    "Ungehuset deltager hver 14. dag, ca. en time pr. gang, m.m. i perioden.",
    "Deltog: Politiet, SSP-konsulenten og Byrådets tre politisk udpegede medlemmer",
    "Tovholder (konsulent fra SSP-teamet)",
    "Abonnér på forummets møder (kalenderfil, .ics)",
    "Under Forum A: Lokale ledergrupper (3 distrikter), Ungeforum. Under Lokale ledergrupper: Lokaludvalg (3 distrikter).",
])
def test_natural_danish_passes(good: str) -> None:
    assert findings_in(good) == []


def test_text_extraction_reads_blocks_and_skips_scripts() -> None:
    html = ("<h1>Møde</h1><script>var the = 1;</script><dl><dt>Deltog</dt><dd>Politiet, <a href='#'>SSP</a></dd></dl>"
            "<p>Første.<br>anden linje<span hidden> (<b>skjult</b><br>)</span></p><p hidden>Ingen møder.</p>")
    assert visible_blocks(html) == ["Møde", "Deltog: Politiet, SSP", "Første.", "anden linje"]
