"""The peer: the same number of pages as an sspgen build, as Markdown for Hugo.

Every generated page comes from the synthetic data, so Hugo renders comparable content:
a meeting becomes a page with its agenda points, notes, trends and decisions as Markdown; the
other entities (fora, kommissorier, plans, evaluations, curriculum, actors) become pages of
their own text. Pages are spread over sections like sspgen's (``moeder/``, ``fora/``, …), and
the layout has a header, a 50-link navigation, the content and a footer, which is what the
issue's reference numbers measured. Hugo's own list pages (home, one per section) are part of
its page count, as sspgen's calendar and index pages are part of sspgen's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

CONFIG = """\
baseURL = "/"
languageCode = "da"
title = "SSP (Hugo-sammenligning)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
relativeURLs = true
[markup.goldmark.renderer]
unsafe = false
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
</head>
<body>
<a class="skipnav" href="#indhold">Gå til sidens indhold</a>
<header class="header">
  <p class="site-name"><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></p>
  <nav aria-label="Hovedmenu"><ul>
  {{- range first 50 .Site.RegularPages }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
  {{- end }}
  </ul></nav>
</header>
<main id="indhold" class="container">
{{ block "main" . }}{{ end }}
</main>
<footer><p>Sidst opdateret den {{ .Date.Format "2. January 2006" }}</p></footer>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Params.facts }}<dl>{{ range . }}<dt>{{ .k }}</dt><dd>{{ .v }}</dd>{{ end }}</dl>{{ end }}
{{ .Content }}
{{ end }}
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>
{{ end }}
</ul>
{{ end }}
"""


def _meeting_markdown(data: dict) -> tuple[str, list[dict], str]:
    title = f"{data.get('type', 'møde')}, {data.get('forum', '')} {data.get('dato', '')}"
    facts = [{"k": "Tid", "v": f"{data.get('dato', '')} kl. {data.get('tid', '')}"},
             {"k": "Sted", "v": data.get("sted") or ""},
             {"k": "Status", "v": data.get("status") or ""},
             {"k": "Deltog", "v": ", ".join(data.get("deltagende_aktoerer") or [])}]
    parts = []
    for point in data.get("dagsorden") or []:
        parts.append(f"## {point.get('nummer')}. {point.get('titel')}\n")
        for question in point.get("spoergsmaal") or []:
            parts.append(f"- {question}")
        parts.append("")
        for key in ("beskrivelse", "noter"):
            if point.get(key):
                parts.append(point[key].strip() + "\n")
        if point.get("tendenser"):
            parts.append("**Tendenser:** " + ", ".join(point["tendenser"]) + "\n")
        for decision in point.get("beslutninger") or []:
            parts.append(f"- {decision}")
        for follow in point.get("opfoelgning") or []:
            parts.append(f"- {follow.get('opgave')} ({follow.get('ansvarlig')}, frist {follow.get('frist')})")
        parts.append("")
    if data.get("antal_sager") is not None:
        parts.append(f"Antal behandlede sager: {data['antal_sager']}\n")
    return title, facts, "\n".join(parts)


def _text_of(value: object, out: list[str], depth: int = 0) -> None:
    """Any entity as Markdown: keys as bold labels, lists as bullets."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                out.append(f"\n{'#' * min(depth + 2, 6)} {key}\n")
                _text_of(item, out, depth + 1)
            elif item is not None:
                out.append(f"**{key}:** {str(item).strip()}\n")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                _text_of(item, out, depth)
            else:
                out.append(f"- {item}")
        out.append("")


def _front(title: str, date: str, facts: list[dict]) -> str:
    lines = ["---", f"title: {yaml.safe_dump(title, allow_unicode=True).splitlines()[0]}", f"date: {date}"]
    if facts:
        lines.append("facts:")
        for fact in facts:
            lines.append(f"  - k: {yaml.safe_dump(fact['k'], allow_unicode=True).splitlines()[0]}")
            lines.append(f"    v: {yaml.safe_dump(str(fact['v']), allow_unicode=True).splitlines()[0]}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _sections(order: list[Path], count: int) -> set[str]:
    return {f"{p.parent.parent.name}-{p.parent.name}" for p in order[:count]}


def make_hugo_site(data_root: Path, target: Path, pages: int) -> int:
    """Write a Hugo site with ``pages`` content pages made from ``data_root/data``; return the count."""
    if target.exists():
        shutil.rmtree(target)
    (target / "layouts" / "_default").mkdir(parents=True)
    (target / "content").mkdir()
    (target / "static" / "css").mkdir(parents=True)
    (target / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (target / "layouts" / "_default" / "baseof.html").write_text(BASEOF, encoding="utf-8")
    (target / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (target / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    (target / "static" / "css" / "site.css").write_text("body{font-family:sans-serif}\n", encoding="utf-8")

    sources = sorted((data_root / "data").glob("*/*/*.yaml"))
    meetings = [p for p in sources if p.parent.name == "moeder"]
    others = [p for p in sources if p.parent.name != "moeder"]
    # Meetings first (most of sspgen's pages are meetings), then everything else, round robin.
    order = meetings + others
    if not order:
        return 0
    # Hugo adds a list page per section and the home page: leave room for them, so the total
    # number of HTML pages matches ``pages``.
    content = pages
    while content > 0 and content + len(_sections(order, content)) + 1 > pages:
        content -= 1
    written = 0
    sections: set[str] = set()
    while written < content:
        source = order[written % len(order)]
        round_ = written // len(order)
        data = yaml.load(source.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        kommune, kind = source.parent.parent.name, source.parent.name
        section = f"{kommune}-{kind}"
        if kind == "moeder":
            title, facts, body = _meeting_markdown(data)
            date = data.get("dato") or "2026-01-01"
        else:
            title = str(data.get("navn") or data.get("titel") or data.get("rolle") or source.stem)
            facts = []
            out: list[str] = []
            _text_of(data, out)
            body, date = "\n".join(out), "2026-01-01"
        name = source.stem if round_ == 0 else f"{source.stem}-{round_}"
        folder = target / "content" / section
        if section not in sections:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "_index.md").write_text(f"---\ntitle: {section}\n---\n", encoding="utf-8")
            sections.add(section)
        (folder / f"{name}.md").write_text(_front(title, date, facts) + body, encoding="utf-8")
        written += 1
    return written
