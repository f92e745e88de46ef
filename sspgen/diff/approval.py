"""Who let a change into the history (git only, for «Ændringshistorik»).

A change reaches the main line either through a merge (a pull/merge request) or as a plain
commit on it. For a merged change the approver is the reviewer the host wrote into the merge
commit (trailers such as «Reviewed-by:» / «Approved-by:», which GitLab and Bitbucket add),
else whoever made the merge. A plain commit on the main line was approved by nobody but its
author. Names are used exactly as git records them (staff, never children) and without
their e-mail addresses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .git import GitError, Repo, _run

_REVIEWER = re.compile(r"^(?:reviewed-by|approved-by)\s*:\s*(?P<name>[^<\n]*?)\s*(?:<[^>\n]*>)?\s*$",
                       re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Approval:
    how: str
    """«godkendt» (a reviewer the host recorded), «flettet» (the merge's author) or «gemt»
    (a plain commit on the main line: its author)."""
    names: tuple[str, ...]


def reviewers(message: str) -> tuple[str, ...]:
    """The reviewers named in a commit message's trailers, in order, each once."""
    found = [m.group("name") for m in _REVIEWER.finditer(message) if m.group("name")]
    return tuple(dict.fromkeys(found))


def _log(repo: Repo, *args: str) -> list[list[str]]:
    result = _run(repo.toplevel, "log", "--format=%H%x1f%P%x1f%an%x1f%B%x1e", *args)
    if result.returncode != 0:
        raise GitError(f"git log fejlede: {result.stderr.decode(errors='replace').strip()}")
    text = result.stdout.decode("utf-8", errors="replace")
    return [(record.strip("\n").split("\x1f") + [""] * 4)[:4] for record in text.split("\x1e") if record.strip()]


def _approval(author: str, message: str, merge: bool) -> Approval:
    named = reviewers(message)
    if named:
        return Approval("godkendt", named)
    return Approval("flettet" if merge else "gemt", (author,) if author else ())


def approvals(repo: Repo) -> dict[str, Approval]:
    """Every commit reachable from HEAD mapped to how it reached the main line (HEAD's
    first-parent chain). One `git log` for the chain and one `git rev-list` per merge."""
    found: dict[str, Approval] = {}
    for sha, parents, author, message in _log(repo, "--first-parent", "HEAD"):
        first, *others = parents.split() or [""]
        approval = _approval(author, message, bool(others))
        found[sha] = approval
        if not others:
            continue
        brought = _run(repo.toplevel, "rev-list", sha, f"^{first}")
        if brought.returncode != 0:
            continue  # a shallow clone lacks the parent: those commits simply name no approver
        for commit in brought.stdout.decode().split():
            found.setdefault(commit, approval)
    return found
