"""Output discipline: byte-identical rebuilds, and a failed build (bad data, a template error
on a late page, a broken link, a killed process) leaves the previous output exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_helpers import REPO, copy_examples, run_build, tree_files, tree_hash


def test_two_builds_are_byte_identical(tmp_path: Path):
    # Two separate copies, so nothing (not even the PDF cache) is shared between the builds.
    outputs = []
    for name in ("a", "b"):
        root = copy_examples(tmp_path / name)
        result = run_build(root, root / "output")
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(tree_files(root / "output"))
    first, second = outputs
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert any(name.endswith(".pdf") for name in first)
    assert any("/pagefind/" in name for name in first)


@pytest.fixture()
def previous(tmp_path: Path) -> tuple[Path, Path, str]:
    root = copy_examples(tmp_path / "repo", with_layouts=True)
    out = root / "output"
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return root, out, tree_hash(out)


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_bad_data_leaves_previous_output(previous):
    root, out, before = previous
    meeting = root / "data/holbaek/moeder/2026-04-14-jyderup.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("status: ", "status: maaske-", 1), encoding="utf-8")
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 1
    assert "data/holbaek/moeder/2026-04-14-jyderup.yaml:" in result.stdout
    assert "Traceback" not in result.stderr
    assert tree_hash(out) == before
    assert _leftovers(out) == []


def test_template_error_on_a_late_page_is_danish_with_file_and_line(previous):
    root, out, before = previous
    template = root / "layouts/pensum.html"
    lines = template.read_text(encoding="utf-8").splitlines()
    # Line 4 of the pensum template (rendered after most other pages) uses a missing field.
    lines.insert(3, "{{ pensum.findes_ikke }}")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 1
    assert "layouts/pensum.html:4:1: fejl: Skabelonen bruger noget, der ikke findes: feltet «findes_ikke»" in result.stdout
    assert "[skabelon.ukendt-felt]" in result.stdout
    assert "Traceback" not in result.stderr
    assert tree_hash(out) == before
    assert _leftovers(out) == []


def test_template_syntax_error_names_the_template(previous):
    root, out, before = previous
    template = root / "layouts/kalender.html"
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 1
    assert "layouts/kalender.html:" in result.stdout and "[skabelon.syntaks]" in result.stdout
    assert tree_hash(out) == before


def test_broken_internal_link_is_an_error_with_the_source_file(previous):
    root, out, before = previous
    template = root / "layouts/forum.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("<h1>{{ forum.navn }}</h1>", '<h1>{{ forum.navn }}</h1><a href="../findes-ikke/index.html">x</a>'), encoding="utf-8")
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 1
    assert "data/brondby/fora/ssp-netvaerk-oester.yaml:1:1: fejl: Siden brondby/intranet/netvaerk/oester/index.html" in result.stdout
    assert "[build.brudt-link]" in result.stdout
    assert tree_hash(out) == before


def test_killed_build_leaves_previous_output_and_is_cleaned_up_next_time(previous):
    root, out, before = previous
    process = subprocess.Popen(
        [sys.executable, "-m", "sspgen.cli", "build", str(root), "--out", str(out)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 240
    try:
        # Kill it while it is writing the new output next to the old one.
        while not _leftovers(out) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert process.poll() is None, "the build finished before it could be killed"
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert tree_hash(out) == before
    result = run_build(root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _leftovers(out) == []


def test_one_municipality_can_be_rebuilt_alone(previous):
    root, out, _ = previous
    others = tree_hash(out / "faxe")
    result = run_build(root, out, "--uden-pdf", "--kommune", "holbaek")
    assert result.returncode == 0, result.stdout + result.stderr
    assert tree_hash(out / "faxe") == others
    assert (out / "holbaek/intranet/index.html").is_file()


def test_unknown_municipality_is_a_danish_error(previous):
    root, out, before = previous
    result = run_build(root, out, "--kommune", "findes-ikke")
    assert result.returncode == 1
    assert "Kommunen «findes-ikke» findes ikke" in result.stdout
    assert tree_hash(out) == before
