"""`sspgen diff [BASE [HEAD]] [PATH]`: the reviewer's view of a change, entity by entity."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _intermixed(base: type[argparse.ArgumentParser]) -> type[argparse.ArgumentParser]:
    """A parser class that lets PATH come after the options: `diff main HEAD --format text .`."""

    class Intermixed(base):  # type: ignore[misc, valid-type]
        _inside = False

        def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
            if self._inside:
                return super().parse_known_args(args, namespace)
            self._inside = True
            try:
                return self.parse_known_intermixed_args(args, namespace)
            finally:
                self._inside = False

    return Intermixed


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser_class = commands._parser_class
    commands._parser_class = _intermixed(parser_class)
    try:
        _add(commands)
    finally:
        commands._parser_class = parser_class


def _add(commands: argparse._SubParsersAction) -> None:
    diff = commands.add_parser(
        "diff",
        help="vis, hvad der er ændret i data mellem to git-revisioner",
        description="Sammenligner data/ og content/ ved to revisioner, enhed for enhed. Standard: "
        "fra fælles forfader med main/master til arbejdsmappen.",
    )
    diff.add_argument(
        "args", nargs="*", metavar="BASE [HEAD] [PATH]",
        help="revisionerne (gren, tag, commit-id) og evt. mappen med data/ (standard: .)",
    )
    diff.add_argument("--format", choices=["markdown", "text"], default="markdown", help="udskriftsformat (standard: markdown)")
    diff.add_argument("--kommune", help="vis kun denne kommune (slug)")
    diff.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    positional = list(args.args)
    root = Path(".")
    if positional and Path(positional[-1]).is_dir():
        root = Path(positional.pop())
    if len(positional) > 2:
        print("sspgen: fejl i kommandoen: angiv højst to revisioner (BASE og HEAD) og en mappe.", file=sys.stderr)
        return 2
    if not root.is_dir():
        print(f"sspgen: mappen «{root}» findes ikke.", file=sys.stderr)
        return 2
    from ..cachefile import guard
    from ..diagnostics import format_text
    from ..diff.git import GitError
    from ..diff.render import render
    from ..diff.report import compare_revisions

    # diff reads no cache; a .sspgen-cache/ in git is still pointed out, as check does.
    for problem in guard(root):
        print(format_text(problem), file=sys.stderr)

    base = positional[0] if positional else None
    head = positional[1] if len(positional) > 1 else None
    try:
        comparison = compare_revisions(root, base, head)
    except GitError as exc:
        print(f"sspgen: {exc}", file=sys.stderr)
        return 2
    diffs = comparison.diffs
    if args.kommune:
        diffs = [d for d in diffs if d.slug == args.kommune]
    if args.format == "markdown":
        base_label, head_label = f"`{comparison.base}`", f"`{comparison.head}`"
    else:
        base_label, head_label = comparison.base, comparison.head
    sys.stdout.write(render(diffs, base_label, head_label, args.format))
    return 0
