"""The persistent parse cache: `.sspgen-cache/parse/<kommune>.hmac-pickle`.

Reading a YAML file with positions costs about a millisecond; a build after a small change
should not pay that for the thousands of files that did not change. For every YAML file the
cache keeps its content hash (BLAKE2b), the plain tree the reader produced and the reader's
positions. A file is re-read only when its content changed; its tree is then validated again
by the normal Pydantic models (a few tens of microseconds a file), so a model change can
never serve a stale validated value.

Safety rules:

* The whole cache is keyed by :func:`code_fingerprint`: the sspgen version, the Python,
  PyYAML and Pydantic versions and the source of every module that shapes a parsed or
  validated file (reader, models, schema messages, defaults). Any change discards the cache.
* A file's ``stat`` (mtime, size, inode) is trusted only if the file had not been modified
  in the two seconds before the cache was written (the "racy git" problem: an edit within
  the same clock tick keeps the mtime); otherwise its bytes are hashed again.
* The cache is written atomically (temporary file + rename) and only by a run that changed
  it; a missing, unreadable or foreign cache is ignored and rebuilt.
* It is written and read through sspgen/cachefile.py, which authenticates the file with a key
  outside the repository before anything is unpickled, so a cache file committed in a pull
  request never runs; a `.sspgen-cache/` that git tracks is not read at all.

Positions are kept as a pickled blob and only unpacked when a rule asks for one (to report a
problem), since thousands of position objects cost more to load than the tree itself.

With many files to read (a cold cache), they are parsed by a pool of worker processes, one
per core.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from . import cachefile
from .cachefile import CACHE_DIR, enabled  # noqa: F401 - the names other modules import from here
from .diagnostics import Diagnostic, Position
from .read.document import SourceDocument
from .read.filebytes import read_bytes
from .read.yamlfile import parse_yaml

FORMAT = 1
RACY_NS = 2_000_000_000
PARALLEL_MIN = 300
"""Below this many files to parse, a worker pool costs more than it saves."""

_PACKAGE = Path(__file__).resolve().parent
_FINGERPRINT_SOURCES = ("read/*.py", "model/*.py", "validate/schema.py", "validate/load.py",
                        "validate/rules/*.py", "diagnostics.py", "cache.py", "defaults/*.yaml")
_fingerprint: str | None = None


def code_fingerprint() -> str:
    """What a cached file depends on besides its own bytes."""
    global _fingerprint
    if _fingerprint is None:
        from . import __version__
        import pydantic
        import yaml

        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"{FORMAT}|{__version__}|{sys.version}|{pydantic.VERSION}|{yaml.__version__}".encode())
        for pattern in _FINGERPRINT_SOURCES:
            for file in sorted(_PACKAGE.glob(pattern)):
                digest.update(file.relative_to(_PACKAGE).as_posix().encode())
                digest.update(file.read_bytes())
        _fingerprint = digest.hexdigest()
    return _fingerprint


def content_hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class CachedDocument(SourceDocument):
    """A SourceDocument whose positions are unpacked on first use.

    ``flags`` is kept with the file in the cache: a rule may add a key meaning "this file,
    with these bytes, passed me" (the privacy scan does) and skip the file next time."""

    def __init__(self, path: str, data: Any, blob: bytes, flags: set | None = None,
                 digest: bytes | None = None) -> None:  # noqa: D107
        self.path = path
        self.data = data
        self.digest = digest
        """The file's content hash (incremental rendering keys pages by it)."""
        self._blob = blob
        self._unpacked: tuple[dict, dict] | None = None
        self.flags: set = flags if flags is not None else set()

    def _unpack(self) -> tuple[dict, dict]:
        if self._unpacked is None:
            values, keys = cachefile.unpickle(self._blob)  # from a verified file, or made here
            self._unpacked = (
                {loc: Position(line, column) for loc, (line, column) in values.items()},
                {loc: Position(line, column) for loc, (line, column) in keys.items()},
            )
        return self._unpacked

    @property  # type: ignore[override]
    def positions(self) -> dict:
        return self._unpack()[0]

    @positions.setter
    def positions(self, value: dict) -> None:
        self._unpacked = (value, self.key_positions if self._unpacked else {})

    @property  # type: ignore[override]
    def key_positions(self) -> dict:
        return self._unpack()[1]

    @key_positions.setter
    def key_positions(self, value: dict) -> None:
        self._unpacked = (self.positions if self._unpacked else {}, value)

    def release(self) -> None:
        """Let go of the tree and positions (a build after a passed check reads only the
        models); positions then fall back to the start of the file."""
        self.data = None
        self._blob = None  # type: ignore[assignment]
        self._unpacked = ({}, {})

    def __reduce__(self) -> tuple:
        return (CachedDocument, (self.path, self.data, self._blob, self.flags, self.digest))


def _pack_positions(document: SourceDocument) -> bytes:
    return pickle.dumps(
        ({loc: (p.line, p.column) for loc, p in document.positions.items()},
         {loc: (p.line, p.column) for loc, p in document.key_positions.items()}),
        protocol=pickle.HIGHEST_PROTOCOL,
    )


def parse_entry(data: bytes, display: str) -> tuple[Any, bytes | None, list[Diagnostic]]:
    """Parse one file's bytes into what the cache keeps: (tree, positions blob, diagnostics)."""
    document, problems = parse_yaml(data, display)
    if document is None:
        return None, None, problems
    return document.data, _pack_positions(document), []


def _parse_many(jobs: list[tuple[str, bytes]]) -> list[tuple[Any, bytes | None, list[Diagnostic]]]:
    return [parse_entry(data, display) for display, data in jobs]


class ParseCache:
    """One municipality's cached files. Use :meth:`read` instead of read_yaml."""

    def __init__(self, root: Path, slug: str) -> None:
        self.file = root / CACHE_DIR / "parse" / f"{slug}{cachefile.SUFFIX}"
        self.entries: dict[str, tuple] = {}
        self.trusted_before = 0
        self.dirty = False
        self.seen: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.flag_sizes: dict[str, int] = {}
        self.active = cachefile.usable(root)
        stored = cachefile.load(self.file, "parse") if self.active else None
        try:
            if isinstance(stored, dict) and stored.get("key") == code_fingerprint():
                self.entries = stored["entries"]
                self.trusted_before = stored["written_ns"] - RACY_NS
        except Exception:  # written by this key but of another shape: start empty
            self.entries = {}

    # -- lookups ----------------------------------------------------------------------------
    def _stat(self, file: Path) -> tuple[int, int, int] | None:
        try:
            info = os.stat(file)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size, info.st_ino

    def fresh(self, file: Path, display: str) -> bool:
        """True if the entry can be used without reading the file."""
        entry = self.entries.get(display)
        if entry is None:
            return False
        stat = self._stat(file)
        return stat is not None and stat == entry[0] and stat[0] < self.trusted_before

    def read(self, file: Path, display: str) -> tuple[SourceDocument | None, list[Diagnostic]]:
        self.seen.add(display)
        entry = self.entries.get(display)
        stat = self._stat(file)
        if entry is not None and stat is not None and stat == entry[0] and stat[0] < self.trusted_before:
            self.hits += 1
            return self._document(display, entry)
        data, problems = read_bytes(file, display)
        if data is None:
            return None, problems
        digest = content_hash(data)
        if entry is not None and entry[1] == digest:
            self.hits += 1
            if stat != entry[0]:
                self.entries[display] = (stat, *entry[1:])
                self.dirty = True
            return self._document(display, entry)
        self.misses += 1
        tree, blob, problems = parse_entry(data, display)
        self.store(display, stat, digest, tree, blob, problems)
        return self._document(display, self.entries[display])

    def store(self, display: str, stat: Any, digest: bytes, tree: Any, blob: bytes | None,
              problems: list[Diagnostic]) -> None:
        self.entries[display] = (stat, digest, tree, blob, problems, set())
        self.dirty = True

    def _document(self, display: str, entry: tuple) -> tuple[SourceDocument | None, list[Diagnostic]]:
        _, digest, tree, blob, problems, flags = entry
        if blob is None:
            return None, list(problems)
        self.flag_sizes[display] = len(flags)
        return CachedDocument(display, tree, blob, flags, digest), []

    # -- writing ------------------------------------------------------------------------------
    def save(self) -> None:
        """Write the cache if it changed; forget files that no longer exist."""
        if any(len(self.entries[d][5]) != n for d, n in self.flag_sizes.items() if d in self.entries):
            self.dirty = True
        stale = set(self.entries) - self.seen
        if stale:
            for display in stale:
                del self.entries[display]
            self.dirty = True
        if not self.dirty or not self.active:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            payload = {"key": code_fingerprint(), "written_ns": _now_ns(self.file.parent), "entries": self.entries}
            cachefile.dump(self.file, "parse", payload)
            self.dirty = False
        except OSError:
            pass  # a read-only checkout builds fine without a cache


def _now_ns(folder: Path) -> int:
    """The file system's idea of now (the mtime a file written now gets)."""
    probe = folder / f".probe.{os.getpid()}"
    try:
        probe.write_bytes(b"")
        return os.stat(probe).st_mtime_ns
    finally:
        try:
            probe.unlink()
        except OSError:
            pass


def prefetch(work: list[tuple[ParseCache, Path, str]]) -> None:
    """Fill the caches for many files at once, parsing the changed ones in parallel."""
    jobs: list[tuple[ParseCache, str, Any, bytes, bytes]] = []
    for cache, file, display in work:
        if cache.fresh(file, display):
            continue
        data, problems = read_bytes(file, display)
        if data is None:
            continue  # read() reports it
        digest = content_hash(data)
        entry = cache.entries.get(display)
        if entry is not None and entry[1] == digest:
            continue
        jobs.append((cache, display, cache._stat(file), digest, data))
    if len(jobs) < PARALLEL_MIN or (os.cpu_count() or 1) < 2:
        return  # read() parses them one by one
    workers = min(os.cpu_count() or 1, 8)
    chunks = [jobs[index::workers * 4] for index in range(workers * 4)]
    results = _pool_map(_parse_many, [[(display, data) for _, display, _, _, data in chunk] for chunk in chunks], workers)
    if results is None:
        return
    for chunk, parsed in zip(chunks, results):
        for (cache, display, stat, digest, _), (tree, blob, problems) in zip(chunk, parsed):
            cache.store(display, stat, digest, tree, blob, problems)


def _pool_map(function: Any, items: list[Any], workers: int) -> list[Any] | None:
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return None
    try:
        with context.Pool(workers) as pool:
            return pool.map(function, items, chunksize=1)
    except (OSError, RuntimeError):
        return None
