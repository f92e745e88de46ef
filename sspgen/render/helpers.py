"""The small pieces every page repeats (a link to a page, a forum's or an actor's name as a
link, a meeting's title, time and status), as plain Python functions bound to one page.

They were Jinja macros (layouts/macros.html); a meeting page called about a hundred of them,
and a macro call costs a new frame, a context lookup per name and a Markup join. A Python
function returns the same bytes for a fraction of that. They read the site only through
`site.url_for` and `site.lookup`, at call time, so the incremental build records what each
page read exactly as it did for the macros (sspgen/incremental/recorder.py `Recorder`).

Each function's docstring shows the macro it replaces; the output is the same, byte for byte,
except that lists end the Danish way («a, b og c»), not with a comma.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from markupsafe import Markup, escape

from ..site.urls import relative
from . import danish, text

_STATUS = {"planlagt": "Planlagt", "afholdt": "Afholdt", "aflyst": "Aflyst"}
_EMPTY = Markup("")
_COMMA = Markup(", ")


def _opremsning(items: list[Markup]) -> Markup:
    """Links the Danish way: «a, b og c», or «a; b; c» when a name has a comma or «og»."""
    return danish.opremsning(items) if items else _EMPTY


def _roles_from(forum: Any, moede_type: str, aktoer_id: str) -> list[str]:
    """The roles an actor fills in a forum (in its pre-meeting, for a pre-meeting), each
    without its bracketed note and with a lower-case first letter, for «Byrådets medlemmer
    (formand og næstformand)»."""
    if forum is None:
        return []
    members = forum.sammensaetning or []
    if moede_type == "formoede" and getattr(forum, "formoede", None) and forum.formoede.deltagere:
        members = forum.formoede.deltagere
    roles = []
    for member in members:
        if getattr(member, "aktoer", None) == aktoer_id and member.rolle:
            role = member.rolle.split("(")[0].strip()
            roles.append(danish.lille_forbogstav(role))
    return roles


def page_href(page_url: str) -> Callable[[str], str]:
    """`href(target)` for one page: a relative link from the page's folder to a site path.

    The same result as relative(target, page_url). Most links of a page point outside the
    page's top folder: those are "../" for each folder of the page, then the target, which
    spares splitting and comparing both paths for every link."""
    start = page_url.rstrip("/")
    first = start.split("/", 1)[0] if start else None
    up = "../" * (start.count("/") + 1) if start else ""

    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        goal = path.rstrip("/")
        if first is None or not goal or goal.split("/", 1)[0] == first:
            return relative(target, page_url)  # a common folder, or from/to the site root
        rel = f"{up}{goal}/index.html" if path.endswith("/") else up + goal
        return f"{rel}#{anchor}" if anchor else rel

    return href


_SECTION_LINK = re.compile(r'<a href="/(dagsordener/)">(.*?)</a>', re.S)
"""A Markdown link to a generated section that only some sites have (site/builder.py
registers its URL under the section's name)."""


def page_helpers(site: Any, page_url: str, pdf: bool, section: str = "",
                 menus: dict[tuple, Markup] | None = None) -> dict[str, Callable[..., Any]]:
    """The functions the templates call, bound to one page (links relative to it; none in a
    PDF). `menus` keeps the site's menus between its pages (one dict per site and build)."""
    href = page_href(page_url)
    url_for = site.url_for
    lookup = site.lookup

    def link(kind: str, entity_id: Any, text: Any) -> Markup:
        """{% macro link(kind, id, text) %}: a link to the entity's page if the site has one."""
        url = url_for(kind, entity_id)
        if url and not pdf:
            return Markup(f'<a href="{escape(href(url))}">{escape(text)}</a>')
        return escape(text)

    def forum_link(entity_id: Any) -> Markup:
        """{% macro forum(id) %}: the forum's name as a link; nothing if the view lacks it."""
        forum = lookup.forum(entity_id)
        return link("forum", entity_id, forum.navn) if forum else _EMPTY

    def aktoer_link(entity_id: Any) -> Markup:
        """{% macro aktoer(id) %}: the actor's name as a link; nothing if the view lacks it."""
        aktoer = lookup.aktoer(entity_id)
        return link("aktoer", entity_id, aktoer.navn) if aktoer else _EMPTY

    def aktoer_links(ids: Any) -> Markup:
        """{% macro aktoerer(ids) %}: the actors the view has, as links, «a, b og c» (danish.opremsning)."""
        links = []
        for entity_id in ids:
            aktoer = lookup.aktoer(entity_id)
            if aktoer:
                links.append(link("aktoer", entity_id, aktoer.navn))
        return _opremsning(links)

    def deltagere_links(moede: Any) -> Markup:
        """Who took part in a meeting, as links. A political body (the city council) never
        takes part as a whole: its members in the forum do, named by their roles there
        («Byrådets medlemmer (formand, næstformand og medlem)»)."""
        forum = lookup.forum(moede.forum)
        links = []
        for entity_id in moede.deltagende_aktoerer:
            aktoer = lookup.aktoer(entity_id)
            if not aktoer:
                continue
            if aktoer.type != "politisk":
                links.append(link("aktoer", entity_id, aktoer.navn))
                continue
            roles = _roles_from(forum, moede.type, entity_id)
            names = escape(f" ({danish.opremsning(roles)})") if roles else _EMPTY
            links.append(Markup("{} {}{}").format(link("aktoer", entity_id, danish.genitiv(aktoer.navn)),
                                                  "medlemmer" if len(roles) != 1 else "repræsentant", names))
        return _opremsning(links)

    def moede_titel(moede: Any) -> Markup:
        """{% macro moede_titel(moede) %}: the meeting's title, else «Netværksmøde i SSP-netværk
        Vester» (text.moede_standardtitel)."""
        forum = lookup.forum(moede.forum)
        if moede.titel:
            return escape(moede.titel)
        return escape(text.moede_standardtitel(lookup.navn('moedetyper', moede.type), forum.navn if forum else moede.forum))

    def moede_tid(moede: Any) -> Markup:
        """{% macro moede_tid(moede) %}: weekday and date, and the time if there is one."""
        day = escape(danish.dato_med_ugedag(moede.dato))
        if moede.tid:
            return Markup(f"{day}, {escape(danish.tidsrum(moede.tid, moede.slut))}")
        return day

    def moede_status(moede: Any) -> Markup:
        """{% macro status(moede) %}: the meeting's status in words."""
        return escape(_STATUS[moede.status])

    def _current(entry: str, url: str) -> Markup:
        # aria-current="page" only on the page itself; a page inside a section (a meeting in
        # the calendar) gets the section's visual marker but is not announced as that page.
        if entry != section:
            return Markup("")
        if url.partition("#")[0].rstrip("/") == page_url.rstrip("/"):
            return Markup(' aria-current="page" class="current"')
        return Markup(' class="current"')

    def menu() -> Markup:
        """The main menu's items, one `<li>` a line (base.html indents the first one): a link
        to each section, the page's own marked as current."""
        # The links depend on the page only through its depth, unless the page shares its top
        # folder with a menu entry: the meeting pages (moeder/<id>/) all get the same menu.
        start = page_url.rstrip("/")
        top = start.split("/", 1)[0]
        if start and all(url.partition("#")[0].rstrip("/").split("/", 1)[0] != top for _, _, url in site.nav):
            key: tuple = (section, start.count("/"))
        else:
            key = (section, page_url, "")
        found = menus.get(key) if menus is not None else None
        if found is None:
            found = Markup("\n        ").join([
                Markup('<li><a href="{}"{}>{}</a></li>').format(href(url), _current(entry, url), label)
                for entry, label, url in site.nav])
            if menus is not None:
                menus[key] = found
        return found

    def sektionslinks(html: Any) -> Markup:
        """Prose (rendered Markdown) may link a generated section from the site's root, e.g.
        `[dagsordener og beslutningsprotokoller](/dagsordener/)`: the link is made relative to
        this page where the site has the section, and becomes plain text where it has not (the
        intranet, a municipality that publishes nothing), so the sentence still reads."""
        def replace(match: re.Match[str]) -> str:
            target, text = match.group(1), match.group(2)
            url = url_for(target.rstrip("/"), target)
            return f'<a href="{escape(href(url))}">{text}</a>' if url and not pdf else text
        return Markup(_SECTION_LINK.sub(replace, str(html)))

    return {
        "menu": menu,
        "sektionslinks": sektionslinks,
        "href": href,
        "link": link,
        "forum_link": forum_link,
        "aktoer_link": aktoer_link,
        "aktoer_links": aktoer_links,
        "deltagere_links": deltagere_links,
        "moede_titel": moede_titel,
        "moede_tid": moede_tid,
        "moede_status": moede_status,
    }
