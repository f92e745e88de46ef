"""The organisation's structure beyond `overordnet`: forum kinds with instances, fora as members
of other fora, escalation, information flows, reporting, case levels, contacts per forum and
bodies shared with another municipality.

Codes:

* ``id.dublet`` (error): an instance id used twice (in one forum's ``instanser`` or in two
  fora's), or equal to the id of a forum file: meetings name fora and instances by the same
  ids, so each must be unique.
* ``ref.ukendt-forum`` (error): ``eskalerer_til``, ``informerer[].til``,
  ``rapporterer[].til_forum``, ``sammensaetning[].forum`` (also an instance's),
  ``kontakter[].fora`` and ``sagsniveauer[].fora`` in kommune.yaml name no forum or instance.
* ``ref.ukendt-aktoer`` / ``ref.ikke-skole`` (error): an instance's ``skole`` or the aktør of
  one of its extra seats is unknown, or the school is not an aktør of type «skole».
* ``ref.ukendt-kontakt`` (error): an instance's ``kontakter`` name no contact in kommune.yaml.
* ``forum.sig-selv`` (error): a forum names itself as its own member, escalation target,
  or recipient of information or reports.
* ``ref.ukendt-faelles`` (error): ``faelles: <kommune>/<id>`` names no forum file
  data/<kommune>/fora/<id>.yaml, or names the municipality's own folder.
* ``moede.uden-for-gyldighed`` (warning): a meeting dated outside its forum's (or group's)
  ``gyldig_fra``–``gyldig_til``: either the date or the period is wrong.
"""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic, error, warning
from ...model.base import gaelder_paa
from ...render.danish import dato
from .. import faelles
from ..instanser import alle_fora
from ..load import KommuneData, Located
from ._common import lookup, sorted_items, suggestion
from .references import AKTOER, FORUM, KONTAKT, Checker


def check_fora(data: KommuneData) -> list[Diagnostic]:
    c = Checker(data)
    c.where[KONTAKT] = f"Den står ikke under «kontakter» i data/{data.slug}/kommune.yaml."
    _instance_ids(data, c)
    fora = set(alle_fora(data))
    aktoerer = set(data.aktoerer)
    kontakter = {k.id for k in data.kommune.value.kontakter} if data.kommune is not None else set()
    for forum_id, forum in sorted_items(data.fora):
        f = forum.value
        c.refs(forum, ("eskalerer_til",), f.eskalerer_til, FORUM, fora)
        for index, stroem in enumerate(f.informerer):
            c.ref(forum, ("informerer", index, "til"), stroem.til, FORUM, fora)
        for index, rapport in enumerate(f.rapporterer):
            c.ref(forum, ("rapporterer", index, "til_forum"), rapport.til_forum, FORUM, fora)
        for index, deltager in enumerate(f.sammensaetning):
            c.ref(forum, ("sammensaetning", index, "forum"), deltager.forum, FORUM, fora)
        for index, instans in enumerate(f.instanser):
            at = ("instanser", index)
            _school(c, forum, at, ("skole",), instans.skole, aktoerer)
            for number, skole in enumerate(instans.skoler):
                _school(c, forum, at, ("skoler", number), skole, aktoerer)
            c.refs(forum, at + ("kontakter",), instans.kontakter, KONTAKT, kontakter)
            for number, deltager in enumerate(instans.sammensaetning):
                c.ref(forum, at + ("sammensaetning", number, "aktoer"), deltager.aktoer, AKTOER, aktoerer)
                c.ref(forum, at + ("sammensaetning", number, "forum"), deltager.forum, FORUM, fora)
        _itself(c, forum, forum_id)
        if f.faelles is not None:
            _shared(c, data, forum, f.faelles)
    _meetings_in_period(data, c)
    for _, kommissorium in sorted_items(data.kommissorier):
        for index, deltager in enumerate(kommissorium.value.deltagere):
            c.ref(kommissorium, ("deltagere", index, "forum"), deltager.forum, FORUM, fora)
    if data.kommune is not None:
        kommune = data.kommune
        c.duplicates(kommune, ("sagsniveauer",), kommune.value.sagsniveauer, "sagsniveauer")
        for index, niveau in enumerate(kommune.value.sagsniveauer):
            c.refs(kommune, ("sagsniveauer", index, "fora"), niveau.fora, FORUM, fora)
        for index, kontakt in enumerate(kommune.value.kontakter):
            c.refs(kommune, ("kontakter", index, "fora"), kontakt.fora, FORUM, fora)
    return c.out


def _instance_ids(data: KommuneData, c: Checker) -> None:
    first: dict[str, tuple[str, int]] = {}
    for forum_id, forum in sorted_items(data.fora):
        for index, instans in enumerate(forum.value.instanser):
            at = forum.position("instanser", index, "id")
            if instans.id in data.fora:
                message = (
                    f"«{instans.id}» er også id'et på forummet i data/{data.slug}/fora/{instans.id}.yaml. "
                    f"Fora og grupper under «instanser» deler id'er (et møde skriver dem under "
                    f"«forum»), så giv gruppen et andet id, fx «{forum_id}-{instans.id}»."
                )
            elif instans.id in first:
                owner, number = first[instans.id]
                where = "her" if owner == forum_id else f"i forummet «{owner}»"
                line = data.fora[owner].position("instanser", number, "id").line
                message = (
                    f"Id'et «{instans.id}» bruges allerede af en anden gruppe under «instanser» "
                    f"{where} (linje {line}). Hver gruppe skal have sit eget id, fordi møder "
                    f"skriver det under «forum»."
                )
            else:
                first[instans.id] = (forum_id, index)
                continue
            c.out.append(error(forum.source.path, at, "id.dublet", message))


def _school(c: Checker, forum: Located[Any], at: tuple, field: tuple, skole: str | None, aktoerer: set[str]) -> None:
    if not c.ref(forum, at + field, skole, AKTOER, aktoerer) or skole is None:
        return
    school = lookup(c.data.aktoerer, skole)
    if school is not None and school.value.type != "skole":
        c.out.append(
            error(
                forum.source.path,
                forum.position(*at, *field),
                "ref.ikke-skole",
                f"«{skole}» står under «{field[0]}», men aktøren har typen «{school.value.type}», ikke "
                f"«skole». Skriv en skole her, eller brug «distrikt» eller «omraade» for et område.",
            )
        )


def _itself(c: Checker, forum: Located[Any], forum_id: str) -> None:
    f = forum.value
    places: list[tuple[tuple, str]] = [
        (("eskalerer_til", i), "det forum, sager går videre til") for i, v in enumerate(f.eskalerer_til) if v == forum_id
    ]
    places += [(("informerer", i, "til"), "modtager af sin egen information")
               for i, s in enumerate(f.informerer) if s.til == forum_id]
    places += [(("rapporterer", i, "til_forum"), "modtager af sine egne rapporter")
               for i, r in enumerate(f.rapporterer) if r.til_forum == forum_id]
    places += [(("sammensaetning", i, "forum"), "medlem af sig selv")
               for i, d in enumerate(f.sammensaetning) if d.forum == forum_id]
    for loc, what in places:
        c.out.append(
            error(
                forum.source.path,
                forum.position(*loc),
                "forum.sig-selv",
                f"Forummet «{forum_id}» står som {what}. Et forum kan ikke pege på sig selv her: "
                f"skriv id'et på et andet forum, eller slet linjen.",
            )
        )


def _shared(c: Checker, data: KommuneData, forum: Located[Any], reference: str) -> None:
    kommune, forum_id = faelles.split(reference)
    data_root = data.data_dir.parent
    if kommune == data.slug:
        message = (
            f"«faelles: {reference}» peger på kommunens egen mappe. «faelles» er til et forum, der "
            f"er beskrevet i en anden kommunes mappe; et forum i egen kommune skrives blot med sit id."
        )
    elif faelles.find(data_root, reference) is None:
        known = sorted(p.name for p in data_root.iterdir() if (p / "kommune.yaml").is_file()) if data_root.is_dir() else []
        if kommune not in known:
            message = f"Der er ingen kommune «{kommune}» under data/. {suggestion(kommune, known, what='kommuner')}"
        else:
            fora = sorted(p.stem for p in (data_root / kommune / "fora").glob("*.yaml"))
            message = (
                f"Der er ingen fil data/{kommune}/fora/{forum_id}.yaml (med et navn). "
                f"{suggestion(forum_id, fora, what=f'fora i {kommune}')}"
            )
        message += " «faelles» skrives som «<kommune>/<forummets id>», fx «naboby/bandepartnerskab»."
    else:
        return
    c.out.append(error(forum.source.path, forum.position("faelles"), "ref.ukendt-faelles", message))


def _meetings_in_period(data: KommuneData, c: Checker) -> None:
    fora = alle_fora(data)
    for _, moede in sorted_items(data.moeder):
        m = moede.value
        forum = lookup(fora, m.forum)
        if forum is None or gaelder_paa(forum.value, m.dato):
            continue
        f = forum.value
        period = (f"fra {dato(f.gyldig_fra)}" if f.gyldig_fra else "") + (
            f"{' ' if f.gyldig_fra else ''}til {dato(f.gyldig_til)}" if f.gyldig_til else "")
        c.out.append(
            warning(
                moede.source.path,
                moede.position("dato"),
                "moede.uden-for-gyldighed",
                f"Mødet er den {dato(m.dato)}, men «{f.navn}» gælder kun {period}. Ret mødets "
                f"dato, eller ret «gyldig_fra»/«gyldig_til» for forummet.",
            )
        )
