"""`sspgen diff` and the plan history, driven through the real CLI and real git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from diff_helpers import (
    expected_markdown_lines,
    expected_text_lines,
    git,
    read,
    review_repo,
    sspgen,
    write,
)
from sspgen.diff.history import plan_history
from sspgen.diff.render import headline, words_line
from sspgen.diff.worddiff import word_diff


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory):
    return review_repo(tmp_path_factory.mktemp("review"))


def test_markdown_reports_each_entity_change(review) -> None:
    result = sspgen("diff", "main", "forslag", "--format", "markdown", cwd=review.path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for line in expected_markdown_lines(review):
        assert line in out, f"mangler: {line}\n---\n{out}"
    assert out.startswith("## Ændringer i data\n")
    assert "### Brøndby Kommune" in out
    assert "#### Planer" in out and "#### Aktører" in out and "#### Fora og netværk" in out
    assert "**og i nattelivet**" in out  # the word diff of the goal's description
    assert f"til «{review.frequency_after} om" in out
    # A renamed or moved file is a change of one entity, never a delete plus an add.
    assert " fjernet\n" not in out and f"*{review.moved_actor}* tilføjet" not in out


def test_text_format(review) -> None:
    result = sspgen("diff", "main", "forslag", "--format", "text", cwd=review.path)
    assert result.returncode == 0, result.stderr
    for line in expected_text_lines(review):
        assert line in result.stdout, f"mangler: {line}\n---\n{result.stdout}"
    assert "{+og i nattelivet+}" in result.stdout
    assert "Brøndby Kommune\n===============" in result.stdout


def test_default_base_is_the_merge_base_and_head_the_working_tree(review, tmp_path: Path) -> None:
    repo = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(review.path), str(repo))
    git(repo, "checkout", "-q", "forslag")
    git(repo, "branch", "-q", "main", "origin/main")
    kommune = repo / "data/brondby/kommune.yaml"
    data = read(kommune)
    data["forankring"] = "Skole og Dagtilbud"
    write(kommune, data)
    result = sspgen("diff", "--format", "text", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "main (" in result.stdout and "→ arbejdsmappen" in result.stdout
    assert f"  * Indsats «{review.indsats_name}» tilføjet" in result.stdout  # committed on the branch
    assert "forankring ændret fra «Børn, Kultur og Idræt» til «Skole og Dagtilbud»" in result.stdout  # not committed


def test_path_argument_and_no_changes(review, tmp_path: Path) -> None:
    result = sspgen("diff", "forslag", "forslag", "--format", "text", str(review.path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Ingen ændringer i data/ og content/")


def test_unknown_revision_is_a_danish_usage_error(review) -> None:
    result = sspgen("diff", "findes-ikke", cwd=review.path)
    assert result.returncode == 2
    assert "Revisionen «findes-ikke» findes ikke" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_outside_git_is_a_danish_usage_error(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = sspgen("diff", cwd=tmp_path)
    assert result.returncode == 2
    assert "ikke en del af et git-repository" in result.stderr and "Traceback" not in result.stderr


def test_repository_without_commits_compares_with_the_empty_tree(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path / "data/testby/kommune.yaml", {"slug": "testby", "navn": "Testby Kommune", "maalgruppe": {"alder_fra": "6", "alder_til": "25"}})
    result = sspgen("diff", "--format", "text", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "den tomme begyndelse → arbejdsmappen" in result.stdout
    assert "  * Kommune «Testby Kommune» tilføjet" in result.stdout


def test_broken_file_is_reported_not_crashed_on(review, tmp_path: Path) -> None:
    repo = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "-b", "forslag", str(review.path), str(repo))
    plan = next((repo / "data/brondby/planer").glob("*.yaml"))
    plan.write_text(plan.read_text(encoding="utf-8") + "politiske_maal: [\n", encoding="utf-8")
    result = sspgen("diff", "HEAD", "--format", "markdown", cwd=repo)
    assert result.returncode == 0, result.stderr
    relative = plan.relative_to(repo).as_posix()
    assert f"**Bemærk:** `{relative}` har fejl" in result.stdout
    assert f"ændret, men filen `{relative}` kan ikke læses i den nye udgave\n" in result.stdout
    assert "  - kan ikke læses: linje " in result.stdout
    assert "  + politiske\\_maal: \\[" not in result.stdout  # the diff block is code, not escaped
    assert "  + politiske_maal: [" in result.stdout
    assert "Politisk mål" not in result.stdout  # its goals are not reported as removed
    assert "fjernet" not in result.stdout


def test_pages_goals_reorder_and_whitespace(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    kommune = {"slug": "testby", "navn": "Testby Kommune", "maalgruppe": {"klassetrin_fra": "0", "klassetrin_til": "9"}}
    write(tmp_path / "data/testby/kommune.yaml", kommune)
    page = tmp_path / "content/testby/om.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitel: Om SSP\n---\nVi arbejder tæt sammen med skolerne og politiet.\n", encoding="utf-8")
    funk = {"id": "ssp-laerer", "rolle": "SSP-lærer", "opgaver": ["Undervise", "Koordinere", "Deltage i netværk"]}
    write(tmp_path / "data/testby/funktionsbeskrivelser/ssp-laerer.yaml", funk)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Start")
    page.write_text("---\ntitel: Om SSP\n---\nVi arbejder tæt sammen med skolerne,\nklubberne og politiet.\n", encoding="utf-8")
    funk["opgaver"] = ["Koordinere", "Undervise", "Deltage i netværk"]
    write(tmp_path / "data/testby/funktionsbeskrivelser/ssp-laerer.yaml", funk)
    kommune["maalgruppe"] = {"klassetrin_fra": "0", "klassetrin_til": "10"}
    write(tmp_path / "data/testby/kommune.yaml", kommune)
    out = sspgen("diff", "HEAD", "--format", "text", cwd=tmp_path).stdout
    assert "  * Side «Om SSP»: tekst ændret\n      Vi arbejder tæt sammen med skolerne{+, klubberne+} og politiet." in out
    assert "  * Funktionsbeskrivelse «SSP-lærer»: opgaver: rækkefølgen ændret til «Koordinere», «Undervise», «Deltage i netværk»" in out
    assert "  * Kommune «Testby Kommune»: målgruppe ændret fra «0.–9. klasse» til «0.–10. klasse»" in out


def test_word_diff_segments() -> None:
    segments = word_diff("Borgerne skal føle sig trygge.", "Borgerne skal opleve, at de er trygge.")
    assert words_line(segments, "text") == "Borgerne skal [-føle sig-] {+opleve, at de er+} trygge."
    assert words_line(segments, "markdown") == "Borgerne skal ~~føle sig~~ **opleve, at de er** trygge."
    long = " ".join(f"ord{i}" for i in range(40))
    cut = words_line(word_diff(long, long.replace("ord20", "nyt")), "text")
    assert cut == "… ord14 ord15 ord16 ord17 ord18 ord19 [-ord20-] {+nyt+} ord21 ord22 ord23 ord24 ord25 ord26 …"


def test_markdown_escapes_names(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path / "data/testby/kommune.yaml", {"slug": "testby", "navn": "Testby_*Kommune*", "maalgruppe": {"beskrivelse": "Alle"}})
    out = sspgen("diff", cwd=tmp_path).stdout
    assert "Kommune *Testby\\_\\*Kommune\\** tilføjet" in out


def test_plan_history(review) -> None:
    entries = plan_history(review.path, "brondby")
    assert [e.besked for e in entries] == ["Forslag: nattevandring og nye skoler i Øster", "Brøndbys data"]
    newest = entries[0]
    assert newest.forfatter == "SSP-koordinator" and len(newest.kort) == 7
    lines = [headline(c, "text") for c in newest.changes]
    assert f"Politisk mål «{review.goal_title}»: beskrivelse ændret" in lines
    assert f"Indsats «{review.indsats_name}» tilføjet under mål «{review.goal_title_other}»" in lines
    assert all(c.group == "planer" for c in newest.changes)  # the actors' changes are not plan history
    assert [headline(c, "text") for c in entries[1].changes] == [headline(entries[1].changes[0], "text")]
    assert headline(entries[1].changes[0], "text").endswith("tilføjet")


def test_plan_history_outside_git_is_empty(tmp_path: Path) -> None:
    assert plan_history(tmp_path, "brondby") == []


def test_markdown_keeps_markup_working_next_to_punctuation() -> None:
    segments = word_diff("sammen med skolerne og politiet.", "sammen med skolerne, klubberne og politiet.")
    assert words_line(segments, "markdown") == "sammen med skolerne **, klubberne** og politiet."
    segments = word_diff("i SSP-arbejdet.", "i SSP-arbejdet og i nattelivet.")
    assert words_line(segments, "markdown") == "i SSP-arbejdet **og i nattelivet**."


def _commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_a_file_that_fails_validation_is_changed_not_removed(review, tmp_path: Path) -> None:
    """A commit that breaks a plan (valid YAML, a value the model refuses) shows the plan as
    changed, the located Danish error and the changed lines; a real removal stays «fjernet»."""
    repo = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "-b", "forslag", str(review.path), str(repo))
    plan = next((repo / "data/brondby/planer").glob("*.yaml"))
    relative = plan.relative_to(repo).as_posix()
    text = plan.read_text(encoding="utf-8")
    lines = text.split("\n")
    number, old_line = next((i, line) for i, line in enumerate(lines) if line.startswith("periode_fra: "))
    lines[number] = "periode_fra: tyvetoogtyve"
    plan.write_text("\n".join(lines), encoding="utf-8")
    actor = sorted((repo / "data/brondby/aktoerer").glob("*.yaml"))[-1]
    actor_name = read(actor)["navn"]
    actor.unlink()
    _commit(repo, "Forslag: planens periode og en aktør mindre")

    result = sspgen("diff", "HEAD~1", "HEAD", "--format", "text", cwd=repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"Plan «{review_plan_title(plan, text)}» ændret, men filen «{relative}» kan ikke læses i den nye udgave\n" in out
    assert f"    * kan ikke læses: linje {number + 1}, kolonne 14: Feltet «periode_fra»" in out
    assert "[skema.ugyldig-vaerdi]" in out
    assert f"      - {old_line}\n      + periode_fra: tyvetoogtyve\n" in out
    assert f"      @@ linje {number} @@" in out  # one line of context before the change
    assert "Politisk mål" not in out and "Indsats" not in out  # nothing inside the plan is «fjernet»
    assert f"Aktør «{actor_name}» fjernet" in out  # a file really removed is still removed
    assert out.count("fjernet") == 1

    markdown = sspgen("diff", "HEAD~1", "HEAD", cwd=repo).stdout
    assert f"  - kan ikke læses: linje {number + 1}, kolonne 14:" in markdown
    assert f"  ```diff\n  @@ linje {number} @@\n" in markdown
    assert f"  + periode_fra: tyvetoogtyve\n" in markdown


def review_plan_title(plan: Path, text: str) -> str:
    from sspgen.read.yamlfile import parse_yaml

    document, _ = parse_yaml(text.encode("utf-8"), plan.name)
    return document.data["titel"]


def test_a_broken_new_file_and_a_cpr_in_a_broken_line_are_shown_masked(review, tmp_path: Path) -> None:
    repo = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "-b", "forslag", str(review.path), str(repo))
    new_file = repo / "data/brondby/aktoerer/ny-forening.yaml"
    # Fictional number; an unknown field makes the file fail the model.
    new_file.write_text("id: ny-forening\nnavn: Ny forening\ntype: forening\nnoter: ring 010190-1234\n", encoding="utf-8")
    _commit(repo, "Forslag: ny forening")
    result = sspgen("diff", "HEAD~1", "HEAD", "--format", "text", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Aktør «ny-forening» tilføjet, men filen «data/brondby/aktoerer/ny-forening.yaml» kan ikke læses" in result.stdout
    assert "    * kan ikke læses: linje 4, kolonne 1:" in result.stdout
    assert "      + navn: Ny forening" in result.stdout
    assert "010190-1234" not in result.stdout and "010190-xxxx" in result.stdout


def test_an_event_and_a_template_version_are_named_in_danish(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path / "data/testby/kommune.yaml", {"slug": "testby", "navn": "Testby Kommune", "maalgruppe": {"alder_fra": "6", "alder_til": "25"}})
    kommissorium = {"id": "netvaerk", "titel": "Kommissorium for netværket", "fora": ["netvaerk"], "formaal": "Kortlægning.",
                    "dagsordensskabeloner": [{"id": "fra-2026", "gyldig_fra": "2026-01-01", "punkter": [{"nummer": "1", "titel": "Tendenser"}]}]}
    write(tmp_path / "data/testby/kommissorier/netvaerk.yaml", kommissorium)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Start")
    write(tmp_path / "data/testby/begivenheder/2026-05-20-temadag.yaml",
          {"id": "2026-05-20-temadag", "titel": "Temadag om fællesskaber", "type": "temadag", "dato": "2026-05-20"})
    kommissorium["dagsordensskabeloner"].append({"id": "forslag", "forslag": "ja", "punkter": [{"nummer": "1", "titel": "Tema"}]})
    write(tmp_path / "data/testby/kommissorier/netvaerk.yaml", kommissorium)
    result = sspgen("diff", "HEAD", "--format", "text", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Begivenheder" in result.stdout and "Begivenhed «Temadag om fællesskaber» tilføjet" in result.stdout
    assert "Udgave af dagsordensskabelonen «forslag» tilføjet" in result.stdout, result.stdout
