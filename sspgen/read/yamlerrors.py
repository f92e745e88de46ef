"""libyaml's syntax and reader errors as located Danish messages.

libyaml reports a problem in English with a problem mark and often a context mark; this module
finds the Danish explanation and next step, and points at the mistake rather than at the line
where libyaml noticed it.
"""

from __future__ import annotations

from typing import Any

import yaml

from sspgen.diagnostics import Diagnostic, Position, error
from sspgen.read.document import LineIndex

# (substring of libyaml's problem text, Danish explanation and next step)
_PROBLEMS: list[tuple[str, str]] = [
    ("tab character",
     "der står et tabulatortegn, hvor YAML kræver mellemrum. Erstat det med mellemrum."),
    ("cannot start any token",
     "tegnet {char} kan ikke begynde en værdi her. Sæt værdien i anførselstegn, hvis den skal "
     "begynde med det tegn."),
    ("could not find expected ':'",
     "der mangler et kolon efter nøglen. Skriv 'nøgle: værdi'; er linjen fortsættelsen af en "
     "tekst, så ryk den ind under værdien eller sæt hele teksten i anførselstegn."),
    ("mapping values are not allowed",
     "et kolon med mellemrum efter (': ') kan ikke stå her. Skal teksten indeholde ': ', så "
     "sæt hele værdien i anførselstegn; ellers tjek indrykningen."),
    ("block sequence entries are not allowed",
     "et listepunkt ('- ') kan ikke stå her. Tjek indrykningen; skal teksten begynde med '- ', "
     "så sæt den i anførselstegn."),
    ("did not find expected key",
     "indrykningen passer ikke: linjen står hverken under de andre nøgler på samme niveau eller "
     "er rykket korrekt ind. Ret indrykningen (med mellemrum), så nøgler på samme niveau står "
     "lige under hinanden."),
    ("did not find expected '-' indicator",
     "en liste fortsætter med noget, der ikke er et listepunkt. Alle punkter i listen skal "
     "begynde med '- ' og have samme indrykning."),
    ("did not find expected ',' or ']'",
     "en liste i firkantede parenteser ('[') er ikke lukket med ']', eller der mangler et komma "
     "mellem punkterne. Tilføj ']' eller kommaet; skal teksten indeholde '[', så sæt den i "
     "anførselstegn."),
    ("did not find expected ',' or '}'",
     "en mapping i krøllede parenteser ('{') er ikke lukket med '}', eller der mangler et komma. "
     "Tilføj '}' eller kommaet; skal teksten indeholde '{', så sæt den i anførselstegn."),
    ("did not find expected node content",
     "der mangler en værdi her. Skriv værdien, eller sæt teksten i anførselstegn."),
    ("did not find expected <document start>",
     "der står indhold efter slutmarkeringen '...'. Fjern '...'-linjen."),
    ("found unexpected document indicator",
     "en linje med '---' eller '...' står inde i en tekst i anførselstegn. Luk anførselstegnet "
     "før linjen, eller ryk linjen ind."),
    ("found unknown escape character",
     "ukendt escape-tegn efter '\\' i en tekst i dobbelte anførselstegn. Skriv '\\\\' for en "
     "omvendt skråstreg, eller brug enkelte anførselstegn (')."),
    ("found unexpected end of stream",
     "filen slutter, før en tekst i anførselstegn er lukket. Tilføj det afsluttende "
     "anførselstegn."),
    ("did not find expected alphabetic or numeric character",
     "tegnene '&', '*' og '!' har en særlig betydning i YAML. Sæt værdien i anførselstegn, hvis "
     "den skal begynde med et af dem."),
    ("did not find expected comment or line break",
     "der står tekst efter '|' eller '>' på samme linje. Flyt teksten ned på næste linje, rykket "
     "ind."),
    ("indentation indicator equal to 0",
     "indrykningstallet efter '|' eller '>' må ikke være 0. Fjern tallet."),
    ("did not find expected whitespace or line break",
     "der mangler et mellemrum eller et linjeskift her."),
    ("undefined tag handle",
     "der bruges et ukendt tag-præfiks ('!'). Fjern tagget, eller sæt værdien i anførselstegn."),
    ("did not find expected tag uri",
     "tegnet '!' har en særlig betydning i YAML. Sæt værdien i anførselstegn."),
    ("did not find the expected '>'",
     "tegnet '!' har en særlig betydning i YAML. Sæt værdien i anførselstegn."),
    ("yaml directive",
     "en '%YAML'-linje er ugyldig. Fjern linjen; sspgen har ikke brug for den."),
    ("directive",
     "en linje, der begynder med '%', læses som en YAML-direktiv-linje. Fjern den, eller sæt "
     "teksten i anførselstegn."),
]

_CONTEXTS: list[tuple[str, str]] = [
    ("quoted scalar", "teksten i anførselstegn"),
    ("simple key", "nøglen"),
    ("block mapping", "afsnittet"),
    ("flow mapping", "'{'"),
    ("flow sequence", "'['"),
    ("block collection", "listen"),
    ("block scalar", "tekstblokken"),
    ("anchor", "'&'"),
    ("alias", "'*'"),
    ("tag", "'!'"),
]


def _char_at(text: str, mark: Any) -> str | None:
    if mark is None:
        return None
    lines = LineIndex(text)
    if not 0 <= mark.line < lines.count:
        return None
    index = lines.starts[mark.line] + mark.column
    if 0 <= index < len(text) and text[index] not in "\r\n":
        return text[index]
    return None


def syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, path: str, line_offset: int) -> Diagnostic:
    problem = (exc.problem or "").lower()
    context = (exc.context or "").lower()
    mark = exc.problem_mark or exc.context_mark
    explanation = None
    for needle, danish in _PROBLEMS:
        if needle.lower() in problem:
            explanation = danish
            break
    # Two problems are detected only on the line after the mistake; point at the mistake.
    use_context = exc.context_mark is not None and (
        ("could not find expected ':'" in problem and "simple key" in context)
        or ("unexpected end of stream" in problem and "quoted scalar" in context)
    )
    if use_context:
        mark = exc.context_mark
    if explanation is None:
        explanation = (
            "strukturen er ugyldig her. Tjek indrykning (kun mellemrum), kolon efter nøgler og "
            "at anførselstegn og parenteser er lukket."
        )
    if "{char}" in explanation:
        char = _char_at(text, exc.problem_mark)
        explanation = explanation.replace("{char}", f"'{char}'" if char and char.isprintable() else "her")
    message = f"YAML-syntaksfejl: {explanation}"
    if exc.context_mark is not None and not use_context and exc.problem_mark is not None:
        cm, pm = exc.context_mark, exc.problem_mark
        if (cm.line, cm.column) != (pm.line, pm.column):
            what = next((da for needle, da in _CONTEXTS if needle in context), None)
            if what is not None:
                message += (
                    f" Fejlen hører til {what}, som begynder på linje {cm.line + 1 + line_offset}, "
                    f"kolonne {cm.column + 1}."
                )
    if mark is None:
        position = Position(1 + line_offset, 1)
    else:
        position = Position(max(mark.line, 0) + 1 + line_offset, max(mark.column, 0) + 1)
    return error(path, position, "yaml.syntaks", message)


def reader_diagnostic(exc: yaml.YAMLError, text: str, path: str, line_offset: int) -> Diagnostic:
    index = getattr(exc, "position", None)
    if isinstance(index, int) and 0 <= index <= len(text):
        position = LineIndex(text).position(index, line_offset)
    else:
        position = Position(1 + line_offset, 1)
    return error(path, position, "yaml.syntaks",
                 "Filen kan ikke læses som YAML her: der står et tegn, som ikke er tilladt. "
                 "Slet eller erstat tegnet.")
