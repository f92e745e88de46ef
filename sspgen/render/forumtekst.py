"""Danish phrases for the organisation's structure: validity periods, reporting cadences and
the count on a forum kind's box («SSP-team (14 skoler)»)."""

from __future__ import annotations

from datetime import date
from typing import Any

from .danish import dato

HVER = {"uge": "hver uge", "maaned": "hver måned", "kvartal": "hvert kvartal", "aar": "hvert år"}
GANGE_PER = {"uge": "om ugen", "maaned": "om måneden", "kvartal": "i kvartalet", "aar": "om året"}


def gyldighed(entity: Any, today: date | None) -> str:
    """«Ophørt 31. juli 2018», «Gælder fra 1. august 2025», «Gælder til 31. juli 2026» or
    «Gælder fra … til …»; "" when the entity has no period (always in force)."""
    fra, til = getattr(entity, "gyldig_fra", None), getattr(entity, "gyldig_til", None)
    if til is not None and today is not None and til < today:
        return f"Ophørt {dato(til)}"
    if fra is not None and til is not None:
        return f"Gælder fra {dato(fra)} til {dato(til)}"
    if fra is not None:
        return f"Gælder fra {dato(fra)}"
    if til is not None:
        return f"Gælder til {dato(til)}"
    return ""


def ophoert(entity: Any, today: date | None) -> bool:
    til = getattr(entity, "gyldig_til", None)
    return til is not None and today is not None and til < today


def hyppighed(per: str, gange: int = 1) -> str:
    """«hvert kvartal», «2 gange om året»."""
    if gange == 1:
        return HVER[per]
    return f"{gange} gange {GANGE_PER[per]}"


def antal_instanser(instanser: list[Any]) -> str:
    """«14 skoler», «6 distrikter», «15 områder», else «3 grupper» (one: «1 skole» …)."""
    count = len(instanser)
    if all(getattr(i, "skole", None) for i in instanser):
        noun = ("skole", "skoler")
    elif all(getattr(i, "distrikt", None) for i in instanser):
        noun = ("distrikt", "distrikter")
    elif all(getattr(i, "omraade", None) for i in instanser):
        noun = ("område", "områder")
    else:
        noun = ("gruppe", "grupper")
    return f"{count} {noun[0] if count == 1 else noun[1]}"
