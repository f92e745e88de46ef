"""Render one site model into files: pages, fragments, calendars and PDFs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from ..site.pages import PageSpec, Site
from . import ics, text
from .environment import template_problem
from .fragment import embeddable
from .helpers import page_helpers
from .pdf import PdfMaker


FRAGMENT_CSS = "assets/fragment.css"
"""The fragments' stylesheet, inside every site (from layouts/assets/fragment.css)."""


def fragment_css(layouts: Path) -> str:
    """The fragments' stylesheet, for fragments that carry it inline ("" if there is none)."""
    path = layouts / FRAGMENT_CSS
    return path.read_text(encoding="utf-8") if path.is_file() else ""


class Renderer:
    def __init__(self, env: jinja2.Environment, layouts: Path, root: Path, pdf: PdfMaker | None, pdf_css: str) -> None:
        self.env = env
        self.layouts = layouts
        self.root = root
        self.pdf = pdf
        self.pdf_css = pdf_css
        self.fragment_css = fragment_css(layouts)
        # Templates are checked against their files once per build (render/environment.py):
        # a new Renderer is a new build, whoever made the environment.
        next_build = getattr(env.loader, "next_build", None)
        if next_build is not None:
            next_build()
        self._menus: dict[tuple[str, str], tuple[Site, dict[tuple, Markup]]] = {}
        """(kommune, variant) → (the site, its menus by page depth and section), see menu() in
        render/helpers.py; a new Site object (a new build) starts afresh."""

    def page(self, site: Site, page: PageSpec, *, fragment: bool = False, pdf: bool = False) -> str:
        context: dict[str, Any] = {
            "site": site,
            "lookup": site.lookup,
            "kommune": site.lookup.kommune,
            "today": site.today,
            "page": page,
            "fragment": fragment,
            "pdf": pdf,
            # Our own stylesheet (layouts/ and the font paths), never data: safe to put in <style>.
            "pdf_css": Markup(self.pdf_css) if pdf else "",
            "har_pdf": self.pdf is not None,
            # href, link, forum_link, aktoer_link …: plain functions bound to this page, not
            # macros, and not the global `href`, which takes the context (Jinja derives a new
            # context for every such call inside a loop). See render/helpers.py.
            **page_helpers(site, page.url, pdf, page.section, self._site_menus(site)),
            **page.context,
        }
        try:
            html = self.env.get_template(page.template).render(**context)
        except Exception as exc:  # every template failure becomes a located Danish message
            where = f"ved siden {site.root}{page.file}, bygget fra {page.sources[0]}"
            raise template_problem(exc, self.layouts, self.root, where) from None
        if not fragment:
            return html
        kommune = site.lookup.kommune
        return embeddable(
            html,
            base=kommune.offentlig_webadresse if kommune else None,
            page_url=page.url,
            niveau=kommune.fragment_overskriftsniveau if kommune else 2,
            css=self.fragment_css if kommune and kommune.fragment_med_stil else None,
        )

    def _site_menus(self, site: Site) -> dict[tuple, Markup]:
        key = (site.kommune, site.variant)
        found = self._menus.get(key)
        if found is None or found[0] is not site:
            found = self._menus[key] = (site, {})
        return found[1]

    def site(self, site: Site, event: Callable[[Site, Any], ics.EventInfo]) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for page in site.pages:
            files[page.file] = self.page(site, page).encode("utf-8")
            if page.fragment:
                files[f"{page.url}fragment.html"] = self.page(site, page, fragment=True).encode("utf-8")
        domain = f"{site.kommune}.ssp"
        for calendar in site.calendars:
            files[calendar.path] = ics.meeting_calendar(
                calendar.name, list(calendar.meetings), domain, lambda m: event(site, m))
        if self.pdf is not None:
            for spec in site.pdfs:
                html = self.page(site, spec.page, pdf=True)
                files[spec.path] = self.pdf.make(html)
        return files

    @staticmethod
    def event_info(site: Site, moede: Any, stamp: date, sequence: int) -> ics.EventInfo:
        """A meeting's calendar event: a metadata-only forum's (§115) shows the forum's name and
        nothing the meeting says about itself."""
        if not hasattr(moede, "forum"):  # an event (begivenhed): its own title
            return ics.EventInfo(moede.titel, stamp, sequence)
        forum = site.lookup.forum(moede.forum)
        name = forum.navn if forum else moede.forum
        begreb = site.lookup.begreb("forumtyper", forum.type) if forum else None
        if begreb is not None and begreb.kun_metadata:
            return ics.EventInfo(name, stamp, sequence, metadata_only=True)
        summary = moede.titel or text.moede_standardtitel(site.lookup.navn('moedetyper', moede.type), name)
        return ics.EventInfo(summary, stamp, sequence)
