"""«Nyt møde» in the Decap form: the facts a new meeting starts from, as admin/moedeudkast.json.

The form (layouts/admin/sspgen-moede.js) fills a new meeting on save from this file the way
`sspgen new moede` fills one: both start from moede_udkast.grundlag, and only the steps that
depend on the chosen date are done in the browser (the template version and the fixed seats
in force on the day, the notice counted back to a working day). So the two write the same file.

Per forum (instances included): its meeting type, place, start and end time, the fixed
participants with their periods, the notice in days, and each template version with its
period, its agenda points (titles and sub-points only) and the hints that go into comments.
Besides: the meetings that exist, by id, forum and date (the form refuses a second one) and the
Danish days off (danish_calendar) for the years around the data.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from .danish_calendar import fridage
from .moede_udkast import Grundlag, grundlag, standard_moedetype
from .validate.instanser import alle_fora
from .validate.load import KommuneData, load_kommune
from .yamlemit import as_read

NEW_MEETING_FILLED = {
    "id": "Udfyldes, når du gemmer: datoen og forummets id, fx «2026-09-01-ssp-netvaerk-vester».",
    "type": "Udfyldes, når du gemmer, med forummets sædvanlige mødetype, hvis du ikke skriver en.",
}
"""Meeting fields the form fills on save (layouts/admin/sspgen-moede.js), so a new meeting
needs only a forum and a date; check still requires them in the file."""


def new_meeting_fields(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A new meeting is filled on save like `sspgen new moede`: id and type may be left empty
    in the form, and the status starts as «planlagt»."""
    for field in fields:
        if field["name"] in NEW_MEETING_FILLED:
            field["required"] = False
            field["hint"] = f"{field.get('hint', '')} {NEW_MEETING_FILLED[field['name']]}".strip()
        elif field["name"] == "status":
            field["default"] = "planlagt"
    return fields


YEARS_AROUND = 3
"""Days off are given for the data's years and this many years before and after."""


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _point(point: dict[str, Any]) -> dict[str, Any]:
    """An agenda point as the YAML reader gives it back, but with its number a number (the
    form's number field, and the canonical format, write it as one)."""
    read = as_read(point)
    read["nummer"] = point["nummer"]
    if "underpunkter" in read:
        read["underpunkter"] = [_point(u) for u in point["underpunkter"]]
    return read


def forum_json(basis: Grundlag) -> dict[str, Any]:
    return {
        "type": basis.moedetype,
        "tid": as_read(basis.tid) if basis.tid else None,
        "slut": as_read(basis.slut) if basis.slut else None,
        "sted": basis.sted,
        "varsel_dage": basis.varsel_dage,
        "deltagere": [{"aktoer": a, "fra": _day(fra), "til": _day(til)} for a, fra, til in basis.deltagere],
        "skabeloner": [
            {"fra": _day(v.fra), "til": _day(v.til), "punkter": [_point(p) for p in v.punkter],
             "hints": {str(index): lines for index, lines in sorted(v.hints.items())}}
            for v in basis.skabeloner
        ],
    }


def _years(data: KommuneData) -> range:
    years = [located.value.dato.year for located in data.moeder.values()] or [date.today().year]
    return range(min(years) - YEARS_AROUND, max(years) + YEARS_AROUND + 1)


def moedeudkast(data: KommuneData) -> dict[str, Any]:
    """Everything the form needs to fill a new meeting of any forum of the municipality."""
    fora = {}
    for forum_id, located in sorted(alle_fora(data).items()):
        forum = located.value
        fora[forum_id] = forum_json(grundlag(data, forum, standard_moedetype(data, forum)))
    days_off = {day.isoformat(): name for year in _years(data) for day, name in sorted(fridage(year).items())}
    meetings = [{"id": m.value.id, "forum": m.value.forum, "dato": m.value.dato.isoformat()}
                for _, m in sorted(data.moeder.items())]
    return {"fora": fora, "moeder": meetings, "fridage": days_off}


def moedeudkast_bytes(data: KommuneData) -> bytes:
    # Keys in the order given, never sorted: an agenda point's keys are written in this order.
    return (json.dumps(moedeudkast(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def moedeudkast_for(root: Path, slug: str) -> bytes:
    """The facts for one municipality of a data repository (`sspgen cms`, `sspgen decap`)."""
    data, _ = load_kommune(root, slug)
    return moedeudkast_bytes(data)
