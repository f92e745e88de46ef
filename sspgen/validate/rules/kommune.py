"""The municipality file itself.

Codes:

* ``kommune.slug`` (error): ``slug`` in kommune.yaml differs from the folder name under data/.
* ``kommune.offentlig-webadresse`` (warning): the public site has CMS fragments, but
  kommune.yaml does not say where the public site is on the web, so the fragments' links stay
  relative and break once a fragment is pasted into the municipality's own website.
"""

from __future__ import annotations

from ...diagnostics import Diagnostic, Position, error, warning
from ..load import KommuneData


def check_kommune(data: KommuneData) -> list[Diagnostic]:
    return _slug(data) + _public_address(data)


def _public_address(data: KommuneData) -> list[Diagnostic]:
    from ...site.view import has_fragments  # the site package imports validate: not at load time

    kommune = data.kommune
    if kommune is None or kommune.value.offentlig_webadresse or not has_fragments(data):
        return []
    return [
        warning(
            kommune.source.path,
            Position(1, 1),
            "kommune.offentlig-webadresse",
            "De offentlige sider får fragmenter (fragment.html), som kan sættes ind på kommunens "
            "egen hjemmeside, men kommune.yaml siger ikke, hvor de offentlige sider ligger på "
            "nettet. Så er fragmenternes links relative, og de virker ikke, når et fragment står "
            "på en anden side. Tilføj «offentlig_webadresse» med sidernes adresse, fx "
            "«offentlig_webadresse: https://www.kommune.dk/ssp/».",
        )
    ]


def _slug(data: KommuneData) -> list[Diagnostic]:
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
