"""The municipality file itself.

Codes:

* ``kommune.slug`` (error): ``slug`` in kommune.yaml differs from the folder name under data/.
"""

from __future__ import annotations

from ...diagnostics import Diagnostic, error
from ..load import KommuneData


def check_kommune(data: KommuneData) -> list[Diagnostic]:
    kommune = data.kommune
    if kommune is None or kommune.value.slug == data.slug:
        return []
    return [
        error(
            kommune.source.path,
            kommune.position("slug"),
            "kommune.slug",
            f"«slug» er «{kommune.value.slug}», men kommunens mappe hedder «data/{data.slug}». "
            f"De skal være ens: ret «slug» til «{data.slug}», eller omdøb mappen (og "
            f"content/{data.slug}) til «{kommune.value.slug}».",
        )
    ]
