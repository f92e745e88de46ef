"""References between files: every id that points at something must point at something real.

Codes:

* ``ref.ukendt-<slags>`` (error): an id that names no aktør, forum, kommissorium, plan, pensum,
  møde, politisk mål, forebyggelsesniveau, indsats, emne, trin, emnebank-emne, dokument or spor
  (a strand in kommune.yaml). A plan's goals, activities and preparedness situations name
  their responsible aktører, an activity and a plan their forum. The
  message names the unknown id and suggests the closest known id («Mente du …?») or lists
  the known ones.
  A begivenhed's ``arrangoer`` (a forum) and ``aktoer`` are checked the same way. An
  evaluation row's ``maal`` must be one of the evaluated plan's own goals (``maal``,
  ``ref.ukendt-planmaal``); that a row names exactly one of ``indsats`` and ``maal`` is the
  model's check.
* ``ref.ikke-skole`` (error): a forum's ``skoler`` must be aktører of type ``skole``.
* ``ref.cirkulaer`` (error): ``overordnet`` of fora (and ``del_af`` of aktører) may not go in
  a circle; reported once per circle, at the member with the smallest id.
* ``id.dublet`` (error): the same id twice in one file's list (plan goals, levels, methods,
  indsatser, sections, surveys, action-plan goals, activities, preparedness situations; strands; pensum emner, trin, forløb; kontakter; dokumenter; emnebank).
  Duplicate ids across files are reported while loading.
* ``evaluering.indsats-ikke-under-maal`` (warning): an evaluation row pairs a goal with an
  indsats that the plan does not tie to that goal.

Tendenser (a vocabulary) are checked in vocabulary.py; Markdown shortcodes in visibility.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ...diagnostics import Diagnostic, error, warning
from ..instanser import alle_fora
from ..load import KommuneData, Located
from ._common import agenda_points, by_id, lookup, sorted_items, suggestion


@dataclass(frozen=True)
class Target:
    code: str
    label: str
    """Danish noun in definite form, capitalised: «Aktøren»."""
    what: str
    """Plural for the list of known ids: «aktør-id'er»."""


AKTOER = Target("ref.ukendt-aktoer", "Aktøren", "aktører")
FORUM = Target("ref.ukendt-forum", "Forummet", "fora")
KOMMISSORIUM = Target("ref.ukendt-kommissorium", "Kommissoriet", "kommissorier")
PLAN = Target("ref.ukendt-plan", "Planen", "planer")
PENSUM = Target("ref.ukendt-pensum", "Pensummet", "pensum-id'er")
MOEDE = Target("ref.ukendt-moede", "Mødet", "møder")
MAAL = Target("ref.ukendt-maal", "Det politiske mål", "politiske mål")
NIVEAU = Target("ref.ukendt-niveau", "Forebyggelsesniveauet", "forebyggelsesniveauer")
INDSATS = Target("ref.ukendt-indsats", "Indsatsen", "indsatser")
PLANMAAL = Target("ref.ukendt-planmaal", "Målet", "mål under «maal»")
EMNE = Target("ref.ukendt-emne", "Emnet", "emner")
TRIN = Target("ref.ukendt-trin", "Trinnet", "trin")
EMNEBANK = Target("ref.ukendt-emnebank", "Emnet", "emner i emnebanken")
DOKUMENT = Target("ref.ukendt-dokument", "Dokumentet", "dokumenter")
SPOR = Target("ref.ukendt-spor", "Sporet", "spor")
KONTAKT = Target("ref.ukendt-kontakt", "Kontakten", "kontakter")

# Targets that are files of their own: a file that exists but failed validation has had its
# errors reported already, so a reference to it is not reported again as unknown.
FILE_KIND = {
    AKTOER: "aktoerer",
    FORUM: "fora",
    KOMMISSORIUM: "kommissorier",
    PLAN: "planer",
    PENSUM: "pensum",
    MOEDE: "moeder",
}

# Targets listed inside one of the single files: when that file failed, nothing it lists is
# known, so no reference into it is reported (no cascade of errors from one broken file).
HOLDER_KIND = {
    EMNEBANK: "emnebank",
    DOKUMENT: "kommune",
    SPOR: "kommune",
    KONTAKT: "kommune",
}


class Checker:
    """Collects diagnostics for references from one municipality's data."""

    def __init__(self, data: KommuneData):
        self.data = data
        self.out: list[Diagnostic] = []
        slug = data.slug
        self.where = {
            AKTOER: f"Der er ingen fil data/{slug}/aktoerer/{{id}}.yaml.",
            FORUM: f"Der er ingen fil data/{slug}/fora/{{id}}.yaml.",
            KOMMISSORIUM: f"Der er ingen fil data/{slug}/kommissorier/{{id}}.yaml.",
            PLAN: f"Der er ingen fil data/{slug}/planer/{{id}}.yaml.",
            PENSUM: f"Der er ingen fil data/{slug}/pensum/{{id}}.yaml.",
            MOEDE: f"Der er ingen fil data/{slug}/moeder/{{id}}.yaml.",
            EMNEBANK: f"Det står ikke under «emner» i data/{slug}/emnebank.yaml.",
            DOKUMENT: f"Det står ikke under «dokumenter» i data/{slug}/kommune.yaml.",
            SPOR: f"Det står ikke under «spor» i data/{slug}/kommune.yaml.",
        }

    def ref(
        self,
        located: Located[Any],
        loc: tuple,
        value: str | None,
        target: Target,
        known: Iterable[str],
        *,
        within: str = "",
    ) -> bool:
        """Report ``value`` at ``loc`` unless it is one of ``known``. True if it is not reported:
        known, or in a file that failed. So a caller that needs the entity itself looks it up
        with ``lookup`` (None for a failed file), never with ``entities[value]``."""
        if value is None:
            return True
        known = set(known)
        if value in known:
            return True
        if target in FILE_KIND and self.data.exists_but_invalid(FILE_KIND[target], value):
            return True
        if target is FORUM and self.data.failed("fora"):
            # A forum file that failed may have held groups (instanser) under ids of their own,
            # and what they were is unknown: report nothing rather than a cascade of false errors.
            return True
        if target in HOLDER_KIND and self.data.failed(HOLDER_KIND[target]):
            return True
        where = self.where.get(target, "").format(id=value)
        message = f"{target.label} «{value}» findes ikke{within}. "
        if where:
            message += where + " "
        message += suggestion(value, known, what=target.what) + " Ret id'et, eller opret det, der henvises til."
        self.out.append(error(located.source.path, located.position(*loc), target.code, message))
        return False

    def refs(self, located: Located[Any], loc: tuple, values: list[str], target: Target, known: Iterable[str], *, within: str = "") -> None:
        known = set(known)
        for index, value in enumerate(values):
            self.ref(located, loc + (index,), value, target, known, within=within)

    def duplicates(self, located: Located[Any], loc: tuple, items: list[Any], what: str) -> None:
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id is None:  # an optional id (a yearly plan's activity) clashes with nothing
                continue
            if item.id in first:
                line = located.position(*loc, first[item.id], "id").line
                self.out.append(
                    error(
                        located.source.path,
                        located.position(*loc, index, "id"),
                        "id.dublet",
                        f"Id'et «{item.id}» bruges to gange under «{loc[-1]}» ({what}); første gang "
                        f"på linje {line}. Hvert id må kun bruges én gang i listen: giv det ene et "
                        f"andet id, eller slå de to sammen.",
                    )
                )
            else:
                first[item.id] = index


def check_references(data: KommuneData) -> list[Diagnostic]:
    c = Checker(data)
    aktoerer = set(data.aktoerer)
    fora = set(data.fora)
    # An instance of a forum kind (a district's leader group) may own a plan or an activity and
    # be shown on a page, like a forum with a file of its own.
    fora_og_instanser = set(alle_fora(data))
    planer = set(data.planer)
    dokumenter: set[str] = set()
    spor: set[str] = set()

    if data.kommune is not None:
        kommune = data.kommune
        c.ref(kommune, ("koordinerende_enhed",), kommune.value.koordinerende_enhed, AKTOER, aktoerer)
        c.duplicates(kommune, ("kontakter",), kommune.value.kontakter, "kontakter")
        c.duplicates(kommune, ("dokumenter",), kommune.value.dokumenter, "dokumenter")
        c.duplicates(kommune, ("spor",), kommune.value.spor, "spor")
        dokumenter = {d.id for d in kommune.value.dokumenter}
        spor = {s.id for s in kommune.value.spor}
        for index, et_spor in enumerate(kommune.value.spor):
            c.ref(kommune, ("spor", index, "ansvarlig"), et_spor.ansvarlig, AKTOER, aktoerer)

    for _, aktoer in sorted_items(data.aktoerer):
        c.ref(aktoer, ("del_af",), aktoer.value.del_af, AKTOER, aktoerer)

    for _, forum in sorted_items(data.fora):
        f = forum.value
        c.ref(forum, ("overordnet",), f.overordnet, FORUM, fora)
        c.ref(forum, ("kommissorium",), f.kommissorium, KOMMISSORIUM, data.kommissorier)
        c.ref(forum, ("spor",), f.spor, SPOR, spor)
        for index, skole in enumerate(f.skoler):
            school = lookup(data.aktoerer, skole) if c.ref(forum, ("skoler", index), skole, AKTOER, aktoerer) else None
            if school is not None:
                kind = school.value.type
                if kind != "skole":
                    c.out.append(
                        error(
                            forum.source.path,
                            forum.position("skoler", index),
                            "ref.ikke-skole",
                            f"«{skole}» står under «skoler», men aktøren har typen «{kind}», ikke "
                            f"«skole». Under «skoler» må kun stå aktører med «type: skole»; andre "
                            f"deltagere skrives under «sammensaetning».",
                        )
                    )
        for index, deltager in enumerate(f.sammensaetning):
            c.ref(forum, ("sammensaetning", index, "aktoer"), deltager.aktoer, AKTOER, aktoerer)
        for index, inviteret in enumerate(f.kan_invitere):
            c.ref(forum, ("kan_invitere", index, "aktoer"), inviteret.aktoer, AKTOER, aktoerer)
        if f.formoede is not None:
            for index, deltager in enumerate(f.formoede.deltagere):
                c.ref(forum, ("formoede", "deltagere", index, "aktoer"), deltager.aktoer, AKTOER, aktoerer)

    for _, kommissorium in sorted_items(data.kommissorier):
        k = kommissorium.value
        c.refs(kommissorium, ("fora",), k.fora, FORUM, fora)
        for index, deltager in enumerate(k.deltagere):
            c.ref(kommissorium, ("deltagere", index, "aktoer"), deltager.aktoer, AKTOER, aktoerer)
        for index, inviteret in enumerate(k.kan_invitere):
            c.ref(kommissorium, ("kan_invitere", index, "aktoer"), inviteret.aktoer, AKTOER, aktoerer)
        if k.faellesmoeder is not None:
            c.ref(kommissorium, ("faellesmoeder", "forum"), k.faellesmoeder.forum, FORUM, fora)

    for _, beskrivelse in sorted_items(data.funktionsbeskrivelser):
        c.ref(beskrivelse, ("aktoer",), beskrivelse.value.aktoer, AKTOER, aktoerer)

    for plan_id, plan in sorted_items(data.planer):
        p = plan.value
        within = f" i planen «{plan_id}»"
        for name, what in (
            ("politiske_maal", "politiske mål"),
            ("forebyggelsesniveauer", "forebyggelsesniveauer"),
            ("metoder", "metoder"),
            ("indsatser", "indsatser"),
            ("afsnit", "afsnit"),
            ("undersoegelser", "undersøgelser"),
            ("maal", "mål"),
            ("aktiviteter", "aktiviteter"),
            ("beredskab", "situationer i beredskabet"),
        ):
            c.duplicates(plan, (name,), getattr(p, name), what)
        c.ref(plan, ("forum",), p.forum, FORUM, fora_og_instanser)
        _plan_parts(c, plan, aktoerer, fora_og_instanser)
        maal = {m.id for m in p.politiske_maal}
        niveauer = {n.id for n in p.forebyggelsesniveauer}
        for index, indsats in enumerate(p.indsatser):
            c.refs(plan, ("indsatser", index, "politiske_maal"), indsats.politiske_maal, MAAL, maal, within=within)
            c.ref(plan, ("indsatser", index, "forebyggelsesniveau"), indsats.forebyggelsesniveau, NIVEAU, niveauer, within=within)
            c.refs(plan, ("indsatser", index, "ansvarlige"), indsats.ansvarlige, AKTOER, aktoerer)
            c.ref(plan, ("indsatser", index, "pensum"), indsats.pensum, PENSUM, data.pensum)
        c.refs(plan, ("kilder",), p.kilder, DOKUMENT, dokumenter)

    for _, evaluering in sorted_items(data.evalueringer):
        e = evaluering.value
        plan = lookup(data.planer, e.plan) if c.ref(evaluering, ("plan",), e.plan, PLAN, planer) else None
        if plan is None:  # unknown (reported above) or its file failed (reported there)
            continue
        p = plan.value
        within = f" i planen «{e.plan}»"
        maal = {m.id for m in p.politiske_maal}
        indsatser = by_id(p.indsatser)
        planmaal = {m.id for m in p.maal}
        for index, raekke in enumerate(e.raekker):
            c.ref(evaluering, ("raekker", index, "maal"), raekke.maal, PLANMAAL, planmaal, within=within)
            maal_ok = c.ref(evaluering, ("raekker", index, "politisk_maal"), raekke.politisk_maal, MAAL, maal, within=within)
            indsats_ok = c.ref(evaluering, ("raekker", index, "indsats"), raekke.indsats, INDSATS, indsatser, within=within)
            indsats = indsatser.get(raekke.indsats) if maal_ok and indsats_ok else None
            # A row without a goal (a plan without political goals) or an indsats tied to no
            # goal has nothing to disagree with.
            if (indsats is not None and raekke.politisk_maal is not None and indsats.politiske_maal
                    and raekke.politisk_maal not in indsats.politiske_maal):
                tied = indsats.politiske_maal
                c.out.append(
                    warning(
                        evaluering.source.path,
                        evaluering.position("raekker", index, "indsats"),
                        "evaluering.indsats-ikke-under-maal",
                        f"Indsatsen «{raekke.indsats}» er ikke knyttet til målet "
                        f"«{raekke.politisk_maal}» i planen «{e.plan}» (den arbejder mod "
                        f"{', '.join(f'«{m}»' for m in tied)}). Evaluer indsatsen under et af "
                        f"dens mål, eller tilføj målet under indsatsens «politiske_maal» i planen.",
                    )
                )

    for pensum_id, pensum in sorted_items(data.pensum):
        p = pensum.value
        within = f" i pensummet «{pensum_id}»"
        c.ref(pensum, ("plan",), p.plan, PLAN, planer)
        c.duplicates(pensum, ("emner",), p.emner, "emner")
        c.duplicates(pensum, ("trin",), p.trin, "trin")
        c.duplicates(pensum, ("forloeb",), p.forloeb, "forløb")
        emner = {e.id for e in p.emner}
        trin = {t.id for t in p.trin}
        for index, maal in enumerate(p.laeringsmaal):
            c.ref(pensum, ("laeringsmaal", index, "emne"), maal.emne, EMNE, emner, within=within)
            c.ref(pensum, ("laeringsmaal", index, "trin"), maal.trin, TRIN, trin, within=within)
        for index, forloeb in enumerate(p.forloeb):
            c.refs(pensum, ("forloeb", index, "emner"), forloeb.emner, EMNE, emner, within=within)
            c.refs(pensum, ("forloeb", index, "udbydere"), forloeb.udbydere, AKTOER, aktoerer)

    emnebank_ids: set[str] = set()
    if data.emnebank is not None:
        bank = data.emnebank
        c.duplicates(bank, ("emner",), bank.value.emner, "emner i emnebanken")
        emnebank_ids = {e.id for e in bank.value.emner}
        for index, emne in enumerate(bank.value.emner):
            c.ref(bank, ("emner", index, "foreslaaet_af"), emne.foreslaaet_af, AKTOER, aktoerer)
            c.refs(bank, ("emner", index, "fora"), emne.fora, FORUM, fora)
            c.refs(bank, ("emner", index, "behandlet_paa"), emne.behandlet_paa, MOEDE, data.moeder)

    for _, moede in sorted_items(data.moeder):
        m = moede.value
        c.ref(moede, ("forum",), m.forum, FORUM, alle_fora(data))  # an instance is a forum here
        c.refs(moede, ("deltagende_aktoerer",), m.deltagende_aktoerer, AKTOER, aktoerer)
        for loc, punkt in agenda_points(m.dagsorden):
            for number, opfoelgning in enumerate(punkt.opfoelgning):
                c.ref(moede, loc + ("opfoelgning", number, "ansvarlig"), opfoelgning.ansvarlig, AKTOER, aktoerer)
        c.refs(moede, ("nye_emner",), m.nye_emner, EMNEBANK, emnebank_ids)

    for _, begivenhed in sorted_items(data.begivenheder):
        c.ref(begivenhed, ("arrangoer",), begivenhed.value.arrangoer, FORUM, fora)
        c.ref(begivenhed, ("aktoer",), begivenhed.value.aktoer, AKTOER, aktoerer)

    for _, side in sorted_items(data.sider):
        c.refs(side, ("fora",), side.value.side.fora, FORUM, fora_og_instanser)

    c.out += _cycles(data.fora, "overordnet", "fora", "et forum")
    c.out += _cycles(data.aktoerer, "del_af", "aktører", "en aktør")
    return c.out


def _plan_parts(c: Checker, plan: Located[Any], aktoerer: set[str], fora: set[str]) -> None:
    """The responsible actors (and fora) of an action plan's goals, a yearly plan's activities
    and a preparedness plan's situations."""
    p = plan.value
    for name, items in (("maal", p.maal), ("aktiviteter", p.aktiviteter), ("beredskab", p.beredskab)):
        for index, item in enumerate(items):
            c.refs(plan, (name, index, "ansvarlige"), item.ansvarlige, AKTOER, aktoerer)
    for index, aktivitet in enumerate(p.aktiviteter):
        c.ref(plan, ("aktiviteter", index, "forum"), aktivitet.forum, FORUM, fora)


def _cycles(entities: dict[str, Located[Any]], field: str, plural: str, singular: str) -> list[Diagnostic]:
    """One error per circle of ``field`` links, at the circle's smallest id."""
    found: list[Diagnostic] = []
    reported: set[frozenset[str]] = set()
    for start in sorted(entities):
        path: list[str] = []
        current: str | None = start
        while current is not None and current in entities and current not in path:
            path.append(current)
            current = getattr(entities[current].value, field)
        if current is None or current not in path:
            continue
        circle = path[path.index(current):]
        key = frozenset(circle)
        if key in reported:
            continue
        reported.add(key)
        first = min(circle)
        turn = circle.index(first)
        ordered = circle[turn:] + circle[:turn] + [first]
        located = entities[first]
        chain = " → ".join(f"«{item}»" for item in ordered)
        found.append(
            error(
                located.source.path,
                located.position(field),
                "ref.cirkulaer",
                f"«{field}» går i ring: {chain}. {singular.capitalize()} kan ikke (indirekte) ligge under "
                f"sig selv; ret «{field}» i en af disse {plural}, så kæden ender øverst.",
            )
        )
    return found
