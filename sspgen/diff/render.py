"""The diff as Markdown (pull-request comment, job summary) or plain text (terminal)."""

from __future__ import annotations

import re
from typing import Literal

from .compare import Change, Detail, KommuneDiff
from .labels import GROUP_HEADINGS
from .worddiff import Segment

Format = Literal["markdown", "text"]

MAX_ADDED_WORDS = 60
"""A whole new text is shown up to this many words."""

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md(text: str) -> str:
    """Escape Markdown so a name or value shows as written."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _name(text: str, fmt: Format) -> str:
    return f"*{md(text)}*" if fmt == "markdown" else f"«{text}»"


def _value(text: str | None, fmt: Format) -> str:
    text = text or ""
    return f"«{md(text)}»" if fmt == "markdown" else f"«{text}»"


def _code(text: str | None, fmt: Format) -> str:
    text = text or ""
    return f"`{text}`" if fmt == "markdown" and "`" not in text else f"«{text}»"


def _values(items: list[str], fmt: Format) -> str:
    return ", ".join(_value(item, fmt) for item in items)


def detail_phrase(detail: Detail, fmt: Format = "text") -> str:
    """One detail as a phrase, fx «mødefrekvens ændret fra «…» til «…»»."""
    label = md(detail.field) if fmt == "markdown" else detail.field
    if detail.kind == "ændret":
        return f"{label} ændret fra {_value(detail.old, fmt)} til {_value(detail.new, fmt)}"
    if detail.kind == "sat":
        return f"{label} tilføjet: {_value(detail.new, fmt)}"
    if detail.kind == "slettet":
        return f"{label} fjernet (var {_value(detail.old, fmt)})"
    if detail.kind == "tekst":
        verb = "tilføjet" if detail.old is None else "fjernet" if detail.new is None else "ændret"
        return f"{label} {verb}"
    if detail.kind == "ombrudt":
        return f"{label}: kun linjeskift og mellemrum ændret"
    if detail.kind == "flyttet":
        return f"filen flyttet fra {_code(detail.old, fmt)} til {_code(detail.new, fmt)}"
    parts = []
    if detail.added:
        parts.append(f"tilføjet {_values(detail.added, fmt)}")
    if detail.removed:
        parts.append(f"fjernet {_values(detail.removed, fmt)}")
    if detail.reordered:
        parts.append(f"rækkefølgen ændret til {_values(detail.order, fmt)}" if detail.order else "rækkefølgen ændret")
    return f"{label}: {'; '.join(parts)}"


def words_line(segments: list[Segment], fmt: Format = "text") -> str:
    """The word diff on one line: ~~removed~~ **added** (Markdown) or [-removed-]{+added+}."""
    out = ""
    previous: Segment | None = None
    for segment in segments:
        text = segment.text
        if segment.kind in ("ins", "del"):
            words = text.split()
            if len(words) > MAX_ADDED_WORDS:
                text = " ".join(words[:MAX_ADDED_WORDS]) + " …"
        space = bool(out) and segment.space_before
        if fmt == "markdown":
            space = space or (bool(out) and _needs_space(previous, segment))
            text = md(text) if segment.kind != "gap" else text
            text = {"del": f"~~{text}~~", "ins": f"**{text}**"}.get(segment.kind, text)
        else:
            text = {"del": f"[-{text}-]", "ins": f"{{+{text}+}}"}.get(segment.kind, text)
        out += (" " if space else "") + text
        previous = segment
    return out


def _needs_space(previous: Segment | None, segment: Segment) -> bool:
    """CommonMark only opens ** / ~~ after a letter if a letter follows, and only closes them
    after a punctuation mark if a space or punctuation follows; else a space keeps the markup."""
    if previous is None or segment.space_before:
        return False
    if segment.kind in ("ins", "del") and not segment.text[:1].isalnum() and previous.text[-1:].isalnum():
        return True
    return previous.kind in ("ins", "del") and not previous.text[-1:].isalnum() and segment.text[:1].isalnum()


def headline(change: Change, fmt: Format = "text") -> str:
    """The change's first line, fx «Indsats *X* tilføjet under mål *Y*»."""
    who = change.label if change.name is None else f"{change.label} {_name(change.name, fmt)}"
    if change.action in ("tilføjet", "fjernet"):
        where = ""
        if change.context:
            names = " og ".join(_name(n, fmt) for n in change.context_names)
            where = f" {change.context}" + (f" {names}" if names else "")
        return f"{who} {change.action}{where}"
    if change.action == "omdøbt":
        return f"{who} omdøbt fra {_code(change.old_id, fmt)} til {_code(change.new_id, fmt)}"
    if change.action == "ulæselig":
        verb = "tilføjet" if change.new_file else "ændret"
        return f"{who} {verb}, men filen {_code(change.path, fmt)} kan ikke læses i den nye udgave"
    if change.action == "læsbar igen":
        return f"{who}: filen {_code(change.path, fmt)} havde fejl før og kan nu læses igen"
    if len(change.details) == 1:
        return f"{who}: {detail_phrase(change.details[0], fmt)}"
    return f"{who} ændret:"


def change_lines(change: Change, fmt: Format = "text") -> list[str]:
    """The change as list lines (no trailing newlines), the first one the bullet."""
    bullet = "- " if fmt == "markdown" else "  * "
    indent = "  " if fmt == "markdown" else "    "
    lines = [bullet + headline(change, fmt)]
    if change.action == "ulæselig":
        return lines + _unreadable_lines(change, fmt, bullet, indent)
    single = len(change.details) == 1 and change.action == "ændret"
    for detail in change.details:
        if not single:
            lines.append(f"{indent}{bullet.strip()} {detail_phrase(detail, fmt)}")
        if detail.kind == "tekst" and detail.words:
            pad = indent if single else indent * 2
            words = words_line(detail.words, fmt)
            lines.append(f"{pad}> {words}" if fmt == "markdown" else f"{pad}  {words}")
    return lines


def _unreadable_lines(change: Change, fmt: Format, bullet: str, indent: str) -> list[str]:
    """«kan ikke læses: linje …» and the changed lines: a diff block in Markdown, indented in text."""
    error = md(change.error or "") if fmt == "markdown" else change.error or ""
    out = [f"{indent}{bullet.strip()} kan ikke læses: {error}"]
    if not change.lines:
        return out
    if fmt == "markdown":
        longest = max((len(run) for line in change.lines for run in re.findall(r"`+", line)), default=0)
        fence = "`" * max(3, longest + 1)
        return out + [f"{indent}{fence}diff"] + [f"{indent}{line}" for line in change.lines] + [f"{indent}{fence}"]
    return out + [f"{indent}  {line}" for line in change.lines]


def _count(diffs: list[KommuneDiff]) -> str:
    changes = sum(len(d.changes) for d in diffs)
    kommuner = sum(1 for d in diffs if d.changes)
    return f"{changes} {'ændring' if changes == 1 else 'ændringer'} i {kommuner} {'kommune' if kommuner == 1 else 'kommuner'}."


def _groups(diff: KommuneDiff) -> list[tuple[str, list[Change]]]:
    groups: dict[str, list[Change]] = {}
    for change in diff.changes:
        groups.setdefault(change.group, []).append(change)
    return [(GROUP_HEADINGS.get(g, g), groups[g]) for g in sorted(groups, key=lambda g: list(GROUP_HEADINGS).index(g) if g in GROUP_HEADINGS else 99)]


def render_markdown(diffs: list[KommuneDiff], base: str, head: str) -> str:
    lines = ["## Ændringer i data", ""]
    if not any(d.changes for d in diffs) and not any(d.broken_head for d in diffs):
        lines.append(f"Ingen ændringer i data/ og content/ mellem {base} og {head}.")
        return "\n".join(lines) + "\n"
    lines += [f"Sammenligner {base} med {head}. {_count(diffs)}", ""]
    for diff in diffs:
        lines += [f"### {md(diff.navn)}", ""]
        if diff.broken_head:
            files = ", ".join(f"`{p}`" for p in diff.broken_head)
            lines += [f"**Bemærk:** {files} har fejl og er ikke med i sammenligningen. Se fejlene fra `sspgen check`.", ""]
        for heading, changes in _groups(diff):
            lines += [f"#### {heading}", ""]
            for change in changes:
                lines += change_lines(change, "markdown")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_text(diffs: list[KommuneDiff], base: str, head: str) -> str:
    if not any(d.changes for d in diffs) and not any(d.broken_head for d in diffs):
        return f"Ingen ændringer i data/ og content/ mellem {base} og {head}.\n"
    lines = [f"Ændringer i data: {base} → {head}", _count(diffs)]
    for diff in diffs:
        lines += ["", diff.navn, "=" * len(diff.navn)]
        if diff.broken_head:
            lines.append(f"Bemærk: {', '.join(diff.broken_head)} har fejl og er ikke med i sammenligningen (se sspgen check).")
        for heading, changes in _groups(diff):
            lines += ["", heading + ":"]
            for change in changes:
                lines += change_lines(change, "text")
    return "\n".join(lines) + "\n"


def render(diffs: list[KommuneDiff], base: str, head: str, fmt: Format) -> str:
    return render_markdown(diffs, base, head) if fmt == "markdown" else render_text(diffs, base, head)
