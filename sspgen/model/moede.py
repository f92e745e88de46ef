"""Meetings (agenda before, record after) and the topic bank."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import (
    SYNLIGHED_FIELD,
    Dato,
    Id,
    JaNej,
    Klokkeslaet,
    Markdown,
    Model,
    Ref,
    Synlighed,
    Tekst,
    description,
    optional,
)


class Opfoelgning(Model):
    """En opfølgning med ansvarlig aktør og frist."""

    opgave: Tekst = description("Hvad der skal gøres.")
    ansvarlig: Ref = description("Id på den ansvarlige aktør.")
    frist: Dato | None = optional("Frist (ÅÅÅÅ-MM-DD).")
    status: Literal["aaben", "afsluttet"] = Field("aaben", description="«aaben» eller «afsluttet».")


class Dagsordenspunkt(Model):
    """Et dagsordenspunkt: dagsordenen før mødet, referatet efter."""

    nummer: int = Field(..., ge=1, le=99, description="Punktets nummer i mødets dagsorden.")
    titel: Tekst = description(
        "Punktets overskrift: skabelonpunktets titel, evt. gjort mere præcis efter et kolon, "
        "fx «Tema: Sociale medier»."
    )
    skabelonpunkt: int | None = Field(
        None,
        ge=1,
        le=99,
        description="Nummeret på det punkt i dagsordensskabelonen, punktet følger; kun nødvendigt, "
        "når titlen ikke er skabelonpunktets titel.",
    )
    spoergsmaal: list[Tekst] = optional("Underspørgsmål til punktet.", [])
    beskrivelse: Markdown | None = optional("Hvad punktet handler om (dagsordenen).")
    noter: Markdown | None = optional("Referat af drøftelsen, på et overordnet niveau.")
    tendenser: list[Ref] = optional("Id'er på tendenser, der blev drøftet (fra vokabularet).", [])
    beslutninger: list[Tekst] = optional("Beslutninger.", [])
    opfoelgning: list[Opfoelgning] = optional("Opfølgning: opgave, ansvarlig og frist.", [])
    enkeltsager: JaNej = Field(
        False,
        description="ja, hvis punktet handler om enkeltsager; så må punktet ikke have tekst ud over "
        "skabelonens titel og spørgsmål (sager hører til i sagssystemet).",
    )
    underpunkter: list["Dagsordenspunkt"] = optional(
        "Underpunkter, hvert med nummer, titel og sit eget referat.", []
    )
    synlighed: Synlighed | None = optional(
        "«intern» gør punktet lukket i et ellers offentligt møde: den offentlige hjemmeside viser "
        "kun «Lukket punkt». Udelades, når punktet har mødets synlighed."
    )


class Beslutningsprotokol(Model):
    """En underskrevet beslutningsprotokol for et møde."""

    underskrevet: Dato = description("Datoen, protokollen blev underskrevet.")
    underskrevet_af: list[Tekst] = Field(..., min_length=1, description="Hvem der har underskrevet (roller).")


class Moede(Model):
    """Et møde: `data/<kommune>/moeder/<id>.yaml`, id fx «2026-01-13-vester»."""

    id: Id = description("Mødets id; skal være det samme som filnavnet, fx «2025-01-14-oester».")
    forum: Ref = description("Id på forummet, der holder mødet.")
    type: Id = description("Mødetype fra vokabularet, fx netvaerksmoede eller faellesmoede.")
    titel: Tekst | None = optional(
        "Mødets titel, hvis den ikke blot er forummets navn (ikke for fora med kun metadata, fx §115)."
    )
    dato: Dato = description("Mødets dato (ÅÅÅÅ-MM-DD).")
    tid: Klokkeslaet | None = optional("Starttidspunkt, fx 14.00.")
    slut: Klokkeslaet | None = optional("Sluttidspunkt, fx 16.00.")
    sted: Tekst | None = optional(
        "Hvor mødet holdes. For fora med kun metadata (§115): forummets «sted» eller et af dets «andre_steder»."
    )
    status: Literal["planlagt", "afholdt", "aflyst"] = description("«planlagt», «afholdt» eller «aflyst».")
    indkaldt: Dato | None = optional("Datoen, indkaldelsen blev (eller skal) sendes.")
    deltagende_aktoerer: list[Ref] = optional("Id'er på de aktører, der deltog.", [])
    oplaeg: Tekst | None = optional("Oplæg på mødet (emne og oplægsholder som organisation).")
    dagsorden: list[Dagsordenspunkt] = optional("Dagsordenens punkter.", [])
    antal_sager: int | None = Field(
        None, ge=0, le=10000, description="Antal behandlede sager (kun tallet; for akutgruppen)."
    )
    nye_emner: list[Ref] = optional("Id'er på emner, mødet lagde i emnebanken.", [])
    beslutningsprotokol: Beslutningsprotokol | None = optional("Underskrevet beslutningsprotokol.")
    synlighed: Synlighed = SYNLIGHED_FIELD

    def alle_punkter(self) -> list[Dagsordenspunkt]:
        """Every agenda point, sub-points included (depth first), for trends and follow-ups."""
        found: list[Dagsordenspunkt] = []

        def walk(points: list[Dagsordenspunkt]) -> None:
            for punkt in points:
                found.append(punkt)
                walk(punkt.underpunkter)

        walk(self.dagsorden)
        return found


class EmnebankEmne(Model):
    """Et emne, der er foreslået til et senere møde."""

    id: Id = description("Emnets id, fx «sociale-medier».")
    titel: Tekst = description("Emnet.")
    beskrivelse: Tekst | None = optional("Hvad emnet går ud på.")
    foreslaaet_af: Ref | None = optional("Id på den aktør, der foreslog emnet.")
    fora: list[Ref] = optional("Id'er på de fora, emnet er relevant for.", [])
    status: Literal["foreslaaet", "planlagt", "behandlet", "droppet"] = Field(
        "foreslaaet", description="«foreslaaet», «planlagt», «behandlet» eller «droppet»."
    )
    behandlet_paa: list[Ref] = optional("Id'er på de møder, hvor emnet blev taget op.", [])


class Emnebank(Model):
    """Emnebanken: `data/<kommune>/emnebank.yaml`."""

    emner: list[EmnebankEmne] = optional("Emnerne i emnebanken.", [])
