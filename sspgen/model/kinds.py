"""Which file holds which kind of entity: the one table from a path to its model."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Model
from .begivenhed import Begivenhed
from .kommune import Kommune, Vokabular
from .moede import Emnebank, Moede
from .organisation import Aktoer, Forum, Funktionsbeskrivelse, Kommissorium
from .pensum import Pensum
from .plan import Evaluering, Plan
from .side import Side


@dataclass(frozen=True)
class Kind:
    name: str
    """Python-side name, also the attribute on KommuneData (plural for collections)."""
    label: str
    """Danish name for messages: «forum», «møde» …"""
    model: type[Model]
    folder: str | None
    """Folder under data/<kommune>/ holding one entity a file (file name = id), or None."""
    filename: str | None = None
    """For a single-file kind: its file name under data/<kommune>/."""
    required: bool = False


KINDS: tuple[Kind, ...] = (
    Kind("kommune", "kommune", Kommune, None, "kommune.yaml", required=True),
    Kind("vokabular", "vokabular", Vokabular, None, "vokabular.yaml"),
    Kind("emnebank", "emnebank", Emnebank, None, "emnebank.yaml"),
    Kind("aktoerer", "aktør", Aktoer, "aktoerer"),
    Kind("fora", "forum", Forum, "fora"),
    Kind("kommissorier", "kommissorium", Kommissorium, "kommissorier"),
    Kind("funktionsbeskrivelser", "funktionsbeskrivelse", Funktionsbeskrivelse, "funktionsbeskrivelser"),
    Kind("planer", "plan", Plan, "planer"),
    Kind("evalueringer", "evaluering", Evaluering, "evalueringer"),
    Kind("pensum", "pensum", Pensum, "pensum"),
    Kind("moeder", "møde", Moede, "moeder"),
    Kind("begivenheder", "begivenhed", Begivenhed, "begivenheder"),
)

SIDE = Kind("sider", "side", Side, None)
"""Prose pages live in content/<kommune>/*.md, not under data/."""

KIND_BY_NAME = {kind.name: kind for kind in (*KINDS, SIDE)}
