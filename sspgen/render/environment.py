"""The Jinja2 environment: autoescape, StrictUndefined, templates from layouts/.

Template mistakes become Danish diagnostics naming the template file and line, never a
traceback (DESIGN principle 4).
"""

from __future__ import annotations

import functools
import re
import traceback
from pathlib import Path
from typing import Any, Callable

import jinja2
from jinja2 import pass_context
from markupsafe import Markup

from ..diagnostics import Diagnostic, Position, error
from ..diff.render import detail_phrase, headline
from . import danish, forumtekst, markdown, text
from .orgdiagram import orgdiagram
from .shortcodes import segments


class TemplateProblem(Exception):
    """A template failed; `diagnostic` says where and why, in Danish."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@pass_context
def _href(ctx: Any, target: str) -> str:
    from ..site.urls import relative

    return relative(target, ctx["page"].url)


@functools.lru_cache(maxsize=1024)  # the footer asks for the same few addresses on every page
def _url_ok(value: str | None) -> bool:
    return bool(value) and markdown.safe_url(value) and bool(re.match(r"^(https?|mailto|tel):", value or ""))


class _Loader(jinja2.FileSystemLoader):
    """Templates from layouts/, each file checked for changes once per build.

    Jinja asks whether a cached template is still up to date (a stat of its file) at every
    get_template, and every page asks for base.html, macros.html and soegefelt.html again.
    Within one build the first answer stands; the next build (make_environment) asks the
    file system again, so `sspgen serve` still picks up every saved template."""

    def __init__(self, searchpath: str) -> None:
        super().__init__(searchpath)
        self.generation = 0

    def next_build(self) -> None:
        self.generation += 1

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        answers: dict[int, bool] = {}

        def checked() -> bool:
            generation = self.generation
            if generation not in answers:
                answers.clear()
                answers[generation] = uptodate()
            return answers[generation]

        return source, filename, checked


class _Environment(jinja2.Environment):
    def make_globals(self, d: Any) -> Any:
        """A template's globals as one plain dict, not Jinja's ChainMap over the environment's:
        every render makes a context from them, and iterating a ChainMap is slow. The
        environment's globals are all set before the first template is loaded."""
        return {**self.globals, **(d or {})}


def make_environment(layouts: Path) -> jinja2.Environment:
    """The environment for one build: templates already compiled in this process are kept
    and checked against their files once, at their first use in the build."""
    env = _environment(layouts)
    env.loader.next_build()  # type: ignore[union-attr]
    return env


@functools.lru_cache(maxsize=8)
def _environment(layouts: Path) -> jinja2.Environment:
    """One environment per layouts folder and process: Jinja compiles each template once and
    recompiles it when its file changes (auto_reload), so the many builds of `sspgen serve`
    do not pay for compiling every template again."""
    env = _Environment(
        loader=_Loader(str(layouts)),
        autoescape=True,  # every template is HTML; data can never inject markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=markdown.render,
        md_inline=markdown.render_inline,
        dato=danish.dato,
        dato_ugedag=danish.dato_med_ugedag,
        kort_dato=danish.kort_dato,
        ugedag=danish.ugedag,
        kl=danish.klokkeslaet,
        klassetrin=danish.klassetrin,
        klassetrin_liste=danish.klassetrin_liste,
        klassetrin_interval=danish.klassetrin_interval,
        opremsning=danish.opremsning,
        stort_forbogstav=danish.stort_forbogstav,
        lille_forbogstav=danish.lille_forbogstav,
        saetning=text.saetning,
        roller_samlet=text.roller_samlet,
        er_dansk=text.er_dansk,
        dansk_sorteret=danish.dansk_sorteret,
        frekvens=text.moedefrekvens,
        frekvens_kort=text.moedefrekvens_kort,
        maalgruppe=text.maalgruppe,
        maalgruppe_tilfoejelse=text.maalgruppe_tilfoejelse,
        tel=text.tel_href,
    )
    env.globals.update(
        href=_href,
        url_ok=_url_ok,
        tidsrum=danish.tidsrum,
        maaned=danish.maaned,
        segments=segments,
        orgdiagram=orgdiagram,
        gyldighed=forumtekst.gyldighed,
        antal_instanser=forumtekst.antal_instanser,
        diff_overskrift=lambda change: headline(change, "text"),
        diff_detalje=lambda detail: detail_phrase(detail, "text"),
    )
    return env


def template_problem(exc: BaseException, layouts: Path, root: Path, where: str) -> TemplateProblem:
    """Turn any exception raised while rendering into a located Danish diagnostic."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file = _display(exc.filename or exc.name or "layouts", root)
        message = f"Skabelonen har en syntaksfejl: {exc.message}. Ret skabelonen; {where}."
        return TemplateProblem(error(file, Position(exc.lineno or 1, 1), "skabelon.syntaks", message))
    if isinstance(exc, jinja2.TemplateNotFound):
        message = f"Skabelonen «{exc.name}» findes ikke i layouts/; {where}."
        return TemplateProblem(error("layouts", Position(), "skabelon.mangler", message))
    file, line = _template_frame(exc, layouts, root)
    if isinstance(exc, jinja2.UndefinedError):
        message = f"Skabelonen bruger noget, der ikke findes: {_undefined(str(exc))}. Ret navnet i skabelonen; {where}."
        code = "skabelon.ukendt-felt"
    else:
        message = f"Skabelonen fejlede ({type(exc).__name__}: {exc}); {where}."
        code = "skabelon.fejl"
    return TemplateProblem(error(file, Position(line, 1), code, message))


def _undefined(message: str) -> str:
    match = re.match(r"'(.+)' has no attribute '(.+)'", message)
    if match:
        return f"feltet «{match.group(2)}» findes ikke på {match.group(1)}"
    match = re.match(r"'(.+)' is undefined", message)
    if match:
        return f"«{match.group(1)}» er ikke defineret"
    return message


def _template_frame(exc: BaseException, layouts: Path, root: Path) -> tuple[str, int]:
    """The innermost traceback frame inside layouts/: Jinja maps it to the template line."""
    layouts_text = str(layouts.resolve())
    found = ("layouts", 1)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(layouts_text):
            found = (_display(frame.filename, root), frame.lineno or 1)
    return found


def _display(filename: str, root: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return filename


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    return env.get_template(name).render(**context)


__all__ = ["make_environment", "template_problem", "TemplateProblem", "render_template", "Markup"]
