"""From one municipality's validated data to its two site models.

The intranet is built from all the data; the public site from `public_view(data)`, in which
nothing intranet-only exists. Both use the same builder: a page type that belongs to the
intranet only (front page with follow-ups, topic bank, trend map, calendar) is simply not
added for the public site, and everything else shows whatever its view contains.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..render.danish import sorteringsnoegle
from ..render.text import moede_standardtitel
from ..validate.instanser import med_instanser
from ..validate.load import KommuneData
from . import abonnement, begivenheder, derived, fora as forafakta, protokoller
from . import planer as plansider
from .dates import GitDates
from .history import plan_history_at
from .pages import CalendarSpec, PageSpec, PdfSpec, Site, Variant
from .tendensoversigt import tendensoversigt
from .urls import RESERVED, entity_url, forum_url
from .view import Lookup, public_view


def build_sites(data: KommuneData, git: GitDates, today: date) -> list[Site]:
    data = med_instanser(data)  # every instance of a forum kind gets its own forum page
    return [
        _build(data, "intranet", git, today),
        _build(public_view(data), "offentlig", git, today),
    ]


class _Builder:
    def __init__(self, data: KommuneData, variant: Variant, git: GitDates, today: date) -> None:
        assert data.kommune is not None  # check refuses a municipality without kommune.yaml
        self.data = data
        self.lookup = Lookup(data)
        self.git = git
        self.public = variant == "offentlig"
        self.kommune_file = data.kommune.source.path
        self.site = Site(data.slug, data.kommune.value.navn, variant, today=today, lookup=self.lookup)
        # Sorted once: every forum's page lists its own meetings in this order.
        self.moeder = derived.moeder_sorted(data)
        self.moeder_pr_forum: dict[str, list[Any]] = {}
        for moede in self.moeder:
            self.moeder_pr_forum.setdefault(moede.forum, []).append(moede)
        self.begivenheder = begivenheder.sorted_events(data)
        self.begivenheder_pr_forum = begivenheder.by_forum(self.begivenheder)
        self.secret = None if self.public else _secret()
        self.abonnementer: list[abonnement.Abonnement] = []
        """The capability feeds made so far (intranet only), for the calendar page."""

    # -- helpers ---------------------------------------------------------------------------
    def path(self, entities: dict[str, Any], entity_id: str | None) -> list[str]:
        found = entities.get(entity_id) if entity_id else None
        return [found.source.path] if found is not None else []

    def page(self, url: str, template: str, title: str, context: dict[str, Any], sources: list[str],
             section: str, kind: str | None = None, entity_id: str | None = None,
             updated: date | None = None) -> PageSpec:
        """`updated`: the page's own content date where the caller knows it (prose pages);
        otherwise the last change of any source, since a data page's text is made from them."""
        unique_sources = tuple(dict.fromkeys([*sources, self.kommune_file]))
        if updated is None:
            updated = self.git.last_change(unique_sources) or self._fallback_date(unique_sources)
        spec = PageSpec(
            url=url, template=template, title=title, context=context, sources=unique_sources,
            section=section, fragment=self.public and url != "", updated=updated,
        )
        return self.site.add(spec, kind, entity_id)

    def _content_date(self, located: Any) -> date | None:
        """When a prose page's own text last changed: its `opdateret` field if set (the writer's
        word wins), else the last commit to its own file. A commit that only changes a forum the
        page lists, or kommune.yaml, does not make old text look fresh."""
        side = located.value.side
        if side.opdateret:
            return side.opdateret
        own = self.git.content_date(located.source.path)
        return own or self.data.kommune.value.opdateret  # type: ignore[union-attr]

    def _fallback_date(self, sources: tuple[str, ...]) -> date | None:
        """Outside git: the data's own `opdateret` (the page's, else the municipality's)."""
        for page in self.data.sider.values():
            if page.source.path in sources and page.value.side.opdateret:
                return page.value.side.opdateret
        kommune = self.data.kommune.value  # type: ignore[union-attr]
        return kommune.opdateret

    def sorted_values(self, entities: dict[str, Any], key) -> list[Any]:
        return sorted((item.value for item in entities.values()), key=key)

    # -- the pages -------------------------------------------------------------------------
    def build(self) -> Site:
        data, lookup = self.data, self.lookup
        fora = self.sorted_values(data.fora, lambda f: sorteringsnoegle(f.navn))
        taken: set[str] = set()
        forum_urls = {}
        for forum in fora:
            url = forum_url(forum, taken)
            taken.add(url)
            forum_urls[forum.id] = url
            self.site.urls[("forum", forum.id)] = url
        # Register every URL before building contexts, so any page can link to any other.
        for moede in data.moeder:
            self.site.urls[("moede", moede)] = entity_url("moeder", moede)
        for kid in data.kommissorier:
            self.site.urls[("kommissorium", kid)] = entity_url("kommissorier", kid)
        for pid in data.planer:
            self.site.urls[("plan", pid)] = entity_url("plan", pid)
        for pid in data.pensum:
            self.site.urls[("pensum", pid)] = entity_url("pensum", pid)
        for eid in data.evalueringer:
            self.site.urls[("evaluering", eid)] = entity_url("evaluering", eid)
        for aid in data.aktoerer:
            self.site.urls[("aktoer", aid)] = f"aktoerer/#{aid}"

        if self.public and protokoller.offentlige_dokumenter(
                {fid: item.value for fid, item in data.fora.items()}, self.moeder):
            # Registered early: a forum's page links its «offentligt tilgængelige» to it.
            self.site.urls[("dagsordener", protokoller.URL)] = protokoller.URL  # see render/helpers.py sektionslinks
        self._forside()
        self._sider()
        if fora:
            self._organisation()
        planer_alle = self.sorted_values(data.planer, plansider.sorteringsnoegle)
        for forum in fora:
            self._forum(forum, forum_urls[forum.id], plansider.for_forum(planer_alle, forum))
        for kommissorium in self.sorted_values(data.kommissorier, lambda k: sorteringsnoegle(k.titel)):
            self.page(entity_url("kommissorier", kommissorium.id), "kommissorium.html", kommissorium.titel,
                      {"kommissorium": kommissorium},
                      self.path(data.kommissorier, kommissorium.id) + [p for f in kommissorium.fora for p in self.path(data.fora, f)],
                      "organisation", "kommissorium", kommissorium.id)
        moeder = self.moeder
        for moede in moeder:
            self._moede(moede)
        if self.public:
            self._protokoller(moeder)
        if not self.public and (moeder or self.begivenheder):
            self._kalender(moeder)
        if not self.public and data.emnebank is not None:
            self.page("emnebank/", "emnebank.html", "Emnebank", {"emnebank": data.emnebank.value},
                      [data.emnebank.source.path], "emnebank")
        if not self.public and moeder:
            self.page("tendenser/", "tendenser.html", "Tendenser", {"kort": derived.tendenskort(data, lookup),
                       "oversigt": tendensoversigt(data, lookup, self.site.url_for)},
                      [data.moeder[m.id].source.path for m in moeder]
                      + [f.source.path for f in data.fora.values() if f.value.distrikt], "tendenser")
        planer = self.sorted_values(data.planer, plansider.sorteringsnoegle)
        self._planer(planer)
        if not self.public and planer:
            self._historik(planer)
        evalueringer = self.sorted_values(data.evalueringer, lambda e: (-e.aar, e.id))
        for evaluering in evalueringer:
            plan = lookup.plan(evaluering.plan)
            self.page(entity_url("evaluering", evaluering.id), "evaluering.html", f"Evaluering {evaluering.aar}",
                      {"evaluering": evaluering, "plan": plan},
                      self.path(data.evalueringer, evaluering.id) + self.path(data.planer, evaluering.plan),
                      "evaluering", "evaluering", evaluering.id)
        pensa = self.sorted_values(data.pensum, lambda p: sorteringsnoegle(p.titel))
        for pensum in pensa:
            self.page(entity_url("pensum", pensum.id), "pensum.html", pensum.titel,
                      {"pensum": pensum, "daekning": derived.pensum_daekning(pensum),
                       "maal_daekning": derived.pensum_maal_daekning(pensum)},
                      self.path(data.pensum, pensum.id), "pensum", "pensum", pensum.id)
        funktioner = self.sorted_values(data.funktionsbeskrivelser, lambda f: sorteringsnoegle(f.rolle))
        if funktioner:
            self.page("funktioner/", "funktioner.html", "Funktionsbeskrivelser", {"funktioner": funktioner},
                      [i.source.path for i in data.funktionsbeskrivelser.values()], "funktioner")
        if data.aktoerer:
            aktoerer = self.sorted_values(data.aktoerer, lambda a: sorteringsnoegle(a.navn))
            self.page("aktoerer/", "aktoerer.html", "Aktører", {"aktoerer": aktoerer},
                      [i.source.path for i in data.aktoerer.values()], "organisation")
        kontakter = self.lookup.kommune.kontakter if self.lookup.kommune else []
        if kontakter:
            self.page("kontakt/", "kontakt.html", "Kontakt", {"kontakter": kontakter}, [], "kontakt")
        # The search page (Pagefind's UI, see sspgen/write/search.py); no CMS fragment of it.
        self.site.add(PageSpec("soeg/", "soeg.html", "Søg", {}, (self.kommune_file,), "soeg"))
        self._nav(planer, evalueringer, pensa)
        return self.site

    def _forside(self) -> None:
        data = self.data
        if self.public:
            self.page("", "offentlig_forside.html", f"SSP i {self.site.kommune_navn}", {}, [], "forside")
            return
        today = self.site.today or date.min
        kommende = [(m, derived.indkaldelsesfrist(data, m)) for m in derived.kommende_moeder(data, today)]
        self.page("", "forside.html", "Forside", {
            "kommende": kommende,
            "opfoelgninger": derived.aabne_opfoelgninger(data),
            "tendenser": derived.seneste_tendenser(data, today),
        }, [m.source.path for m in data.moeder.values()], "forside")

    def _sider(self) -> None:
        for page_id, located in sorted(self.data.sider.items(), key=lambda kv: (kv[1].value.side.raekkefoelge, kv[0])):
            page = located.value
            # Public prose pages sit at the top level (…/offentlig/saadan-arbejder-vi/); the check
            # stage reports a page id that collides with a generated section.
            url = f"{page_id}/" if self.public and page_id not in RESERVED else f"sider/{page_id}/"
            sources = [located.source.path] + [p for f in page.side.fora for p in self.path(self.data.fora, f)]
            self.page(url, "side.html", page.side.titel, {"side": page.side, "body": page.body, "side_id": page_id,
                      "side_fil": located.source.path, "body_line": page.body_line},
                      sources, f"side:{page_id}", "side", page_id, updated=self._content_date(located))

    def _organisation(self) -> None:
        data, lookup = self.data, self.lookup
        tree = derived.organisation(data, lookup, self.site.today)
        eskalering, information = forafakta.strukturstroemme(data, lookup)
        sagsniveauer = lookup.kommune.sagsniveauer if lookup.kommune else []
        self.page("organisation/", "organisation.html", "Organisation", {
            "traer": tree, "tidligere": forafakta.tidligere_fora(data, self.site.today),
            "eskalering": eskalering, "information": information, "sagsniveauer": sagsniveauer,
            "forum_ids": [fid for fid in data.fora],
        }, list(dict.fromkeys(i.source.path for i in data.fora.values())), "organisation")

    def _forum(self, forum: Any, url: str, planer: list[Any]) -> None:
        data = self.data
        kommissorium = derived.kommissorium_for(data, forum)
        moeder = list(self.moeder_pr_forum.get(forum.id, ()))
        underfora = sorted((f.value for f in data.fora.values()
                            if f.value.overordnet == forum.id and not forafakta.er_instans(f.value)),
                           key=lambda f: sorteringsnoegle(f.navn))
        # A district network's calendar also holds the joint meetings it takes part in.
        i_feed = sorted({m.id: m for m in [*moeder, *derived.faellesmoeder_for(data, forum, self.moeder_pr_forum)]}.values(),
                        key=derived.moede_key)
        # The events the forum arranges go into its feed after its meetings (ids may coincide).
        arrangerer = self.begivenheder_pr_forum.get(forum.id, [])
        i_feed = [*i_feed, *arrangerer]
        feed = f"kalender/{forum.id}.ics" if i_feed else None
        if feed and self.public:
            feed = f"{url}{forum.id}.ics"
        if feed:
            # The municipality tells feeds apart in a calendar app, unless the name says it already.
            navn = forum.navn if self.site.kommune_navn in forum.navn else f"{forum.navn} ({self.site.kommune_navn})"
            self._feed(feed, navn, forum.id, i_feed, forum.navn)
        sources = self.path(data.fora, forum.id) + (self.path(data.kommissorier, kommissorium.id) if kommissorium else [])
        faelles = forafakta.faelles_forum(data, forum, self.public)
        if faelles is not None:
            sources.append(faelles.sti)
        sources += [data.begivenheder[b.id].source.path for b in arrangerer]
        lookup = self.lookup
        self.page(url, "forum.html", forum.navn, {
            "forum": forum, "kommissorium": kommissorium, "moeder": moeder, "underfora": underfora, "feed": feed,
            "planer": planer,
            "instanser": forafakta.instanser_af(data, lookup, forum),
            "kontakter": forafakta.kontakter_for(lookup, forum),
            "rapporter": forafakta.rapporter(lookup, forum),
            "eskalerer": forafakta.eskalerer(lookup, forum),
            "informerer": forafakta.informerer(lookup, forum),
            "modtager_fra": forafakta.modtager_fra(data, forum),
            "informeres_af": forafakta.informeres_af(data, forum),
            "medlem_af": forafakta.medlem_af(data, forum),
            "faelles": faelles,
            "begivenheder": arrangerer,
            "sagsniveauer": forafakta.sagsniveauer_for(lookup, forum),
        }, sources + [q for plan in planer for q in self.path(data.planer, plan.id)], "organisation", "forum", forum.id)

    def _moede(self, moede: Any) -> None:
        data, lookup = self.data, self.lookup
        forum = lookup.forum(moede.forum)
        url = entity_url("moeder", moede.id)
        titel = moede.titel or moede_standardtitel(lookup.navn('moedetyper', moede.type), forum.navn if forum else moede.forum)
        if moede.beslutningsprotokol is not None:
            # The signed protocol is a document of its own: named as one, with forum and date.
            titel = protokoller.dokumenttitel(moede, forum.navn if forum else moede.forum)
        source = data.moeder[moede.id].source.path
        ics = f"{url}{moede.id}.ics"
        pdf = f"{url}{moede.id}.pdf"
        spec = self.page(url, "moede.html", titel, {
            "moede": moede, "forum": forum, "ics": ics, "pdf_fil": pdf,
            "indkaldelsesfrist": derived.indkaldelsesfrist(data, moede),
            "kommissorium": derived.kommissorium_for(data, forum),
            "dokumenttype": protokoller.dokumenttype(moede),
            "underskrivere": protokoller.underskrivere(moede, forum),
        }, [source, *self.path(data.fora, moede.forum)], "kalender" if not self.public else "organisation", "moede", moede.id)
        self.site.calendars.append(CalendarSpec(ics, titel, (moede,), (source,)))
        self.site.pdfs.append(PdfSpec(pdf, spec, titel))

    def _protokoller(self, moeder: list[Any]) -> None:
        """«Dagsordener og beslutningsprotokoller» (public site), when a forum publishes any."""
        fora = {fid: item.value for fid, item in self.data.fora.items()}
        grupper = protokoller.offentlige_dokumenter(fora, moeder)
        if not grupper:
            return
        sources = [self.data.moeder[m.id].source.path for g in grupper for m in g.moeder]
        sources += [p for g in grupper for p in self.path(self.data.fora, g.forum.id)]
        self.page(protokoller.URL, "dagsordener.html", protokoller.TITLE, {"grupper": grupper},
                  sources, "dagsordener")

    def _planer(self, planer: list[Any]) -> None:
        """A page per plan; with more than one plan also «Planer», the list the menu leads to."""
        data, lookup = self.data, self.lookup
        # A type the municipality defined itself is explained on the page (the built-in ones
        # are known by name); so every text in its vokabular.yaml is shown somewhere.
        egne = {b.id: b.beskrivelse for b in (data.lokalt_vokabular.value.plantyper if data.lokalt_vokabular else [])}
        for plan in planer:
            evalueringer = sorted((e.value for e in data.evalueringer.values() if e.value.plan == plan.id), key=lambda e: -e.aar)
            self.page(entity_url("plan", plan.id), "plan.html", plan.titel, {
                "plan": plan, "evalueringer": evalueringer, "typenavn": lookup.navn("plantyper", plan.type),
                "periode": plansider.periode(plan), "gyldighed": plansider.gyldighed(plan.gyldig_fra, plan.gyldig_til),
                "maaneder": plansider.maaneder(plan), "typebeskrivelse": egne.get(plan.type),
            }, self.path(data.planer, plan.id) + self.path(data.fora, plan.forum), "plan", "plan", plan.id)
        if len(planer) > 1:
            self.page("plan/", "planer.html", "Planer", {
                "planer": [(plan, lookup.navn("plantyper", plan.type), plansider.periode(plan),
                            plansider.gyldighed(plan.gyldig_fra, plan.gyldig_til)) for plan in planer],
            }, [q for plan in planer for q in self.path(data.planer, plan.id)], "plan")

    def _historik(self, planer: list[Any]) -> None:
        """«Ændringshistorik»: every commit that changed the plans, from git (intranet only:
        commit messages are internal working notes)."""
        historik = plan_history_at(self.git.root, self.data.slug, self.git.head())
        titel = "Ændringshistorik for " + ("SSP-planen" if [p.type for p in planer] == ["ssp-plan"] else "planerne")
        self.page("aendringshistorik/", "aendringshistorik.html", titel,
                  {"historik": historik, "planer": planer, "mappe": f"data/{self.data.slug}/planer/"},
                  [p for plan in planer for p in self.path(self.data.planer, plan.id)], "plan")

    def _kalender(self, moeder: list[Any]) -> None:
        by_month: dict[tuple[int, int], list[Any]] = {}
        for moede in moeder:
            by_month.setdefault((moede.dato.year, moede.dato.month), []).append(moede)
        for begivenhed in self.begivenheder:  # a month with only an event gets its heading too
            by_month.setdefault((begivenhed.dato.year, begivenhed.dato.month), [])
        # On the municipality's own page the feed's name needs no «(Brøndby Kommune)».
        feeds = [(c.name.removesuffix(f" ({self.site.kommune_navn})"), c.path) for c in self.site.calendars
                 if c.path.startswith("kalender/") and not c.path.startswith(abonnement.SUBSCRIPTION_PREFIX)]
        alle = "kalender/alle.ics"
        self._feed(alle, f"SSP-møder ({self.site.kommune_navn})", abonnement.ALLE,
                   sorted([*moeder, *self.begivenheder], key=begivenheder.calendar_key),
                   "Alle møder og begivenheder" if self.begivenheder else "Alle møder")
        # The whole municipality's feed first, then the fora's in the order of their pages.
        abonnementer = self.abonnementer[-1:] + self.abonnementer[:-1]
        kommune = self.data.kommune.value  # type: ignore[union-attr]
        self.page("kalender/", "kalender.html", "Mødekalender",
                  {"maaneder": sorted(by_month.items()), "feeds": feeds, "alle": alle,
                   "begivenheder": self.begivenheder, "begivenheder_pr_maaned": begivenheder.by_month(self.begivenheder),
                   "abonnementer": abonnementer, "abonnement_til": self.secret is not None,
                   "noegle_variabel": abonnement.SECRET_ENV, "intranetadresse": kommune.intranetadresse},
                  [self.data.moeder[m.id].source.path for m in moeder]
                  + [self.data.begivenheder[b.id].source.path for b in self.begivenheder], "kalender")

    def _feed(self, path: str, name: str, feed_id: str, moeder: list[Any], label: str) -> None:
        """A feed, and on the intranet with a key also its copy at a capability URL."""
        sources = tuple((self.data.begivenheder if begivenheder.is_event(m) else self.data.moeder)[m.id].source.path
                        for m in moeder)
        self.site.calendars.append(CalendarSpec(path, name, tuple(moeder), sources))
        if self.secret is None:
            return
        secret_path = abonnement.feed_path(self.secret, self.data.slug, feed_id)
        self.site.calendars.append(CalendarSpec(secret_path, name, tuple(moeder), sources))
        kommune = self.data.kommune.value  # type: ignore[union-attr]
        self.abonnementer.append(abonnement.subscription(label, secret_path, kommune.intranetadresse))

    def _plan_menu(self, planer: list[Any]) -> tuple[str, str]:
        """The menu's label and target for the plans: one plan is named by its type («SSP-plan»,
        «Beredskabsplan»), several lead to the list «Planer»."""
        if not planer:
            return "", ""
        if len(planer) == 1:
            return self.lookup.navn("plantyper", planer[0].type), entity_url("plan", planer[0].id)
        return "Planer", "plan/"

    def _nav(self, planer: list[Any], evalueringer: list[Any], pensa: list[Any]) -> None:
        urls = {p.url for p in self.site.pages}
        nav = [("forside", "Forside", "")]
        if self.public:
            for page_id, located in sorted(self.data.sider.items(), key=lambda kv: (kv[1].value.side.raekkefoelge, kv[0])):
                url = self.site.url_for("side", page_id)
                if url:
                    nav.append((f"side:{page_id}", located.value.side.titel, url))
        candidates = [
            ("organisation", "Organisation", "organisation/"),
            ("kalender", "Kalender", "kalender/"),
            ("dagsordener", "Dagsordener og protokoller", protokoller.URL),
            ("emnebank", "Emnebank", "emnebank/"),
            ("tendenser", "Tendenser", "tendenser/"),
            ("plan", *self._plan_menu(planer)),
            ("evaluering", "Evaluering", entity_url("evaluering", evalueringer[0].id) if evalueringer else ""),
            # The curriculum's own name («Det sociale pensum», «Livsduelighed i skolen» …).
            ("pensum", pensa[0].titel if len(pensa) == 1 else "Pensum", entity_url("pensum", pensa[0].id) if pensa else ""),
            ("funktioner", "Funktioner", "funktioner/"),
            ("kontakt", "Kontakt", "kontakt/"),
        ]
        nav += [(s, label, url) for s, label, url in candidates if url and url in urls]
        if not self.public:
            nav += [(f"side:{pid}", loc.value.side.titel, self.site.urls[("side", pid)])
                    for pid, loc in sorted(self.data.sider.items(), key=lambda kv: (kv[1].value.side.raekkefoelge, kv[0]))]
        self.site.nav = nav


def _secret() -> str | None:
    """The subscription key; a bad one has stopped `sspgen build` already (build.py), and
    elsewhere (the preview's site models) it simply means no subscriptions."""
    try:
        return abonnement.secret_from_env()
    except abonnement.SecretProblem:
        return None


def _build(data: KommuneData, variant: Variant, git: GitDates, today: date) -> Site:
    return _Builder(data, variant, git, today).build()


def moede_page(data: KommuneData, variant: Variant, git: GitDates, today: date, moede: Any) -> PageSpec:
    """The page one meeting gets in `build_sites`, made the same way but on its own: `sspgen
    serve` re-renders a saved meeting record from the site model it keeps (sspgen/serve/fast.py)."""
    builder = _Builder(data, variant, git, today)
    builder._moede(moede)
    return builder.site.pages[-1]
