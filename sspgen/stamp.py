"""The no-op fast path: a build whose inputs have not changed since the last good build.

`sspgen build` records, after a successful build, a digest of everything the output depends
on: the stat (path, mtime, size, inode) of every file under data/, content/ and layouts/, the
sspgen package's own files, the design system's version, the git commit (for "Sidst
opdateret"), SOURCE_DATE_EPOCH and the SSPGEN_* settings, the command's options and the
output folder itself. When the next build finds the same digest it prints the previous
warnings again and stops, before importing the pipeline, which is most of the cost of a no-op.

It only ever skips work, never serves a guess: a file modified within two seconds of the
stamp (so its mtime might hide a second edit) makes the stamp untrusted, and any error while
reading the stamp means "build". Deleting .sspgen-cache/ always forces a full build, and a
`.sspgen-cache/` that git tracks is neither read nor written (sspgen/cachefile.py).

Only the standard library (and sspgen/cachefile.py, which uses only it) is imported here, on purpose.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

RACY_NS = 2_000_000_000
PACKAGE = Path(__file__).resolve().parent


def _walk(folder: Path, digest: "hashlib._Hash", newest: list[int]) -> None:
    if not folder.is_dir():
        digest.update(f"-{folder}\n".encode())
        return
    stack = [str(folder)]
    entries = []
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as iterator:
                for entry in iterator:
                    if entry.name.startswith(".") and entry.name not in (".gitkeep",):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            stack.append(entry.path)
                        continue
                    info = entry.stat(follow_symlinks=False)
                    entries.append((entry.path, info.st_mtime_ns, info.st_size, info.st_ino))
        except OSError:
            digest.update(f"?{current}\n".encode())
    entries.sort()
    for path, mtime, size, inode in entries:
        digest.update(f"{path}\0{mtime}\0{size}\0{inode}\n".encode())
        if mtime > newest[0]:
            newest[0] = mtime


def _stat_line(path: Path) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return f"{path}:-"
    return f"{path}:{info.st_mtime_ns}:{info.st_size}:{info.st_ino}"


def _git_state(root: Path) -> str:
    """The commit checked out (cheaply, without running git)."""
    for folder in (root.resolve(), *root.resolve().parents):
        git = folder / ".git"
        if git.is_file():  # a worktree or submodule: "gitdir: <path>"
            try:
                target = git.read_text().split(":", 1)[1].strip()
            except (OSError, IndexError):
                return "git?"
            git = (folder / target).resolve()
        if git.is_dir():
            try:
                head = (git / "HEAD").read_text().strip()
            except OSError:
                return "git?"
            parts = [head, _stat_line(git / "packed-refs")]
            if head.startswith("ref:"):
                parts.append(_stat_line(git / head[4:].strip()))
            return "|".join(parts)
    return "nogit"


def fingerprint(root: Path, layouts: Path, node_modules: Path, options: list[str]) -> tuple[str, int]:
    """(digest of every input, newest input mtime)."""
    digest = hashlib.blake2b(digest_size=20)
    newest = [0]
    # SOURCE_DATE_EPOCH and every SSPGEN_* setting (e.g. the Decap form's) shape the output.
    settings = sorted((key, value) for key, value in os.environ.items()
                      if key == "SOURCE_DATE_EPOCH" or (key.startswith("SSPGEN_") and key != "SSPGEN_DEBUG"))
    digest.update(f"{sys.version}|{sys.executable}|{settings}|{options}\n".encode())
    for folder in (root / "data", root / "content", layouts, PACKAGE):
        _walk(folder, digest, newest)
    digest.update(_stat_line(node_modules / "dkfds" / "package.json").encode())
    digest.update(_git_state(root).encode())
    return digest.hexdigest(), newest[0]


def _stamp_file(root: Path, options: list[str]) -> Path:
    name = hashlib.blake2b("\0".join(options).encode(), digest_size=8).hexdigest()
    return root / ".sspgen-cache" / "stamp" / f"{name}.json"


def _output_state(target: Path) -> str:
    """The output folder as the last build left it (a build swaps in a new folder)."""
    return "|".join(_stat_line(path) for path in (target, target / "index.html", target / "intranet" / "index.html"))


def unchanged(root: Path, out: Path, layouts: Path, node_modules: Path, options: list[str]) -> list[str] | None:
    """The previous build's messages if nothing changed since it, else None."""
    from .cachefile import usable

    if not usable(root):
        return None
    try:
        # A killed build's temporary folder is cleaned up by the next real build.
        if any(target_leftovers(out)):
            return None
        stored = json.loads(_stamp_file(root, options).read_text(encoding="utf-8"))
        digest, newest = fingerprint(root, layouts, node_modules, options)
        if stored["inputs"] != digest or stored["output"] != _output_state(out):
            return None
        if newest >= stored["written_ns"] - RACY_NS:
            return None
        return list(stored["messages"])
    except Exception:
        return None


def target_leftovers(target: Path) -> list[Path]:
    return list(target.parent.glob(f".{target.name}.*-*")) if target.parent.is_dir() else []


def record(root: Path, out: Path, layouts: Path, node_modules: Path, options: list[str], messages: list[str]) -> None:
    """Remember a successful build (silently does nothing where the cache cannot be written)."""
    from .cachefile import usable

    if not usable(root):
        return
    try:
        digest, _ = fingerprint(root, layouts, node_modules, options)
        file = _stamp_file(root, options)
        file.parent.mkdir(parents=True, exist_ok=True)
        temp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        temp.write_text("{}", encoding="utf-8")
        written = os.stat(temp).st_mtime_ns
        temp.write_text(json.dumps({"inputs": digest, "output": _output_state(out), "written_ns": written,
                                    "messages": messages}), encoding="utf-8")
        os.replace(temp, file)
    except Exception:
        pass


def drop(root: Path, options: list[str]) -> None:
    """Drop the stamp of one build command (it is about to change its output)."""
    try:
        _stamp_file(root, options).unlink(missing_ok=True)
    except OSError:
        pass


def forget(root: Path) -> None:
    """Drop every stamp (the next build does the work)."""
    folder = root / ".sspgen-cache" / "stamp"
    if folder.is_dir():
        for file in folder.glob("*.json"):
            try:
                file.unlink()
            except OSError:
                pass
