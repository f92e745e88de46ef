"""Finding personal data in text for the privacy rule: CPR numbers, phone numbers, e-mail addresses.

False positives cost trust, so a number that could be either is judged by the words around
it, as OS2datascanner does: «cpr», «personnummer» or «født» nearby make it a CPR number; a
label right before it («journalnr.», «sagsnr.», «j.nr.», «kl.», «tlf.», «ISBN» …) makes it that
kind of number instead. Which spellings are found, and what is let through, is described in
sspgen/validate/rules/privacy.py.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from ...privacy_mask import DASHES, SPACES, CprMatch, find_cpr

_S = f"[{SPACES}]"
_DASH = f"[{DASHES}]"

# --------------------------------------------------------------------------------------------
# CPR numbers

_CPR_WORDS = re.compile(r"cpr|person\s*-?\s*n(?:umme)?r|født|fødsels(?:dato|dag)", re.IGNORECASE)
"""A CPR number nearby: whatever the number looks like, it is reported."""

_OTHER_NUMBER_LABEL = re.compile(
    r"(?:\b(?:sags?|journal|j|anmeldelses?|\w*rapport|faktura|bilags?|ordre|konto|reg|se|p|løbe|lb"
    r"|dok(?:ument)?|ref(?:erence)?|kvittering)[\s.:-]*(?:nr|nummer|no|id)"
    r"|\b(?:jnr|kl|klokken|tlf|telefon|tel|mobil|mob|isbn(?:-?1[03])?|issn|ean|cvr))"
    r"[\s.:#°-]*$",
    re.IGNORECASE,
)
"""A label right before the number that says it is another kind of number (a journal number,
a case number, a time, a phone number, an ISBN …). A bare «sag» is not one: «se sag
0101901234» is how a child's case is named by its CPR number."""

_DATE_SEPARATORS = set(DASHES.replace("\\", "") + "./")
_RANGE_AFTER = re.compile(rf"{_DASH}\d")
_DIGITS_BEFORE = re.compile(rf"\d(?:{_S}{{1,2}}|[.,])$")
"""«1234 1205921234», «12.1205921234»; not «3. 1205921234» (an item in a numbered list)."""
_DIGITS_AFTER = re.compile(rf"{_S}{{1,2}}\d")


def cpr_findings(text: str) -> Iterator[CprMatch]:
    """The CPR numbers the privacy rule reports: ``find_cpr``'s matches, less those the words
    and digits around them show to be something else."""
    urls: list[tuple[int, int]] | None = None
    for match in find_cpr(text):
        before = text[max(0, match.start - 40):match.start]
        after = text[match.end:match.end + 25]
        if _CPR_WORDS.search(before) or _CPR_WORDS.search(after):
            yield match
            continue
        if urls is None:
            urls = spans(list(URL.finditer(text)))
        if inside(urls, match.start, match.end):
            continue  # an id in a web address (…/media/1205921234/plan.pdf)
        if not _looks_like_something_else(match, before, after):
            yield match


def _looks_like_something_else(match: CprMatch, before: str, after: str) -> bool:
    if _OTHER_NUMBER_LABEL.search(before):
        return True  # «journalnr. 010190-1234», «kl. 010190 1400»
    if _RANGE_AFTER.match(after):
        return True  # «100326 1400-1600»: a date and a time range
    if match.dashed:
        return False  # 010190-1234 is how CPR numbers are written; nothing else looks like it
    if _DIGITS_BEFORE.search(before) or _DIGITS_AFTER.match(after):
        return True  # one group in a longer run of numbers (a table, an account number)
    if match.date_separator in _DATE_SEPARATORS and match.separator.strip(SPACES) == "" and _is_time(match.serial):
        return True  # «10.03.26 1400»: a date and a time (not «06 06 95 1234»: nobody writes a date so)
    return False


def _is_time(digits: str) -> bool:
    return int(digits[:2]) <= 23 and int(digits[2:]) <= 59


# --------------------------------------------------------------------------------------------
# E-mail addresses, also written to fool a harvester: «navn (at) kommune.dk», «navn[at]kommune[dot]dk»

EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

_BRACKET_AT = r"\s*[\[({<]\s*(?:at|snabel-?a|@)\s*[\])}>]\s*"
_BRACKET_DOT = r"\s*[\[({<]\s*(?:dot|punktum|prik)\s*[\])}>]\s*"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_TLD = r"[^\W\d_]{2,}(?![\w-])"
OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+"
    rf"(?:{_BRACKET_AT}{_LABEL}(?:(?:\.|{_BRACKET_DOT}){_LABEL})*(?:\.|{_BRACKET_DOT}){_TLD}"
    rf"|@{_LABEL}(?:(?:\.|{_BRACKET_DOT}){_LABEL})*?{_BRACKET_DOT}(?:{_LABEL}(?:\.|{_BRACKET_DOT}))*{_TLD})",
    re.IGNORECASE,
)


_MAY_BE_EMAIL = re.compile(r"@|[\[({<]\s*(?:at|snabel)", re.IGNORECASE)


def may_hold_email(text: str) -> bool:
    """Cheap test first: most values have neither an «@» nor a bracket."""
    if "@" in text:
        return True
    return ("(" in text or "[" in text or "{" in text or "<" in text) and _MAY_BE_EMAIL.search(text) is not None


def email_matches(text: str) -> list[re.Match[str]]:
    """Plain and obfuscated e-mail addresses, left to right, without overlaps."""
    if not may_hold_email(text):
        return []
    found = list(OBFUSCATED_EMAIL.finditer(text))
    taken = [m.span() for m in found]
    found += [m for m in EMAIL.finditer(text) if not overlaps(taken, *m.span())]
    return sorted(found, key=lambda m: m.start())


# --------------------------------------------------------------------------------------------
# Phone numbers

PHONE = re.compile(
    r"(?P<prefix>(?:\(?\+45\)?|0045)" + _S + r"?(?:-" + _S + r"?)?)?"
    r"(?P<number>[2-9]\d{7}"
    r"|[2-9]\d" + _S + r"\d{2}" + _S + r"\d{2}" + _S + r"\d{2}"
    r"|[2-9]\d(?P<psep>[-.])\d{2}(?P=psep)\d{2}(?P=psep)\d{2}"
    r"|[2-9]\d{3}" + _S + r"\d{4})"
    r"(?!\d)(?![.,:/-]\d)(?![^\W\d_])"
)
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)

_PHONE_LABEL = re.compile(r"\b(?:tlf|telefon(?:nummer|nr)?|tel|mobil(?:nummer|nr)?|mob|ring|sms)\b[\s.:]*$", re.IGNORECASE)
"""«Tlf:20304050», «tlf. 20 30 40 50»: a label makes it a phone number even when glued on."""
_GLUED_BEFORE = re.compile(r"[\w+.,/:§@-]$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|kr\.|kroner|dkk|,-|mio|mia|%)", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:kr|dkk)\.?"
    r"|\b(?:cvr|ean)(?:[\s.:-]*(?:nr|nummer))?"
    r"|\b(?:se|p|j|journal|sags?|konto|reg)[\s.:-]*(?:nr|nummer))"
    r"[\s.:-]*$",
    re.IGNORECASE,
)


def spans(matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and a < end for a, b in spans)


def phone_matches(text: str) -> list[re.Match[str]]:
    """Danish phone numbers in ``text``, with the exclusions described in privacy.py."""
    candidates = list(PHONE.finditer(text))
    if not candidates:
        return []
    found = []
    urls = spans(list(URL.finditer(text)))
    emails = spans(email_matches(text))
    for match in candidates:
        start, end = match.span()
        if inside(urls, start, end) or overlaps(emails, start, end):
            continue
        before, after = text[max(0, start - 30):start], text[end:end + 12]
        labelled = _PHONE_LABEL.search(before) is not None
        if not labelled and _GLUED_BEFORE.search(before):
            continue  # part of an id, a date, a time, a decimal or a range
        if match["prefix"] is None and not labelled and _not_a_phone(match["number"], before):
            continue
        if re.match(_S + r"\d", after) or _AMOUNT_AFTER.match(after):
            continue
        found.append(match)
    return found


def _not_a_phone(number: str, before: str) -> bool:
    digits = re.sub(r"\D", "", number)
    if re.search(r"\d" + _S + r"$", before):
        return True  # continues a longer run of digit groups
    if _LABEL_BEFORE.search(before):
        return True  # an amount, a CVR/SE/P/EAN number or a journal number
    if len(number) == 9 and _YEAR.fullmatch(digits[:4]) and _YEAR.fullmatch(digits[4:]):
        return True  # two years: «2022 2026»
    if len(number) == 8 and _is_compact_date(digits):
        return True
    return False


def _is_compact_date(digits: str) -> bool:
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    if not 1990 <= year <= 2099:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
