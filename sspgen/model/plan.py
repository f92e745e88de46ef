"""The SSP plan (goals, prevention levels, methods, initiatives) and its yearly evaluation."""

from __future__ import annotations

from pydantic import Field

from .base import (
    SYNLIGHED_FIELD,
    Id,
    Markdown,
    Model,
    Ref,
    Synlighed,
    Tekst,
    Url,
    description,
    optional,
)


class PolitiskMaal(Model):
    """Et politisk mål, fastsat af kommunalbestyrelsen eller byrådet."""

    id: Id = description("Målets id, fx «oplevet-tryghed».")
    titel: Tekst = description("Kort titel, som i evalueringsskemaet, fx «Oplevet tryghed».")
    beskrivelse: Tekst = description("Målet, som kommunalbestyrelsen har formuleret det.")


class Forebyggelsesniveau(Model):
    """Et niveau i forebyggelsestrekanten."""

    id: Id = description("Niveauets id, fx «opbyggende».")
    navn: Tekst = description("Niveauets navn, fx «Det opbyggende niveau».")
    indsatstype: Tekst = description("Hvad indsatserne kaldes, fx «proaktive indsatser».")
    maalgruppe: Tekst | None = optional("Hvem niveauets indsatser retter sig mod.")
    beskrivelse: Markdown = description("Hvad der arbejdes med på niveauet.")


class Metode(Model):
    """En metode eller model, arbejdet bygger på (fx SNAP eller LØFT)."""

    id: Id = description("Metodens id, fx «snap».")
    navn: Tekst = description("Metodens navn, fx «Den løsningsfokuserede tilgang».")
    forkortelse: Tekst | None = optional("Forkortelse, fx «LØFT».")
    beskrivelse: Markdown = description("Hvad metoden går ud på.")
    kilde: Url | None = optional("Link til mere om metoden.")


class Indsats(Model):
    """En indsats, knyttet til politiske mål og et forebyggelsesniveau."""

    id: Id = description("Indsatsens id, fx «indsatser-paa-gadeplan».")
    navn: Tekst = description("Indsatsens navn, som i evalueringsskemaet.")
    beskrivelse: Markdown | None = optional("Hvad indsatsen er.")
    politiske_maal: list[Ref] = Field(..., min_length=1, description="Id'er på de politiske mål, indsatsen arbejder mod.")
    forebyggelsesniveau: Ref = description("Id på forebyggelsesniveauet.")
    ansvarlige: list[Ref] = optional("Id'er på de ansvarlige aktører.", [])
    pensum: Ref | None = optional("Id på Det sociale pensum, hvis indsatsen er det.")


class Afsnit(Model):
    """Et afsnit med tekst i planen."""

    id: Id = description("Afsnittets id.")
    titel: Tekst = description("Afsnittets overskrift.")
    tekst: Markdown = description("Afsnittets tekst.")


class Undersoegelse(Model):
    """En tilbagevendende undersøgelse, der indgår i evalueringen."""

    id: Id = description("Undersøgelsens id.")
    navn: Tekst = description("Undersøgelsens navn.")
    hyppighed: Tekst = description("Hvor ofte, fx «hvert andet år».")
    beskrivelse: Markdown = description("Hvad undersøgelsen viser og bruges til.")
    kilde: Url | None = optional("Link til undersøgelsen.")


class Plan(Model):
    """SSP-planen for en periode: `data/<kommune>/planer/<id>.yaml`."""

    id: Id = description("Planens id; skal være det samme som filnavnet, fx «ssp-plan-2022-2026».")
    titel: Tekst = description("Planens titel.")
    periode_fra: int = Field(..., ge=1990, le=2100, description="Første år i planperioden.")
    periode_til: int = Field(..., ge=1990, le=2100, description="Sidste år i planperioden.")
    indledning: Markdown = description("Planens indledning.")
    maal_indledning: Markdown | None = optional("Tekst før de politiske mål.")
    politiske_maal: list[PolitiskMaal] = Field(..., min_length=1, description="De politiske mål.")
    niveau_indledning: Markdown | None = optional("Tekst om forebyggelsestrekanten.")
    forebyggelsesniveauer: list[Forebyggelsesniveau] = Field(
        ..., min_length=1, description="Forebyggelsestrekantens niveauer, fra bunden og op."
    )
    metode_indledning: Markdown | None = optional("Tekst om den metodiske tilgang.")
    metoder: list[Metode] = optional("Metoder og modeller.", [])
    organisering: Markdown | None = optional("Tekst om organisering og samarbejdsfora.")
    indsatser: list[Indsats] = optional("Indsatserne.", [])
    afsnit: list[Afsnit] = optional("Øvrige afsnit, fx «Andre fokusområder».", [])
    evaluering: Markdown | None = optional("Hvordan planen og indsatserne evalueres.")
    evalueres_aar: int | None = Field(None, ge=1990, le=2100, description="Året, hvor hele planen evalueres.")
    undersoegelser: list[Undersoegelse] = optional("Undersøgelser, der indgår i evalueringen.", [])
    kilder: list[Ref] = optional("Id'er på dokumenter (fra kommune.yaml), planen henviser til.", [])
    synlighed: Synlighed = SYNLIGHED_FIELD


class Evalueringsraekke(Model):
    """En række i evalueringsskemaet: et mål × en indsats."""

    politisk_maal: Ref = description("Id på det politiske mål.")
    indsats: Ref = description("Id på indsatsen.")
    fungerer: Markdown | None = optional("Hvad fungerer.")
    fungerer_ikke: Markdown | None = optional("Hvad fungerer ikke.")
    skal_ske: Markdown | None = optional("Hvad skal ske fremadrettet.")


class Evaluering(Model):
    """Den årlige evaluering: `data/<kommune>/evalueringer/<id>.yaml`."""

    id: Id = description("Id; skal være det samme som filnavnet, fx «2025».")
    aar: int = Field(..., ge=1990, le=2100, description="Året, der evalueres.")
    plan: Ref = description("Id på den plan, der evalueres.")
    proces: Markdown | None = optional("Hvordan evalueringen er gennemført.")
    raekker: list[Evalueringsraekke] = Field(..., min_length=1, description="Evalueringsskemaets rækker.")
    synlighed: Synlighed = SYNLIGHED_FIELD
