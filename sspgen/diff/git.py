"""The few git operations the diff needs, through the real git command.

A revision's data/ and content/ are materialised with ``git archive`` into a folder, so the
ordinary loader reads them exactly as it reads a working tree (a broken file at one revision
is reported as a problem, not a crash).
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

DATA_FOLDERS = ("data", "content")


class GitError(Exception):
    """A Danish message for the user (exit code 2: a usage problem, not a data problem)."""


@dataclass(frozen=True)
class Repo:
    toplevel: Path
    prefix: str
    """Where the data root sits inside the repository, «» or «sub/dir/»."""


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitError("Programmet git findes ikke på maskinen. Installér git, og prøv igen.") from None


def open_repo(root: Path) -> Repo:
    result = _run(root, "rev-parse", "--show-toplevel", "--show-prefix")
    if result.returncode != 0:
        raise GitError(
            f"Mappen «{root}» er ikke en del af et git-repository, så der er ingen historik at "
            "sammenligne med. Kør kommandoen i repositoriet med data/."
        )
    toplevel, prefix = (result.stdout.decode("utf-8").splitlines() + ["", ""])[:2]
    return Repo(Path(toplevel), prefix)


def resolve(repo: Repo, revision: str) -> str:
    """The commit id of ``revision``; GitError with a Danish message if there is none."""
    if revision.startswith("-"):
        raise GitError(f"«{revision}» er ikke en revision. Angiv en gren, et tag eller et commit-id, fx main eller HEAD~1.")
    result = _run(repo.toplevel, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if result.returncode != 0:
        raise GitError(
            f"Revisionen «{revision}» findes ikke i repositoriet. Angiv en gren, et tag eller et "
            "commit-id, fx main, origin/main eller HEAD~1 (hent den evt. først med git fetch)."
        )
    return result.stdout.decode().strip()


def _exists(repo: Repo, revision: str) -> str | None:
    result = _run(repo.toplevel, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    return result.stdout.decode().strip() if result.returncode == 0 else None


def default_base(repo: Repo) -> tuple[str, str | None]:
    """The merge base of HEAD with the main branch; else HEAD~1; else the empty tree (None).

    Returns a label for the report and the commit id.
    """
    head = _exists(repo, "HEAD")
    if head is None:
        return "den tomme begyndelse", None
    candidates = []
    base_ref = os.environ.get("GITHUB_BASE_REF") or os.environ.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME")
    if base_ref:
        candidates += [f"origin/{base_ref}", base_ref]
    candidates += ["main", "master", "origin/main", "origin/master"]
    for name in candidates:
        if _exists(repo, name) is None:
            continue
        result = _run(repo.toplevel, "merge-base", "HEAD", name)
        if result.returncode == 0:
            sha = result.stdout.decode().strip()
            return f"{name} ({sha[:7]})", sha
    parent = _exists(repo, "HEAD~1")
    if parent is not None:
        return f"HEAD~1 ({parent[:7]})", parent
    return "den tomme begyndelse", None


def materialise(repo: Repo, commit: str | None, dest: Path, folders: tuple[str, ...] = DATA_FOLDERS) -> Path:
    """Write ``folders`` (under the data root) as they are at ``commit`` into ``dest``.

    Returns the data root inside ``dest``. ``commit`` None is the empty tree.
    """
    dest.mkdir(parents=True, exist_ok=True)
    root = dest / repo.prefix if repo.prefix else dest
    root.mkdir(parents=True, exist_ok=True)
    if commit is None:
        return root
    paths = [repo.prefix + folder for folder in folders]
    listed = _run(repo.toplevel, "ls-tree", "--name-only", commit, "--", *paths)
    present = [p for p in listed.stdout.decode("utf-8").splitlines() if p]
    if not present:
        return root
    archive = _run(repo.toplevel, "archive", "--format=tar", commit, "--", *present)
    if archive.returncode != 0:
        raise GitError(f"git kunne ikke hente filerne fra {commit[:7]}: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter=_links_point_nowhere)
        else:  # pragma: no cover - Python before 3.11.4
            tar.extractall(dest)
    return root


def _links_point_nowhere(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """A committed symbolic link is written as a link to a name that does not exist, so the
    loader reports it (fil.symlink) as in a working tree, and what it pointed at is never
    read; the "data" filter alone stops at the first link out of the folder with an exception."""
    if member.issym():
        member = member.replace(linkname="sspgen-link-ikke-fulgt", deep=False)
    return tarfile.data_filter(member, dest)


@dataclass(frozen=True)
class Commit:
    sha: str
    parent: str | None
    date: datetime
    author: str
    subject: str
    body: str


def commits_touching(repo: Repo, path: str) -> list[Commit]:
    """Commits (newest first) that changed ``path`` (relative to the data root)."""
    if _exists(repo, "HEAD") is None:
        return []
    result = _run(
        repo.toplevel, "log", "--format=%H%x1f%P%x1f%cI%x1f%an%x1f%s%x1f%b%x1e", "--", repo.prefix + path
    )
    if result.returncode != 0:
        raise GitError(f"git log fejlede: {result.stderr.decode(errors='replace').strip()}")
    commits = []
    for record in result.stdout.decode("utf-8", errors="replace").split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        sha, parents, when, author, subject, body = (record.split("\x1f") + [""] * 6)[:6]
        commits.append(Commit(sha, parents.split()[0] if parents.split() else None,
                              datetime.fromisoformat(when), author, subject, body.strip()))
    return commits
