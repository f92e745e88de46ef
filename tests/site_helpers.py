"""Helpers for the site tests: copies of the real examples, the real CLI, hashes of trees."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def example_slugs() -> list[str]:
    """The example municipalities, as found under data/: adding one needs no test change."""
    return sorted(p.name for p in (REPO / "data").iterdir() if (p / "kommune.yaml").is_file())


def copy_examples(target: Path, with_layouts: bool = False) -> Path:
    """data/ and content/ of the repository (and optionally layouts/) into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("data", "content") + (("layouts",) if with_layouts else ()):
        shutil.copytree(REPO / name, target / name)
    return target


def run_build(root: Path, out: Path, *extra: str, env: dict[str, str] | None = None,
              timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """`sspgen build` exactly as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "sspgen.cli", "build", str(root), "--out", str(out), *extra],
        cwd=REPO, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def tree_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for name, data in tree_files(folder).items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def readable_text(path: Path, data: bytes) -> str:
    """A file's text as a reader (or a search engine) would get it: PDFs via their text
    layer, compressed search-index parts decompressed."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        return text + "\n" + str(reader.metadata or {})
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            pass
    return data.decode("utf-8", errors="replace")
