"""Subcommands wired into sspgen.cli: each module has add_parser(commands) and run(args).

These modules only build argparse parsers; the work is imported inside run(), so
`sspgen --help` stays quick.
"""
