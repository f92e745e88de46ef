"""Static assets: Det Fælles Designsystem (from node_modules or a wheel's copy of it, see
sspgen/resources.py) and our own stylesheet from layouts/assets/. Only what the pages use is
copied: the neutral theme's stylesheet, the files it references (woff2 fonts only, which every
supported browser reads), and nothing from other hosts."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_FONT_FACE = re.compile(r"@font-face\{[^}]*\}")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")

DKFDS_CSS = "css/dkfds.min.css"
"""The neutral theme (not the borger.dk or virk.dk variants)."""


class MissingAssets(Exception):
    """The design system is not installed; the message tells the user what to run."""


def _woff2_only(match: re.Match[str]) -> str:
    rule = match.group(0)
    sources = re.search(r"src:(.*?)(;|\})", rule)
    if not sources:
        return rule
    keep = [part for part in re.split(r",(?=url\()", sources.group(1)) if ".woff2" in part]
    if not keep:
        return rule
    return rule.replace(sources.group(1), ",".join(keep))


@lru_cache(maxsize=4)
def dkfds_assets(node_modules: Path) -> tuple[tuple[str, bytes], ...]:
    dist = node_modules / "dkfds" / "dist"
    stylesheet = dist / DKFDS_CSS
    if not stylesheet.is_file():
        raise MissingAssets(
            f"Det Fælles Designsystem (npm-pakken dkfds) blev ikke fundet i {node_modules}, og den "
            "installerede sspgen har ikke sin egen kopi. Installér det i datarepositoriet med "
            "«npm install dkfds» (eller «npm ci», hvis der er en package-lock.json), eller installér "
            "sspgen fra en wheel, der er bygget med designsystemet («make wheel», se README)."
        )
    css = stylesheet.read_text(encoding="utf-8")
    css = _FONT_FACE.sub(_woff2_only, css)
    css = _SOURCE_MAP.sub("", css).rstrip() + "\n"
    files = {f"assets/dkfds/{DKFDS_CSS}": css.encode("utf-8")}
    for url in sorted(set(_CSS_URL.findall(css))):
        if url.startswith("data:"):
            continue
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(DKFDS_CSS), url.split("#")[0].split("?")[0]))
        source = dist / relative
        if source.is_file():
            files[f"assets/dkfds/{relative}"] = source.read_bytes()
    for extra in ("LICENSE.md",):
        if (dist / extra).is_file():
            files[f"assets/dkfds/{extra}"] = (dist / extra).read_bytes()
    return tuple(sorted(files.items()))


def own_assets(layouts: Path) -> dict[str, bytes]:
    folder = layouts / "assets"
    if not folder.is_dir():
        return {}
    return {
        f"assets/{path.relative_to(folder).as_posix()}": path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def site_assets(node_modules: Path, layouts: Path) -> dict[str, bytes]:
    return {**dict(dkfds_assets(node_modules)), **own_assets(layouts)}
