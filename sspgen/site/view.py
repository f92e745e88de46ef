"""The data a site may see, and lookups over it.

The public site is built from `public_view(data)`: a copy of the municipality's data in which
nothing intranet-only exists at all. Its pages cannot show what is not there, so there is no
stripping of HTML afterwards and no template can leak by forgetting an `if`.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator

from ..model import Begreb, Dagsordenspunkt
from ..validate.load import KommuneData, Located


def _public(entities: dict[str, Located[Any]]) -> dict[str, Located[Any]]:
    return {key: item for key, item in entities.items() if item.value.synlighed == "offentlig"}


CLOSED_TITLE = "Lukket punkt"
"""What the public site shows for a closed point (``synlighed: intern``) of a public meeting.

The point keeps its number, so readers see why the numbering jumps and that something was
dealt with behind closed doors, as in a council's published agenda; its title is left out
because a title alone can say too much («Uro ved Øster Skole»)."""


def _closed(punkt: Any) -> Any:
    return Dagsordenspunkt(nummer=punkt.nummer, titel=CLOSED_TITLE)


def _open_points(points: list[Any]) -> list[Any]:
    return [
        _closed(p) if p.synlighed == "intern" else p.model_copy(update={"underpunkter": _open_points(p.underpunkter)})
        for p in points
    ]


def _without_closed_points(moede: Located[Any]) -> Located[Any]:
    """The meeting as the public may see it: every closed point (and all under it) replaced by
    a bare «Lukket punkt». Everything public is built from this copy: page, fragment, PDF,
    calendar feed and search index cannot show the closed text, because it is not there."""
    if not any(p.synlighed == "intern" for p in _all_points(moede.value.dagsorden)):
        return moede
    return Located(moede.value.model_copy(update={"dagsorden": _open_points(moede.value.dagsorden)}), moede.source)


def _all_points(points: list[Any]) -> Iterator[Any]:
    for punkt in points:
        yield punkt
        yield from _all_points(punkt.underpunkter)


def public_view(data: KommuneData) -> KommuneData:
    """Only what says `synlighed: offentlig`; references to the rest resolve to nothing."""
    kommune = data.kommune
    if kommune is not None:
        value = kommune.value.model_copy(
            update={
                "kontakter": [k for k in kommune.value.kontakter if k.synlighed == "offentlig"],
                "dokumenter": [d for d in kommune.value.dokumenter if d.synlighed == "offentlig"],
                "cpr_undtagelser": [],
            }
        )
        kommune = Located(value, kommune.source)
    fora = _public(data.fora)
    # A meeting is public only when it says so and its forum is public too: a public agenda of
    # a body the public site does not know would be a page without context.
    moeder = {
        key: _without_closed_points(item)
        for key, item in _public(data.moeder).items()
        if item.value.forum in fora
    }
    return dataclasses.replace(
        data,
        kommune=kommune,
        emnebank=None,  # the topic bank is the networks' working tool: intranet only
        aktoerer=_public(data.aktoerer),
        fora=fora,
        kommissorier=_public(data.kommissorier),
        funktionsbeskrivelser=_public(data.funktionsbeskrivelser),
        planer=_public(data.planer),
        evalueringer=_public(data.evalueringer),
        pensum=_public(data.pensum),
        moeder=moeder,
        begivenheder=_public(data.begivenheder),
        sider={key: item for key, item in data.sider.items() if item.value.side.synlighed == "offentlig"},
        sources=[],
    )


def has_fragments(data: KommuneData) -> bool:
    """Whether the public site gets CMS fragments: every public page but the front page and the
    search page has one (site/builder.py), so any public content that makes a page."""
    view = public_view(data)
    kontakter = view.kommune.value.kontakter if view.kommune else []
    return bool(
        view.sider or view.fora or view.kommissorier or view.moeder or view.planer or view.evalueringer
        or view.pensum or view.funktionsbeskrivelser or view.aktoerer or kontakter
    )


class Lookup:
    """Resolve ids within one view. Whatever the view lacks resolves to None."""

    def __init__(self, data: KommuneData) -> None:
        self.data = data
        self.kommune = data.kommune.value if data.kommune else None
        self._vocab: dict[str, dict[str, Begreb]] = {
            name: {item.id: item for item in getattr(data.vokabular, name)}
            for name in ("forumtyper", "niveauer", "aktoertyper", "moedetyper", "tendenser", "plantyper",
                         "begivenhedstyper")
        }
        self._kontakter = {k.id: k for k in (self.kommune.kontakter if self.kommune else [])}
        self._dokumenter = {d.id: d for d in (self.kommune.dokumenter if self.kommune else [])}
        self._spor = {s.id: s for s in (self.kommune.spor if self.kommune else [])}
        self._emne_titler: dict[str, str] | None = None

    def _get(self, entities: dict[str, Located[Any]], entity_id: str | None) -> Any:
        if entity_id is None:
            return None
        found = entities.get(entity_id)
        return found.value if found is not None else None

    def aktoer(self, entity_id: str | None) -> Any:
        return self._get(self.data.aktoerer, entity_id)

    def forum(self, entity_id: str | None) -> Any:
        return self._get(self.data.fora, entity_id)

    def kommissorium(self, entity_id: str | None) -> Any:
        return self._get(self.data.kommissorier, entity_id)

    def moede(self, entity_id: str | None) -> Any:
        return self._get(self.data.moeder, entity_id)

    def plan(self, entity_id: str | None) -> Any:
        return self._get(self.data.planer, entity_id)

    def pensum(self, entity_id: str | None) -> Any:
        return self._get(self.data.pensum, entity_id)

    def kontakt(self, entity_id: str | None) -> Any:
        return self._kontakter.get(entity_id) if entity_id else None

    def dokument(self, entity_id: str | None) -> Any:
        return self._dokumenter.get(entity_id) if entity_id else None

    def spor(self, entity_id: str | None) -> Any:
        """A strand from kommune.yaml («spor»)."""
        return self._spor.get(entity_id) if entity_id else None

    def kontakter_om(self, emne: str) -> list[Any]:
        """Contacts tagged with a topic, in data order (the order staff chose)."""
        return [k for k in self._kontakter.values() if emne in k.emner]

    def emne_titler(self, ids: list[str]) -> list[str]:
        """Titles of topic-bank entries (none in the public view, which has no topic bank)."""
        if self.data.emnebank is None:
            return []
        if self._emne_titler is None:  # every meeting page asks; the topic bank is fixed per build
            self._emne_titler = {e.id: e.titel for e in self.data.emnebank.value.emner}
        titles = self._emne_titler
        return [titles[i] for i in ids if i in titles]

    def begreb(self, vokabular: str, entity_id: str | None) -> Begreb | None:
        if entity_id is None:
            return None
        return self._vocab[vokabular].get(entity_id)

    def navn(self, vokabular: str, entity_id: str | None) -> str:
        """A vocabulary value's display name (the id itself if the vocabulary lacks it)."""
        found = self.begreb(vokabular, entity_id)
        return found.navn if found is not None else (entity_id or "")

    def niveauer(self) -> list[tuple[str, str]]:
        """(id, display name) of the levels, in the vocabulary's order (top to bottom)."""
        return [(b.id, b.navn) for b in self.data.vokabular.niveauer]

    def niveau_orden(self) -> list[str]:
        return list(self._vocab["niveauer"])

    def source(self, entities: dict[str, Located[Any]], entity_id: str) -> str | None:
        found = entities.get(entity_id)
        return found.source.path if found is not None else None
