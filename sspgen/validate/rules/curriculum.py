"""Det sociale pensum: every grade has its mandatory initiatives, and grade bands do not overlap.

Codes:

* ``pensum.daekning`` (warning, one per grade): a klassetrin from ``daekning_fra`` to
  ``daekning_til`` has fewer than ``mindst_pr_klassetrin`` forløb with status
  ``obligatorisk``. Positioned at the ``forloeb`` key (the file's start if there is none).
  ``--strict`` turns it into an error.
* ``pensum.daekning-interval`` (error): ``daekning_fra`` is after ``daekning_til``, so the
  coverage rule would check nothing.
* ``pensum.trin-overlap`` (warning): two grade bands (``trin``) share a klassetrin.
"""

from __future__ import annotations

from ...diagnostics import Diagnostic, error, warning
from ..load import KommuneData
from ._common import klasse, sorted_items


def check_curriculum(data: KommuneData) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for pensum_id, pensum in sorted_items(data.pensum):
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
