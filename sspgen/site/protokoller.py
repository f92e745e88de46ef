"""«Dagsordener og beslutningsprotokoller»: the public documents of fora that publish them.

A forum with `offentlig_dagsorden: ja` publishes its agendas and decision protocols; so does
any public meeting that carries a signed `beslutningsprotokol`. The public site lists them per
forum, newest first, on one page a citizen can find from the menu. Each meeting is named by
the document it is: «Dagsorden» before the meeting, «Referat» after, «Beslutningsprotokol»
once a protocol is signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..render.danish import dato, sorteringsnoegle

URL = "dagsordener/"
TITLE = "Dagsordener og beslutningsprotokoller"


def dokumenttype(moede: Any) -> str:
    """The document a meeting's page is, as a citizen would name it."""
    if moede.beslutningsprotokol is not None:
        return "Beslutningsprotokol"
    if moede.status == "afholdt":
        return "Referat"
    if moede.status == "aflyst":
        return "Aflyst møde"
    return "Dagsorden"


def dokumenttitel(moede: Any, forum_navn: str) -> str:
    """«Beslutningsprotokol, Styregruppen for …, 5. marts 2026»."""
    return f"{dokumenttype(moede)}, {forum_navn}, {dato(moede.dato)}"


@dataclass(frozen=True)
class ForumDokumenter:
    forum: Any
    moeder: list[Any]
    """Newest first."""

    @property
    def dokumenter(self) -> list[tuple[Any, str]]:
        """Each meeting with the name of its document, for the list."""
        return [(moede, dokumenttype(moede)) for moede in self.moeder]


def offentlige_dokumenter(fora: dict[str, Any], moeder: list[Any]) -> list[ForumDokumenter]:
    """Per forum (by name), the meetings whose agenda or protocol is public, newest first.

    `fora` and `moeder` are the public view's, so nothing intranet-only can appear here."""
    pr_forum: dict[str, list[Any]] = {}
    for moede in moeder:
        forum = fora.get(moede.forum)
        if forum is None:
            continue
        if forum.offentlig_dagsorden or moede.beslutningsprotokol is not None:
            pr_forum.setdefault(moede.forum, []).append(moede)
    result = [
        ForumDokumenter(fora[fid], sorted(items, key=lambda m: (m.dato, m.tid or "", m.id), reverse=True))
        for fid, items in pr_forum.items()
    ]
    return sorted(result, key=lambda f: sorteringsnoegle(f.forum.navn))


def underskrivere(moede: Any, forum: Any | None) -> list[dict[str, str | None]]:
    """One line per signer of a protocol: the role as written, and a name only where the data
    holds one. The forum's `sammensaetning` has roles and bodies, no names of persons, so no name
    is made up here; the body the role comes from stands in its place."""
    protokol = moede.beslutningsprotokol
    if protokol is None:
        return []
    pladser = {d.rolle: d for d in (forum.sammensaetning if forum is not None else [])}
    linjer = []
    for rolle in protokol.underskrevet_af:
        plads = pladser.get(rolle)
        navn = getattr(plads, "navn", None) if plads is not None else None
        linjer.append({"rolle": rolle, "navn": navn, "aktoer": plads.aktoer if plads is not None else None})
    return linjer
