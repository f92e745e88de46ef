"""Events in the calendar that are not a forum's meeting: an annual meeting, a theme day."""

from __future__ import annotations

from pydantic import model_validator

from .base import (
    SYNLIGHED_FIELD,
    Dato,
    Id,
    Klokkeslaet,
    Markdown,
    Model,
    Ref,
    Synlighed,
    Tekst,
    description,
    optional,
)


class Begivenhed(Model):
    """En begivenhed i kalenderen: `data/<kommune>/begivenheder/<id>.yaml`, fx et årsmøde."""

    id: Id = description("Begivenhedens id; skal være det samme som filnavnet, fx «2026-03-12-temadag».")
    titel: Tekst = description("Begivenhedens titel, fx «Temadag om rusmidler».")
    type: Id = description("Type fra vokabularet «begivenhedstyper», fx aarsmoede, temadag, arrangement, kursus.")
    dato: Dato = description("Datoen (ÅÅÅÅ-MM-DD).")
    tid: Klokkeslaet | None = optional("Starttidspunkt, fx 9.00.")
    slut: Klokkeslaet | None = optional("Sluttidspunkt, fx 15.30.")
    sted: Tekst | None = optional("Hvor begivenheden holdes.")
    arrangoer: Ref | None = optional("Id på det forum, der står for begivenheden.")
    aktoer: Ref | None = optional("Id på den aktør, der står for eller er vært for begivenheden.")
    beskrivelse: Markdown | None = optional("Hvad begivenheden går ud på, og hvem den er for.")
    synlighed: Synlighed = SYNLIGHED_FIELD

    @model_validator(mode="after")
    def _ends_after_start(self) -> "Begivenhed":
        if self.tid is not None and self.slut is not None and self.slut < self.tid:
            raise ValueError("slut må ikke ligge før tid")
        if self.slut is not None and self.tid is None:
            raise ValueError("angiv «tid» (starttidspunktet), når «slut» er angivet")
        return self
