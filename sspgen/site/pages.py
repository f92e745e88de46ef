"""What a site is made of: its pages, calendar files and PDFs, before anything is rendered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Variant = Literal["intranet", "offentlig"]


@dataclass(frozen=True)
class PageSpec:
    """One HTML page. `url` is the page's folder inside the site ("" for the front page,
    "fora/styregruppe/" otherwise); the page itself is written as `<url>index.html`."""

    url: str
    template: str
    title: str
    context: dict[str, Any]
    sources: tuple[str, ...]
    """Repository paths of the files that feed the page: for "Sidst opdateret", for naming the
    file behind a broken link, and for incremental builds."""
    section: str = ""
    """Which menu entry the page belongs to (highlighted in the navigation)."""
    fragment: bool = False
    """Also write `<url>fragment.html`: the content without header and footer, for a CMS."""
    updated: date | None = None
    """Last change of the sources (git, else the data's own date); set by the site builder."""

    @property
    def file(self) -> str:
        return f"{self.url}index.html"


@dataclass(frozen=True)
class CalendarSpec:
    """An .ics file: one meeting, or a subscribable feed of a forum's meetings."""

    path: str
    name: str
    meetings: tuple[Any, ...]
    """Located[Moede] values, in date order."""
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PdfSpec:
    """A PDF rendered from a page (a meeting's agenda or record, for print on A4)."""

    path: str
    page: PageSpec
    title: str


@dataclass
class Site:
    """One generated site: a municipality's intranet or its public pages."""

    kommune: str
    """The municipality's slug."""
    kommune_navn: str
    variant: Variant
    pages: list[PageSpec] = field(default_factory=list)
    calendars: list[CalendarSpec] = field(default_factory=list)
    pdfs: list[PdfSpec] = field(default_factory=list)
    nav: list[tuple[str, str, str]] = field(default_factory=list)
    """Menu entries: (section, label, url)."""
    urls: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id) → page url, for links between pages; only pages that exist in this site."""
    today: date | None = None
    lookup: Any = None
    """The site's Lookup over its own view of the data (public view for the public site)."""
    redigering: bool = False
    """Whether the intranet's editing form is built, so forum pages may link «Nyt møde» to it."""

    @property
    def root(self) -> str:
        """The site's folder inside the output folder."""
        return f"{self.kommune}/{self.variant}/"

    def url_for(self, kind: str, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        return self.urls.get((kind, entity_id))

    def has(self, url: str) -> bool:
        """Whether the site has a page at `url` (templates link only to pages that exist)."""
        # A set of the page URLs, made again when pages were added (or the list replaced) since.
        known = self.__dict__.get("_page_urls")
        if known is None or known[0] is not self.pages or known[1] != len(self.pages):
            known = self.__dict__["_page_urls"] = (self.pages, len(self.pages), {page.url for page in self.pages})
        return url in known[2]

    def add(self, page: PageSpec, kind: str | None = None, entity_id: str | None = None) -> PageSpec:
        self.pages.append(page)
        if kind is not None and entity_id is not None:
            self.urls[(kind, entity_id)] = page.url
        return page
