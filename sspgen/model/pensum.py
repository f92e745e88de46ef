"""Det sociale pensum: learning objectives per topic and grade band, and the initiatives."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import (
    SYNLIGHED_FIELD,
    Id,
    Klassetrin,
    Markdown,
    Model,
    Ref,
    Synlighed,
    Tekst,
    description,
    optional,
)


class Emne(Model):
    """Et emne i pensummet med dets overordnede læringsmål."""

    id: Id = description("Emnets id, fx «faellesskaber».")
    navn: Tekst = description("Emnets navn, fx «Fællesskaber».")
    overordnet_maal: Tekst | None = optional("Det overordnede læringsmål for emnet.")


class Trin(Model):
    """Et trin (en gruppe af klassetrin), fx indskoling og SFO (0.–3. klasse)."""

    id: Id = description("Trinnets id, fx «indskoling».")
    navn: Tekst = description("Trinnets navn, fx «Indskoling og SFO».")
    klassetrin_fra: Klassetrin = description("Første klassetrin i trinnet.")
    klassetrin_til: Klassetrin = description("Sidste klassetrin i trinnet.")

    @model_validator(mode="after")
    def _ordered(self) -> "Trin":
        if self.klassetrin_fra > self.klassetrin_til:
            raise ValueError("klassetrin_fra må ikke være større end klassetrin_til")
        return self


class Laeringsmaal(Model):
    """Et læringsmål for et emne på et trin (eller for trinnet alene)."""

    emne: Ref | None = optional("Id på emnet; udelades for et særskilt mål for trinnet.")
    trin: Ref = description("Id på trinnet.")
    tekst: Tekst = description("Læringsmålet.")


class Forloeb(Model):
    """Et forløb (en indsats) i pensummet for bestemte klassetrin."""

    id: Id = description("Forløbets id.")
    navn: Tekst = description("Forløbets navn.")
    beskrivelse: Markdown | None = optional("Hvad forløbet går ud på.")
    emner: list[Ref] = Field(..., min_length=1, description="Id'er på de emner, forløbet dækker.")
    klassetrin: list[Klassetrin] = Field(..., min_length=1, description="De klassetrin, forløbet er for.")
    status: Literal["obligatorisk", "anbefalet"] = description("«obligatorisk» eller «anbefalet».")
    udbydere: list[Ref] = optional("Id'er på de aktører, der kan varetage forløbet.", [])


class Pensum(Model):
    """Det sociale pensum: `data/<kommune>/pensum/<id>.yaml`."""

    id: Id = description("Id; skal være det samme som filnavnet, fx «det-sociale-pensum».")
    titel: Tekst = description("Titel, fx «Det sociale pensum».")
    plan: Ref | None = optional("Id på den SSP-plan, pensummet hører til.")
    beskrivelse: Markdown | None = optional("Hvad pensummet er, og hvordan det bruges.")
    emner: list[Emne] = Field(..., min_length=1, description="Emnerne.")
    trin: list[Trin] = Field(..., min_length=1, description="Trinnene (klassetrinsgrupper).")
    laeringsmaal: list[Laeringsmaal] = optional("Læringsmål pr. emne og trin.", [])
    forloeb: list[Forloeb] = optional("Obligatoriske og anbefalede forløb.", [])
    obligatorisk: Literal["forloeb", "laeringsmaal"] = Field(
        "forloeb",
        description="Hvad der er obligatorisk: «forloeb» (hvert klassetrin skal have obligatoriske "
        "forløb) eller «laeringsmaal» (læringsmålene pr. trin er obligatoriske, forløbene kun "
        "anbefalede).",
    )
    varetages_af: Tekst | None = optional("Hvem der kan varetage forløbene, med ord.")
    mindst_pr_klassetrin: int = Field(
        1, ge=0, le=20, description="Mindste antal obligatoriske forløb pr. klassetrin."
    )
    daekning_fra: Klassetrin = Field(0, description="Første klassetrin, dækningsreglen gælder for.")
    daekning_til: Klassetrin = Field(9, description="Sidste klassetrin, dækningsreglen gælder for.")
    evaluering: Markdown | None = optional("Hvordan pensummet evalueres.")
    synlighed: Synlighed = SYNLIGHED_FIELD
