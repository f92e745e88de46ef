"""How every cache in `.sspgen-cache/` is written and read, so that no cache file can run code.

`.sspgen-cache/` lies in the data repository, and anything in the repository may come from a
pull request (`git add -f` gets past .gitignore), which the review job then checks and builds.
A pickle runs code while it is loaded, so the three caches that hold Python values (the parse
cache, the render state and the plan history) load nothing this process did not write itself:

* **Authenticated.** Every file is ``MAGIC + HMAC-SHA256(key, kind + payload) + payload``.
  The key is 32 random bytes in ``$XDG_CACHE_HOME/sspgen/noegle`` (``~/.cache/sspgen/noegle``
  without XDG_CACHE_HOME), created 0600 on first use, i.e. outside the repository: a pull
  request cannot know it, and a CI job that starts with a fresh home gets a fresh key. The
  MAC is checked over the bytes *before* anything is unpickled; a file that fails (or is of an
  older format, or of another kind) is ignored and rebuilt, never loaded. A key that is not
  a private regular file of this user is replaced; one that lies inside the repository
  (XDG_CACHE_HOME pointed into it) turns the caches off.
* **Restricted.** Even a file that passes is unpickled by an Unpickler that builds only plain
  values (dict, list, tuple, set, str, bytes, numbers), datetime values and sspgen's own
  dataclasses and enums, so a leaked key still cannot call anything else.
* **Never from git.** If git tracks anything under `.sspgen-cache/`, no cache is read or
  written at all and `check`/`build`/`serve` report the located error ``cache.i-git``
  (see :func:`guard`).

Why pickle behind a MAC and not JSON or msgpack: the caches hold Python values whose types
matter for equality and hashing (tuples as dict keys and compared with fresh tuples, sets,
bytes, dates, diagnostics, the history's dataclasses); a safe format needs a hand-written
mapping for each, where one missed case silently makes every entry stale, and the per-value
hooks run in Python. Measured on the *large* benchmark data (a 12 MB parse cache and a 7.5 MB
render state, read by every incremental build): pickle loads them in 61 + 44 ms and the MAC
adds 11 + 7 ms; msgpack 1.2 with the tuple and set extensions they need takes 118 + 338 ms,
JSON with type tags 0.6 + 1.9 s. That is more than the whole target for an incremental build
(300 ms, docs/benchmark.md), so pickle stays, behind the MAC.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import hmac
import io
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Position, error

CACHE_DIR = ".sspgen-cache"
SUFFIX = ".hmac-pickle"
"""Not `.pickle`: the files of older versions (unauthenticated) are never even opened."""
MAGIC = b"sspgen-cache hmac-sha256 1\n"
KEY_NAME = "noegle"
_KEY_SIZE = 32
_MAC_SIZE = 32

_key: bytes | None = None
_key_path: Path | None = None
_tracked: dict[str, list[str]] = {}


def enabled() -> bool:
    """SSPGEN_CACHE=0 turns every cache off."""
    return os.environ.get("SSPGEN_CACHE", "1") not in ("0", "nej", "no", "false")


# --------------------------------------------------------------------------------------------
# The key (outside the repository)


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sspgen" / KEY_NAME


def _read_key(path: Path) -> bytes | None:
    """The key if `path` is a regular file of this user, readable by nobody else, of the right size."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if (not stat.S_ISREG(info.st_mode) or info.st_size != _KEY_SIZE or info.st_mode & 0o077
                or (hasattr(os, "getuid") and info.st_uid != os.getuid())):
            return None
        data = os.read(descriptor, _KEY_SIZE + 1)
        return data if len(data) == _KEY_SIZE else None
    finally:
        os.close(descriptor)


def _new_key(path: Path) -> bytes | None:
    """Write a fresh key (0600) and return the one that is there afterwards: if another
    process made one at the same moment, both use the one that won."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = path.with_name(f".{KEY_NAME}.{os.getpid()}.tmp")
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.fchmod(descriptor, 0o600)
            os.write(descriptor, os.urandom(_KEY_SIZE))  # what secrets.token_bytes uses
        finally:
            os.close(descriptor)
        try:
            os.link(temp, path)  # atomic, and fails if a key appeared meanwhile
        except FileExistsError:
            if _read_key(path) is None:
                os.replace(temp, path)  # the one there is unusable (wrong mode, owner, size)
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)
    except OSError:
        return None
    return _read_key(path)


def key() -> bytes | None:
    """This user's cache key, made on first use; None if none can be kept (the caches are off)."""
    global _key, _key_path
    path = key_file()
    if _key is None or _key_path != path:
        _key_path = path
        _key = _read_key(path) or _new_key(path)
    return _key


# --------------------------------------------------------------------------------------------
# Is the repository's cache folder usable?


def tracked(root: Path) -> list[str]:
    """The files under `.sspgen-cache/` that git tracks (staged ones too), sorted; [] outside git."""
    try:
        result = subprocess.run(["git", "ls-files", "-z", "--", CACHE_DIR], cwd=root, capture_output=True,
                                check=False, timeout=60,
                                env={**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"})
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode != 0:
        return []
    return sorted(name for name in result.stdout.decode("utf-8", "surrogateescape").split("\0") if name)


def guard(root: Path) -> list[Diagnostic]:
    """Look again whether git tracks the cache folder (every check and build calls this, so a
    preview notices the fix), and report it. While it does, :func:`usable` is False."""
    files = tracked(root)
    _tracked[_root_key(root)] = files
    if not files:
        return []
    count = "én fil" if len(files) == 1 else f"{len(files)} filer"
    return [error(files[0], Position(), "cache.i-git",
                  f"Mappen {CACHE_DIR}/ er lagt i git ({count}). Den laves af sspgen på hver maskine og må "
                  "ikke committes: en fil i den kunne få sspgen til at køre fremmed programkode. sspgen læser "
                  f"derfor ikke mappen. Fjern den fra git med «git rm -r --cached {CACHE_DIR}», commit "
                  f"ændringen, og sørg for, at {CACHE_DIR}/ står i .gitignore.")]


def usable(root: Path) -> bool:
    """Whether any cache under `root/.sspgen-cache/` may be read or written."""
    if not enabled():
        return False
    name = _root_key(root)
    if name not in _tracked:
        _tracked[name] = tracked(root)
    if _tracked[name]:
        return False
    try:
        key_file().resolve().relative_to(Path(name))
        return False  # a key inside the repository could come from a pull request
    except ValueError:
        return True


def _root_key(root: Path) -> str:
    return str(Path(root).resolve())


# --------------------------------------------------------------------------------------------
# Writing and reading a cache file


def _mac(secret: bytes, kind: str, payload: bytes | memoryview) -> bytes:
    digest = hmac.new(secret, kind.encode("utf-8") + b"\0", hashlib.sha256)
    digest.update(payload)
    return digest.digest()


def dump(path: Path, kind: str, value: Any) -> None:
    """Write `value` atomically, authenticated for `kind` ("parse", "render", "historik").
    Writes nothing without a key; raises OSError like any write."""
    secret = key()
    if secret is None:
        return
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temp, "wb") as handle:
        handle.write(MAGIC)
        handle.write(_mac(secret, kind, payload))
        handle.write(payload)
    os.replace(temp, path)


def load(path: Path, kind: str) -> Any | None:
    """The value in `path` if this user's key wrote it for `kind`; None otherwise (missing,
    foreign, forged, of an older format). Nothing is unpickled before the MAC matches."""
    secret = key()
    if secret is None:
        return None
    data = _read_regular(path)
    start = len(MAGIC) + _MAC_SIZE
    if data is None or len(data) < start or not data.startswith(MAGIC):
        return None
    payload = memoryview(data)[start:]
    if not hmac.compare_digest(data[len(MAGIC):start], _mac(secret, kind, payload)):
        return None
    stream = io.BytesIO(data)
    stream.seek(start)
    try:
        return _Unpickler(stream).load()
    except Exception:  # noqa: BLE001 - a file this key wrote but this code cannot read: rebuilt
        return None


def unpickle(data: bytes) -> Any:
    """Unpickle bytes that came out of a verified cache file (the parse cache's positions)."""
    return _Unpickler(io.BytesIO(data)).load()


def _read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file (not a FIFO or device that would hang or never end)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(descriptor)


_DATETIME = frozenset({"date", "datetime", "time", "timedelta", "timezone"})


class _Unpickler(pickle.Unpickler):
    """Builds plain values, datetime values and sspgen's dataclasses and enums; nothing else.

    Only a class *defined* in an `sspgen.` module that is already imported (not one imported
    into it) and only an Enum or a dataclass without __post_init__ qualifies: constructing
    either runs no code of consequence. Names with dots (attribute chains) are refused."""

    def find_class(self, module: str, name: str) -> Any:
        if "." not in name:
            if module == "datetime" and name in _DATETIME:
                return super().find_class(module, name)
            if module.startswith("sspgen.") and module in sys.modules:
                found = getattr(sys.modules[module], name, None)
                if (isinstance(found, type) and found.__module__ == module
                        and ((dataclasses.is_dataclass(found) and not hasattr(found, "__post_init__"))
                             or issubclass(found, enum.Enum))):
                    return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")
