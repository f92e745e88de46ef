"""A curriculum (pensum): what is mandatory covers every grade, and grade bands do not overlap.

What is mandatory is the curriculum's own choice (``obligatorisk``): courses (``forloeb``, the
default) or learning goals (``laeringsmaal``: the goals per grade band are mandatory and the
courses only recommended, so no course is asked to be made mandatory).

Codes:

* ``pensum.daekning`` (warning, one per grade; only with ``obligatorisk: forloeb``): a klassetrin
  from ``daekning_fra`` to ``daekning_til`` has fewer than ``mindst_pr_klassetrin`` forløb with
  status ``obligatorisk``. Positioned at the ``forloeb`` key (the file's start if there is none).
  ``--strict`` turns it into an error.
* ``pensum.maal-daekning`` (warning, one per grade band; only with ``obligatorisk:
  laeringsmaal``): a trin that shares a klassetrin with ``daekning_fra``..``daekning_til`` has no
  learning goal. Positioned at the trin.
* ``pensum.daekning-interval`` (error): ``daekning_fra`` is after ``daekning_til``, so the
  coverage rule would check nothing.
* ``pensum.trin-overlap`` (warning): two grade bands (``trin``) share a klassetrin.
"""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic, error, warning
from ..load import KommuneData, Located
from ._common import klasse, sorted_items


def check_curriculum(data: KommuneData) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for _, pensum in sorted_items(data.pensum):
        p = pensum.value
        path = pensum.source.path
        if p.daekning_fra > p.daekning_til:
            out.append(
                error(
                    path,
                    pensum.position("daekning_fra"),
                    "pensum.daekning-interval",
                    f"«daekning_fra» ({p.daekning_fra}) er større end «daekning_til» "
                    f"({p.daekning_til}), så dækningen kan ikke kontrolleres. Byt om på de to tal.",
                )
            )
        if p.obligatorisk == "laeringsmaal":
            out += _goal_coverage(pensum)
        else:
            out += _course_coverage(pensum)
        out += _overlapping_bands(pensum)
    return out


def _goal_coverage(pensum: Located[Any]) -> list[Diagnostic]:
    """With mandatory learning goals: every grade band the coverage covers has a goal."""
    p = pensum.value
    out: list[Diagnostic] = []
    for index, trin in enumerate(p.trin):
        if trin.klassetrin_til < p.daekning_fra or trin.klassetrin_fra > p.daekning_til:
            continue
        if any(maal.trin == trin.id for maal in p.laeringsmaal):
            continue
        out.append(
            warning(
                pensum.source.path,
                pensum.position("trin", index, "id"),
                "pensum.maal-daekning",
                f"Trinnet «{trin.id}» ({trin.klassetrin_fra}.–{trin.klassetrin_til}. klasse) har "
                f"ingen læringsmål, men i pensummet «{p.id}» er læringsmålene obligatoriske "
                f"(«obligatorisk: laeringsmaal»). Tilføj et læringsmål under «laeringsmaal» med "
                f"«trin: {trin.id}».",
            )
        )
    return out


def _course_coverage(pensum: Located[Any]) -> list[Diagnostic]:
    """With mandatory courses: every grade has at least mindst_pr_klassetrin of them."""
    p = pensum.value
    path = pensum.source.path
    pensum_id = p.id
    out: list[Diagnostic] = []
    where = pensum.source.key_position(("forloeb",))
    for grade in range(p.daekning_fra, p.daekning_til + 1):
        mandatory = [f for f in p.forloeb if f.status == "obligatorisk" and grade in f.klassetrin]
        if len(mandatory) >= p.mindst_pr_klassetrin:
            continue
        recommended = [f.id for f in p.forloeb if f.status == "anbefalet" and grade in f.klassetrin]
        hint = (
            f", eller gør et af de anbefalede forløb ({', '.join(f'«{r}»' for r in recommended)}) obligatorisk"
            if recommended
            else ""
        )
        need = p.mindst_pr_klassetrin
        out.append(
            warning(
                path,
                where,
                "pensum.daekning",
                f"{klasse(grade).capitalize()} har {len(mandatory)} obligatoriske forløb i "
                f"pensummet «{pensum_id}», men der skal være mindst {need} pr. klassetrin "
                f"(fra {p.daekning_fra}. til {p.daekning_til}. klasse). Tilføj et obligatorisk "
                f"forløb med {grade} under «klassetrin»{hint}.",
            )
        )
    return out


def _overlapping_bands(pensum: Located[Any]) -> list[Diagnostic]:
    p = pensum.value
    path = pensum.source.path
    out: list[Diagnostic] = []
    trin = list(p.trin)
    for later_index, later in enumerate(trin):
        for earlier in trin[:later_index]:
            low = max(earlier.klassetrin_fra, later.klassetrin_fra)
            high = min(earlier.klassetrin_til, later.klassetrin_til)
            if low > high:
                continue
            shared = f"{low}. klasse" if low == high else f"{low}.–{high}. klasse"
            out.append(
                warning(
                    path,
                    pensum.position("trin", later_index, "klassetrin_fra"),
                    "pensum.trin-overlap",
                    f"Trinnet «{later.id}» ({later.klassetrin_fra}.–{later.klassetrin_til}. "
                    f"klasse) overlapper trinnet «{earlier.id}» ({earlier.klassetrin_fra}.–"
                    f"{earlier.klassetrin_til}. klasse) i {shared}. Hvert klassetrin skal høre "
                    f"til ét trin; ret «klassetrin_fra» eller «klassetrin_til».",
                )
            )
    return out
