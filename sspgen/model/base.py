"""Shared building blocks of the data model: the base class and the small value types.

YAML scalars arrive as strings (the reader resolves no YAML 1.1 types), so every typed field
parses its own value here; that keeps `nej` a string where a string is meant and lets staff
write `ja`/`nej` where a yes/no is meant.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class Model(BaseModel):
    """Every entity: unknown keys are errors, so a misspelt key never passes silently.

    Subclass docstrings are Danish on purpose: they become the JSON Schema descriptions that
    editors show as hover text, and the README's data reference.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


def _ja_nej(value: Any) -> Any:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"ja", "true", "sand"}:
            return True
        if lowered in {"nej", "false", "falsk"}:
            return False
        raise ValueError("skal være ja eller nej")
    return value


def _klokkeslaet(value: Any) -> Any:
    if isinstance(value, str):
        match = re.fullmatch(r"(?:kl\.\s*)?(\d{1,2})[.:](\d{2})", value.strip())
        if not match:
            raise ValueError("skal være et klokkeslæt som 15.00")
        hour, minute = int(match[1]), int(match[2])
        if hour > 23 or minute > 59:
            raise ValueError("skal være et klokkeslæt mellem 00.00 og 23.59")
        return time(hour, minute)
    return value


def _url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", value):
        raise ValueError("skal være en webadresse, der begynder med https:// eller http://")
    return value


FIRST_YEAR, LAST_YEAR = 1990, 2100
"""Every date lies in these years (the same range as a plan's period). SSP data is about
the present and the near past and future; a date far outside is a typo (9999-12-31), and
the calendar, the month tables and the ICS files can then rely on ordinary dates."""


def _https_adresse(value: str) -> str:
    """A public site's address: https only (a page served over http cannot be linked from a
    municipality's https site without a warning), and always ending in '/', so the pages'
    own paths are joined under it rather than beside it."""
    if not re.fullmatch(r"https://[^\s/$.?#][^\s?#]*", value):
        raise ValueError(
            "skal være en webadresse, der begynder med https://, fx https://www.kommune.dk/ssp/ "
            "(uden ? og # i adressen)"
        )
    return value if value.endswith("/") else value + "/"


def _dato(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        raise ValueError("skal være en dato skrevet som ÅÅÅÅ-MM-DD, fx 2025-01-14")
    return value


def _dato_i_perioden(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"skal være en dato mellem {FIRST_YEAR} og {LAST_YEAR}, men er {value.isoformat()}; "
            f"ret årstallet"
        )
    return value


Id = Annotated[
    str,
    Field(pattern=ID_PATTERN, max_length=80),
]
"""An id: lower-case letters a-z, digits and hyphens (æ→ae, ø→oe, å→aa)."""

Ref = Id
"""A reference to another entity's id; cross-file rules check that it exists."""

# The JSON Schema says what staff may write (ja/nej, "15.00"), not the parsed Python type, so
# editors do not flag the documented spellings; its patterns accept exactly what the validators
# accept (tests/test_schema_agreement.py).
JaNej = Annotated[
    bool,
    BeforeValidator(_ja_nej),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["ja", "nej"]}, {"type": "string", "pattern": (
        r"^\s*([Jj][Aa]|[Nn][Ee][Jj]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Ss][Aa][Nn][Dd]|[Ff][Aa][Ll][Ss][Kk])\s*$")}]}),
]
Klokkeslaet = Annotated[
    time,
    BeforeValidator(_klokkeslaet),
    WithJsonSchema({"type": "string", "pattern": r"^\s*(kl\.\s*)?([01]?[0-9]|2[0-3])[.:][0-5][0-9]\s*$"}),
]
Dato = Annotated[date, BeforeValidator(_dato), AfterValidator(_dato_i_perioden)]
Url = Annotated[str, AfterValidator(_url), WithJsonSchema({"type": "string", "pattern": r"^https?://[^\s/$.?#][^\s]*$"})]
HttpsAdresse = Annotated[
    str,
    AfterValidator(_https_adresse),
    WithJsonSchema({"type": "string", "pattern": r"^https://[^\s?#]+$"}),
]
Tekst = Annotated[str, Field(min_length=1)]
Markdown = Annotated[str, Field(min_length=1)]
Klassetrin = Annotated[int, Field(ge=0, le=10)]
Alder = Annotated[int, Field(ge=0, le=120)]

Synlighed = Literal["offentlig", "intern"]

SYNLIGHED_FIELD: Any = Field(
    "intern",
    description="Hvem må se det: «offentlig» (også den offentlige hjemmeside) eller «intern» "
    "(kun intranettet). Alt er internt, medmindre der står offentlig.",
)


def description(text: str) -> Any:
    """A required field with its Danish description (shown as editor hover text)."""
    return Field(..., description=text)


def optional(text: str, default: Any = None) -> Any:
    """An optional field with its Danish description."""
    if isinstance(default, list):
        return Field(default_factory=list, description=text)
    return Field(default, description=text)


# Validity periods: a forum, a template, a plan, a project or a temporary arrangement is in force
# from one date to another. Both ends are optional (open-ended) and inclusive.
GYLDIG_FRA: Any = Field(None, description="Første dag, dette gælder (ÅÅÅÅ-MM-DD); udelades, hvis det altid har gældt.")
GYLDIG_TIL: Any = Field(None, description="Sidste dag, dette gælder (ÅÅÅÅ-MM-DD); udelades, hvis det stadig gælder.")


def check_gyldighed(gyldig_fra: date | None, gyldig_til: date | None) -> None:
    """Raise the Danish error for a period that ends before it begins (call from a model validator)."""
    if gyldig_fra is not None and gyldig_til is not None and gyldig_til < gyldig_fra:
        raise ValueError("gyldig_til må ikke ligge før gyldig_fra")


def gaelder_paa(entity: Any, dag: date) -> bool:
    """Whether an entity with optional «gyldig_fra»/«gyldig_til» is in force on a day."""
    fra = getattr(entity, "gyldig_fra", None)
    til = getattr(entity, "gyldig_til", None)
    return (fra is None or fra <= dag) and (til is None or dag <= til)
