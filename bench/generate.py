"""Deterministic synthetic SSP data for the benchmark: valid data at three sizes.

    python3 bench/generate.py --size small|large|national --out DIR [--seed N]

writes ``DIR/data/<kommune>/…`` and ``DIR/content/<kommune>/…`` (and, with ``--layouts``,
a copy of the repository's ``layouts/`` so a benchmark can edit a template without touching
the repository). The same size and seed always give byte-identical files: every random choice
comes from a ``random.Random`` seeded per municipality, never from the clock or ``hash()``.

Sizes (see docs/benchmark.md):

* ``small``: one municipality like the examples (3 networks, two years of meetings);
* ``large``: one big municipality: 40 networks, 10 years of monthly meetings (≈ 5,000 meeting
  records), 300 indsatser over three plans, a yearly evaluation and a full curriculum;
* ``national``: the 98 Danish municipalities with mixed sizes, ≥ 50,000 meeting records.

The data follows the three real examples (Brøndby, Holbæk, Faxe): district networks under a
joint network forum with a kommissorium and a 5-point agenda template, a styregruppe with a
public agenda and a signed decision protocol, a koordinationsgruppe, a §115 akutgruppe whose
meetings hold metadata only, a plan with goals, the prevention triangle and indsatser, yearly
evaluations, Det sociale pensum, a topic bank and a public "Sådan arbejder vi" page. Every
file passes ``sspgen check`` without errors or warnings. The names are made up (the national
size borrows the real municipality names); nothing here describes a real person.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 6, 1)
"""The data's "now": meetings before it are held (afholdt), after it planned (planlagt).
The benchmark sets SOURCE_DATE_EPOCH to this date so the build agrees."""

SOURCE_DATE_EPOCH = 1780272000  # 2026-06-01T00:00:00Z

# --------------------------------------------------------------------------------------------
# A tiny YAML writer for the shapes we generate (dicts, lists, strings, ints, bools)

_PLAIN = re.compile(r"^[A-Za-zÆØÅæøåÉé0-9][^\n]*$")
_RESERVED = {"", "~", "null", "Null", "NULL", "true", "false", "yes", "no", "on", "off"}


def _scalar(value: object) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nej"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (
        _PLAIN.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text not in _RESERVED
        and not text.endswith(" ")
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _emit(value: object, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None or item == [] or item == {}:
                continue
            if isinstance(item, dict):
                out.append(f"{pad}{key}:")
                _emit(item, indent + 2, out)
            elif isinstance(item, list):
                out.append(f"{pad}{key}:")
                _emit(item, indent + 2, out)
            elif isinstance(item, str) and "\n" in item:
                out.append(f"{pad}{key}: |")
                for line in item.rstrip("\n").split("\n"):
                    out.append(f"{pad}  {line}" if line else "")
            else:
                out.append(f"{pad}{key}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                inner: list[str] = []
                _emit(item, indent + 2, inner)
                first = inner[0][indent + 2:] if inner else "{}"
                out.append(f"{pad}- {first}")
                out.extend(inner[1:])
            else:
                out.append(f"{pad}- {_scalar(item)}")
    else:  # pragma: no cover - callers pass dicts
        out.append(pad + _scalar(value))


def to_yaml(data: dict, schema: str | None = None) -> str:
    out: list[str] = []
    if schema:
        out.append(f"# yaml-language-server: $schema={schema}")
    _emit(data, 0, out)
    return "\n".join(out) + "\n"


def slugify(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace("é", "e")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def wrap(text: str, width: int = 92) -> str:
    """Wrap prose into lines for a block scalar (ends with a newline)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Vocabulary for realistic Danish text

KOMMUNER = [
    "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm", "Brøndby", "Brønderslev",
    "Dragør", "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe", "Fredensborg", "Fredericia",
    "Frederiksberg", "Frederikshavn", "Frederikssund", "Furesø", "Faaborg-Midtfyn", "Gentofte",
    "Gladsaxe", "Glostrup", "Greve", "Gribskov", "Guldborgsund", "Haderslev", "Halsnæs",
    "Hedensted", "Helsingør", "Herlev", "Herning", "Hillerød", "Hjørring", "Holbæk", "Holstebro",
    "Horsens", "Hvidovre", "Høje-Taastrup", "Hørsholm", "Ikast-Brande", "Ishøj", "Jammerbugt",
    "Kalundborg", "Kerteminde", "Kolding", "København", "Køge", "Langeland", "Lejre", "Lemvig",
    "Lolland", "Lyngby-Taarbæk", "Læsø", "Mariagerfjord", "Middelfart", "Morsø", "Norddjurs",
    "Nordfyns", "Nyborg", "Næstved", "Odder", "Odense", "Odsherred", "Randers", "Rebild",
    "Ringkøbing-Skjern", "Ringsted", "Roskilde", "Rudersdal", "Rødovre", "Samsø", "Silkeborg",
    "Skanderborg", "Skive", "Slagelse", "Solrød", "Sorø", "Stevns", "Struer", "Svendborg",
    "Syddjurs", "Sønderborg", "Thisted", "Tønder", "Tårnby", "Vallensbæk", "Varde", "Vejen",
    "Vejle", "Vesthimmerland", "Viborg", "Vordingborg", "Ærø", "Aabenraa", "Aalborg", "Aarhus",
]
assert len(KOMMUNER) == 98

LARGE = {"København": (40, 10), "Aarhus": (40, 10), "Odense": (20, 10), "Aalborg": (20, 10)}
"""National size: the biggest municipalities get (networks, years) like the *large* size."""

_PREFIX = ["Nørre", "Sønder", "Øster", "Vester", "Stor", "Lille", "Ny", "Gammel", "Over", "Neder", "Høj", "Lav"]
_ROOT = ["by", "lund", "høj", "vang", "strand", "holm", "bjerg", "dal", "skov", "mark", "gård", "toft",
         "bro", "næs", "sø", "kær", "rød", "bæk", "vig", "havn", "sted", "løse", "ager", "lev"]
_STEM = ["Ask", "Bøge", "Ege", "Hassel", "Elle", "Rosen", "Lyng", "Sol", "Mølle", "Kirke", "Grøn", "Fjord",
         "Kilde", "Bakke", "Eng", "Hede", "Kløver", "Lærke", "Storke", "Tran", "Ravne", "Ørne", "Hjorte", "Ræve"]

TENDENSER = ["rusmidler", "knive-og-vaaben", "sociale-medier", "digitale-kraenkelser", "grupperinger",
             "utryghed", "haervaerk", "tyveri", "vold", "mistrivsel", "skolefravaer", "radikalisering",
             "rekruttering", "knallert-og-trafik"]

AFDAEKNING = [
    "Skolen, klubben og foreningslivet gav et overblik over perioden siden sidste møde.",
    "Der er planlagt temadag om trivsel i udskolingen og åbne hal-aftener i weekenderne.",
    "Klubben melder om stabilt fremmøde og nye aktiviteter for de ældste klassetrin.",
    "Politiet orienterede om den generelle situation i bydelen, som vurderes rolig.",
    "UU-vejledningen er i gang med overgangen til ungdomsuddannelse for de ældste elever.",
    "Boligområdet holder sommerfest, og der er aftalt fælles tilstedeværelse fra klub og SSP.",
    "Skolen har haft forældremøder i udskolingen med fokus på fest- og fritidsliv.",
    "Foreningslivet ser flere unge i de åbne tilbud om fredagen.",
    "Sundhedsplejen har afsluttet trivselssamtaler i indskolingen.",
    "Der er aftalt fælles gåtur i bydelen for netværkets deltagere før næste møde.",
]
TENDENS_NOTER = {
    "rusmidler": "Flere aktører ser brug af nikotinposer og energidrikke blandt de ældste elever.",
    "knive-og-vaaben": "Der har været enkelte meldinger om unge, der bærer kniv i fritiden; politiet følger op.",
    "sociale-medier": "Konflikter fra sociale medier fylder i skolegården og tages op i klasserne.",
    "digitale-kraenkelser": "Der er set deling af krænkende billeder i en klassegruppe; skolen har holdt klassemøder.",
    "grupperinger": "Grupper af unge samles ved stationsområdet og indkøbscentret om aftenen.",
    "utryghed": "Beboere har givet udtryk for utryghed omkring det gamle fritidsområde.",
    "haervaerk": "Der er registreret hærværk mod busstoppesteder og legepladser i weekenderne.",
    "tyveri": "Butikkerne melder om flere butikstyverier begået af yngre børn i grupper.",
    "vold": "Der har været et par episoder med slåskampe efter fester; klubben og politiet er opmærksomme.",
    "mistrivsel": "Skolen oplever mere mistrivsel og ensomhed blandt piger på mellemtrinnet.",
    "skolefravaer": "Fraværet er steget på enkelte årgange, og skolen har skærpet opfølgningen.",
    "radikalisering": "Der er ingen konkrete meldinger, men netværket drøftede tegn på radikalisering.",
    "rekruttering": "Politiet orienterede om forsøg på at rekruttere unge til kriminelle miljøer i området.",
    "knallert-og-trafik": "Farlig knallertkørsel på stierne om aftenen er et tilbagevendende emne.",
}
BESLUTNINGER = [
    "Politiet og klubben koordinerer deres tilstedeværelse i aftentimerne.",
    "Skolen tager emnet op på næste forældremøde i udskolingen.",
    "SSP-enheden indkalder til et ekstra møde med boligområdet.",
    "Emnet tages op igen på næste netværksmøde.",
    "Klubben udvider åbningstiden fredag aften i en prøveperiode.",
    "Netværket sender en fælles orientering til forældrene.",
]
INDSATS_NOTER = [
    "Forløbet om sociale medier er gennemført i 7. klasse, og evalueringen var positiv.",
    "Rusmiddelcentret tilbyder et oplæg om nikotinposer for 8. klasse i næste halvår.",
    "Konflikttrappen er gennemført på mellemtrinnet med hjælp fra SSP-lærerne.",
    "Der er planlagt forældremøde om fest og alkohol i 9. klasse.",
    "Politiets oplæg om den kriminelle lavalder er gennemført på alle 6. årgange.",
    "Trivselsforløbet i indskolingen fortsætter efter nytår.",
]
AKTUELT = [
    ("Bekymringssamtaler", "SSP-enheden orienterede om bekymringssamtaler som redskab, når en medarbejder er bekymret for en ung."),
    ("Fælles om ungelivet", "Forældre, skole og fritidsliv om fælles aftaler for de unges fritid og fester."),
    ("Ungeprofilundersøgelsen", "Netværket gennemgik resultaterne for trivsel og tillid fra den seneste undersøgelse."),
    ("Sociale medier", "Oplæg om de platforme, de unge bruger, og hvordan de voksne kan følge med."),
    ("Overgang til ungdomsuddannelse", "UU-vejledningen fortalte om overgangen og om unge, der ikke er i gang."),
    ("Tryghed i byrummet", "Drøftelse af belysning, beplantning og mødesteder i bydelen."),
]
EMNER_TITLER = [
    "Bekymringssamtaler", "Fælles om ungelivet", "Søvn og skærmbrug", "Knallertkørsel på stierne",
    "Nikotinposer og energidrikke", "Tryghed omkring stationen", "Gaming og gambling",
    "Forældrenetværk i udskolingen", "Fritidsjob til unge", "Digital dannelse",
    "Unge og kniv", "Ensomhed blandt unge", "Lattergas", "Fester uden voksne", "Overgangen til 7. klasse",
    "Sommerferieaktiviteter", "Ungdomsklubbens åbningstider", "Trivsel i SFO", "Graffiti og hærværk",
    "Samarbejde med boligsociale medarbejdere",
]


def _sentence(rng: random.Random, pool: list[str], n: int) -> str:
    return " ".join(rng.sample(pool, min(n, len(pool))))


# --------------------------------------------------------------------------------------------
# One municipality


@dataclass
class Spec:
    navn: str
    slug: str
    networks: int
    years: int
    indsatser: int
    seed: int
    last_year: int = 2026
    files: dict[str, str] = field(default_factory=dict)
    meetings: int = 0


AGENDA_TEMPLATE = [
    (1, "Afdækning og kortlægning", ["Hvad sker der i bydelen?", "Hvilke aktiviteter er der planlagt/hvilke aktiviteter kan planlægges?"]),
    (2, "Tendenser", ["Afdækning af konkrete tendenser, der kræver indsats"]),
    (3, "Status på de proaktive indsatser", ["Hvilke indsatser har der været?", "Hvilke indsatser er planlagt?"]),
    (4, "Aktuelt emne", ["Eksempelvis bekymringssamtaler"]),
    (5, "Evt.", ["Inputs fra mødedeltagerne"]),
]
STYRE_TEMPLATE = [
    (1, "Godkendelse af dagsorden", []),
    (2, "Status fra koordinationsgruppen", []),
    (3, "Indsatsområder", []),
    (4, "Økonomi", []),
    (5, "Eventuelt", []),
]

CORE_AKTOERER = [
    ("ssp-enheden", "SSP-enheden", "ssp"),
    ("politiet", "Lokalpolitiet", "politi"),
    ("boern-og-familie", "Børn og Familie", "socialforvaltning"),
    ("klubtilbud", "Klub- og fritidstilbud", "klub"),
    ("uu-vejledning", "UU-vejledningen", "uu-vejledning"),
    ("rusmiddelcenter", "Rusmiddelcentret", "rusmiddelcenter"),
    ("sundhedsplejen", "Sundhedsplejen", "sundhedspleje"),
    ("foreningslivet", "Foreningslivet", "forening"),
    ("boligsocial-indsats", "Den boligsociale indsats", "boligsocial"),
    ("byraadet", "Byrådet", "politisk"),
    ("boern-og-unge-forvaltningen", "Børn og Unge-forvaltningen", "forvaltning"),
    ("ungdomsskolen", "Ungdomsskolen", "ungdomsskole"),
]
NETWORK_ROLES = [
    ("SSP-medarbejdere fra skolen", None, "Repræsentanter med SSP-funktion, herunder SSP-lærere."),
    ("Repræsentanter fra klubtilbud", "klubtilbud", "Viden om unge og deres fritid."),
    ("Skolesagsbehandler", "boern-og-familie", "Skolesagsbehandler tilknyttet skolen."),
    ("UU-vejleder", "uu-vejledning", "Repræsentant for UU-vejlederne på skolen."),
    ("Forebyggelsesbetjent", "politiet", "Viden om lokalområdet fra politiet."),
    ("Sundhedsplejerske", "sundhedsplejen", "Sundhedsplejersken fra lokalområdet."),
]


def _district_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        style = rng.random()
        if style < 0.4:
            name = rng.choice(_PREFIX) + " " + rng.choice(_STEM) + rng.choice(_ROOT)
        elif style < 0.7:
            name = rng.choice(_STEM) + rng.choice(_ROOT)
        else:
            name = rng.choice(_PREFIX) + rng.choice(_ROOT)
        name = name[0].upper() + name[1:]
        if slugify(name) in seen:
            continue
        seen.add(slugify(name))
        names.append(name)
    return names


class Writer:
    """Builds one municipality's files (path → text) from its Spec."""

    def __init__(self, spec: Spec):
        self.s = spec
        self.rng = random.Random(spec.seed)
        self.files = spec.files
        self.years = list(range(spec.last_year - spec.years + 1, spec.last_year + 1))

    def put(self, path: str, data: dict, schema: str | None = None) -> None:
        self.files[f"data/{self.s.slug}/{path}"] = to_yaml(data, schema)

    def run(self) -> None:
        rng, s = self.rng, self.s
        self.districts = _district_names(rng, s.networks)
        self._kommune()
        self._aktoerer()
        self._fora()
        self._kommissorier()
        self._funktioner()
        self._plans()
        self._pensum()
        self._moeder()
        self._emnebank()
        self._content()

    # -- files --------------------------------------------------------------------------------
    def _kommune(self) -> None:
        s = self.s
        self.put("kommune.yaml", {
            "slug": s.slug,
            "navn": f"{s.navn} Kommune",
            "politikreds": "Syntetisk Politikreds",
            "maalgruppe": {"klassetrin_fra": 0, "klassetrin_til": 10, "alder_fra": 6, "alder_til": 25,
                           "beskrivelse": f"Børn og unge i {s.navn} Kommune fra 0. klasse til 25 år"},
            "koordinerende_enhed": "ssp-enheden",
            "forankring": "Børn og Unge",
            "beskrivelse": wrap(
                f"SSP-samarbejdet i {s.navn} Kommune samler skole, socialforvaltning og politi i "
                f"{s.networks} lokale SSP-netværk. Data er syntetiske og laves af sspgens benchmark."),
            "webadresse": f"https://www.{s.slug}.invalid",
            "tilgaengelighedserklaering": f"https://www.was.digst.dk/{s.slug}-invalid",
            "kontakter": [{
                "id": "ssp-koordinator", "navn": "SSP-koordinatoren", "titel": "SSP-koordinator",
                "enhed": "SSP-enheden", "telefon": ["70 10 20 30"], "email": f"ssp@{s.slug}.invalid",
                "emner": ["ssp", "radikalisering"], "synlighed": "offentlig",
            }],
            "dokumenter": [
                {"id": "retsplejeloven-115", "titel": "Retsplejelovens §115",
                 "url": "https://danskelove.dk/retsplejeloven/115",
                 "beskrivelse": "Lovgrundlaget for at dele oplysninger med et kriminalitetsforebyggende sigte.",
                 "synlighed": "offentlig"},
                {"id": "ssp-plan-pdf", "titel": f"{s.navn} Kommunes SSP-plan (PDF)",
                 "url": f"https://www.{s.slug}.invalid/ssp-plan.pdf", "synlighed": "offentlig"},
            ],
        }, "../../schema/kommune.schema.json")
        self.put("vokabular.yaml", {"tendenser": [
            {"id": "lattergas", "navn": "Lattergas", "beskrivelse": "Unges brug og salg af lattergas."},
        ]}, "../../schema/vokabular.schema.json")

    def _aktoerer(self) -> None:
        for aid, navn, kind in CORE_AKTOERER:
            self.put(f"aktoerer/{aid}.yaml", {"id": aid, "navn": navn, "type": kind,
                                              "beskrivelse": f"{navn} deltager i SSP-samarbejdet i {self.s.navn} Kommune.",
                                              "synlighed": "offentlig"})
        self.schools: list[str] = []
        for district in self.districts:
            sid = f"{slugify(district)}-skole"
            self.schools.append(sid)
            self.put(f"aktoerer/{sid}.yaml", {"id": sid, "navn": f"{district} Skole", "type": "skole",
                                              "distrikt": district, "synlighed": "offentlig"})

    def _fora(self) -> None:
        s = self.s
        self.put("fora/styregruppe.yaml", {
            "id": "styregruppe", "navn": "SSP-styregruppen", "type": "styregruppe", "niveau": "politisk",
            "formaal": wrap("Styregruppen fastlægger de overordnede mål og rammer for SSP-samarbejdet og følger op på indsatserne."),
            "kommissorium": "kommissorium-styregruppe",
            "sammensaetning": [
                {"rolle": "Formand (politisk udpeget)", "aktoer": "byraadet", "stemmeret": True},
                {"rolle": "Ledelsesrepræsentant for politiet", "aktoer": "politiet", "stemmeret": True},
                {"rolle": "Direktør for Børn og Unge", "aktoer": "boern-og-unge-forvaltningen", "stemmeret": True},
                {"rolle": "SSP-koordinator", "aktoer": "ssp-enheden", "tovholder": True, "stemmeret": False},
            ],
            "moedefrekvens": {"gange": 4, "per": "aar"},
            "offentlig_dagsorden": True,
            "beslutningsprotokol": "Beslutningsprotokollen underskrives af de faste medlemmer.",
            "synlighed": "offentlig",
        }, "../../../schema/fora.schema.json")
        self.put("fora/koordinationsgruppe.yaml", {
            "id": "koordinationsgruppe", "navn": "SSP-koordinationsgruppen", "type": "koordinationsgruppe",
            "niveau": "koordinerende", "overordnet": "styregruppe", "kommissorium": "kommissorium-koordinationsgruppe",
            "formaal": wrap("Koordinationsgruppen koordinerer SSP-samarbejdet på tværs og udarbejder årsrapporten."),
            "opgaver": ["Koordinere indsatserne på tværs af netværkene", "Udarbejde årsrapport til styregruppen"],
            "sammensaetning": [
                {"rolle": "SSP-koordinator", "aktoer": "ssp-enheden", "tovholder": True},
                {"rolle": "Leder fra Børn og Familie", "aktoer": "boern-og-familie"},
                {"rolle": "Politiets forebyggelsesleder", "aktoer": "politiet"},
            ],
            "moedefrekvens": {"gange": 1, "per": "maaned"},
            "synlighed": "offentlig",
        })
        self.put("fora/akutgruppe.yaml", {
            "id": "akutgruppe", "navn": "Akutgruppen (§115-gruppen)", "type": "akutgruppe",
            "niveau": "operationelt", "overordnet": "koordinationsgruppe",
            "formaal": wrap("Akutgruppen behandler sager om navngivne børn og unge efter Retsplejelovens §115."),
            "sammensaetning": [
                {"rolle": "Repræsentant fra Børn og Familie", "aktoer": "boern-og-familie"},
                {"rolle": "Repræsentant fra SSP-enheden", "aktoer": "ssp-enheden", "tovholder": True},
                {"rolle": "Repræsentant fra politiet", "aktoer": "politiet"},
            ],
            "moedefrekvens": {"gange": 1, "per": "uge", "bemaerkning": "Ugentligt, dog ikke i ferierne."},
            "sted": "SSP-enheden",  # a §115 meeting's place is chosen from the forum's places
            "synlighed": "offentlig",
        })
        self.put("fora/ssp-netvaerk.yaml", {
            "id": "ssp-netvaerk", "navn": "SSP-netværket for hele kommunen", "type": "netvaerksforum",
            "niveau": "operationelt", "overordnet": "koordinationsgruppe", "kommissorium": "kommissorium-ssp-netvaerk",
            "formaal": wrap(f"Alle {s.networks} lokale netværk samles til fællesmøder med faglige oplæg og sparring på tværs."),
            "sammensaetning": [{"rolle": "Tovholder", "aktoer": "ssp-enheden", "tovholder": True},
                               {"rolle": "Forebyggelsesbetjente", "aktoer": "politiet"}],
            "moedefrekvens": {"gange": 2, "per": "aar", "varighed_minutter": 90, "varighed_minutter_op_til": 120},
            "synlighed": "offentlig",
        })
        for district, school in zip(self.districts, self.schools):
            fid = f"ssp-netvaerk-{slugify(district)}"
            roles = [{"rolle": "Tovholder", "aktoer": "ssp-enheden", "tovholder": True,
                      "beskrivelse": "Ansvar for kortlægning, indkaldelse til møder og dagsorden."}]
            for rolle, aktoer, beskrivelse in NETWORK_ROLES:
                roles.append({"rolle": rolle, "aktoer": aktoer or school, "beskrivelse": beskrivelse})
            self.put(f"fora/{fid}.yaml", {
                "id": fid, "navn": f"SSP-netværk {district}", "type": "netvaerk", "niveau": "operationelt",
                "overordnet": "ssp-netvaerk", "kommissorium": "kommissorium-ssp-netvaerk", "distrikt": district,
                "formaal": wrap(f"At samarbejde, kortlægge tendenser og dele viden i distrikt {district} og dermed "
                                "forebygge kriminalitet blandt børn og unge."),
                "skoler": [school], "sammensaetning": roles,
                "kan_invitere": [{"navn": "Rusmiddelcentret", "aktoer": "rusmiddelcenter", "anledning": "i forhold til rusmidler"}],
                "moedefrekvens": {"gange": 1, "per": "maaned", "bemaerkning": "Ikke i juli."},
                "sted": f"{district} Skole", "tidspunkt": "14.00",
                "synlighed": "offentlig",
            })

    def _kommissorier(self) -> None:
        fora = ["ssp-netvaerk"] + [f"ssp-netvaerk-{slugify(d)}" for d in self.districts]
        self.put("kommissorier/kommissorium-ssp-netvaerk.yaml", {
            "id": "kommissorium-ssp-netvaerk", "titel": f"Kommissorium, SSP-netværk i {self.s.navn} Kommune",
            "fora": fora,
            "formaal": wrap("At samarbejde, kortlægge tendenser, dele viden samt blive klogere på aktuelle emner "
                            "og strømninger og dermed forebygge kriminalitet blandt børn og unge."),
            "maalgruppe": {"klassetrin_fra": 0, "klassetrin_til": 10, "beskrivelse": "Elever i 0.-10. klasse"},
            "lovgrundlag": ["Retsplejelovens §115"],
            "deltagere": [{"rolle": "Tovholder", "aktoer": "ssp-enheden", "tovholder": True},
                          {"rolle": "Forebyggelsesbetjent", "aktoer": "politiet"}],
            "forberedelse": {"varsel_dage": 30, "dagsorden_udsendes": True, "emner_fra_deltagere": True, "emnebank": True},
            "moedefrekvens": {"gange": 1, "per": "maaned"},
            "faellesmoeder": {"forum": "ssp-netvaerk", "moedefrekvens": {"gange": 2, "per": "aar"},
                              "formaal": wrap("Fællesmøder på tværs af alle netværk med faglige oplæg.")},
            "dagsordensskabelon": [{"nummer": n, "titel": t, "spoergsmaal": q} for n, t, q in AGENDA_TEMPLATE],
            "synlighed": "offentlig",
        })
        self.put("kommissorier/kommissorium-styregruppe.yaml", {
            "id": "kommissorium-styregruppe", "titel": "Kommissorium for SSP-styregruppen", "fora": ["styregruppe"],
            "formaal": wrap("Styregruppen sætter retning for SSP-samarbejdet og godkender årsrapporten."),
            "forberedelse": {"varsel_dage": 14, "dagsorden_udsendes": True},
            "moedefrekvens": {"gange": 4, "per": "aar"},
            "dagsordensskabelon": [{"nummer": n, "titel": t} for n, t, _ in STYRE_TEMPLATE],
            "synlighed": "offentlig",
        })

        self.put("kommissorier/kommissorium-koordinationsgruppe.yaml", {
            "id": "kommissorium-koordinationsgruppe", "titel": "Kommissorium for SSP-koordinationsgruppen",
            "fora": ["koordinationsgruppe"],
            "formaal": wrap("Koordinationsgruppen koordinerer på tværs af netværkene og forbereder styregruppens møder."),
            "moedefrekvens": {"gange": 1, "per": "maaned"},
            "dagsordensskabelon": [{"nummer": 1, "titel": "Status fra netværkene"}, {"nummer": 2, "titel": "Eventuelt"}],
            "synlighed": "intern",
        })

    def _funktioner(self) -> None:
        self.put("funktionsbeskrivelser/ssp-konsulent.yaml", {
            "id": "ssp-konsulent", "rolle": "SSP-konsulent", "aktoer": "ssp-enheden",
            "formaal": ["At koordinere det kriminalitetsforebyggende arbejde i distrikterne."],
            "opgaver": ["Tovholder for de lokale netværk", "Kortlægning af tendenser", "Rådgivning af skolerne"],
            "synlighed": "offentlig"})
        self.put("funktionsbeskrivelser/ssp-laerer.yaml", {
            "id": "ssp-laerer", "rolle": "SSP-lærer", "ordning": "SSP-lærerordning på alle skoler",
            "opgaver": ["At deltage i det lokale SSP-netværk", "At planlægge forebyggende undervisning"],
            "synlighed": "offentlig"})

    def _plans(self) -> None:
        rng = self.rng
        first, last = self.years[0], self.years[-1]
        periods = []
        start = first
        while start <= last:
            end = min(start + 3, last) if last - start >= 5 else last
            periods.append((start, end))
            start = end + 1
        self.plans = []
        per_plan = [self.s.indsatser // len(periods)] * len(periods)
        per_plan[-1] += self.s.indsatser - sum(per_plan)
        responsible = [a for a, _, _ in CORE_AKTOERER] + self.schools
        for (start, end), count in zip(periods, per_plan):
            pid = f"ssp-plan-{start}-{end}"
            goals = [("oplevet-tryghed", "Oplevet tryghed"), ("risikoadfaerd-og-trivsel", "Risikoadfærd og trivsel"),
                     ("forebyggelse-af-ungdomskriminalitet", "Forebyggelse af ungdomskriminalitet"),
                     ("uddannelse-og-fritid", "Uddannelse og fritid")][: 3 + (count > 60)]
            levels = [("opbyggende", "Det opbyggende niveau", "proaktive indsatser"),
                      ("forebyggende", "Det forebyggende niveau", "tidligt reaktive indsatser"),
                      ("kriminalitetsforebyggende", "Det kriminalitetsforebyggende niveau", "reaktive indsatser")]
            indsatser = []
            for i in range(count):
                theme = rng.choice(["trivsel", "tryghed", "fritid", "gadeplan", "forældre", "digital dannelse",
                                    "rusmidler", "fællesskaber", "brobygning", "uddannelse"])
                iid = f"indsats-{i + 1:03d}"
                tied = rng.sample([g for g, _ in goals], rng.choice([1, 1, 2]))
                indsatser.append({
                    "id": iid, "navn": f"Indsats {i + 1}: {theme}",
                    "beskrivelse": wrap(f"En indsats om {theme} på tværs af skoler, klubber og politi, med "
                                        f"løbende opfølgning i netværkene. {rng.choice(INDSATS_NOTER)}"),
                    "politiske_maal": tied, "forebyggelsesniveau": rng.choice(levels)[0],
                    "ansvarlige": rng.sample(responsible, min(len(responsible), rng.randint(1, 3))),
                })
            indsatser[0]["pensum"] = "det-sociale-pensum"
            self.plans.append((pid, start, end, goals, indsatser))
            self.put(f"planer/{pid}.yaml", {
                "id": pid, "titel": f"SSP-plan {start}-{end}", "periode_fra": start, "periode_til": end,
                "indledning": wrap(f"{self.s.navn} Kommune skal være et trygt sted at bo og vokse op. Planen beskriver "
                                   "mål, metoder, samarbejder og indsatser i SSP-samarbejdet i perioden."),
                "politiske_maal": [{"id": g, "titel": t, "beskrivelse": f"Målet om {t.lower()} skal styrkes i planperioden."}
                                   for g, t in goals],
                "forebyggelsesniveauer": [{"id": lid, "navn": n, "indsatstype": kind,
                                           "beskrivelse": wrap(f"{n} omfatter {kind} i forebyggelsestrekanten.")}
                                          for lid, n, kind in levels],
                "metoder": [{"id": "snap", "navn": "SNAP-modellen", "forkortelse": "SNAP",
                             "beskrivelse": wrap("Beskyttende og bekymrende faktorer hele vejen rundt om barnet.")},
                            {"id": "loeft", "navn": "Den løsningsfokuserede tilgang", "forkortelse": "LØFT",
                             "beskrivelse": wrap("Samtalemodel med fokus på den enkeltes ressourcer.")}],
                "indsatser": indsatser,
                "evaluering": wrap("Indsatserne evalueres hvert år: hvad fungerer, hvad fungerer ikke, og hvad skal ske."),
                "kilder": ["retsplejeloven-115", "ssp-plan-pdf"],
                "synlighed": "offentlig",
            })
        for year in self.years[:-1]:
            pid, _, _, goals, indsatser = next(p for p in self.plans if p[1] <= year <= p[2])
            rows = []
            for goal, _ in goals:
                tied = [i for i in indsatser if goal in i["politiske_maal"]]
                for indsats in rng.sample(tied, min(len(tied), 4)):
                    rows.append({"politisk_maal": goal, "indsats": indsats["id"],
                                 "fungerer": wrap(rng.choice(INDSATS_NOTER)),
                                 "fungerer_ikke": wrap("Indsatsen er svær at gøre synlig uden for skole og klub."),
                                 "skal_ske": wrap("Indsatsen fortsætter med tydeligere mål og fælles opfølgning.")})
            self.put(f"evalueringer/{year}.yaml", {"id": str(year), "aar": year, "plan": pid,
                                                   "proces": wrap("Evalueringen er gennemført i akutgruppen og kvalificeret i koordinationsgruppen."),
                                                   "raekker": rows, "synlighed": "offentlig"})

    def _pensum(self) -> None:
        emner = [("faellesskaber", "Fællesskaber"), ("konflikter", "Konflikter"),
                 ("digitale-kompetencer", "Digitale kompetencer"), ("risikoadfaerd", "Risikoadfærd"),
                 ("sundhed-og-trivsel", "Sundhed og trivsel")]
        trin = [("indskoling", "Indskoling og SFO", 0, 3), ("mellemtrin", "Mellemtrin og SFO/klub", 4, 6),
                ("udskoling", "Udskoling og klub", 7, 9), ("tiende-klasse", "10. klasse", 10, 10)]
        maal = [{"emne": e, "trin": t, "tekst": f"Eleven arbejder med {n.lower()} på {tn.lower()}."}
                for e, n in emner for t, tn, _, hi in trin if hi < 10]
        maal.append({"trin": "tiende-klasse", "tekst": "Eleven trives i overgangen til ungdomsuddannelse."})
        forloeb = []
        for grade in range(0, 11):
            e1, e2 = emner[grade % len(emner)], emner[(grade + 2) % len(emner)]
            forloeb.append({"id": f"forloeb-{grade}-obligatorisk", "navn": f"{e1[1]} i {grade}. klasse",
                            "beskrivelse": wrap(f"Obligatorisk forløb om {e1[1].lower()} for {grade}. klasse."),
                            "emner": [e1[0]], "klassetrin": [grade], "status": "obligatorisk",
                            "udbydere": [self.schools[grade % len(self.schools)], "ssp-enheden"]})
            forloeb.append({"id": f"forloeb-{grade}-anbefalet", "navn": f"{e2[1]} – anbefalet i {grade}. klasse",
                            "emner": [e2[0], e1[0]], "klassetrin": [grade, min(grade + 1, 10)], "status": "anbefalet",
                            "udbydere": ["ssp-enheden"]})
        self.put("pensum/det-sociale-pensum.yaml", {
            "id": "det-sociale-pensum", "titel": "Det sociale pensum", "plan": self.plans[-1][0],
            "beskrivelse": wrap("Det sociale pensum er oversigten over de konkrete indsatser i skolerne, der ruster "
                                "børn og unge til et trygt liv i trivsel og gode fællesskaber."),
            "emner": [{"id": e, "navn": n, "overordnet_maal": f"Eleven har forståelse for {n.lower()}."} for e, n in emner],
            "trin": [{"id": t, "navn": n, "klassetrin_fra": lo, "klassetrin_til": hi} for t, n, lo, hi in trin],
            "laeringsmaal": maal, "forloeb": forloeb, "synlighed": "offentlig",
        })

    def _meeting(self, mid: str, forum: str, kind: str, day: date, when: str, sted: str,
                 deltagere: list[str], dagsorden: list[dict] | None, extra: dict | None = None,
                 synlighed: str = "intern") -> None:
        status = "afholdt" if day < TODAY else "planlagt"
        if status == "afholdt" and self.rng.random() < 0.02:
            status = "aflyst"
        record: dict = {"id": mid, "forum": forum, "type": kind, "dato": day.isoformat(), "tid": when,
                        "slut": f"{int(when[:2]) + 2:02d}.00", "sted": sted, "status": status}
        if dagsorden is not None:
            record["indkaldt"] = (day - timedelta(days=30)).isoformat()
        record["deltagende_aktoerer"] = deltagere if status == "afholdt" else []
        if dagsorden is not None:
            record["dagsorden"] = [self._strip(p) for p in dagsorden] if status != "afholdt" else dagsorden
        for key, value in (extra or {}).items():
            if status == "afholdt" or key not in ("beslutningsprotokol", "nye_emner", "antal_sager"):
                record[key] = value
        record["synlighed"] = synlighed
        self.s.meetings += 1
        self.put(f"moeder/{mid}.yaml", record, "../../../schema/moeder.schema.json")

    @staticmethod
    def _strip(point: dict) -> dict:
        """A planned meeting has its agenda, not a record."""
        return {k: v for k, v in point.items() if k in ("nummer", "titel", "spoergsmaal", "beskrivelse")}

    def _network_agenda(self, day: date, school: str) -> tuple[list[dict], list[str]]:
        rng = self.rng
        tendenser = rng.sample(TENDENSER, rng.randint(1, 3))
        open_followup = (TODAY - day).days < 120
        frist = (day + timedelta(days=rng.randint(14, 60))).isoformat()
        emne_titel, emne_tekst = rng.choice(AKTUELT)
        ansvarlig = rng.choice(["politiet", "klubtilbud", school, "ssp-enheden", "rusmiddelcenter"])
        points = [
            {"nummer": 1, "titel": AGENDA_TEMPLATE[0][1], "spoergsmaal": AGENDA_TEMPLATE[0][2],
             "noter": wrap(_sentence(rng, AFDAEKNING, 3))},
            {"nummer": 2, "titel": AGENDA_TEMPLATE[1][1], "spoergsmaal": AGENDA_TEMPLATE[1][2],
             "noter": wrap(" ".join(TENDENS_NOTER[t] for t in tendenser)), "tendenser": tendenser,
             "beslutninger": [rng.choice(BESLUTNINGER)],
             "opfoelgning": [{"opgave": "Følge op på drøftelsen og melde tilbage på næste møde",
                              "ansvarlig": ansvarlig, "frist": frist,
                              "status": "aaben" if open_followup else "afsluttet"}]},
            {"nummer": 3, "titel": AGENDA_TEMPLATE[2][1], "spoergsmaal": AGENDA_TEMPLATE[2][2],
             "noter": wrap(_sentence(rng, INDSATS_NOTER, 2))},
            {"nummer": 4, "titel": f"{AGENDA_TEMPLATE[3][1]}: {emne_titel}", "beskrivelse": emne_tekst,
             "noter": wrap(emne_tekst + " " + rng.choice(BESLUTNINGER))},
            {"nummer": 5, "titel": AGENDA_TEMPLATE[4][1], "noter": "Ingen yderligere input.\n"},
        ]
        return points, tendenser

    def _moeder(self) -> None:
        rng = self.rng
        self.meeting_ids: list[str] = []
        self.emne_ids = [slugify(t) for t in EMNER_TITLER[: 8 + min(12, self.s.networks)]]
        roles = ["klubtilbud", "boern-og-familie", "uu-vejledning", "politiet", "sundhedsplejen"]
        for year in self.years:
            for month in range(1, 13):
                if month == 7:
                    continue
                for index, (district, school) in enumerate(zip(self.districts, self.schools)):
                    # Tuesday to Thursday of the second or third week, spread over the networks.
                    day = date(year, month, 8 + (index % 10))
                    while day.weekday() > 3:
                        day += timedelta(days=1)
                    slug = slugify(district)
                    mid = f"{day.isoformat()}-{slug}"
                    agenda, _ = self._network_agenda(day, school)
                    extra = {}
                    if rng.random() < 0.15:
                        extra["nye_emner"] = [rng.choice(self.emne_ids)]
                    self._meeting(mid, f"ssp-netvaerk-{slug}", "netvaerksmoede", day, "14.00", f"{district} Skole",
                                  ["ssp-enheden", school] + rng.sample(roles, 3), agenda, extra)
                    self.meeting_ids.append(mid)
                if month in (3, 6, 9, 12):
                    day = date(year, month, 2)
                    while day.weekday() != 3:
                        day += timedelta(days=1)
                    mid = f"{day.isoformat()}-styregruppe"
                    points = [{"nummer": n, "titel": t,
                               "beslutninger": [f"Styregruppen tog punktet «{t.lower()}» til efterretning."]}
                              for n, t, _ in STYRE_TEMPLATE]
                    extra = {}
                    if day < TODAY:
                        extra["beslutningsprotokol"] = {"underskrevet": day.isoformat(),
                                                        "underskrevet_af": ["Formand (politisk udpeget)",
                                                                            "Ledelsesrepræsentant for politiet"]}
                    self._meeting(mid, "styregruppe", "styregruppemoede", day, "16.00", "Rådhuset",
                                  ["byraadet", "politiet", "boern-og-unge-forvaltningen", "ssp-enheden"],
                                  points, extra, synlighed="offentlig")
                if month in (4, 10):
                    day = date(year, month, 20)
                    mid = f"{day.isoformat()}-ssp-netvaerk"
                    agenda, _ = self._network_agenda(day, self.schools[0])
                    self._meeting(mid, "ssp-netvaerk", "faellesmoede", day, "15.00", "Rådhuset",
                                  ["ssp-enheden", "politiet"] + self.schools[:5], agenda)
                # Koordinationsgruppe monthly (no template: free agenda), akutgruppe twice a month.
                day = date(year, month, 25)
                self._meeting(f"{day.isoformat()}-koordinationsgruppe", "koordinationsgruppe", "koordinationsmoede",
                              day, "09.00", "Rådhuset", ["ssp-enheden", "boern-og-familie", "politiet"],
                              [{"nummer": 1, "titel": "Status fra netværkene",
                                "noter": wrap(" ".join(TENDENS_NOTER[t] for t in rng.sample(TENDENSER, 2)))},
                               {"nummer": 2, "titel": "Eventuelt", "noter": "Intet.\n"}])
                for day_of_month in (5, 12, 19, 26):
                    day = date(year, month, day_of_month)
                    self._meeting(f"{day.isoformat()}-akutgruppe", "akutgruppe", "akutmoede", day, "10.00",
                                  "SSP-enheden", ["ssp-enheden", "boern-og-familie", "politiet"], None,
                                  {"antal_sager": rng.randint(0, 14)})

    def _emnebank(self) -> None:
        rng = self.rng
        fora = [f"ssp-netvaerk-{slugify(d)}" for d in self.districts]
        emner = []
        for eid, titel in zip(self.emne_ids, EMNER_TITLER):
            status = rng.choice(["foreslaaet", "planlagt", "behandlet", "behandlet"])
            emner.append({"id": eid, "titel": titel, "beskrivelse": f"Forslag om {titel.lower()} til et kommende møde.",
                          "foreslaaet_af": rng.choice(["ssp-enheden", "politiet", "sundhedsplejen", "klubtilbud"]),
                          "fora": rng.sample(fora, min(3, len(fora))), "status": status,
                          "behandlet_paa": rng.sample(self.meeting_ids, 2) if status == "behandlet" else []})
        self.put("emnebank.yaml", {"emner": emner}, "../../schema/emnebank.schema.json")

    def _content(self) -> None:
        s = self.s
        fora = ["ssp-netvaerk"] + [f"ssp-netvaerk-{slugify(d)}" for d in self.districts]
        body = (
            f"SSP står for samarbejdet mellem **s**kole, **s**ocialforvaltning og **p**oliti. I {s.navn} "
            f"Kommune arbejder vi sammen om at forebygge kriminalitet blandt børn og unge.\n\n"
            f"## Lokale SSP-netværk\n\n{wrap('Kernen i arbejdet er ' + str(s.networks) + ' lokale SSP-netværk: ' + ', '.join(self.districts[:12]) + '.')}\n"
            "## Kontakt\n\n[[kontakter: ssp]]\n"
        )
        front = to_yaml({"titel": "Sådan arbejder vi", "beskrivelse": f"SSP-samarbejdet i {s.navn} Kommune.",
                         "raekkefoelge": 10, "forfatter": f"{s.navn} Kommune", "fora": fora, "synlighed": "offentlig"})
        self.files[f"content/{s.slug}/saadan-arbejder-vi.md"] = f"---\n{front}---\n{body}"
        guide = to_yaml({"titel": "Guide til netværksmøder", "raekkefoelge": 20, "synlighed": "intern"})
        self.files[f"content/{s.slug}/guide-til-netvaerksmoeder.md"] = (
            f"---\n{guide}---\nSådan forbereder du et netværksmøde.\n\n- Læs dagsordenen.\n- Tag tendenser med.\n")


# --------------------------------------------------------------------------------------------
# Sizes


def specs(size: str, seed: int) -> list[Spec]:
    if size == "small":
        return [Spec("Lilleby", "lilleby", networks=3, years=2, indsatser=8, seed=seed)]
    if size == "large":
        return [Spec("Storby", "storby", networks=40, years=10, indsatser=300, seed=seed)]
    if size == "national":
        rng = random.Random(seed)
        out = []
        for index, navn in enumerate(KOMMUNER):
            if navn in LARGE:
                networks, years = LARGE[navn]
            else:
                networks, years = rng.randint(2, 6), rng.randint(3, 5)
            out.append(Spec(navn, slugify(navn), networks, years, indsatser=max(8, networks * 3),
                            seed=seed * 1000 + index))
        return out
    raise SystemExit(f"unknown size {size!r}")


def generate(size: str, out: Path, seed: int = 1, layouts: Path | None = None) -> dict:
    """Write the data; return a summary (municipalities, files, meetings, bytes)."""
    summary = {"size": size, "seed": seed, "kommuner": 0, "files": 0, "meetings": 0, "bytes": 0}
    for folder in ("data", "content"):
        if (out / folder).exists():
            shutil.rmtree(out / folder)
    for spec in specs(size, seed):
        Writer(spec).run()
        for rel, text in spec.files.items():
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            summary["bytes"] += len(data)
        summary["kommuner"] += 1
        summary["files"] += len(spec.files)
        summary["meetings"] += spec.meetings
        spec.files.clear()
    if layouts is not None and layouts.is_dir():
        if (out / "layouts").exists():
            shutil.rmtree(out / "layouts")
        shutil.copytree(layouts, out / "layouts")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=["small", "large", "national"], required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layouts", type=Path, help="copy this layouts/ folder into the target")
    args = parser.parse_args(argv)
    summary = generate(args.size, args.out, args.seed, args.layouts)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
