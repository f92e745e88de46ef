"""Make the screenshots in README.md (docs/billeder/*.png) from a real build of an example.

Run with `make billeder` (or `.venv/bin/python tools/billeder.py [--kommune SLUG]`). It builds
the examples with the real CLI into a temporary folder with a fixed build date
(SOURCE_DATE_EPOCH), serves them on 127.0.0.1, opens each page in Debian's headless Chromium
(Playwright, the browser tests' setup: nothing is loaded from another host) with the page clock
fixed at the same date, photographs a part of the page, and stores it as a small PNG (Pillow,
reduced to a palette of 64 colours). The same data and code give the same pictures; a new
Chromium or font may move a pixel.
"""

from __future__ import annotations

import argparse
import os
import functools
import io
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "billeder"
CHROMIUM = Path("/usr/bin/chromium")
WHEN = datetime(2026, 11, 20, 11, 0, tzinfo=timezone.utc)
"""The build date and the reader's clock: between the examples' autumn meetings."""
COLOURS = 64


@dataclass(frozen=True)
class Shot:
    name: str
    """The file name in docs/billeder/ (without .png)."""
    variant: str
    page: str
    """The page inside the site, e.g. 'organisation/index.html'."""
    width: int
    start: str
    """CSS selector of the element the picture starts at (its top, less a margin)."""
    height: int
    scale: float = 1.0
    """Shrink the picture by this factor (desktop pictures are wider than README's column)."""
    open_menu: bool = False


SHOTS = (
    Shot("forside-offentlig-desktop", "offentlig", "index.html", 1280, "body", 820, 0.75),
    Shot("organisation-desktop", "intranet", "organisation/index.html", 1280, "figure.sspgen-diagram", 560, 0.75),
    Shot("pensum-telefon", "offentlig", "pensum/*/index.html", 390, "#laeringsmaal", 780),
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


def build(out: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(WHEN.timestamp()))}
    result = subprocess.run([sys.executable, "-m", "sspgen.cli", "build", str(ROOT), "--out", str(out), "--uden-pdf"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"sspgen build fejlede:\n{result.stdout}\n{result.stderr}")


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def small_png(png: bytes, scale: float) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if scale != 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    image = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def take(context, base: str, site: Path, shot: Shot) -> bytes:  # noqa: ANN001 - Playwright's context
    matches = sorted(site.glob(shot.page))
    if not matches:
        sys.exit(f"Siden {shot.page} findes ikke i {site}")
    url = base + matches[0].relative_to(site.parent.parent).as_posix()
    page = context.new_page()
    try:
        page.clock.set_fixed_time(WHEN)
        page.set_viewport_size({"width": shot.width, "height": 900})
        page.goto(url, wait_until="load")
        if shot.open_menu:
            page.locator(".sspgen-menuknap").click()
        top = page.locator(shot.start).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
        top = max(0, top - 16)
        page_height = page.evaluate("() => document.documentElement.scrollHeight")
        clip = {"x": 0, "y": top, "width": shot.width, "height": min(shot.height, page_height - top)}
        return page.screenshot(clip=clip, full_page=True, animations="disabled")
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Skærmbillederne i README.md (docs/billeder/).")
    parser.add_argument("--kommune", default="brondby", help="eksemplet, der fotograferes (standard: brondby)")
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        sys.exit("Chromium mangler (/usr/bin/chromium): kør «make browser».")
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="sspgen-billeder-"))
    try:
        out = folder / "output"
        build(out)
        if not (out / args.kommune).is_dir():
            sys.exit(f"Kommunen «{args.kommune}» findes ikke i data/.")
        httpd, base = serve(out)
        TARGET.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen", service_workers="block")

            def local_only(route, request) -> None:  # noqa: ANN001 - Playwright's types
                parts = urlsplit(request.url)
                if parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1":
                    route.continue_()
                else:
                    route.abort()

            context.route("**/*", local_only)
            for shot in SHOTS:
                png = small_png(take(context, base, out / args.kommune / shot.variant, shot), shot.scale)
                path = TARGET / f"{shot.name}.png"
                path.write_bytes(png)
                print(f"{path.relative_to(ROOT)}: {len(png) // 1024} KB")
            browser.close()
        httpd.shutdown()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
