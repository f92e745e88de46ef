"""`sspgen serve`: a local preview that rebuilds on save and reloads the browser (sspgen/serve/)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve",
        help="vis siderne lokalt, og byg dem igen, når en fil gemmes",
        description="Bygger siderne i en midlertidig mappe (output/ røres ikke) og viser dem på "
        "http://127.0.0.1:PORT/. Når en fil i data/, content/ eller layouts/ gemmes, bygges siderne "
        "igen, og browseren opdaterer sig selv. Fejl i data vises i terminalen og i browseren. "
        "Stop med Ctrl-C.",
    )
    serve.add_argument("path", nargs="?", default=".", help="mappen med data/ og content/ (standard: .)")
    serve.add_argument("--port", type=_port, default=8000, help="porten, siderne vises på (standard: 8000)")
    serve.add_argument("--kommune", help="vis kun denne kommune (slug); hurtigere med mange kommuner")
    serve.set_defaults(run=run)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"porten skal være et tal, ikke «{value}»") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"porten skal være mellem 0 og 65535, ikke {port}")
    return port


def run(args: argparse.Namespace) -> int:
    from ..serve import serve

    return serve(Path(args.path), args.port, args.kommune)
