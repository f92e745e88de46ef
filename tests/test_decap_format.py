"""sspgen's Decap formats (layouts/admin/sspgen-yaml.js), run in Node.js with the `yaml` build the
form loads: a save changes exactly what the user changed, in sspgen's canonical format.

The browser tests (test_decap_e2e.py) drive the same code through the real form; these tests
cover every example file and the edge cases quickly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from decap_helpers import decap_read, decap_write
from site_helpers import REPO, copy_examples

SOURCE = "__sspgen_kilde"


def _examples() -> list[Path]:
    return sorted([*REPO.glob("data/*/**/*.yaml"), *REPO.glob("content/*/**/*.md")])


def _format(path: Path) -> str:
    return "frontmatter" if path.suffix == ".md" else "yaml"


def _roundtrip(text: str, change, fmt: str = "yaml", order: list[str] | None = None) -> str:  # noqa: ANN001
    [data] = decap_read([{"format": fmt, "text": text}])
    assert data[SOURCE] == (text if fmt == "yaml" else data[SOURCE])
    change(data)
    [written] = decap_write([{"format": fmt, "data": data, "order": order or []}])
    return written


def test_every_example_is_read_and_written_back_byte_for_byte() -> None:
    files = _examples()
    texts = [path.read_text(encoding="utf-8") for path in files]
    read = decap_read([{"format": _format(p), "text": t} for p, t in zip(files, texts)])
    # Untouched, and with one new field at the end: the whole file goes through the yaml
    # Document and every line the user did not touch must come out as it was.
    unchanged = decap_write([{"format": _format(p), "data": d} for p, d in zip(files, read)])
    added = decap_write([{"format": _format(p), "data": {**d, "zz_ny": "ny værdi"}} for p, d in zip(files, read)])
    for path, text, same, more in zip(files, texts, unchanged, added):
        name = path.relative_to(REPO)
        assert same == text, name
        if path.suffix == ".md":
            head, body = text.split("\n---\n", 1)
            assert more == f"{head}\nzz_ny: ny værdi\n---\n{body}", name
        else:
            assert more == text + "zz_ny: ny værdi\n", name


def test_only_the_changed_line_changes_and_the_result_is_canonical(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    meetings = sorted(root.glob("data/*/moeder/*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in meetings]
    read = decap_read([{"format": "yaml", "text": t} for t in texts])
    for data in read:
        data["sted"] = "Rådhuset, mødelokale 2"
        data["tid"] = "13.00"
    written = decap_write([{"format": "yaml", "data": d, "order": ["id", "forum", "type", "titel", "dato", "tid",
                                                                   "slut", "sted"]} for d in read])
    for path, before, after in zip(meetings, texts, written):
        old, new = before.splitlines(), after.splitlines()
        changed = [line for line in new if line not in old]
        assert set(changed) <= {'tid: "13.00"', "sted: Rådhuset, mødelokale 2"}, (path.name, changed)
        assert [line for line in old if line not in new and not line.startswith(("tid:", "sted:"))] == []
        path.write_text(after, encoding="utf-8")
    fmt = subprocess.run([sys.executable, "-m", "sspgen.cli", "fmt", "--check", str(root)], cwd=REPO,
                         capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


MEETING = """# yaml-language-server: $schema=../../../schema/moeder.schema.json
id: 2026-01-13-oester
# Mødet blev flyttet fra mandag.
dato: 2026-01-13
tid: "14.00" # efter skoletid
sted: Østerhøj Skole
dagsorden:
  - nummer: 1
    titel: Tendenser
    noter: |
      Første linje
      anden linje.
  - nummer: 2
    titel: Evt.
"""


def test_a_cleared_field_loses_its_key_and_comments_stay() -> None:
    def clear(data: dict) -> None:
        data["sted"] = ""
        data["dagsorden"][1]["noter"] = ""

    assert _roundtrip(MEETING, clear) == MEETING.replace("sted: Østerhøj Skole\n", "")


def test_a_changed_time_stays_text_and_keeps_its_comment() -> None:
    def change(data: dict) -> None:
        data["tid"] = "13.00"

    assert _roundtrip(MEETING, change) == MEETING.replace('tid: "14.00" # efter skoletid', 'tid: "13.00" # efter skoletid')


def test_empty_list_items_and_groups_are_never_written() -> None:
    def add(data: dict) -> None:
        data["dagsorden"].append({"nummer": 3, "titel": "Nyt punkt", "opfoelgning": [{}], "spoergsmaal": [""]})
        data["beslutningsprotokol"] = {"underskrevet": "", "underskrevet_af": []}

    expected = MEETING + "  - nummer: 3\n    titel: Nyt punkt\n"
    assert _roundtrip(MEETING, add) == expected


def test_multi_line_text_is_a_literal_block_and_a_removed_item_goes() -> None:
    def change(data: dict) -> None:
        data["dagsorden"][0]["noter"] = "Første linje\nanden linje.\ntredje linje.\n"
        del data["dagsorden"][1]

    expected = MEETING.replace("      anden linje.\n", "      anden linje.\n      tredje linje.\n")
    expected = expected.replace("  - nummer: 2\n    titel: Evt.\n", "")
    assert _roundtrip(MEETING, change) == expected


def test_a_new_file_starts_with_its_schema_line_and_follows_the_form_order() -> None:
    data = {SOURCE: "# yaml-language-server: $schema=../../../schema/moeder.schema.json\n", "status": "planlagt",
            "dato": "2026-03-02", "id": "2026-03-02-vester", "tid": "9.30", "sted": "", "dagsorden": []}
    [text] = decap_write([{"format": "yaml", "data": data, "order": ["id", "dato", "tid", "sted", "status", "dagsorden"]}])
    assert text == ("# yaml-language-server: $schema=../../../schema/moeder.schema.json\n"
                    "id: 2026-03-02-vester\ndato: 2026-03-02\ntid: \"9.30\"\nstatus: planlagt\n")


def test_a_page_body_is_kept_as_written() -> None:
    page = "---\ntitel: Om os\n---\nTekst.\n\n[[dokument: plan-pdf]]\n\n0. til 9. klasse\n"

    def change(data: dict) -> None:
        data["titel"] = "Om SSP"

    assert _roundtrip(page, change, "frontmatter") == page.replace("titel: Om os", "titel: Om SSP")
