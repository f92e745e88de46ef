"""Meeting PDFs with WeasyPrint: tagged PDF/UA-1, language from <html lang="da">, A4.

WeasyPrint is slow next to everything else (a few hundred ms a document), so each PDF is
cached under .sspgen-cache/pdf/ by a hash of everything that goes into it: the HTML, the
stylesheet, the fonts' names and WeasyPrint's version. An unchanged meeting costs nothing.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

FONT_WEIGHTS = {"Regular": (400, "normal"), "Italic": (400, "italic"), "SemiBold": (600, "normal"), "Bold": (700, "normal")}


class PdfUnavailable(Exception):
    """WeasyPrint or a library it needs is missing; the message says what to install."""


def font_files(node_modules: Path) -> list[Path]:
    """The IBM Plex Sans files the PDFs embed, in FONT_WEIGHTS order (also what a wheel vendors)."""
    folder = node_modules / "dkfds" / "dist" / "fonts" / "IBMPlexSans" / "complete" / "ttf"
    return [folder / f"IBMPlexSans-{name}.ttf" for name in FONT_WEIGHTS]


def font_css(node_modules: Path) -> str:
    """IBM Plex Sans from the design system, embedded in the PDF (no system font needed)."""
    rules = []
    for font, (weight, style) in zip(font_files(node_modules), FONT_WEIGHTS.values()):
        if font.is_file():
            rules.append(
                f"@font-face{{font-family:'IBM Plex Sans';font-weight:{weight};font-style:{style};"
                f"src:url('{font.resolve().as_uri()}')}}"
            )
    return "\n".join(rules)


def _weasyprint():
    try:
        import weasyprint  # noqa: PLC0415 - slow import, only when PDFs are made
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(
            "PDF'er kan ikke laves, fordi WeasyPrint eller et af dets systembiblioteker (Pango) "
            f"mangler: {exc}. Kør «make site», som installerer det, der mangler."
        ) from exc
    # WeasyPrint logs every unsupported CSS property of the design system; not the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


class PdfMaker:
    def __init__(self, cache: Path | None) -> None:
        self.cache = cache
        self._version: str | None = None

    def version(self) -> str:
        if self._version is None:
            # From the package metadata: importing WeasyPrint takes a second, and a build
            # whose PDFs are all cached should not pay it.
            from importlib.metadata import PackageNotFoundError, version

            try:
                self._version = version("weasyprint")
            except PackageNotFoundError:
                self._version = _weasyprint().__version__
        return self._version

    def make(self, html: str) -> bytes:
        key = hashlib.sha256(f"{self.version()}\n{html}".encode("utf-8")).hexdigest()
        cached = self.cache / f"{key}.pdf" if self.cache else None
        if cached is not None and cached.is_file():
            return cached.read_bytes()
        weasyprint = _weasyprint()
        data = weasyprint.HTML(string=html, base_url=None).write_pdf(
            pdf_variant="pdf/ua-1",
            uncompressed_pdf=False,
            custom_metadata=False,
        )
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temp = cached.with_suffix(".tmp")
            temp.write_bytes(data)
            temp.replace(cached)
        return data
