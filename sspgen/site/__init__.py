"""The site model: which pages exist, their URLs, visibility and the files each depends on."""

from .builder import build_sites
from .dates import GitDates, today
from .pages import CalendarSpec, PageSpec, PdfSpec, Site
from .view import Lookup, public_view

__all__ = ["build_sites", "GitDates", "today", "CalendarSpec", "PageSpec", "PdfSpec", "Site", "Lookup", "public_view"]
