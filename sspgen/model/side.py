"""Prose pages: `content/<kommune>/<id>.md`, front matter plus a Markdown body."""

from __future__ import annotations

from pydantic import Field

from .base import SYNLIGHED_FIELD, Dato, Id, Model, Synlighed, Tekst, description, optional


class Side(Model):
    """Forsiden (front matter) af en tekstside."""

    titel: Tekst = description("Sidens titel.")
    beskrivelse: Tekst | None = optional("Kort resumé (vises i oversigter og søgning).")
    raekkefoelge: int = Field(100, ge=0, le=10000, description="Sidens plads i menuen; lavest først.")
    opdateret: Dato | None = optional(
        "Dato for seneste ændring af sidens tekst. Vises som «Sidst opdateret»; uden feltet "
        "bruges datoen for den seneste commit, der ændrede selve sidens fil."
    )
    gennemgaas_senest: Dato | None = optional(
        "Dato, hvor siden senest skal gennemgås. Når datoen er passeret, advarer «sspgen check», "
        "så teksten ikke står uændret med forældede løfter."
    )
    forfatter: Tekst | None = optional("Hvem siden er skrevet af, fx «Brøndby Kommune».")
    fora: list[Id] = optional("Id'er på fora, siden viser en oversigt over.", [])
    synlighed: Synlighed = SYNLIGHED_FIELD
