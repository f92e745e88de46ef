"""Putting the built sites online with access control: `sspgen host caddy|azure|gitlab`.

`rules` decides, from the data, what is open and what needs a login, and which headers every
response carries; `caddy`, `azure` and `gitlab` render those rules for one kind of server each.
"""

from __future__ import annotations

from pathlib import Path

from .rules import FRONT_PAGE, NO_ACCESS_PAGE, Rules, front_page_html, no_access_html

TARGETS = ("caddy", "azure", "gitlab")


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` to `path` unless it is already there (deterministic, no needless rewrite)."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    temp.replace(path)
    return True


def site_pages(rules: Rules, site: Path) -> list[Path]:
    """The pages the host rules point to, written into the built output folder."""
    written = []
    for name, text in ((FRONT_PAGE, front_page_html(rules)), (NO_ACCESS_PAGE, no_access_html())):
        write_if_changed(site / name, text)
        written.append(site / name)
    return written


def render(target: str, rules: Rules, *, login: str = "adgangskode", tenant: str | None = None) -> dict[str, str]:
    """The configuration files of one target: file name → text."""
    if target == "caddy":
        from .caddy import caddyfile

        return {"Caddyfile": caddyfile(rules, login)}
    if target == "azure":
        raise ValueError("azure writes two apps: see sspgen.commands.host")
    if target == "gitlab":
        from .gitlab import pages_ci

        return {"gitlab-pages.yml": pages_ci(rules)}
    raise ValueError(target)
