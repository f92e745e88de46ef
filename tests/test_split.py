"""One CI job per municipality, then the index: the same output as one build of everything.

`sspgen build --kommune SLUG` for each municipality (as a GitHub Actions matrix or GitLab
`parallel:` would run them) followed by `sspgen build --kun-indeks` must give byte for byte
the output of a single `sspgen build`; the index step refuses to run while a municipality
is missing, so a failed job never publishes an index with a hole in it.
"""

from __future__ import annotations

from pathlib import Path

from site_helpers import copy_examples, run_build, tree_files

EPOCH = {"SOURCE_DATE_EPOCH": "1780272000", "SSPGEN_CACHE": "0"}


def test_jobs_per_municipality_then_index_equal_one_build(tmp_path: Path):
    root = copy_examples(tmp_path / "repo")
    whole = run_build(root, tmp_path / "samlet", "--uden-pdf", env=EPOCH)
    assert whole.returncode == 0, whole.stdout + whole.stderr

    split = tmp_path / "delt"
    slugs = sorted(p.name for p in (root / "data").iterdir() if p.is_dir())
    early = run_build(root, split, "--kun-indeks", env=EPOCH)
    assert early.returncode == 1 and "er ikke bygget" in early.stdout
    for slug in slugs:
        job = run_build(root, split, "--uden-pdf", "--kommune", slug, env=EPOCH)
        assert job.returncode == 0, job.stdout + job.stderr
    index = run_build(root, split, "--kun-indeks", env=EPOCH)
    assert index.returncode == 0, index.stdout + index.stderr

    expected, actual = tree_files(tmp_path / "samlet"), tree_files(split)
    assert sorted(actual) == sorted(expected)
    assert [name for name in expected if actual[name] != expected[name]] == []
