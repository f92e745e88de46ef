"""The command line: a thin layer over the pipeline stages. Messages to users are Danish.

Imports of the heavy stages happen inside the commands, so `sspgen --help` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class _DanishParser(argparse.ArgumentParser):
    def error(self, message: str) -> "NoReturn":  # type: ignore[name-defined]
        self.print_usage(sys.stderr)
        self.exit(2, f"sspgen: fejl i kommandoen: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _DanishParser(prog="sspgen", description="Data og hjemmesider for SSP-samarbejdet.")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_DanishParser)

    check = commands.add_parser("check", help="kontrollér alle data og vis alle fejl")
    check.add_argument("path", nargs="?", default=".", help="mappen med data/ og content/ (standard: .)")
    check.add_argument("--strict", action="store_true", help="advarsler tæller som fejl")
    check.add_argument("--format", choices=["text", "github", "json"], default="text", help="udskriftsformat")
    check.add_argument("--kommune", help="kontrollér kun denne kommune (slug)")

    schema = commands.add_parser("schema", help="skriv JSON Schema-filer til editorer")
    schema.add_argument("--out", default="schema", help="mappen, filerne skrives i (standard: schema)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "schema":
            return _schema(args)
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
    parser.print_help()
    return 2


def _check(args: argparse.Namespace) -> int:
    from . import diagnostics as diag
    from .validate import check_repository

    root = Path(args.path)
    if not root.is_dir():
        print(f"sspgen: mappen «{root}» findes ikke.", file=sys.stderr)
        return 2
    result = check_repository(root, args.kommune)
    found = diag.strict(result.diagnostics) if args.strict else result.diagnostics
    if args.format == "json":
        print(diag.format_json(found))
    else:
        formatter = diag.format_github if args.format == "github" else diag.format_text
        for d in found:
            print(formatter(d))
        if args.format == "text":
            names = ", ".join(k.slug for k in result.kommuner)
            print(f"Kontrollerede {len(result.kommuner)} kommune(r) ({names}): {diag.summary(found)}", file=sys.stderr)
    return 1 if any(d.is_error for d in found) else 0


def _schema(args: argparse.Namespace) -> int:
    from .schema_export import write_schemas

    written = write_schemas(Path(args.out))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
