"""`sspgen fmt`: the one canonical format, run as a user runs it on real files.

What is checked: the examples are canonical, fmt keeps the data and every comment, quotes what
YAML 1.2 reads differently (and only that), leaves unreadable files alone with a located
Danish error, is idempotent (property test), and writes what Decap's own YAML writer writes for
an unchanged file (byte for byte, with the real ``yaml`` package from node_modules).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_helpers import REPO, copy_examples, example_slugs
from sspgen.commands.fmt import schema_for_path
from sspgen.read.markdownfile import parse_markdown
from sspgen.read.yamlfile import parse_yaml
from sspgen.yamlfmt import format_yaml


def sspgen(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sspgen.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def example_files() -> list[Path]:
    files = sorted((REPO / "data").rglob("*.yaml")) + sorted((REPO / "content").rglob("*.md"))
    return [f for f in files if not any(part.startswith(".") for part in f.parts)]


def data_of(path: Path) -> object:
    raw = path.read_bytes()
    if path.suffix == ".md":
        document, problems = parse_markdown(raw, str(path))
        assert document is not None, problems
        return document.front_matter.data, document.body
    document, problems = parse_yaml(raw, str(path))
    assert document is not None, problems
    return document.data


MEETING = "data/testby/moeder/2026-03-10-netvaerk.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A small municipality with one meeting full of values YAML 1.2 reads differently."""
    files = {
        "data/testby/kommune.yaml": "slug: testby\nnavn: Testby Kommune\nmaalgruppe:\n  klassetrin_fra: 0\n"
                                    "  klassetrin_til: 10\n",
        "data/testby/aktoerer/ssp-enheden.yaml": "id: ssp-enheden\nnavn: SSP-enheden\ntype: ssp\n",
        "data/testby/fora/netvaerk.yaml": "id: netvaerk\nnavn: SSP-netværket\ntype: netvaerk\n"
                                          "niveau: operationelt\nformaal: Kortlægning.\n",
        MEETING: """\
# yaml-language-server: $schema=../../../schema/moeder.schema.json
# Mødet i marts.
id: 2026-03-10-netvaerk
forum: netvaerk
type: netvaerksmoede
dato: 2026-03-10
tid: 13.00   # starter præcis
slut: '15.00'

sted: Ungehuset
status: afholdt
deltagende_aktoerer: [ssp-enheden]
dagsorden:
  # Første punkt.
  - nummer: "1"
    titel: Tendenser
    noter: |
      Første linje.
        indrykket linje # ikke en kommentar

      Sidste linje.
    beslutninger:
      - Vi
        fortsætter.
# Sidste kommentar.
""",
    }
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


CANONICAL_MEETING = """\
# yaml-language-server: $schema=../../../schema/moeder.schema.json
# Mødet i marts.
id: 2026-03-10-netvaerk
forum: netvaerk
type: netvaerksmoede
dato: 2026-03-10
tid: "13.00" # starter præcis
slut: "15.00"
sted: Ungehuset
status: afholdt
deltagende_aktoerer:
  - ssp-enheden
dagsorden:
  # Første punkt.
  - nummer: 1
    titel: Tendenser
    noter: |
      Første linje.
        indrykket linje # ikke en kommentar

      Sidste linje.
    beslutninger:
      - Vi fortsætter.
# Sidste kommentar.
"""


def test_examples_are_canonical() -> None:
    result = sspgen("fmt", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "står i det faste format" in result.stderr


def test_fmt_writes_the_canonical_form_and_keeps_comments_and_meaning(repo: Path) -> None:
    meeting = repo / MEETING
    before = data_of(meeting)
    result = sspgen("fmt", str(repo))
    assert result.returncode == 0, result.stdout + result.stderr
    assert meeting.read_text(encoding="utf-8") == CANONICAL_MEETING
    after = data_of(meeting)
    # Same data for sspgen, apart from the joined plain line (YAML folds it to the same text).
    assert after == before
    check = sspgen("check", str(repo), "--strict")
    assert check.returncode == 0, check.stdout + check.stderr


def test_check_lists_files_located_and_changes_nothing(repo: Path) -> None:
    meeting = repo / MEETING
    original = meeting.read_bytes()
    result = sspgen("fmt", "--check", str(repo))
    assert result.returncode == 1
    # Line 7 is the first line that differs (tid: 13.00).
    assert f"{meeting}:7:1: fejl [fmt.ikke-formateret]" in result.stdout, result.stdout
    assert "Kør «sspgen fmt»" in result.stdout and "1 af 4 filer" in result.stderr
    assert meeting.read_bytes() == original


def test_unreadable_file_is_left_alone_with_a_located_error(repo: Path) -> None:
    broken = repo / "data/testby/aktoerer/politi.yaml"
    broken.write_text("id: politi\nnavn: Politiet\ntype: [politi\n", encoding="utf-8")
    original = broken.read_bytes()
    result = sspgen("fmt", str(repo))
    assert result.returncode == 1
    assert f"{broken}:4:1: fejl: YAML-syntaksfejl" in result.stdout, result.stdout
    assert "kunne ikke læses og er ikke ændret" in result.stderr
    assert broken.read_bytes() == original
    # The readable files are formatted all the same.
    assert (repo / MEETING).read_text(encoding="utf-8") == CANONICAL_MEETING


def test_one_file_and_a_missing_path(repo: Path) -> None:
    meeting = repo / MEETING
    assert sspgen("fmt", str(meeting)).returncode == 0
    assert meeting.read_text(encoding="utf-8") == CANONICAL_MEETING
    missing = sspgen("fmt", str(repo / "findes-ikke"))
    assert missing.returncode == 2 and "findes ikke" in missing.stderr


def test_file_permissions_survive_and_links_are_not_followed(repo: Path, tmp_path: Path) -> None:
    meeting = repo / MEETING
    os.chmod(meeting, 0o640)
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: x\ntid: 13.00\n", encoding="utf-8")
    link = repo / "data/testby/aktoerer/link.yaml"
    link.symlink_to(outside)
    assert sspgen("fmt", str(repo)).returncode == 0
    assert oct(meeting.stat().st_mode & 0o777) == oct(0o640)
    assert outside.read_text(encoding="utf-8") == "id: x\ntid: 13.00\n"


@pytest.mark.parametrize(("kind_file", "line", "expected"), [
    ("moeder/m.yaml", "tid: 9.30", 'tid: "9.30"'),            # a time: text for sspgen
    ("moeder/m.yaml", "sted: 2024", 'sted: "2024"'),           # a number as text
    ("moeder/m.yaml", "sted: true", 'sted: "true"'),           # a YAML 1.2 boolean as text
    ("moeder/m.yaml", "sted: nej", "sted: nej"),                # text in YAML 1.2 as in sspgen
    ("moeder/m.yaml", "sted: yes", "sted: yes"),                # YAML 1.1 only: text in 1.2
    ("moeder/m.yaml", "sted: 'Skolen: aula'", 'sted: "Skolen: aula"'),
    ("moeder/m.yaml", "sted: 'Ungehuset'", "sted: Ungehuset"),
    ("moeder/m.yaml", "dato: 2026-01-13", "dato: 2026-01-13"),  # a date is text in YAML 1.2
    ("moeder/m.yaml", "sted:", "sted: null"),
    ("evalueringer/e.yaml", "aar: 2025", "aar: 2025"),          # an integer field
    ("evalueringer/e.yaml", "aar: '2025'", "aar: 2025"),
    ("evalueringer/e.yaml", "id: 2025", 'id: "2025"'),          # an id is text
    ("fora/f.yaml", "tidspunkt: 14.00", 'tidspunkt: "14.00"'),
])
def test_quoting_follows_the_schema(kind_file: str, line: str, expected: str) -> None:
    path = Path("/r/data/k") / kind_file
    assert format_yaml(line + "\n", schema_for_path(path)) == expected + "\n"


def test_markdown_front_matter_is_formatted_and_the_body_kept(tmp_path: Path) -> None:
    page = tmp_path / "content/testby/side.md"
    page.parent.mkdir(parents=True)
    body = "Tekst med [[dokument: plan]]\n\n0. til 9. klasse  \n\ttab\n"
    page.write_text(f"---\ntitel: 2024\nraekkefoelge: '3'\n---\n{body}", encoding="utf-8")
    assert sspgen("fmt", str(page)).returncode == 0
    assert page.read_text(encoding="utf-8") == f'---\ntitel: "2024"\nraekkefoelge: 3\n---\n{body}'


# --------------------------------------------------------------------------------------------
# Idempotency and meaning: fmt twice = fmt once, and the data never changes

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n #:-'\"|"),
                min_size=0, max_size=20)
_scalar = st.one_of(_text, st.integers(-5, 3000).map(str), st.sampled_from(
    ["13.00", "ja", "nej", "yes", "true", "null", "~", "2026-01-13", "0x1f", "1_000", "- x", "a: b"]))
_key = st.sampled_from(["id", "titel", "tid", "nummer", "aar", "noter", "dagsorden", "sted", "x-y"])
_tree = st.recursive(_scalar, lambda children: st.one_of(
    st.lists(children, max_size=3), st.dictionaries(_key, children, max_size=4)), max_leaves=12)
_styles = st.fixed_dictionaries({
    "default_flow_style": st.sampled_from([False, True, None]),
    "default_style": st.sampled_from([None, '"', "'"]),
    "width": st.sampled_from([20, 80, 1000]),
    "indent": st.sampled_from([2, 4]),
})


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_key, _tree, min_size=1, max_size=5), _styles,
       st.sampled_from(["moeder", "evalueringer", "fora", None]))
def test_fmt_is_idempotent_and_keeps_the_data(tree: dict, style: dict, kind: str | None) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, **style)
    document, problems = parse_yaml(text.encode("utf-8"), "t.yaml")
    if document is None:  # PyYAML can write what sspgen refuses (e.g. control characters)
        return
    schema = schema_for_path(Path(f"/r/data/k/{kind}/x.yaml")) if kind else None
    once = format_yaml(text, schema)
    assert format_yaml(once, schema) == once
    again, problems = parse_yaml(once.encode("utf-8"), "t.yaml")
    assert again is not None, problems
    # Numbers in number fields may lose their quotes; the text sspgen reads is the same.
    assert again.data == document.data


def test_comments_everywhere_are_kept_or_fmt_refuses() -> None:
    text = "# a\nx: 1 # b\n# c\ny:\n  # d\n  - z # e\n  # f\nw: >  # g\n  folded\n  text\n# h\n"
    once = format_yaml(text, None)
    for comment in "abcdefgh":
        assert f"# {comment}" in once, once
    assert format_yaml(once, None) == once


# --------------------------------------------------------------------------------------------
# Decap's writer (the yaml npm package) writes exactly the canonical form of an unchanged file

NODE_MODULES = REPO / "node_modules"
_DECAP_WRITE = """
const YAML = require('yaml');
const fs = require('fs');
YAML.scalarOptions.str.fold.lineWidth = 0;  // no re-wrapping (the Decap side sets the same)
const out = {};
for (const file of JSON.parse(fs.readFileSync(0, 'utf8'))) {
  const doc = new YAML.Document();
  doc.contents = YAML.createNode(YAML.parse(fs.readFileSync(file, 'utf8')));
  out[file] = doc.toString();
}
process.stdout.write(JSON.stringify(out));
"""


def _front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".md":
        return text
    return text.split("---\n", 2)[1]


@pytest.mark.skipif(shutil.which("node") is None or not (NODE_MODULES / "yaml").is_dir(),
                    reason="node and node_modules/yaml are installed by `make setup`")
def test_decap_writer_leaves_canonical_files_unchanged(tmp_path: Path) -> None:
    files = example_files()
    assert len(files) > 20 and {f.parts[-3] for f in files if f.parent.name == "moeder"} >= set(example_slugs())
    # The yaml package reads front matter from a plain YAML copy, as Decap does after splitting.
    sources = []
    for index, file in enumerate(files):
        source = tmp_path / f"{index}.yaml"
        source.write_text(_front_matter(file), encoding="utf-8")
        sources.append(source)
    run = subprocess.run(["node", "-e", _DECAP_WRITE], input=json.dumps([str(s) for s in sources]),
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "NODE_PATH": str(NODE_MODULES)})
    assert run.returncode == 0, run.stderr
    written = json.loads(run.stdout)
    different = []
    for file, source in zip(files, sources):
        without_comments = "".join(line for line in source.read_text(encoding="utf-8").splitlines(keepends=True)
                                   if not line.lstrip().startswith("#"))
        if written[str(source)] != without_comments:
            different.append(str(file.relative_to(REPO)))
    assert different == []


# --------------------------------------------------------------------------------------------
# sspgen check warns about what editors read differently, and fmt fixes it


def test_check_warns_about_ambiguous_values_located(repo: Path) -> None:
    result = sspgen("check", str(repo), "--format", "json")
    found = [d for d in json.loads(result.stdout) if d["code"] == "yaml.tvetydig"]
    located = sorted((d["line"], d["column"]) for d in found)
    assert located == [(7, 6), (15, 13)], found  # tid: 13.00 and nummer: "1"
    assert all(d["severity"] == "advarsel" and "sspgen fmt" in d["message"] for d in found), found
    assert "13.00" in found[0]["message"] and "som et tal" in found[0]["message"]
    strict = sspgen("check", str(repo), "--strict")
    assert strict.returncode == 1 and "yaml.tvetydig" in strict.stdout
    assert sspgen("fmt", str(repo)).returncode == 0
    clean = sspgen("check", str(repo), "--strict")
    assert clean.returncode == 0, clean.stdout


def test_new_writes_canonical_files(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    slug = example_slugs()[0]
    made = sspgen("new", "aktoer", "--navn", "Ungdomsskolen 2024", "--type", "skole", "--kommune", slug, str(root))
    assert made.returncode == 0, made.stdout + made.stderr
    # A meeting copies the agenda template (read as text: «nummer» arrives as "1").
    meetings = [sspgen("new", "moede", "--forum", forum.stem, "--dato", "2027-03-10", "--kommune", slug, str(root))
                for forum in sorted((root / "data" / slug / "fora").glob("*.yaml"))]
    assert any(m.returncode == 0 and "Oprettede" in m.stdout for m in meetings)
    check = sspgen("fmt", "--check", str(root))
    assert check.returncode == 0, check.stdout + check.stderr


def test_check_warns_in_front_matter_too(repo: Path) -> None:
    page = repo / "content/testby/om.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitel: 2024\nraekkefoelge: 5\n---\nTekst.\n", encoding="utf-8")
    result = sspgen("check", str(repo), "--format", "json")
    found = [(d["path"], d["line"], d["column"]) for d in json.loads(result.stdout) if d["code"] == "yaml.tvetydig"]
    assert ("content/testby/om.md", 2, 8) in found, found


def test_byte_order_mark_and_windows_line_breaks_are_normalised(repo: Path) -> None:
    actor = repo / "data/testby/aktoerer/ssp-enheden.yaml"
    actor.write_bytes(b"\xef\xbb\xbf# Enheden.\r\nid: ssp-enheden\r\nnavn: SSP-enheden\r\ntype: ssp\r\n")
    assert sspgen("fmt", str(actor)).returncode == 0
    assert actor.read_bytes() == "# Enheden.\nid: ssp-enheden\nnavn: SSP-enheden\ntype: ssp\n".encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_key, _tree, min_size=1, max_size=4), st.booleans(),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 6), st.booleans()), max_size=5))
def test_comments_anywhere_survive_or_fmt_refuses(tree: dict, flow: bool, inserts: list) -> None:
    """Comment lines and end-of-line comments at random places: where the reader sees a comment
    (the data is unchanged by it), fmt keeps every one, or refuses the file; never drops one."""
    from sspgen.yamlfmt import FormatError, find_comments

    lines = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, default_flow_style=flow).splitlines()
    for number, (at, indent, end_of_line) in enumerate(inserts):
        at = min(at, len(lines))
        if end_of_line and at < len(lines):
            lines[at] += f" # k{number}"
        else:
            lines.insert(at, " " * indent + f"# k{number}")
    plain = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    text = "\n".join(lines) + "\n"
    original, _ = parse_yaml(plain.encode("utf-8"), "t.yaml")
    commented, _ = parse_yaml(text.encode("utf-8"), "t.yaml")
    if original is None or commented is None or commented.data != original.data:
        return  # the insertion landed inside a value or broke the YAML: not a comment
    try:
        once = format_yaml(text, None)
    except FormatError:
        return  # refused, nothing written: allowed, never silent loss
    assert sorted(c.text for c in find_comments(once)) == sorted(c.text for c in find_comments(text))
    assert format_yaml(once, None) == once


@pytest.mark.parametrize("text", [
    "a: >\n    x\n    y\nb: c\n",
    "l:\n  - >-\n     x\n\n     y\n  - z\n",
    "a: >+\n  x\n\n\nb: c\n",
    "a: >\n  x\n  y",                # the file ends inside the block, without a line break
    "a: >2\n   lead\n  x\n",          # the first line indented more than the rest
    "l:\n- >2\n   lead\n  x\n",
])
def test_folded_blocks_are_copied_line_by_line(text: str) -> None:
    """A folded block's line breaks decide its text: they are kept, only the indentation moves."""
    once = format_yaml(text, None)
    before, _ = parse_yaml(text.encode("utf-8"), "t.yaml")
    after, _ = parse_yaml(once.encode("utf-8"), "t.yaml")
    assert before is not None and after is not None and after.data == before.data
    assert format_yaml(once, None) == once
    assert [line.strip() for line in once.splitlines() if line.strip() and ":" not in line and "-" not in line[:4]] \
        == [line.strip() for line in text.splitlines() if line.strip() and ":" not in line and "-" not in line[:4]]


@pytest.mark.parametrize("value", ["0\n\n", "to linjer\nog en tom til sidst\n\n"])
def test_text_ending_in_a_blank_line_keeps_it_also_at_the_end_of_the_file(value: str) -> None:
    # Found by the property test above: a «|+» block at the end of the file lost its blank lines.
    text = yaml.safe_dump({"id": value}, allow_unicode=True, sort_keys=False)
    once = format_yaml(text, None)
    again, problems = parse_yaml(once.encode("utf-8"), "t.yaml")
    assert again is not None and again.data == {"id": value}, (once, problems)
    assert format_yaml(once, None) == once
