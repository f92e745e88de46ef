"""The organisation: actors, fora (networks included), terms of reference, job descriptions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .base import (
    GYLDIG_FRA,
    GYLDIG_TIL,
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
    check_gyldighed,
    description,
    optional,
)
from .kommune import Maalgruppe

Periode = Literal["uge", "maaned", "kvartal", "aar"]
Deltagelse = Literal["fast", "efter behov"]


class Aktoer(Model):
    """En organisatorisk enhed (aktør): `data/<kommune>/aktoerer/<id>.yaml`."""

    id: Id = description("Aktørens id; skal være det samme som filnavnet.")
    navn: Tekst = description("Aktørens navn, fx «Nørregårdsskolen» eller «Vestegnens Politi».")
    type: Id = description("Aktørtype fra vokabularet, fx skole, politi, klub.")
    forkortelse: Tekst | None = optional("Forkortelse, fx «BCB».")
    beskrivelse: Markdown | None = optional("Hvad aktøren er og bidrager med i SSP-arbejdet.")
    del_af: Ref | None = optional("Id på den aktør, denne enhed hører under.")
    distrikt: Tekst | None = optional("Distrikt eller bydel, hvis aktøren hører til ét.")
    gyldig_fra: Dato | None = GYLDIG_FRA
    gyldig_til: Dato | None = GYLDIG_TIL
    synlighed: Synlighed = SYNLIGHED_FIELD

    @model_validator(mode="after")
    def _periode(self) -> "Aktoer":
        check_gyldighed(self.gyldig_fra, self.gyldig_til)
        return self


class Deltager(Model):
    """En plads i et forum: en rolle, knyttet til en aktør, en aktørtype eller et andet forum."""

    rolle: Tekst = description("Rollen, fx «Tovholder» eller «Formand (politisk udpeget)».")
    aktoer: Ref | None = optional("Id på den aktør, deltageren kommer fra.")
    aktoertype: Id | None = optional(
        "I stedet for én aktør: en aktørtype, når rollen findes hos hver af forummets aktører "
        "af den type, fx «skole» for «SSP-lærer fra hver skole i netværket». Udfyld kun én af "
        "«aktoer», «aktoertype» og «forum»."
    )
    forum: Ref | None = optional(
        "I stedet for en aktør: id på et andet forum, der som helhed er medlem af dette forum, "
        "fx et lokalråd, der sidder med i styregruppen."
    )
    antal: Tekst | None = optional("Hvor mange, fx «1» eller «2-3».")
    beskrivelse: Tekst | None = optional("Hvad rollen indebærer i forummet.")
    tovholder: JaNej = Field(False, description="ja, hvis rollen er tovholder (indkalder og sætter dagsorden).")
    stemmeret: JaNej | None = optional("ja eller nej, hvor forummet stemmer; udelades ellers.")
    deltagelse: Deltagelse = Field(
        "fast", description="«fast» eller «efter behov» (deltager, når det er relevant)."
    )
    gyldig_fra: Dato | None = optional(
        "Første dag, pladsen findes (ÅÅÅÅ-MM-DD), fx for en midlertidig ordning; udelades, hvis pladsen altid har været der."
    )
    gyldig_til: Dato | None = optional(
        "Sidste dag, pladsen findes (ÅÅÅÅ-MM-DD); udelades, hvis den stadig findes."
    )

    @model_validator(mode="after")
    def _one_organisation(self) -> "Deltager":
        given = [self.aktoer, self.aktoertype, self.forum]
        if sum(value is not None for value in given) != 1:
            raise ValueError(
                "angiv præcis én af «aktoer» (én aktør), «aktoertype» (hver aktør af en type) "
                "og «forum» (et andet forum som medlem)"
            )
        check_gyldighed(self.gyldig_fra, self.gyldig_til)
        return self


class Inviteret(Model):
    """Nogen, forummet kan invitere efter behov."""

    navn: Tekst = description("Hvem, fx «Rusmiddelcentret (BCB)».")
    aktoer: Ref | None = optional("Id på aktøren, hvis den findes i data.")
    anledning: Tekst | None = optional("Hvornår eller hvorfor, fx «i forhold til rusmidler».")


class Moedefrekvens(Model):
    """Hvor ofte der holdes møder: ugentligt, månedligt, et antal gange om året eller efter behov."""

    gange: int | None = Field(None, ge=1, le=366, description="Antal møder pr. periode (mindst).")
    gange_op_til: int | None = Field(
        None, ge=1, le=366, description="Højst antal møder pr. periode, hvis det er et spænd (fx 1-2)."
    )
    per: Periode | None = optional("Perioden: uge, maaned, kvartal eller aar.")
    efter_behov: JaNej = Field(
        False, description="ja, hvis forummet (også) mødes efter behov."
    )
    ugedag: Tekst | None = optional("Fast ugedag, fx «tirsdag».")
    varighed_minutter: int | None = Field(None, ge=1, le=1440, description="Mødets længde i minutter.")
    varighed_minutter_op_til: int | None = Field(
        None, ge=1, le=1440, description="Længste mødelængde i minutter, hvis det er et spænd."
    )
    bemaerkning: Tekst | None = optional("Alt andet om mødefrekvensen, med ord.")

    @model_validator(mode="after")
    def _complete(self) -> "Moedefrekvens":
        if (self.gange is None) != (self.per is None):
            raise ValueError("angiv både «gange» og «per» (fx gange: 4 og per: aar)")
        if self.gange is None and not self.efter_behov:
            raise ValueError("angiv «gange» og «per», eller «efter_behov: ja»")
        if self.gange_op_til is not None and self.gange is not None and self.gange_op_til < self.gange:
            raise ValueError("gange_op_til må ikke være mindre end gange")
        return self


class Formoede(Model):
    """Et formøde før hvert ordinært møde."""

    deltagere: list[Deltager] = description("Hvem deltager i formødet.")
    formaal: Tekst | None = optional("Hvad formødet bruges til, fx at udarbejde dagsordenen.")


FAELLES_PATTERN = r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$"
FaellesRef = Annotated[str, Field(pattern=FAELLES_PATTERN, max_length=161)]
"""«<kommune>/<forum id>»: a forum described in another municipality's folder."""


class ForumInstans(Model):
    """Et forum af samme slags et andet sted, fx SSP-teamet på én skole: det hele kommer fra
    forummet (formål, sammensætning, mødefrekvens, kommissorium, type og niveau); her står kun,
    hvad der er anderledes."""

    id: Id = description(
        "Gruppens id. Fora og grupper deler id'er, så det må ikke være et forums id. Møder i "
        "netop denne gruppe skriver det under «forum»."
    )
    navn: Tekst = description("Navnet, fx «SSP-team Nørreskolen».")
    skole: Ref | None = optional("Id på skolen (en aktør af typen skole), hvis gruppen hører til én skole.")
    skoler: list[Ref] = optional(
        "Id'er på skolerne (aktører af typen skole), når gruppen dækker flere, fx alle skoler i et distrikt.", []
    )
    distrikt: Tekst | None = optional("Distrikt eller bydel, fx «Østbyen».")
    omraade: Tekst | None = optional("Lokalområde, hvis det ikke er et distrikt, fx «Landsbyerne mod nord».")
    beskrivelse: Markdown | None = optional("Hvad der er særligt for netop denne gruppe.")
    sted: Tekst | None = optional("Hvor gruppen mødes, hvis det ikke er forummets sted.")
    tidspunkt: Klokkeslaet | None = optional("Hvornår møderne begynder, hvis ikke på forummets tidspunkt.")
    sammensaetning: list[Deltager] = optional(
        "Ekstra pladser ud over forummets sammensætning, fx skolens egen SSP-lærer.", []
    )
    kontakter: list[Ref] = optional(
        "Id'er på kontakter (under «kontakter» i kommune.yaml), man kan henvende sig til om gruppen.", []
    )
    maalgruppe: Maalgruppe | None = optional("Målgruppen, hvis den er en anden end forummets.")
    gyldig_fra: Dato | None = GYLDIG_FRA
    gyldig_til: Dato | None = GYLDIG_TIL

    @model_validator(mode="after")
    def _periode(self) -> "ForumInstans":
        check_gyldighed(self.gyldig_fra, self.gyldig_til)
        return self


class Informationsstroem(Model):
    """Hvad et forum fast giver videre til et andet forum."""

    til: Ref = description("Id på det forum, der får informationen.")
    hvad: Tekst = description("Hvad der gives videre, fx «tendenser fra netværksmøderne».")
    hyppighed: Tekst | None = optional("Hvor ofte, med ord, fx «efter hvert møde».")


class Rapportering(Model):
    """En fast rapportering: hvad forummet rapporterer, til hvem og hvor ofte."""

    til: Tekst | None = optional(
        "Hvem der rapporteres til, med ord, fx «de politiske udvalg». Udfyld «til» eller «til_forum»."
    )
    til_forum: Ref | None = optional("Id på det forum, der rapporteres til, hvis det findes i data.")
    hvad: Tekst = description("Hvad der rapporteres, fx «status på handleplanen».")
    per: Periode = description("Hvor ofte: uge, maaned, kvartal eller aar.")
    gange: int = Field(1, ge=1, le=52, description="Antal gange pr. periode (standard 1).")

    @model_validator(mode="after")
    def _modtager(self) -> "Rapportering":
        if (self.til is None) == (self.til_forum is None):
            raise ValueError("angiv én modtager: enten «til» (med ord) eller «til_forum» (et forums id)")
        return self


class Forum(Model):
    """Et fast forum, også et netværk: `data/<kommune>/fora/<id>.yaml`."""

    id: Id = description("Forummets id; skal være det samme som filnavnet.")
    navn: Tekst = description("Forummets navn, fx «SSP-netværk Øster».")
    type: Id = description("Forumtype fra vokabularet, fx netvaerk, styregruppe, akutgruppe.")
    niveau: Id | None = optional(
        "Niveau fra vokabularet: politisk, strategisk, koordinerende, operationelt; udelades, hvis "
        "kilderne ikke siger det (så tegnes forummet i diagrammet på samme niveau som det forum, det hører under)."
    )
    formaal: Markdown | None = optional(
        "Forummets formål; udelades, hvis formålet står i forummets kommissorium."
    )
    beskrivelse: Markdown | None = optional("Uddybende beskrivelse af forummet og dets arbejde.")
    opgaver: list[Tekst] = optional("Forummets opgaver, en pr. linje.", [])
    overordnet: Ref | None = optional(
        "Id på det forum, dette forum hører under (bruges til organisationsdiagrammet)."
    )
    kommissorium: Ref | None = optional("Id på forummets kommissorium.")
    distrikt: Tekst | None = optional("Distrikt eller bydel for et lokalt netværk, fx «Øster».")
    skoler: list[Ref] = optional("Id'er på de skoler, netværket er knyttet til.", [])
    sammensaetning: list[Deltager] = optional("Deltagerne: rolle og aktør.", [])
    kan_invitere: list[Inviteret] = optional("Hvem der kan inviteres efter behov.", [])
    samarbejdspartnere: list[Tekst] = optional(
        "Bredere netværk, forummet samarbejder med (foreninger, erhvervsliv …).", []
    )
    moedefrekvens: Moedefrekvens | None = optional("Hvor ofte forummet mødes.")
    sted: Tekst | None = optional("Hvor forummet plejer at mødes.")
    andre_steder: list[Tekst] = optional(
        "Andre steder, forummet mødes. Har forummets type «kun_metadata: ja» (§115), skal et "
        "mødes «sted» være forummets «sted» eller et af disse, ikke fritekst.",
        [],
    )
    tidspunkt: Klokkeslaet | None = optional("Hvornår møderne plejer at begynde, fx 14.00.")
    formoede: Formoede | None = optional("Formøde før hvert møde, hvis forummet har det.")
    offentlig_dagsorden: JaNej = Field(
        False, description="ja, hvis dagsorden og beslutningsprotokol er offentligt tilgængelige."
    )
    beslutningsprotokol: Tekst | None = optional(
        "Hvordan beslutninger protokolleres, fx «underskrives af de faste medlemmer»."
    )
    funktionsperiode: Tekst | None = optional("Fx «følger Byrådets valgperiode».")
    forretningsorden: Tekst | None = optional("Om forummet har en forretningsorden, med ord.")
    oekonomi: Tekst | None = optional("Forummets økonomiske ramme, med ord.")
    aarligt_arrangement: Tekst | None = optional("Et tilbagevendende arrangement, forummet står for.")
    instanser: list[ForumInstans] = optional(
        "Når forummet findes flere steder (fx ét SSP-team pr. skole): én linje pr. sted. Forummet "
        "beskriver det fælles; hver gruppe får sin egen side, og diagrammet viser dem som én kasse.",
        [],
    )
    eskalerer_til: list[Ref] = optional(
        "Id'er på de fora, en sag går videre til, når den ikke kan løses her.", []
    )
    informerer: list[Informationsstroem] = optional("Hvad forummet fast giver videre til andre fora.", [])
    rapporterer: list[Rapportering] = optional("Faste rapporteringer, fx hvert kvartal til de politiske udvalg.", [])
    faelles: FaellesRef | None = Field(
        None,
        description="Når forummet er fælles for flere kommuner og er beskrevet hos en af de andre: "
        "«<kommune>/<id>», fx «naboby/bandepartnerskab» for data/naboby/fora/bandepartnerskab.yaml. "
        "Siden viser så, at forummet er fælles, og hvor det er beskrevet; forummet skal findes dér.",
    )
    gyldig_fra: Dato | None = GYLDIG_FRA
    gyldig_til: Dato | None = GYLDIG_TIL
    deles_med: list[Tekst] = optional(
        "Andre kommuner eller myndigheder, forummet er fælles med (fx en politikreds' kommuner).", []
    )
    maalgruppe: Maalgruppe | None = optional("Hvem forummet arbejder med, når det er andre end kommunens målgruppe.")
    spor: Ref | None = optional("Id på det spor (under «spor» i kommune.yaml), forummet hører til.")
    synlighed: Synlighed = SYNLIGHED_FIELD

    @model_validator(mode="after")
    def _periode(self) -> "Forum":
        check_gyldighed(self.gyldig_fra, self.gyldig_til)
        return self


class Skabelonpunkt(Model):
    """Et nummereret punkt i en dagsordensskabelon.

    Et mødes punkt følger det skabelonpunkt, hvis titel det har (titlen kan gøres mere præcis
    efter et kolon: «Tema: Sociale medier» følger «Tema»), eller det punkt, som mødepunktets
    «skabelonpunkt» nævner med nummer. Numrene i mødets dagsorden er mødets egne."""

    nummer: int = Field(..., ge=1, le=99, description="Punktets nummer i skabelonen.")
    titel: Tekst = description("Punktets overskrift, fx «Tendenser».")
    spoergsmaal: list[Tekst] = optional("Underspørgsmål til punktet.", [])
    beskrivelse: Tekst | None = optional("Hvad punktet dækker, fx «Afdækning af konkrete tendenser».")
    eksempler: list[Tekst] = optional("Eksempler på emner under punktet, fx «bekymringssamtaler».", [])
    enkeltsager: JaNej = Field(
        False, description="ja, hvis punktet handler om enkeltsager (så må referatet ikke have tekst)."
    )
    valgfrit: JaNej = Field(
        False, description="ja, hvis punktet kun er på dagsordenen, når der er brug for det."
    )
    gentages: JaNej = Field(
        False,
        description="ja, hvis et møde kan have punktet flere gange, fx et temapunkt pr. tema.",
    )
    underpunkter: list["Skabelonpunkt"] = optional(
        "Punktets faste underpunkter, hvert med nummer og titel som et punkt.", []
    )


class Dagsordensskabelon(Model):
    """En udgave af dagsordensskabelonen, der gælder i en periode."""

    id: Id = description("Udgavens id, fx «2025» eller «fra-august-2025».")
    gyldig_fra: Dato | None = GYLDIG_FRA
    gyldig_til: Dato | None = GYLDIG_TIL
    forslag: JaNej = Field(
        False,
        description="ja, hvis udgaven kun er et forslag: den vises, men møderne kontrolleres ikke mod den.",
    )
    punkter: list[Skabelonpunkt] = Field(..., min_length=1, description="Skabelonens punkter.")

    @model_validator(mode="after")
    def _period(self) -> "Dagsordensskabelon":
        check_gyldighed(self.gyldig_fra, self.gyldig_til)
        return self


class Forberedelse(Model):
    """Hvordan møderne forberedes."""

    varsel_dage: int | None = Field(None, ge=0, le=365, description="Indkaldelsens varsel i dage (ca. en måned = 30).")
    dagsorden_udsendes: JaNej = Field(True, description="ja, hvis dagsordenen sendes med indkaldelsen.")
    emner_fra_deltagere: JaNej = Field(False, description="ja, hvis deltagerne kan byde ind med emner før mødet.")
    emnebank: JaNej = Field(False, description="ja, hvis møderne samler emner til en emnebank.")
    beskrivelse: Markdown | None = optional("Forberedelsen med ord.")


class Faellesmoeder(Model):
    """Fællesmøder på tværs af flere netværk."""

    forum: Ref | None = optional("Id på det forum, fællesmøderne holdes i (det samlende forum).")
    moedefrekvens: Moedefrekvens = description("Hvor ofte fællesmøderne holdes.")
    formaal: Markdown | None = optional("Hvad fællesmøderne skal.")


class Kommissorium(Model):
    """Kommissorium for et eller flere fora: `data/<kommune>/kommissorier/<id>.yaml`."""

    id: Id = description("Kommissoriets id; skal være det samme som filnavnet.")
    titel: Tekst = description("Titel, fx «Kommissorium, SSP-netværk i Brøndby Kommune».")
    fora: list[Ref] = Field(..., min_length=1, description="Id'er på de fora, kommissoriet gælder for.")
    indledning: Markdown | None = optional("Indledende tekst.")
    formaal: Markdown | None = optional("Formålet; udelades, hvis kommissoriet ikke har et særskilt formål.")
    formaal_punkter: list[Tekst] = optional("Formålet i punkter («Herunder: …»).", [])
    maalgruppe: Maalgruppe | None = optional("Målgruppen.")
    lovgrundlag: list[Tekst] = optional("Lovgrundlag, fx «Retsplejelovens §115».", [])
    sammensaetning: Markdown | None = optional("Gruppens sammensætning med ord.")
    deltagere: list[Deltager] = optional("Deltagere og roller.", [])
    forberedelse: Forberedelse | None = optional("Hvordan møderne forberedes.")
    moedefrekvens: Moedefrekvens | None = optional("Hvor ofte møderne holdes.")
    faellesmoeder: Faellesmoeder | None = optional("Fællesmøder på tværs af netværkene.")
    moedeindhold: Markdown | None = optional("Hvad der sker på møderne.")
    dagsordensskabelon: list[Skabelonpunkt] = optional(
        "Dagsordenens faste punkter. Gælder altid, når ingen udgave under «dagsordensskabeloner» "
        "gælder på mødets dato.",
        [],
    )
    dagsordensskabeloner: list[Dagsordensskabelon] = optional(
        "Udgaver af dagsordensskabelonen med hver sin periode (gyldig_fra/gyldig_til). Et møde "
        "kontrolleres mod den udgave, der gælder på mødets dato.",
        [],
    )
    enkeltsager: Tekst | None = optional("Om og hvordan enkeltsager må drøftes.")
    handlemuligheder: Markdown | None = optional("Netværkets handlemuligheder.")
    handlende_forum: JaNej = Field(
        True, description="nej, hvis forummet ikke er et handlende forum (men kan byde ind med ideer)."
    )
    kan_invitere: list[Inviteret] = optional("Hvem der kan inviteres efter behov.", [])
    synlighed: Synlighed = SYNLIGHED_FIELD


class Funktionsbeskrivelse(Model):
    """En funktionsbeskrivelse: `data/<kommune>/funktionsbeskrivelser/<id>.yaml`."""

    id: Id = description("Id; skal være det samme som filnavnet.")
    rolle: Tekst = description("Rollen, fx «SSP-konsulent» eller «SSP-lærer».")
    aktoer: Ref | None = optional("Id på den aktør, rollen hører til.")
    ordning: Tekst | None = optional("Hvor ordningen findes, fx «på alle afdelingsskoler».")
    formaal: list[Tekst] = optional("Rollens overordnede formål.", [])
    opgaver: list[Tekst] = Field(..., min_length=1, description="Rollens opgaver, en pr. linje.")
    synlighed: Synlighed = SYNLIGHED_FIELD
