"""Whether a saved meeting record is safe to show at once: read and checked as `sspgen check`
would, and changing nothing another page's structure depends on."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from ..model import Moede
from ..read.yamlfile import parse_yaml
from ..validate.load import KommuneData, Located
from ..validate.rules import RULES
from ..validate.schema import validate_document
from .kept import Skip


def date_pinned() -> bool:
    """SOURCE_DATE_EPOCH fixes "today"; without it "today" may come from the data."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit()


def validated(raw: bytes, display: str, meeting_id: str, data: KommuneData) -> Located[Any]:
    """The record, read and checked as `sspgen check` would: the reader, the schema, and
    every rule on a copy of the data that holds this one meeting (the rules' messages about
    this file are the ones it would get in the full check)."""
    document, problems = parse_yaml(raw, display)
    if document is None or any(p.is_error for p in problems):
        raise Skip("læsefejl")
    value, problems = validate_document(Moede, document)
    if value is None or any(p.is_error for p in problems) or value.id != meeting_id:
        raise Skip("skemafejl")
    located: Located[Any] = Located(value, document)
    # Only what a meeting's rules look at (fora, kommissorier, aktører, the topic bank, the
    # vocabulary, the municipality); the rest was checked by the kept build.
    alone = dataclasses.replace(data, moeder={meeting_id: located}, sources=[document], planer={},
                                evalueringer={}, pensum={}, funktionsbeskrivelser={}, sider={})
    for rule in RULES:
        if any(d.is_error and d.path == display for d in rule(alone)):
            raise Skip("regelfejl")
    return located


def same_shape(old: Any, new: Any, today: Any) -> None:
    """The save may change the meeting's own page only: the same forum and visibility keep
    it on the same sites with the same sources; "today" (for the front page's upcoming
    meetings) may come from the newest held meeting when SOURCE_DATE_EPOCH is unset."""
    if new.forum != old.forum or new.synlighed != old.synlighed:
        raise Skip("forum eller synlighed")
    if (new.dato, new.status) != (old.dato, old.status) and not date_pinned() and today is not None:
        if any(m.status == "afholdt" and m.dato >= today for m in (old, new)):
            raise Skip("dagen i dag kan flytte sig")
