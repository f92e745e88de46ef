"""The CMS fragments' settings in kommune.yaml, and what the real build makes of them.

Bad values (an http:// address, a heading level outside 1–6, a yes/no that is neither) get a
located Danish error and leave the previous output as it was; a municipality with public
pages and no `offentlig_webadresse` gets a warning; and the built fragments follow the
settings: links absolute under the address, headings from the configured level, classes and
ids prefixed, the stylesheet inline on request.
"""

from __future__ import annotations

import re
from pathlib import Path

from rules_helpers import C, D, Kommune, expect, with_code
from site_helpers import run_build, tree_hash

KOMMUNE = f"{D}/kommune.yaml"
ADDRESS = "offentlig_webadresse: https://ssp.testby.example/"


def test_public_pages_without_an_address_give_a_located_warning(tmp_path: Path) -> None:
    result = Kommune(tmp_path).edit(KOMMUNE, ADDRESS + "\n", "").check()
    d = expect(result, "kommune.offentlig-webadresse", KOMMUNE, (1, 1), severity="advarsel",
               contains=("offentlig_webadresse", "fragment.html", "relative"))
    assert not result.errors, d


def test_no_warning_when_nothing_is_public(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path).edit(KOMMUNE, ADDRESS + "\n", "")
    kommune.files = {path: text.replace("synlighed: offentlig", "synlighed: intern")
                     for path, text in kommune.files.items()}
    result = kommune.check()
    assert not with_code(result, "kommune.offentlig-webadresse"), result.diagnostics
    assert not result.errors, result.diagnostics


def test_the_example_address_gives_no_warning(tmp_path: Path) -> None:
    assert not Kommune(tmp_path).check().diagnostics


def _bad(tmp_path: Path, old: str, new: str, needle: str, contains: str) -> None:
    kommune = Kommune(tmp_path).edit(KOMMUNE, old, new)
    result = kommune.check()
    expect(result, "skema.ugyldig-vaerdi", KOMMUNE, kommune.where(KOMMUNE, needle), severity="fejl", contains=contains)


def test_an_http_address_is_refused(tmp_path: Path) -> None:
    _bad(tmp_path, ADDRESS, "offentlig_webadresse: http://ssp.testby.example/", "http://", "https://")


def test_an_address_with_a_query_is_refused(tmp_path: Path) -> None:
    _bad(tmp_path, ADDRESS, "offentlig_webadresse: https://ssp.testby.example/?side=1", "https://", "uden ? og #")


def test_a_heading_level_outside_one_to_six_is_refused(tmp_path: Path) -> None:
    _bad(tmp_path, ADDRESS, ADDRESS + "\nfragment_overskriftsniveau: 7", "7\nkontakter:", "højst være 6")
    _bad(tmp_path / "nul", ADDRESS, ADDRESS + "\nfragment_overskriftsniveau: 0", "0\nkontakter:", "være mindst 1")


def test_inline_style_must_be_yes_or_no(tmp_path: Path) -> None:
    _bad(tmp_path, ADDRESS, ADDRESS + "\nfragment_med_stil: måske", "måske", "ja eller nej")


def _fragments(out: Path) -> dict[str, str]:
    public = out / "testby" / "offentlig"
    found = {p.relative_to(public).as_posix(): p.read_text(encoding="utf-8") for p in public.rglob("fragment.html")}
    assert found, "the build made no fragments"
    return found


def test_fragments_follow_the_settings(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path / "repo").edit(
        KOMMUNE, ADDRESS, "offentlig_webadresse: https://ssp.testby.example/sider\n"
        "fragment_overskriftsniveau: 3\nfragment_med_stil: ja")
    kommune.write()
    out = tmp_path / "output"
    result = run_build(kommune.root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    absolute = 0
    for name, html in _fragments(out).items():
        assert html.startswith('<div class="sspgen-fragment" lang="da">\n<style>\n'), name
        assert ".sspgen-fragment .sspgen-card" in html, name  # layouts/assets/fragment.css, inline
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
        assert levels and min(levels) == 3, (name, levels)
        assert "</h1>" not in html and "</h2>" not in html, name
        for value in re.findall(r'\bclass="([^"]*)"', html):
            assert all(c.startswith("sspgen-") for c in value.split()), (name, value)
        for value in re.findall(r'\bid="([^"]*)"', html):
            assert value.startswith("sspgen-"), (name, value)
        for value in re.findall(r'\b(?:href|src)="([^"]*)"', html):
            # The address got its missing '/': pages are joined under it, not beside it.
            assert re.match(r"(https://|mailto:|tel:|#sspgen-)", value), (name, value)
            absolute += value.startswith("https://ssp.testby.example/sider/")
    assert absolute
    organisation = _fragments(out)["organisation/fragment.html"]
    assert 'href="https://ssp.testby.example/sider/fora/netvaerk/index.html"' in organisation
    assert 'aria-labelledby="sspgen-orgdiagram-titel sspgen-orgdiagram-beskrivelse"' in organisation
    assert 'fill="#ffffff" stroke="#1a1a1a"' in organisation  # the boxes' colours in the SVG itself


def test_without_an_address_the_build_warns_and_keeps_links_relative(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path / "repo").edit(KOMMUNE, ADDRESS + "\n", "")
    kommune.write()
    out = tmp_path / "output"
    result = run_build(kommune.root, out, "--uden-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[kommune.offentlig-webadresse]" in result.stdout + result.stderr
    organisation = _fragments(out)["organisation/fragment.html"]
    assert 'href="../fora/netvaerk/index.html"' in organisation
    assert "<h2>Organisation</h2>" in organisation  # the default level
    assert "<style>" not in organisation


def test_a_bad_setting_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    kommune = Kommune(tmp_path / "repo")
    kommune.write()
    out = tmp_path / "output"
    assert run_build(kommune.root, out, "--uden-pdf").returncode == 0
    before = tree_hash(out)
    kommune.edit(KOMMUNE, ADDRESS, "offentlig_webadresse: ssp.testby.example").write()
    result = run_build(kommune.root, out, "--uden-pdf")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    line, column = kommune.where(KOMMUNE, "ssp.testby.example")
    assert f"{KOMMUNE}:{line}:{column}: fejl:" in result.stdout + result.stderr
    assert tree_hash(out) == before


def test_the_rewrite_keeps_escapes_comments_and_outside_links() -> None:
    from sspgen.render.fragment import embeddable

    markup = (
        '<div class="sspgen-fragment" lang="da">\n<!-- <h1 class="card"> stays a comment -->\n'
        '<h1 id="top">A &amp; B</h1><h5>Dyb</h5><h6>Dybest</h6>\n'
        "<p class='note lead'><a href='../plan/?a=1&amp;b=2#maal'>Plan</a> "
        '<a href="https://example.org/x">Ude</a> <a href="#top">Op</a> <a href="mailto:a@b.dk">Mail</a> '
        '<img src="billede.png" alt=""> <label for="felt">Felt</label></p>\n</div>'
    )
    result = str(embeddable(markup, base="https://k.example/ssp/", page_url="organisation/", niveau=2))
    assert '<!-- <h1 class="card"> stays a comment -->' in result
    assert '<h2 id="sspgen-top">A &amp; B</h2><h6>Dyb</h6><h6>Dybest</h6>' in result  # h5+1 and h6 stop at h6
    assert 'class="sspgen-note sspgen-lead"' in result
    assert 'href="https://k.example/ssp/plan/?a=1&amp;b=2#maal"' in result
    assert 'href="https://example.org/x"' in result and 'href="mailto:a@b.dk"' in result
    assert 'href="#sspgen-top"' in result and 'for="sspgen-felt"' in result
    assert 'src="https://k.example/ssp/organisation/billede.png"' in result
    assert str(embeddable(markup, base=None, page_url="organisation/", niveau=1)).count("href='../plan/?a=1&amp;b=2#maal'") == 1
