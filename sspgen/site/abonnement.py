"""Calendar subscriptions behind a login: feeds at capability URLs.

A calendar program (Outlook, Google Calendar, an iPhone) fetches a subscribed feed on its own,
without the reader's login, so a feed on the intranet is also written at a path nobody can
guess: `<kommune>/intranet/kalender/abonnement/<token>/<feed>.ics`. The token is an HMAC of
the municipality and the feed with a secret that is never in git (the CI secret
`SSPGEN_KALENDER_NOEGLE`): the same secret gives the same URLs (the build stays
deterministic), a new secret changes every URL. Hosting (sspgen/host/) exempts exactly
`SUBSCRIPTION_PREFIX` inside each intranet from the login; nothing else is exempt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

SECRET_ENV = "SSPGEN_KALENDER_NOEGLE"
"""The environment variable (a CI secret) that holds the key."""

SUBSCRIPTION_PREFIX = "kalender/abonnement/"
"""Path of the capability feeds inside a municipality's intranet site (`<kommune>/intranet/`).
The one place this prefix is spelled: the host configurations exempt it from the login."""

MIN_SECRET_LENGTH = 24
"""Characters; `secrets.token_urlsafe(32)` gives 43. A short key could be guessed from one URL
someone was given, and with it every other feed's URL."""

TOKEN_LENGTH = 32
"""Characters of url-safe base64: 192 bits of the HMAC-SHA256."""

ALLE = "alle"
"""The feed id of the municipality's feed with every meeting."""


class SecretProblem(Exception):
    """The key is set but unusable; the message (Danish) says what to do."""


def secret_from_env() -> str | None:
    """The key, or None when subscriptions are off (not set, or empty)."""
    value = os.environ.get(SECRET_ENV, "").strip()
    if not value:
        return None
    if len(value) < MIN_SECRET_LENGTH:
        raise SecretProblem(
            f"Miljøvariablen {SECRET_ENV} er kun {len(value)} tegn lang; kalenderabonnementernes "
            f"adresser skal være umulige at gætte, så nøglen skal være mindst {MIN_SECRET_LENGTH} tegn. "
            "Lav en ny med python3 -c \"import secrets; print(secrets.token_urlsafe(32))\" og gem den "
            "som hemmelig CI-variabel (se README, «Kalendere og abonnement»)."
        )
    return value


def token(secret: str, kommune: str, feed: str) -> str:
    """The unguessable path segment of one feed: HMAC-SHA256 over the municipality and the feed
    id (separated by a byte neither can contain), url-safe base64 without padding, truncated."""
    message = f"sspgen-kalender\0{kommune}\0{feed}".encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")[:TOKEN_LENGTH]


def feed_path(secret: str, kommune: str, feed: str) -> str:
    """The feed's path inside the municipality's intranet site."""
    return f"{SUBSCRIPTION_PREFIX}{token(secret, kommune, feed)}/{feed}.ics"


@dataclass(frozen=True)
class Abonnement:
    """One subscribable feed, as the calendar page shows it."""

    name: str
    path: str
    """Inside the intranet site (a relative link from the page)."""
    https: str | None
    """The absolute address, when the municipality's intranet address is known."""
    webcal: str | None
    """The same address with the webcal:// scheme (opens the calendar program)."""


def subscription(name: str, path: str, intranet_address: str | None) -> Abonnement:
    if not intranet_address:
        return Abonnement(name, path, None, None)
    absolute = intranet_address.rstrip("/") + "/" + path
    scheme, _, rest = absolute.partition("://")
    webcal = f"webcal://{rest}" if scheme.lower() in ("http", "https") else None
    return Abonnement(name, path, absolute, webcal)
