"""Plans of every kind (the political SSP plan with goals, prevention levels, methods and
initiatives; action plans, yearly plans and wheels, preparedness plans) and the yearly evaluation."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .base import (
    GYLDIG_FRA,
    GYLDIG_TIL,
    SYNLIGHED_FIELD,
    Dato,
    Id,
    JaNej,
    Markdown,
    Model,
    Ref,
    Synlighed,
    Tekst,
    Url,
    description,
    check_gyldighed,
    optional,
)

Maaned = Annotated[int, Field(ge=1, le=12)]


class PolitiskMaal(Model):
    """Et politisk mål, fastsat af kommunalbestyrelsen eller byrådet."""

    id: Id = description("Målets id, fx «oplevet-tryghed».")
    titel: Tekst = description("Kort titel, som i evalueringsskemaet, fx «Oplevet tryghed».")
    beskrivelse: Tekst | None = optional("Målet, som kommunalbestyrelsen har formuleret det.")


class Forebyggelsesniveau(Model):
    """Et niveau i forebyggelsestrekanten."""

    id: Id = description("Niveauets id, fx «opbyggende».")
    navn: Tekst = description("Niveauets navn, fx «Det opbyggende niveau».")
    indsatstype: Tekst | None = optional("Hvad indsatserne kaldes, fx «proaktive indsatser».")
    maalgruppe: Tekst | None = optional("Hvem niveauets indsatser retter sig mod.")
    beskrivelse: Markdown | None = optional("Hvad der arbejdes med på niveauet.")


class Metode(Model):
    """En metode eller model, arbejdet bygger på (fx SNAP eller LØFT)."""

    id: Id = description("Metodens id, fx «snap».")
    navn: Tekst = description("Metodens navn, fx «Den løsningsfokuserede tilgang».")
    forkortelse: Tekst | None = optional("Forkortelse, fx «LØFT».")
    beskrivelse: Markdown | None = optional("Hvad metoden går ud på.")
    kilde: Url | None = optional("Link til mere om metoden.")


class Indsats(Model):
    """En indsats, knyttet til politiske mål og et forebyggelsesniveau."""

    id: Id = description("Indsatsens id, fx «indsatser-paa-gadeplan».")
    navn: Tekst = description("Indsatsens navn, som i evalueringsskemaet.")
    beskrivelse: Markdown | None = optional("Hvad indsatsen er.")
    politiske_maal: list[Ref] = optional("Id'er på de politiske mål, indsatsen arbejder mod.", [])
    forebyggelsesniveau: Ref | None = optional("Id på forebyggelsesniveauet.")
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
    hyppighed: Tekst | None = optional("Hvor ofte, fx «hvert andet år».")
    beskrivelse: Markdown | None = optional("Hvad undersøgelsen viser og bruges til.")
    kilde: Url | None = optional("Link til undersøgelsen.")


class Maal(Model):
    """Et mål i en handleplan: hvad der skal nås, hvem der står for det, og hvornår."""

    id: Id = description("Målets id, fx «flere-voksne-i-byrummet».")
    titel: Tekst = description("Målet kort, fx «Flere voksne i byrummet om aftenen».")
    beskrivelse: Markdown | None = optional("Målet uddybet: hvad der skal ske, og hvordan det måles.")
    ansvarlige: list[Ref] = optional("Id'er på de aktører, der står for målet.", [])
    frist: Dato | None = optional("Hvornår målet skal være nået (ÅÅÅÅ-MM-DD).")
    status: Tekst | None = optional("Hvor langt målet er, med ord, fx «i gang» eller «nået».")


class Aktivitet(Model):
    """En aktivitet i en årsplan eller et årshjul: en måned eller en dato og hvad der sker."""

    id: Id | None = optional("Aktivitetens id, hvis andre steder skal kunne henvise til den.")
    titel: Tekst = description("Hvad der sker, fx «Forældremøder i 7. klasse».")
    maaned: Maaned | None = optional(
        "Måneden som tal (1 = januar, 12 = december), når aktiviteten ikke har en fast dato."
    )
    dato: Dato | None = optional("Datoen (ÅÅÅÅ-MM-DD), når aktiviteten har en fast dag.")
    beskrivelse: Markdown | None = optional("Aktiviteten uddybet.")
    ansvarlige: list[Ref] = optional("Id'er på de aktører, der står for aktiviteten.", [])
    forum: Ref | None = optional("Id på det forum, aktiviteten hører til.")

    @model_validator(mode="after")
    def _when(self) -> "Aktivitet":
        if self.maaned is None and self.dato is None:
            raise ValueError("angiv «maaned» (1-12) eller «dato» (ÅÅÅÅ-MM-DD), så aktiviteten kan stå i årshjulet")
        if self.maaned is not None and self.dato is not None and self.dato.month != self.maaned:
            raise ValueError(
                f"«maaned: {self.maaned}» passer ikke med «dato: {self.dato.isoformat()}»; "
                f"slet «maaned», når aktiviteten har en dato"
            )
        return self

    @property
    def maaned_nr(self) -> int:
        """The month the activity falls in (from «maaned» or «dato»)."""
        return self.maaned if self.maaned is not None else self.dato.month  # type: ignore[union-attr]


class Beredskabsscenarie(Model):
    """En situation i en beredskabsplan: hvad der udløser den, hvad der gøres, og hvem der gør det."""

    id: Id = description("Situationens id, fx «nytaarsaften» eller «uro-i-bydel».")
    titel: Tekst = description("Situationen kort, fx «Uro i et boligområde».")
    udloeser: Tekst = description("Hvad der sætter beredskabet i gang, fx «politiet melder om uro».")
    handlinger: list[Tekst] = Field(..., min_length=1, description="Hvad der gøres, i rækkefølge, en pr. linje.")
    ansvarlige: list[Ref] = optional("Id'er på de aktører, der handler.", [])
    forudsigelig: JaNej = Field(
        False,
        description="ja for en begivenhed, man kan se komme (fx nytårsaften eller sankthans); "
        "nej (standard) for akut uro.",
    )


class Plan(Model):
    """En plan: `data/<kommune>/planer/<id>.yaml` (en SSP-plan, handleplan, årsplan, et årshjul eller en beredskabsplan).

    Planen viser de dele, den har: en SSP-plan politiske mål og en forebyggelsestrekant, en
    handleplan mål med ansvarlige og frister, en årsplan eller et årshjul aktiviteter måned for
    måned og en beredskabsplan situationer med udløser, handlinger og ansvarlige."""

    id: Id = description("Planens id; skal være det samme som filnavnet, fx «ssp-plan-2022-2026».")
    titel: Tekst = description("Planens titel.")
    type: Id = Field(
        "ssp-plan",
        description="Plantypen fra vokabularet «plantyper»: ssp-plan (standard), handleplan, "
        "aarsplan, aarshjul eller beredskabsplan.",
    )
    periode_fra: int | None = Field(None, ge=1990, le=2100, description="Første år i planperioden.")
    periode_til: int | None = Field(None, ge=1990, le=2100, description="Sidste år i planperioden.")
    gyldig_fra: Dato | None = GYLDIG_FRA
    gyldig_til: Dato | None = GYLDIG_TIL
    omraade: Tekst | None = optional("Det lokalområde eller distrikt, planen gælder for, fx «Øster».")
    forum: Ref | None = optional("Id på det forum, der ejer planen.")
    indledning: Markdown | None = optional("Planens indledning.")
    maal_indledning: Markdown | None = optional("Tekst før de politiske mål.")
    politiske_maal: list[PolitiskMaal] = optional("De politiske mål (i en politisk vedtaget SSP-plan).", [])
    niveau_indledning: Markdown | None = optional("Tekst om forebyggelsestrekanten.")
    forebyggelsesniveauer: list[Forebyggelsesniveau] = optional(
        "Forebyggelsestrekantens niveauer, fra bunden og op.", []
    )
    maal: list[Maal] = optional("Mål med ansvarlige og frister (i en handleplan).", [])
    aktiviteter: list[Aktivitet] = optional("Aktiviteter måned for måned (i en årsplan eller et årshjul).", [])
    beredskab: list[Beredskabsscenarie] = optional(
        "Situationer og hvad der gøres i dem (i en beredskabsplan).", []
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

    @model_validator(mode="after")
    def _periods(self) -> "Plan":
        if self.periode_fra is not None and self.periode_til is not None and self.periode_til < self.periode_fra:
            raise ValueError("periode_til må ikke ligge før periode_fra")
        check_gyldighed(self.gyldig_fra, self.gyldig_til)
        return self


class Evalueringsraekke(Model):
    """En række i evalueringsskemaet: et mål × en indsats."""

    politisk_maal: Ref | None = optional("Id på det politiske mål; udelades, når planen ikke har politiske mål.")
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
