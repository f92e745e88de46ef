"""The municipality itself, its public contact points and documents, and its vocabularies."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from .base import (
    GYLDIG_FRA,
    GYLDIG_TIL,
    SYNLIGHED_FIELD,
    Alder,
    Dato,
    HttpsAdresse,
    Id,
    JaNej,
    Klassetrin,
    Markdown,
    Model,
    Ref,
    Synlighed,
    Tekst,
    Url,
    check_gyldighed,
    description,
    optional,
)


class Maalgruppe(Model):
    """Hvem arbejdet retter sig mod: klassetrin, alder eller begge."""

    klassetrin_fra: Klassetrin | None = optional("Laveste klassetrin (0 = børnehaveklasse).")
    klassetrin_til: Klassetrin | None = optional("Højeste klassetrin (10 = 10. klasse).")
    alder_fra: Alder | None = optional("Laveste alder i år; udelades, hvis kun den højeste er kendt.")
    alder_til: Alder | None = optional(
        "Højeste alder i år (kan gå ud over 18, fx 25 eller 30); udelades, hvis kun den laveste er kendt."
    )
    beskrivelse: Tekst | None = optional("Målgruppen med ord, som den står i planen.")

    @model_validator(mode="after")
    def _has_range(self) -> "Maalgruppe":
        # One bound is enough («op til 24 år», «fra 18 år»): a source often states only one.
        given = (self.klassetrin_fra, self.klassetrin_til, self.alder_fra, self.alder_til, self.beskrivelse)
        if all(value is None for value in given):
            raise ValueError("angiv klassetrin, alder eller en beskrivelse af målgruppen")
        for low, high, what in (
            (self.klassetrin_fra, self.klassetrin_til, "klassetrin"),
            (self.alder_fra, self.alder_til, "alder"),
        ):
            if low is not None and high is not None and low > high:
                raise ValueError(f"{what}_fra må ikke være større end {what}_til")
        return self


class Spor(Model):
    """Et spor i SSP-arbejdet med sin egen målgruppe, fx et SSP+-spor for 18-25-årige."""

    id: Id = description("Sporets id, fx «ssp-plus».")
    navn: Tekst = description("Sporets navn, fx «SSP+ for de 18-25-årige».")
    maalgruppe: Maalgruppe = description("Hvem sporet retter sig mod.")
    beskrivelse: Markdown | None = optional("Hvad sporet er, og hvordan der arbejdes i det.")
    ansvarlig: Ref | None = optional("Id på den aktør, der står for sporet.")
    gyldig_fra: Dato | None = GYLDIG_FRA
    gyldig_til: Dato | None = GYLDIG_TIL

    @model_validator(mode="after")
    def _period(self) -> "Spor":
        check_gyldighed(self.gyldig_fra, self.gyldig_til)
        return self


class Kontakt(Model):
    """Et kontaktpunkt. Telefonnumre og e-mailadresser hører til her og ingen andre steder."""

    id: Id = description("Kort id for kontakten, fx «ssp-koordinator».")
    navn: Tekst = description("Personens eller enhedens navn.")
    titel: Tekst | None = optional("Stilling eller funktion, fx «SSP-koordinator».")
    enhed: Tekst | None = optional("Enhed eller afdeling, fx «SSP og Ungeenheden».")
    telefon: list[Tekst] = optional("Telefonnumre.", [])
    email: Tekst | None = optional("E-mailadresse.")
    emner: list[Id] = optional(
        "Hvad man kan kontakte om, fx «radikalisering»; bruges til at vise kontakten under "
        "det rette afsnit.",
        [],
    )
    omraade: Tekst | None = optional(
        "Det område, kontakten dækker, når rollen findes i flere områder, fx «Distrikt Nord»."
    )
    fora: list[Ref] = optional(
        "Id'er på de fora eller grupper (også en gruppe under «instanser»), kontakten er "
        "kontaktperson for; kontakten vises så på deres sider.",
        [],
    )
    synlighed: Synlighed = SYNLIGHED_FIELD


class Dokument(Model):
    """Et dokument eller en webside, SSP-arbejdet henviser til (en plan som PDF, en lov, en undersøgelse)."""

    id: Id = description("Kort id for dokumentet, fx «ssp-plan-pdf».")
    titel: Tekst = description("Dokumentets titel, som den skal stå i linket.")
    url: Url = description("Webadresse (https://…).")
    beskrivelse: Tekst | None = optional("Kort beskrivelse af, hvad dokumentet er.")
    synlighed: Synlighed = SYNLIGHED_FIELD


class CprUndtagelse(Model):
    """Et tal, der ligner et CPR-nummer, men som er kontrolleret og ikke er det."""

    vaerdi: Tekst = description(
        "Tallet, som det står i data, fx et sagsnummer. Det sammenlignes på de ti cifre, så "
        "bindestreg, mellemrum og punktummer er ligegyldige."
    )
    begrundelse: Tekst = description("Hvorfor det ikke er et CPR-nummer.")


FragmentNiveau = Annotated[int, Field(ge=1, le=6)]


class Sagsniveau(Model):
    """Et sagsniveau: hvor alvorlig en sag er, og hvilke fora der tager sig af den."""

    id: Id = description("Kort id, fx «niveau-1».")
    navn: Tekst = description("Navnet, fx «Niveau 1: bekymring».")
    beskrivelse: Tekst | None = optional("Hvilke sager der hører til niveauet.")
    fora: list[Ref] = optional("Id'er på de fora, der tager sig af sager på dette niveau.", [])


class Kommune(Model):
    """Kommunen: `data/<kommune>/kommune.yaml`."""

    slug: Id = description("Kommunens korte navn; skal være det samme som mappenavnet.")
    navn: Tekst = description("Kommunens navn, fx «Brøndby Kommune».")
    politikreds: Tekst | None = optional("Politikredsen, fx «Københavns Vestegns Politi».")
    maalgruppe: Maalgruppe | None = optional("Hvem SSP-samarbejdet i kommunen retter sig mod.")
    spor: list[Spor] = optional(
        "Spor med hver sin målgruppe ved siden af den overordnede, fx et spor for 18-25-årige.", []
    )
    koordinerende_enhed: Ref | None = optional(
        "Id på den aktør, der koordinerer SSP-samarbejdet."
    )
    forankring: Tekst | None = optional(
        "Hvor samarbejdet er forankret forvaltningsmæssigt, fx «Børn, Kultur og Idræt»."
    )
    beskrivelse: Markdown | None = optional("Kort beskrivelse af SSP-samarbejdet i kommunen.")
    webadresse: Url | None = optional(
        "Kommunens hjemmeside. De offentlige sider må vises i en ramme (iframe) på dette domæne."
    )
    indlejring_tilladt_fra: list[Url] = optional(
        "Andre webadresser, hvis sider må vise de offentlige sider i en ramme (iframe), fx "
        "kommunens CMS på et andet domæne. Kun domænet bruges.",
        [],
    )
    tilgaengelighedserklaering: Url | None = optional(
        "Adressen på kommunens tilgængelighedserklæring (linkes i sidefoden)."
    )
    intranetadresse: Url | None = optional(
        "Adressen, hvor kommunens SSP-intranet ligger på nettet, fx "
        "«https://ssp.kommune.dk/brondby/intranet/». Bruges til kalenderabonnementernes "
        "webcal://-links; uden den viser kalendersiden et link, man kopierer."
    )
    offentlig_webadresse: HttpsAdresse | None = optional(
        "Adressen, hvor de offentlige SSP-sider ligger på nettet, fx «https://www.kommune.dk/ssp/». "
        "Fragmenterne (fragment.html, til kommunens hjemmeside) linker med den fulde adresse "
        "herunder, så links og PDF'er også virker, når et fragment er sat ind på en anden side. "
        "Uden den advarer «sspgen check», fordi fragmenternes links så kun virker på SSP-sitet selv."
    )
    fragment_overskriftsniveau: FragmentNiveau = Field(
        2,
        description="Det overskriftsniveau, et fragments første overskrift får (2 = h2). Siden, "
        "fragmentet sættes ind på, har selv en h1; fragmentets øvrige overskrifter rykker lige "
        "så mange niveauer ned (højst til h6).",
    )
    fragment_med_stil: JaNej = Field(
        False,
        description="«ja»: hvert fragment har sit eget lille stylesheet indbygget (et style-element "
        "inde i fragmentet), til en hjemmeside, hvor man ikke selv kan tilføje et stylesheet. «nej» "
        "(standard): hjemmesiden henter assets/fragment.css fra det offentlige site eller har "
        "sin egen stil.",
    )
    kontakter: list[Kontakt] = optional("Kontaktpunkter, fx SSP-koordinatoren.", [])
    dokumenter: list[Dokument] = optional("Dokumenter og links, som siderne henviser til.", [])
    cpr_undtagelser: list[CprUndtagelse] = optional(
        "Tal, der ligner CPR-numre, men som er kontrolleret og ikke er det.", []
    )
    opdateret: Dato | None = optional(
        "Dato for seneste ændring; bruges kun, når datoen ikke kan læses i git."
    )
    sagsniveauer: list[Sagsniveau] = optional(
        "Sagsniveauer fra det letteste til det alvorligste, og hvilke fora der tager sig af "
        "hvert. Hvor en sag går videre hen, står under «eskalerer_til» i forummets fil.",
        [],
    )

    @field_validator("intranetadresse")
    @classmethod
    def _plain_address(cls, value: str | None) -> str | None:
        # Feed paths are appended to it: a query or an anchor would end up in the middle.
        if value is not None and ("?" in value or "#" in value):
            raise ValueError("skal være en adresse uden «?» og «#», fx https://ssp.kommune.dk/brondby/intranet/")
        return value


class Begreb(Model):
    """En værdi i et vokabular (en forumtype, en aktørtype, en tendens …)."""

    id: Id = description("Værdien, som den skrives i data.")
    navn: Tekst = description("Navnet, som det vises på siderne.")
    beskrivelse: Tekst | None = optional("Hvad værdien betyder.")
    kun_metadata: JaNej = Field(
        False,
        description="Kun for forumtyper: møder i fora af denne type må kun have metadata "
        "(dato, forum, antal sager) og aldrig fritekst, fx akutgruppen efter §115. En kommune "
        "kan ikke slå det fra for en forumtype, som sspgen's standardvokabular markerer sådan.",
    )
    orden: int | None = Field(
        None,
        ge=0,
        le=1000,
        description="Kun for niveauer: rækkefølgen oppefra, fx politisk 10, strategisk 20, "
        "koordinerende 30 og operationelt 40. Et niveau med orden 25 tegnes mellem strategisk og "
        "koordinerende. Niveauer uden orden kommer til sidst.",
    )


class Vokabular(Model):
    """Vokabularer: standardværdierne i sspgen udvidet med `data/<kommune>/vokabular.yaml`."""

    forumtyper: list[Begreb] = optional("Typer af fora, fx styregruppe eller netvaerk.", [])
    niveauer: list[Begreb] = optional(
        "Et forums niveau, fx politisk, strategisk, koordinerende, operationelt.", []
    )
    aktoertyper: list[Begreb] = optional("Typer af aktører, fx skole eller politi.", [])
    moedetyper: list[Begreb] = optional("Typer af møder, fx netvaerksmoede eller faellesmoede.", [])
    tendenser: list[Begreb] = optional(
        "Tendenser, der kortlægges på møderne, fx rusmidler eller sociale medier.", []
    )
    plantyper: list[Begreb] = optional(
        "Typer af planer, fx ssp-plan, handleplan, aarsplan, aarshjul, beredskabsplan.", []
    )
    begivenhedstyper: list[Begreb] = optional(
        "Typer af begivenheder i kalenderen, fx aarsmoede, temadag, arrangement eller kursus.", []
    )
