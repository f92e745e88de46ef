"""Test-only: kill the build at a named point of the output update, deterministically.

With SSPGEN_TEST_KILL_AT=<point>:<n> the process dies (os._exit, as a SIGKILL would: no
cleanup, no `finally`) the n-th time it reaches `point`. Unset (always, outside the tests
of tests/test_build_killed.py), this is one dictionary lookup per call.
"""

from __future__ import annotations

import os

_reached: dict[str, int] = {}


def kill_point(point: str) -> None:
    wanted = os.environ.get("SSPGEN_TEST_KILL_AT")
    if not wanted:
        return
    name, _, count = wanted.rpartition(":")
    if name != point:
        return
    _reached[point] = _reached.get(point, 0) + 1
    if str(_reached[point]) == count:
        os._exit(137)
