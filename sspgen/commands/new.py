"""`sspgen new …`: the argparse side of sspgen.scaffold."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def _dato(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{value}» er ikke en gyldig dato; skriv den som ÅÅÅÅ-MM-DD, fx 2026-03-13"
        ) from None


def add_parser(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="opret et nyt møde, en aktør, et emne, en indsats eller en kommune")
    kinds = new.add_subparsers(dest="hvad", metavar="HVAD", parser_class=type(new))
    kinds.required = True

    def sub(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = kinds.add_parser(name, help=help_text)
        parser.add_argument("path", nargs="?", default=".", help="mappen med data/ og content/ (standard: .)")
        parser.set_defaults(run=run)
        return parser

    moede = sub("moede", "opret et møde med forummets dagsordensskabelon")
    moede.add_argument("--forum", required=True, help="forummets id")
    moede.add_argument("--dato", required=True, type=_dato, help="mødets dato, ÅÅÅÅ-MM-DD")
    moede.add_argument("--kommune", help="kommunens slug (kan udelades, når det er entydigt)")
    moede.add_argument("--type", help="mødetype fra vokabularet (standard: forummets sædvanlige)")

    aktoer = sub("aktoer", "opret en aktør (organisation)")
    aktoer.add_argument("--navn", required=True, help="aktørens navn")
    aktoer.add_argument("--type", required=True, help="aktørtype fra vokabularet, fx skole eller politi")
    aktoer.add_argument("--id", help="aktørens id (standard: lavet af navnet)")
    aktoer.add_argument("--kommune", help="kommunens slug (kan udelades, når der kun er én)")
    aktoer.add_argument("--beskrivelse", help="kort beskrivelse")
    aktoer.add_argument("--distrikt", help="distrikt eller bydel")
    aktoer.add_argument("--del-af", dest="del_af", help="id på den aktør, enheden hører under")
    aktoer.add_argument("--forkortelse", help="forkortelse")
    aktoer.add_argument("--synlighed", choices=["intern", "offentlig"], help="standard: intern")

    emne = sub("emne", "tilføj et emne til emnebanken")
    emne.add_argument("--titel", required=True, help="emnet")
    emne.add_argument("--id", help="emnets id (standard: lavet af titlen)")
    emne.add_argument("--kommune", help="kommunens slug (kan udelades, når det er entydigt)")
    emne.add_argument("--beskrivelse", help="hvad emnet går ud på")
    emne.add_argument("--forum", action="append", dest="fora", help="id på et forum, emnet er relevant for (kan gentages)")
    emne.add_argument("--foreslaaet-af", dest="foreslaaet_af", help="id på aktøren, der foreslog emnet")

    indsats = sub("indsats", "tilføj en indsats til en plan")
    indsats.add_argument("--navn", required=True, help="indsatsens navn")
    indsats.add_argument("--maal", action="append",
                         help="id på et politisk mål i planen (kan gentages; kræves, når planen har politiske mål)")
    indsats.add_argument("--niveau", help="id på forebyggelsesniveauet i planen (kræves, når planen har niveauer)")
    indsats.add_argument("--plan", help="planens id (kan udelades, når kommunen kun har én plan)")
    indsats.add_argument("--id", help="indsatsens id (standard: lavet af navnet)")
    indsats.add_argument("--kommune", help="kommunens slug (kan udelades, når der kun er én)")
    indsats.add_argument("--beskrivelse", help="hvad indsatsen er")
    indsats.add_argument("--ansvarlig", action="append", help="id på en ansvarlig aktør (kan gentages)")

    kommune = sub("kommune", "opret en ny kommune med et minimalt skelet")
    kommune.add_argument("--slug", required=True, help="kommunens korte navn, fx «koege»")
    kommune.add_argument("--navn", required=True, help="kommunens navn, fx «Køge Kommune»")
    kommune.add_argument("--politikreds", help="politikredsen")


def _cpr_in_arguments(args: argparse.Namespace) -> str | None:
    """A Danish refusal when any value given on the command line holds what `sspgen check`
    would report as a CPR number (the same finder, so «100326 1400-1600» is still a title)."""
    from ..validate.rules.privacy_find import cpr_findings

    for name, value in sorted(vars(args).items()):
        if name in ("path", "run", "command", "hvad"):
            continue
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            found = next(cpr_findings(text), None)
            if found is not None:
                option = "--" + {"fora": "forum"}.get(name, name).replace("_", "-")
                return (
                    f"{option} indeholder noget, der ligner et CPR-nummer ({found.masked}). CPR-numre "
                    "og andre personoplysninger om børn og unge må aldrig stå i disse filer; navngivne "
                    "sager hører til i sagssystemet. Der er ikke skrevet noget. Kør kommandoen igen "
                    "uden nummeret."
                )
    return None


def run(args: argparse.Namespace) -> int:
    from .. import scaffold

    root = Path(args.path)
    if not root.is_dir():
        print(f"sspgen: mappen «{root}» findes ikke.", file=sys.stderr)
        return 2
    refusal = _cpr_in_arguments(args)
    if refusal is not None:
        print(f"sspgen: {refusal}", file=sys.stderr)
        return 2
    try:
        if args.hvad == "moede":
            result = scaffold.new_moede(root, args.forum, args.dato, args.kommune, args.type)
        elif args.hvad == "aktoer":
            result = scaffold.new_aktoer(
                root, args.kommune, args.navn, args.type, args.id, args.beskrivelse,
                args.distrikt, args.del_af, args.forkortelse, args.synlighed,
            )
        elif args.hvad == "emne":
            result = scaffold.new_emne(
                root, args.kommune, args.titel, args.id, args.beskrivelse, args.fora, args.foreslaaet_af
            )
        elif args.hvad == "indsats":
            result = scaffold.new_indsats(
                root, args.kommune, args.navn, args.maal, args.niveau, args.plan, args.id,
                args.beskrivelse, args.ansvarlig,
            )
        else:
            result = scaffold.new_kommune(root, args.slug, args.navn, args.politikreds)
    except scaffold.ScaffoldError as exc:
        print(f"sspgen: {exc.message}", file=sys.stderr)
        return exc.exit_code
    print(f"{result.verb} {result.path.as_posix()}")
    for line in result.lines:
        print(line)
    return 0
