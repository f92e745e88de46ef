"""The mutation fuzzer: thousands of broken copies of the example files never crash sspgen.

Each example mutates one or two files of one example municipality (every kind of file under
data/<kommune>/, and the front matter of its content pages; see tests/fuzz_helpers.py for the
mutations), then runs in-process what `sspgen check` runs (read, schema, every cross-file
rule) and, when the data passes, what `sspgen build` runs next: the site model, and the render
of the pages built from the changed files and of every calendar; in one example out of ten the
whole build (without PDFs and search, which only read what the render wrote). It asserts:

* no exception escapes;
* every diagnostic has a relative path, a line and column ≥ 1 inside the file, a code, and a
  Danish message (no English words outside the «quoted» user values);
* no cascades: a file that fails to read or validate causes errors only about itself.

`make test` runs FUZZ_EXAMPLES=2000 (the default here), `make fuzz` 10,000. The examples are
derandomized, so a failure in CI is the same failure on a laptop.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_helpers import CONTENT, Corpus, Mutated, failed_itself, make_corpus, mutate, problems
from sspgen.build import build
from sspgen.model import KINDS
from sspgen.render import ics
from sspgen.render.environment import make_environment
from sspgen.render.site import Renderer
from sspgen.site import GitDates, build_sites, today
from sspgen.validate import check_repository

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
LAYOUTS = Path(__file__).resolve().parent.parent / "layouts"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return make_corpus(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture(scope="module")
def baseline(corpus: Corpus) -> dict[str, set[tuple[str, str, str]]]:
    """The diagnostics of each unmutated example municipality (it may have warnings)."""
    slugs = sorted({target.slug for targets in corpus.targets.values() for target in targets})
    found = {}
    for slug in slugs:
        result = check_repository(corpus.root, slug)
        assert not result.errors, result.errors
        found[slug] = {(d.path, d.code, d.message) for d in result.diagnostics}
    return found


@pytest.fixture(scope="module")
def renderer(corpus: Corpus) -> tuple[Renderer, GitDates]:
    env = make_environment(LAYOUTS)
    return Renderer(env, LAYOUTS, corpus.root, None, ""), GitDates(corpus.root)


def test_the_corpus_covers_every_kind(corpus: Corpus) -> None:
    """The fuzzer mutates every kind of file; an example set without one would hide its rules."""
    assert set(corpus.targets) == {kind.name for kind in KINDS} | {CONTENT}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, print_blob=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(data=st.data())
def test_mutated_files_never_crash_check_or_build(data: st.DataObject, corpus: Corpus, baseline: dict,
                                                   renderer: tuple[Renderer, GitDates]) -> None:
    kind = data.draw(st.sampled_from(sorted(corpus.targets)), label="kind")
    target = data.draw(st.sampled_from(corpus.targets[kind]), label="file")
    same_kommune = [t for targets in corpus.targets.values() for t in targets if t.slug == target.slug]
    ids = sorted({Path(t.path).stem for t in same_kommune})
    record = Mutated()
    touched = [target.path]
    try:
        mutate(data, corpus, target, ids, record)
        if data.draw(st.integers(0, 4), label="second file?") == 0:
            other = data.draw(st.sampled_from(same_kommune), label="second file")
            if other.path not in touched and (corpus.root / other.path).is_file():
                touched.append(other.path)
                mutate(data, corpus, other, ids, record)
        everything = data.draw(st.integers(0, 9), label="the whole build?") == 0
        _check_and_build(corpus, target.slug, record, baseline[target.slug], renderer, everything)
    finally:
        corpus.restore(touched)


def _check_and_build(corpus: Corpus, slug: str, record: Mutated, baseline: set,
                     renderer: tuple[Renderer, GitDates], everything: bool) -> None:
    steps = "\n".join(record.steps)
    result = check_repository(corpus.root, slug)
    found = problems(result.diagnostics, corpus.root, record.removed)
    assert not found, f"after\n{steps}\n" + "\n".join(found)
    if len(record.changed) == 1 and not record.removed and failed_itself(result.diagnostics, record.changed[0]):
        cascade = [d for d in result.diagnostics
                   if d.path != record.changed[0] and (d.path, d.code, d.message) not in baseline]
        assert not cascade, f"after\n{steps}\nerrors elsewhere:\n" + "\n".join(
            f"{d.path}:{d.line}:{d.column} [{d.code}] {d.message}" for d in cascade)
    if result.errors:
        return  # `sspgen build` stops here too: the site model never sees data with errors
    render, git = renderer
    touched = set(record.changed) | set(record.removed)
    if everything:  # the real build, without PDFs and search: link check, output folder and all
        built = build(corpus.root, corpus.root / "output", slug, pdf=False, search=False, admin=False)
        found = problems(built.diagnostics, corpus.root, record.removed)
        assert not found, f"after\n{steps}\n" + "\n".join(found)
        assert built.ok, f"after\n{steps}\ncheck passed, the build did not:\n" + "\n".join(
            f"{d.path}:{d.line}:{d.column} [{d.code}] {d.message}" for d in built.diagnostics)
        return
    for data in result.kommuner:
        for site in build_sites(data, git, today(git, [data])):
            # The pages built from a changed file, and every calendar (what Renderer.site
            # renders, but only there where the mutation can show: ten times faster).
            for page in site.pages:
                if touched & set(page.sources):
                    render.page(site, page)
                    if page.fragment:
                        render.page(site, page, fragment=True)
            for calendar in site.calendars:
                ics.meeting_calendar(calendar.name, list(calendar.meetings), f"{site.kommune}.ssp",
                                     lambda moede: Renderer.event_info(site, moede, moede.dato, 0))
