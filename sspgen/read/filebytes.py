"""Read a file's bytes safely and decode them (shared by the YAML and Markdown readers).

A link, a folder, a pipe or a file over MAX_BYTES is refused with a located Danish message
before anything is parsed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sspgen.diagnostics import Diagnostic, Position, error

MAX_BYTES = 1_000_000
"""Largest accepted file. Larger files are refused with ``yaml.for-stor``."""


def _no_follow(path: str, flags: int) -> int:
    """open()'s opener: refuse a link (ELOOP), and never block on a pipe swapped in."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


def read_bytes(file: Path, display_path: str) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a regular file of at most MAX_BYTES. Problems become ``fil.ulaeselig``/``yaml.for-stor``."""
    where = Position(1, 1)
    try:
        # lstat and O_NOFOLLOW: a link is never opened, not even one put in place after the
        # listing (validate/files.py) was made; the listing gives the fuller message.
        info = os.lstat(file)
        if stat.S_ISLNK(info.st_mode):
            return None, [
                error(display_path, where, "fil.symlink",
                      "Filen er et symbolsk link, og sspgen åbner ikke links. Læg en almindelig "
                      "fil her i stedet.")
            ]
        if stat.S_ISDIR(info.st_mode):
            return None, [
                error(display_path, where, "fil.ulaeselig",
                      "Stien er en mappe, ikke en fil. Angiv en fil, eller flyt mappen væk.")
            ]
        if not stat.S_ISREG(info.st_mode):
            return None, [
                error(display_path, where, "fil.ulaeselig",
                      "Stien er ikke en almindelig fil og kan ikke læses. Erstat den med en "
                      "almindelig tekstfil.")
            ]
        if info.st_size > MAX_BYTES:
            return None, check_size(info.st_size, display_path)
        with open(file, "rb", opener=_no_follow) as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, [
            error(display_path, where, "fil.ulaeselig",
                  "Filen findes ikke. Tjek stavningen af filnavnet, eller opret filen.")
        ]
    except PermissionError:
        return None, [
            error(display_path, where, "fil.ulaeselig",
                  "Filen kan ikke læses: adgang nægtet. Giv læseadgang til filen "
                  "(fx med chmod), og prøv igen.")
        ]
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [
            error(display_path, where, "fil.ulaeselig",
                  f"Filen kan ikke læses (systemet svarer: {reason}). Tjek at filen findes og "
                  "kan åbnes, og prøv igen.")
        ]
    if len(data) > MAX_BYTES:  # grew between stat and read
        return None, check_size(len(data), display_path)
    return data, []


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def check_size(size: int, path: str) -> list[Diagnostic]:
    if size <= MAX_BYTES:
        return []
    return [
        error(path, Position(1, 1), "yaml.for-stor",
              f"Filen fylder {_thousands(size)} byte, men højst {_thousands(MAX_BYTES)} byte er "
              "tilladt. Del indholdet op i flere mindre filer.")
    ]


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Strip a leading UTF-8 BOM and decode. Invalid bytes become U+DC80..U+DCFF (reported later).

    Returns (None, [error]) only for UTF-16/32 files, which cannot be read character by character.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            error(path, Position(1, 1), "yaml.ugyldig-utf8",
                  "Filen er gemt med tegnsættet UTF-16, men skal være UTF-8. Gem filen som "
                  "UTF-8 i din editor (ofte under 'Gem som' → 'Kodning').")
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", "surrogateescape"), []
