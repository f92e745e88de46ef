"""The command line: a thin layer over the pipeline stages. Messages to users are Danish.

Imports of the heavy stages happen inside the commands, so `sspgen --help` stays quick.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, NoReturn

from . import __version__
from .privacy_mask import MaskingStream


# argparse looks its messages up through gettext; these are the ones a user can meet.
_DANISH = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "valgmuligheder",
    "show this help message and exit": "vis denne hjælp og afslut",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "expected one argument": "forventede én værdi",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
}
argparse._ = lambda message: _DANISH.get(message, message)  # type: ignore[attr-defined]


class _DanishParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"sspgen: fejl i kommandoen: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _DanishParser(prog="sspgen", description="Data og hjemmesider for SSP-samarbejdet.")
    parser.add_argument("--version", action="version", version=f"sspgen {__version__}", help="vis sspgens version og afslut")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_DanishParser)

    check = commands.add_parser("check", help="kontrollér alle data og vis alle fejl")
    check.add_argument("path", nargs="?", default=".", help="mappen med data/ og content/ (standard: .)")
    check.add_argument("--strict", action="store_true", help="advarsler tæller som fejl")
    check.add_argument("--format", choices=["text", "github", "json"], default="text", help="udskriftsformat")
    check.add_argument("--kommune", help="kontrollér kun denne kommune (slug)")

    build = commands.add_parser("build", help="byg intranet og offentlige sider for alle kommuner")
    build.add_argument("path", nargs="?", default=".", help="mappen med data/ og content/ (standard: .)")
    build.add_argument("--out", help="mappen, siderne skrives i (standard: PATH/output)")
    build.add_argument("--kommune", help="byg kun denne kommune (slug)")
    build.add_argument("--uden-pdf", action="store_true", help="spring PDF'erne over (hurtigere)")
    build.add_argument("--kun-indeks", action="store_true",
                       help="byg kun forsiden med listen over kommunerne (sidste trin, når hver kommune "
                            "er bygget for sig med --kommune, fx i parallelle CI-job)")
    build.add_argument("--ventetid", type=float, metavar="SEKUNDER",
                       help="bygger en anden allerede i samme mappe, så vent højst så mange sekunder "
                            "(standard: vent, til den er færdig; 0: vent ikke)")

    schema = commands.add_parser("schema", help="skriv JSON Schema-filer til editorer")
    schema.add_argument("--out", default="schema", help="mappen, filerne skrives i (standard: schema)")
    schema.add_argument("--readme", help="opdatér også datareferencen i denne README-fil")

    from .commands import decap as decap_command, diff as diff_command, host as host_command, new as new_command, serve as serve_command
    from .commands import cms as cms_command, fmt as fmt_command

    for command in (new_command, serve_command, diff_command, decap_command, host_command, fmt_command, cms_command):
        command.add_parser(commands)
    return parser


@contextmanager
def masked_output() -> Iterator[None]:
    """Every line sspgen writes to the terminal passes the CPR masking step (an echoed argument,
    a path, an internal error's text, a diff), not only the diagnostics."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = MaskingStream(sys.stdout), MaskingStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def main(argv: list[str] | None = None) -> int:
    with masked_output():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "check":
            return _check(args)
        if args.command in ("new", "diff", "decap", "serve", "host", "fmt", "cms"):
            return args.run(args)
        if args.command == "schema":
            return _schema(args)
        if args.command == "build":
            return _build(args)
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: a user never sees a traceback
        if os.environ.get("SSPGEN_DEBUG"):
            raise
        print(
            f"sspgen: uventet intern fejl ({type(exc).__name__}: {exc}). Det er en fejl i sspgen, "
            "ikke i dine data. Kør igen med SSPGEN_DEBUG=1 for detaljer, og meld fejlen.",
            file=sys.stderr,
        )
        return 3
    parser.print_help()
    return 2


def _check(args: argparse.Namespace) -> int:
    root = Path(args.path)
    if not root.is_dir():
        print(f"sspgen: mappen «{root}» findes ikke.", file=sys.stderr)
        return 2
    from . import diagnostics as diag
    from .validate import check_repository

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


def _build(args: argparse.Namespace) -> int:
    import time

    from . import stamp

    root = Path(args.path)
    if not root.is_dir():
        print(f"sspgen: mappen «{root}» findes ikke.", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else root / "output"
    started = time.perf_counter()
    if args.kun_indeks:
        return _locked(out, args.ventetid, lambda: _build_index(root, out, started))
    # The no-op fast path: nothing changed since the last good build (sspgen/stamp.py).
    from . import resources

    layouts, node_modules = resources.layouts(root), resources.node_modules(root)
    target = out if args.kommune is None else out / args.kommune
    options = ["build", str(out.resolve()), str(args.kommune), str(args.uden_pdf),
               # The Decap form's settings come from the environment (sspgen/decap.py).
               *(os.environ.get(name, "") for name in (
                   "SSPGEN_DECAP_BACKEND", "SSPGEN_DECAP_REPO", "SSPGEN_DECAP_BRANCH", "SSPGEN_DECAP_BASE_URL",
                   "SSPGEN_DECAP_APP_ID", "GITHUB_REPOSITORY", "CI_PROJECT_PATH"))]
    previous = stamp.unchanged(root, target, layouts, node_modules, options)
    if previous is not None:
        for line in previous:
            print(line)
        print(f"Intet er ændret siden sidste bygning; {out} er uændret ({time.perf_counter() - started:.2f} s).",
              file=sys.stderr)
        return 0
    return _locked(out, args.ventetid, lambda: _build_now(args, root, out, target, layouts, node_modules, options, started))


def _locked(out: Path, wait: float | None, run: Callable[[], int]) -> int:
    """Run a build holding its output folder (sspgen/write/lock.py): another build into the
    same folder waits, or, after `wait` seconds, this one stops."""
    from .write.lock import OutputBusy, output_lock

    try:
        with output_lock(out, wait):
            return run()
    except OutputBusy as exc:
        print(f"sspgen: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the lock file beside the output cannot be made
        print(f"sspgen: kunne ikke skrive til «{out}»: {exc.strerror or exc}. Den tidligere udgave er uændret.",
              file=sys.stderr)
        return 1


def _build_now(args: argparse.Namespace, root: Path, out: Path, target: Path, layouts: Path, node_modules: Path,
               options: list[str], started: float) -> int:
    import time

    from . import diagnostics as diag
    from . import stamp
    from .build import build

    # A build may change the output: the stamp of the last one no longer describes it (a
    # build killed halfway must not make the next one a no-op). Recorded again on success.
    stamp.drop(root, options)
    try:
        result = build(root, out, args.kommune, pdf=not args.uden_pdf)
    except OSError as exc:
        print(f"sspgen: kunne ikke skrive til «{out}»: {exc.strerror or exc}. Den tidligere udgave er uændret.", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug in sspgen, not the user's data: still no traceback for them
        if os.environ.get("SSPGEN_DEBUG"):
            raise
        print(f"sspgen: intern fejl under bygningen ({type(exc).__name__}: {exc}). Den tidligere udgave i "
              f"{out} er uændret. Kør igen med SSPGEN_DEBUG=1 for detaljer, og meld fejlen til udviklerne.", file=sys.stderr)
        return 1
    for d in result.diagnostics:
        print(diag.format_text(d))
    if not result.ok:
        print(f"Bygningen blev stoppet: {diag.summary(result.diagnostics)} Den tidligere udgave i {out} er uændret.", file=sys.stderr)
        return 1
    stamp.record(root, target, layouts, node_modules, options, [diag.format_text(d) for d in result.diagnostics])
    pages = sum(len(site.pages) for site in result.sites)
    elapsed = time.perf_counter() - started
    kept = f" ({result.rendered} filer gengivet, {result.reused} uændrede genbrugt)" if result.reused else ""
    print(f"Byggede {len(result.sites)} sites med {pages} sider i {out} på {elapsed:.1f} s{kept}.", file=sys.stderr)
    return 0


def _build_index(root: Path, out: Path, started: float) -> int:
    import time

    from . import diagnostics as diag
    from .build import build_index

    result = build_index(root, out)
    for d in result.diagnostics:
        print(diag.format_text(d))
    if not result.ok:
        print(f"Forsiden blev ikke bygget: {diag.summary(result.diagnostics)}", file=sys.stderr)
        return 1
    print(f"Byggede forsiden {out / 'index.html'} på {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema_export import write_schemas

    from .schema_export import update_readme

    written = write_schemas(Path(args.out))
    print(f"Skrev {len(written)} JSON Schema-filer i {args.out}/.")
    if args.readme:
        readme = Path(args.readme)
        if not readme.is_file():
            print(f"sspgen: filen «{readme}» findes ikke.", file=sys.stderr)
            return 2
        changed = update_readme(readme)
        print(f"Datareferencen i {readme} er {'opdateret' if changed else 'allerede aktuel'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
