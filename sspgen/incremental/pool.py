"""Running render jobs over the cores (a fork pool when there are many)."""

from __future__ import annotations

import os
from typing import Any, Callable

PARALLEL_MIN = 150
"""Below this many files to render, a worker pool costs more than it saves."""

_WORK: tuple[Callable[[Any], Any], list[Any]] | None = None


def _work(indices: list[int]) -> list[Any]:
    assert _WORK is not None
    function, jobs = _WORK
    out = []
    for index in indices:
        try:
            out.append(("ok", function(jobs[index])))
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
            diagnostic = getattr(exc, "diagnostic", None)
            out.append(("error", (type(exc).__name__, str(exc), diagnostic)))
    return out


def run(function: Callable[[Any], Any], jobs: list[Any]) -> list[Any]:
    """function(job) for every job, in order; over a fork pool when there are many."""
    global _WORK
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_MIN or workers < 2 or os.environ.get("SSPGEN_WORKERS") == "1":
        return [function(job) for job in jobs]
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return [function(job) for job in jobs]
    _WORK = (function, jobs)
    chunks = [list(range(start, len(jobs), workers * 4)) for start in range(workers * 4)]
    try:
        with context.Pool(workers) as pool:
            parts = pool.map(_work, chunks, chunksize=1)
    finally:
        _WORK = None
    results: list[Any] = [None] * len(jobs)
    for indices, part in zip(chunks, parts):
        for index, (status, value) in zip(indices, part):
            if status == "error":
                name, message, diagnostic = value
                if diagnostic is not None:
                    from ..render.environment import TemplateProblem

                    raise TemplateProblem(diagnostic)
                raise RuntimeError(f"{name}: {message}")
            results[index] = value
    return results
