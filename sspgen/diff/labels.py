"""Danish words for the diff: kind labels, group headings, field names and values."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from pydantic import BaseModel

from ..render import danish
from ..render.danish import dato, klokkeslaet

GROUP_HEADINGS = {
    "kommune": "Kommunen",
    "vokabular": "Vokabularer",
    "emnebank": "Emnebanken",
    "aktoerer": "Aktører",
    "fora": "Fora og netværk",
    "kommissorier": "Kommissorier",
    "funktionsbeskrivelser": "Funktionsbeskrivelser",
    "planer": "Planer",
    "evalueringer": "Evalueringer",
    "pensum": "Pensum",
    "moeder": "Møder",
    "begivenheder": "Begivenheder",
    "sider": "Tekstsider",
}
"""Headings per top-level kind, in the order the report lists them."""

TOP_LABELS = {
    "kommune": "Kommune",
    "vokabular": "Vokabular",
    "emnebank": "Emnebanken",
    "aktoerer": "Aktør",
    "fora": "Forum",
    "kommissorier": "Kommissorium",
    "funktionsbeskrivelser": "Funktionsbeskrivelse",
    "planer": "Plan",
    "evalueringer": "Evaluering",
    "pensum": "Pensum",
    "moeder": "Møde",
    "begivenheder": "Begivenhed",
    "sider": "Side",
}

NESTED_LABELS = {
    "PolitiskMaal": "Politisk mål",
    "Forebyggelsesniveau": "Forebyggelsesniveau",
    "Metode": "Metode",
    "Indsats": "Indsats",
    "Afsnit": "Afsnit",
    "Undersoegelse": "Undersøgelse",
    "Emne": "Emne",
    "Trin": "Trin",
    "Forloeb": "Forløb",
    "Kontakt": "Kontakt",
    "Dokument": "Dokument",
    "EmnebankEmne": "Emne i emnebanken",
    "ForumInstans": "Gruppe",
    "Sagsniveau": "Sagsniveau",
    "Maal": "Mål",
    "Beredskabsscenarie": "Situation i beredskabet",
    "Spor": "Spor",
    "Dagsordensskabelon": "Udgave af dagsordensskabelonen",
}
"""Items with an id inside a file, by model class name."""

VOCABULARY_LABELS = {
    "forumtyper": "Forumtype",
    "niveauer": "Niveau",
    "aktoertyper": "Aktørtype",
    "moedetyper": "Mødetype",
    "tendenser": "Tendens",
    "plantyper": "Plantype",
    "begivenhedstyper": "Begivenhedstype",
}

NATURAL_KEYS = {
    "Deltager": ("rolle", "aktoer"),
    "Skabelonpunkt": ("nummer",),
    "Dagsordenspunkt": ("nummer",),
    "Evalueringsraekke": ("politisk_maal", "indsats"),
    "Laeringsmaal": ("emne", "trin"),
    "Opfoelgning": ("opgave",),
    "Inviteret": ("navn",),
    "CprUndtagelse": ("vaerdi",),
    "Aktivitet": ("titel",),
}
"""How items without an id are recognised across revisions inside a list."""

_SPELLING = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))
_FIELD_EXCEPTIONS: dict[str, str] = {"id": "id", "slug": "slug"}


def field_label(name: str) -> str:
    """The YAML key in Danish spelling: «moedefrekvens» → «mødefrekvens», «varsel_dage» → «varsel dage»."""
    if name in _FIELD_EXCEPTIONS:
        return _FIELD_EXCEPTIONS[name]
    text = name.replace("_", " ")
    for ascii_, danish in _SPELLING:
        text = text.replace(ascii_, danish)
    return text


def _times(count: int, upper: int | None) -> str:
    if upper is not None and upper != count:
        return f"{count}-{upper} gange"
    return "1 gang" if count == 1 else f"{count} gange"


_PER = {"uge": "om ugen", "maaned": "om måneden", "kvartal": "i kvartalet", "aar": "om året"}


def moedefrekvens(value: Any, note: bool = True) -> str:
    parts = []
    if value.gange is not None and value.per is not None:
        parts.append(f"{_times(value.gange, value.gange_op_til)} {_PER.get(value.per, value.per)}")
    if value.efter_behov:
        parts.append("efter behov")
    text = " og ".join(parts) if parts else "ikke angivet"
    if value.ugedag:
        text += f", {value.ugedag}"
    if value.varighed_minutter:
        upper = value.varighed_minutter_op_til
        span = f"{value.varighed_minutter}-{upper}" if upper and upper != value.varighed_minutter else f"{value.varighed_minutter}"
        text += f", {span} minutter"
    if note and value.bemaerkning:
        text += f" ({value.bemaerkning})"
    return text


def maalgruppe(value: Any, note: bool = True) -> str:
    parts = [
        part
        for part in (
            danish.klassetrin_spaend(value.klassetrin_fra, value.klassetrin_til),
            danish.alder_interval(value.alder_fra, value.alder_til),
        )
        if part
    ]
    if note and value.beskrivelse:
        parts.append(value.beskrivelse)
    return ", ".join(parts) or "ikke angivet"


DESCRIBERS = {"Moedefrekvens": moedefrekvens, "Maalgruppe": maalgruppe}
"""Small models that read best as one phrase («2 gange om året») rather than field by field."""

DESCRIBER_NOTES = {"Moedefrekvens": "bemaerkning", "Maalgruppe": "beskrivelse"}
"""The free-text field of a described model; compared on its own (word diff) when both exist."""


def value_text(value: Any) -> str:
    """A value as a reader would say it."""
    if value is None:
        return "ingenting"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, date):
        return dato(value)
    if isinstance(value, time):
        return klokkeslaet(value)
    if isinstance(value, BaseModel):
        describe = DESCRIBERS.get(type(value).__name__)
        if describe is not None:
            return describe(value)
        return item_summary(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value) or "ingenting"
    return " ".join(str(value).split())


def item_summary(item: Any) -> str:
    """A short name for a list item without an id: its natural key, else its first text."""
    if not isinstance(item, BaseModel):
        return value_text(item)
    name = type(item).__name__
    keys = NATURAL_KEYS.get(name)
    if name in ("Dagsordenspunkt", "Skabelonpunkt"):
        return f"punkt {item.nummer} {item.titel}"
    if keys:
        return " – ".join(value_text(getattr(item, k)) for k in keys if getattr(item, k) is not None)
    for field in ("navn", "titel", "rolle", "opgave", "tekst"):
        if isinstance(getattr(item, field, None), str):
            return value_text(getattr(item, field))
    return value_text(next(iter(item.model_dump().values()), ""))
