"""What the preview server knows about the builds: a version that changes with every build
attempt (the open pages reload when it changes) and the errors of the last attempt."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass

from ..diagnostics import Diagnostic


@dataclass(frozen=True)
class Snapshot:
    version: str
    """«<session>-<count>»: the session token makes a page from an earlier `sspgen serve`
    reload too, although the new process counts from 1 again."""
    errors: tuple[Diagnostic, ...]
    """The errors of the last build attempt; empty when it succeeded."""
    has_site: bool
    """Whether a build ever succeeded, i.e. there is a last good site to show."""


class ServeState:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._token = secrets.token_hex(4)
        self._count = 0
        self._errors: tuple[Diagnostic, ...] = ()
        self._has_site = False
        self._stopping = False

    def finished(self, ok: bool, diagnostics: list[Diagnostic]) -> None:
        """Record a build attempt and wake everyone waiting for a change."""
        with self._changed:
            self._count += 1
            self._errors = () if ok else tuple(d for d in diagnostics if d.is_error)
            self._has_site = self._has_site or ok
            self._changed.notify_all()

    def page_updated(self) -> None:
        """The fast path changed a page between builds: a new version (the open pages reload),
        the same errors and site."""
        with self._changed:
            self._count += 1
            self._changed.notify_all()

    def snapshot(self) -> Snapshot:
        with self._changed:
            return Snapshot(f"{self._token}-{self._count}", self._errors, self._has_site)

    def wait_for_change(self, seen: str | None, timeout: float) -> str | None:
        """The current version once it differs from ``seen`` (or after ``timeout``); None when
        the server is stopping."""
        with self._changed:
            self._changed.wait_for(lambda: self._stopping or f"{self._token}-{self._count}" != seen, timeout)
            return None if self._stopping else f"{self._token}-{self._count}"

    def stop(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()

    @property
    def stopping(self) -> bool:
        with self._changed:
            return self._stopping
