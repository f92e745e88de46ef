"""Public content may not depend on intranet-only content (DESIGN principle 2).

Everything is intern unless it says ``synlighed: offentlig``. A public entity that names an
intern one would either leak it onto the public site or show a hole there, so it is an error
(``synlighed.offentlig-afhaenger-af-intern``) at the reference. Checked, for public entities:

* aktør: ``del_af``;
* forum: ``overordnet``, ``skoler``, ``sammensaetning[].aktoer``, ``kan_invitere[].aktoer``,
  ``formoede.deltagere[].aktoer``;
* kommissorium: ``fora``, ``deltagere[].aktoer``, ``kan_invitere[].aktoer``,
  ``faellesmoeder.forum``;
* funktionsbeskrivelse: ``aktoer``;
* plan: ``indsatser[].ansvarlige``, ``indsatser[].pensum``, ``kilder`` (dokumenter);
* evaluering: ``plan``;
* pensum: ``plan``, ``forloeb[].udbydere``;
* møde: ``forum``, ``deltagende_aktoerer``, ``dagsorden[].opfoelgning[].ansvarlig``;
* begivenhed: ``arrangoer``, ``aktoer``;
* side: ``fora``, and the contacts and documents its shortcodes resolve to.

A forum's ``kommissorium`` is only a link (the public page leaves it out), so it is not checked.
References to ids that do not exist are reported by references.py, not here.

Shortcodes (see shortcodes.py) are resolved for every page, public or not:

* ``ref.ukendt-kontakt`` (error): ``[[kontakter: EMNE]]`` where no contact has EMNE in ``emner``;
* ``ref.ukendt-dokument`` (error): ``[[dokument: ID]]`` where no document has that id;
* ``side.ukendt-kortkode`` (error): ``[[noget: …]]`` of a kind the site does not know.
"""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic, Position, error
from ..instanser import alle_fora
from ..load import KommuneData, Located
from ._common import agenda_points, is_public, known_list, lookup, sorted_items, suggestion
from .shortcodes import KINDS, find_shortcodes

CODE = "synlighed.offentlig-afhaenger-af-intern"

NOUNS = {
    "aktoer": ("aktøren", "aktoerer"),
    "forum": ("forummet", "fora"),
    "plan": ("planen", "planer"),
    "pensum": ("pensummet", "pensum"),
}
OWNER = {
    "aktoer": "Aktøren",
    "forum": "Forummet",
    "kommissorium": "Kommissoriet",
    "funktionsbeskrivelse": "Funktionsbeskrivelsen",
    "plan": "Planen",
    "evaluering": "Evalueringen",
    "pensum": "Pensummet",
    "moede": "Mødet",
    "begivenhed": "Begivenheden",
    "side": "Siden",
}


NEUTER = {"forum", "kommissorium", "pensum", "moede"}
"""Danish nouns of neuter gender: «forummet er offentligt», but «planen er offentlig»."""


def _adj(kind: str, word: str) -> str:
    return word + "t" if kind in NEUTER else word


class Checker:
    def __init__(self, data: KommuneData):
        self.data = data
        self.out: list[Diagnostic] = []
        self.tables = {
            "aktoer": data.aktoerer,
            "forum": alle_fora(data),
            "plan": data.planer,
            "pensum": data.pensum,
        }

    def dep(self, owner_kind: str, located: Located[Any], loc: tuple, target_kind: str, target_id: str | None) -> None:
        if target_id is None:
            return
        target = self.tables[target_kind].get(target_id)
        if target is None or is_public(target.value):
            return
        noun, folder = NOUNS[target_kind]
        owner_id = getattr(located.value, "id", None)
        owner = f"{OWNER[owner_kind]} «{owner_id}»" if owner_id else OWNER[owner_kind]
        self.out.append(
            error(
                located.source.path,
                located.position(*loc),
                CODE,
                f"{owner} er {_adj(owner_kind, 'offentlig')}, men henviser til {noun} «{target_id}», "
                f"som er {_adj(target_kind, 'intern')} (kun intranettet). Offentligt indhold må ikke "
                f"afhænge af internt: sæt «synlighed: offentlig» i data/{self.data.slug}/{folder}/"
                f"{target_id}.yaml, fjern henvisningen, eller gør {OWNER[owner_kind].lower()} "
                f"{_adj(owner_kind, 'intern')}.",
            )
        )

    def deps(self, owner_kind: str, located: Located[Any], loc: tuple, target_kind: str, ids: list[str]) -> None:
        for index, target_id in enumerate(ids):
            self.dep(owner_kind, located, loc + (index,), target_kind, target_id)


def check_visibility(data: KommuneData) -> list[Diagnostic]:
    c = Checker(data)

    for _, aktoer in sorted_items(data.aktoerer):
        if is_public(aktoer.value):
            c.dep("aktoer", aktoer, ("del_af",), "aktoer", aktoer.value.del_af)

    for _, forum in sorted_items(data.fora):
        f = forum.value
        if not is_public(f):
            continue
        c.dep("forum", forum, ("overordnet",), "forum", f.overordnet)
        c.deps("forum", forum, ("skoler",), "aktoer", f.skoler)
        for index, deltager in enumerate(f.sammensaetning):
            c.dep("forum", forum, ("sammensaetning", index, "aktoer"), "aktoer", deltager.aktoer)
        for index, inviteret in enumerate(f.kan_invitere):
            c.dep("forum", forum, ("kan_invitere", index, "aktoer"), "aktoer", inviteret.aktoer)
        if f.formoede is not None:
            for index, deltager in enumerate(f.formoede.deltagere):
                c.dep("forum", forum, ("formoede", "deltagere", index, "aktoer"), "aktoer", deltager.aktoer)

    for _, kommissorium in sorted_items(data.kommissorier):
        k = kommissorium.value
        if not is_public(k):
            continue
        c.deps("kommissorium", kommissorium, ("fora",), "forum", k.fora)
        for index, deltager in enumerate(k.deltagere):
            c.dep("kommissorium", kommissorium, ("deltagere", index, "aktoer"), "aktoer", deltager.aktoer)
        for index, inviteret in enumerate(k.kan_invitere):
            c.dep("kommissorium", kommissorium, ("kan_invitere", index, "aktoer"), "aktoer", inviteret.aktoer)
        if k.faellesmoeder is not None:
            c.dep("kommissorium", kommissorium, ("faellesmoeder", "forum"), "forum", k.faellesmoeder.forum)

    for _, beskrivelse in sorted_items(data.funktionsbeskrivelser):
        if is_public(beskrivelse.value):
            c.dep("funktionsbeskrivelse", beskrivelse, ("aktoer",), "aktoer", beskrivelse.value.aktoer)

    dokumenter = {d.id: d for d in data.kommune.value.dokumenter} if data.kommune else {}
    for _, plan in sorted_items(data.planer):
        p = plan.value
        if not is_public(p):
            continue
        for index, indsats in enumerate(p.indsatser):
            c.deps("plan", plan, ("indsatser", index, "ansvarlige"), "aktoer", indsats.ansvarlige)
            c.dep("plan", plan, ("indsatser", index, "pensum"), "pensum", indsats.pensum)
        for index, kilde in enumerate(p.kilder):
            dokument = dokumenter.get(kilde)
            if dokument is not None and not is_public(dokument):
                c.out.append(_intern_dokument(data, plan, plan.position("kilder", index), f"Planen «{p.id}»", kilde))

    for _, evaluering in sorted_items(data.evalueringer):
        if is_public(evaluering.value):
            c.dep("evaluering", evaluering, ("plan",), "plan", evaluering.value.plan)

    for _, pensum in sorted_items(data.pensum):
        p = pensum.value
        if not is_public(p):
            continue
        c.dep("pensum", pensum, ("plan",), "plan", p.plan)
        for index, forloeb in enumerate(p.forloeb):
            c.deps("pensum", pensum, ("forloeb", index, "udbydere"), "aktoer", forloeb.udbydere)

    for _, moede in sorted_items(data.moeder):
        m = moede.value
        if not is_public(m):
            continue
        c.dep("moede", moede, ("forum",), "forum", m.forum)
        c.deps("moede", moede, ("deltagende_aktoerer",), "aktoer", m.deltagende_aktoerer)
        # A closed point never reaches the public site (site/view.py), so it may name anything.
        for loc, punkt in agenda_points(m.dagsorden, open_only=True):
            for number, opfoelgning in enumerate(punkt.opfoelgning):
                c.dep("moede", moede, loc + ("opfoelgning", number, "ansvarlig"), "aktoer", opfoelgning.ansvarlig)

    for _, begivenhed in sorted_items(data.begivenheder):
        if is_public(begivenhed.value):
            c.dep("begivenhed", begivenhed, ("arrangoer",), "forum", begivenhed.value.arrangoer)
            c.dep("begivenhed", begivenhed, ("aktoer",), "aktoer", begivenhed.value.aktoer)

    for _, side in sorted_items(data.sider):
        if is_public(side.value.side):
            c.deps("side", side, ("fora",), "forum", side.value.side.fora)
        c.out += _shortcodes(data, side)

    return c.out


def _intern_dokument(data: KommuneData, located: Located[Any], position: Position, owner: str, dokument_id: str) -> Diagnostic:
    return error(
        located.source.path,
        position,
        CODE,
        f"{owner} er offentlig, men henviser til dokumentet «{dokument_id}», som er internt. "
        f"Offentligt indhold må ikke afhænge af internt: sæt «synlighed: offentlig» på dokumentet "
        f"under «dokumenter» i data/{data.slug}/kommune.yaml, eller fjern henvisningen.",
    )


def _shortcodes(data: KommuneData, side: Located[Any]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    page = side.value
    public = is_public(page.side)
    path = side.source.path
    kontakter = list(data.kommune.value.kontakter) if data.kommune else []
    dokumenter = {d.id: d for d in data.kommune.value.dokumenter} if data.kommune else {}
    kommune_file = f"data/{data.slug}/kommune.yaml"
    owner = f"Siden «{page.id}»"
    for code in find_shortcodes(page.body, known_only=False):
        position = Position(page.body_line + code.line_offset, code.column)
        if code.kind not in KINDS:
            out.append(
                error(
                    path,
                    position,
                    "side.ukendt-kortkode",
                    f"«[[{code.kind}: …]]» er ikke en kendt kortkode. Kendte kortkoder: "
                    f"«[[kontakter: EMNE]]» (kontakterne med emnet), «[[dokument: ID]]» "
                    f"(et link til dokumentet), «[[plan: ID]]» og «[[pensum: ID]]» (et link til "
                    f"planens eller pensummets side).",
                )
            )
        elif data.kommune is None:
            continue  # kommune.yaml is missing or failed (reported there): its lists are unknown
        elif code.kind == "kontakter":
            matched = [k for k in kontakter if code.arg in k.emner]
            if not matched:
                emner = {emne for k in kontakter for emne in k.emner}
                out.append(
                    error(
                        path,
                        position,
                        "ref.ukendt-kontakt",
                        f"Ingen kontakt i {kommune_file} har emnet «{code.arg}» under «emner», så "
                        f"«[[kontakter: {code.arg}]]» ville vise en tom blok. "
                        f"{suggestion(code.arg, emner, what='emner')} Ret emnet, eller tilføj det "
                        f"under «emner» hos de rette kontakter.",
                    )
                )
            elif public:
                intern = [k.id for k in matched if not is_public(k)]
                if intern:
                    out.append(
                        error(
                            path,
                            position,
                            CODE,
                            f"{owner} er offentlig, men «[[kontakter: {code.arg}]]» omfatter "
                            f"interne kontakter: {known_list(intern)}. Sæt «synlighed: offentlig» på "
                            f"dem i {kommune_file}, eller fjern emnet «{code.arg}» fra deres «emner».",
                        )
                    )
        elif code.kind in ("plan", "pensum"):
            out += _entity_shortcode(data, side, position, code.kind, code.arg)
        else:
            dokument = dokumenter.get(code.arg)
            if dokument is None:
                out.append(
                    error(
                        path,
                        position,
                        "ref.ukendt-dokument",
                        f"Dokumentet «{code.arg}» findes ikke under «dokumenter» i {kommune_file}. "
                        f"{suggestion(code.arg, dokumenter, what='dokumenter')} Ret id'et, eller "
                        f"tilføj dokumentet.",
                    )
                )
            elif public and not is_public(dokument):
                out.append(_intern_dokument(data, side, position, owner, code.arg))
    return out


def _entity_shortcode(data: KommuneData, side: Located[Any], position: Position, kind: str, entity_id: str) -> list[Diagnostic]:
    """``[[plan: ID]]`` / ``[[pensum: ID]]``: the plan or curriculum must exist, and a public
    page may only link to a public one (the public site has no page for an internal one)."""
    entities = data.planer if kind == "plan" else data.pensum
    folder = "planer" if kind == "plan" else "pensum"
    what = "planer" if kind == "plan" else "pensa"
    found = lookup(entities, entity_id)
    if found is None:
        if data.exists_but_invalid(folder, entity_id):
            return []  # its own errors come first
        return [error(
            side.source.path, position, f"ref.ukendt-{kind}",
            f"«[[{kind}: {entity_id}]]» henviser til noget, der ikke findes i data/{data.slug}/{folder}/. "
            f"{suggestion(entity_id, entities, what=what)} Ret id'et, eller fjern kortkoden.",
        )]
    if is_public(side.value.side) and not is_public(found.value):
        return [error(
            side.source.path, position, CODE,
            f"Siden «{side.value.id}» er offentlig, men «[[{kind}: {entity_id}]]» henviser til "
            f"noget internt. Sæt «synlighed: offentlig» i data/{data.slug}/{folder}/{entity_id}.yaml, "
            "eller fjern kortkoden.",
        )]
    return []
