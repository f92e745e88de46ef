"""The data model: Pydantic models whose field names are the YAML keys."""

from .kinds import KIND_BY_NAME, KINDS, SIDE, Kind
from .kommune import Begreb, Dokument, Kommune, Kontakt, Maalgruppe, Spor, Vokabular
from .moede import Dagsordenspunkt, Emnebank, EmnebankEmne, Moede, Opfoelgning
from .organisation import Aktoer, Deltager, Forum, Funktionsbeskrivelse, Kommissorium, Moedefrekvens
from .pensum import Emne, Forloeb, Laeringsmaal, Pensum, Trin
from .plan import (
    Aktivitet,
    Beredskabsscenarie,
    Evaluering,
    Evalueringsraekke,
    Forebyggelsesniveau,
    Indsats,
    Maal,
    Metode,
    Plan,
    PolitiskMaal,
)
from .side import Side

__all__ = [name for name in dir() if not name.startswith("_")]
