"""Find and render the templates of widgets, error lists and whole forms.

Templates are looked up by name (``heron/forms/widgets/input.html``) through the project's
engine (``heron.templates.get_engine()``), which searches ``TEMPLATES_DIRS`` and the apps'
``templates/`` folders before Heron's own copies, so a project overrides one by writing a file
of the same name. Without configured settings (a form used in a script), or before the
engine knows Heron's forms folder, the built-in copies are used directly.

Loaded templates are cached per engine; a new engine (settings changed) starts a new cache,
and with ``DEBUG`` the engine's own auto-reloading cache is used instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from heron.conf import settings

__all__ = ["TEMPLATES_DIR", "RenderableMixin", "get_template", "render"]

TEMPLATES_DIR = Path(__file__).parent / "templates"
"""Heron's built-in form templates (``heron/forms/...`` inside it)."""

_fallback: jinja2.Environment | None = None
_cache: dict[str, jinja2.Template] = {}
_cache_owner: list[Any] = [None]


def _fallback_env() -> jinja2.Environment:
    global _fallback
    if _fallback is None:
        _fallback = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
            autoescape=True,
            auto_reload=False,
        )
    return _fallback


def _project_env() -> tuple[Any, jinja2.Environment | None, bool]:
    if not settings.configured:
        return None, None, False
    # lazy: templates (Jinja2) load on first render, not when the app imports this room
    from heron.templates import get_engine

    engine = get_engine()
    return engine, engine.env, bool(engine.debug)


def get_template(name: str) -> jinja2.Template:
    """Return the compiled template ``name`` (the project's override, else Heron's own)."""
    engine, env, debug = _project_env()
    if env is not None and debug:
        return _load(env, name)
    if _cache_owner[0] is not engine:
        _cache.clear()
        _cache_owner[0] = engine
    template = _cache.get(name)
    if template is None:
        template = _cache[name] = _load(env, name)
    return template


def _load(env: jinja2.Environment | None, name: str) -> jinja2.Template:
    if env is not None:
        try:
            return env.get_template(name)
        except jinja2.TemplateNotFound:
            pass
    return _fallback_env().get_template(name)


def render(name: str, context: Mapping[str, Any]) -> Markup:
    """Render template ``name`` with ``context`` and return safe HTML."""
    return Markup(get_template(name).render(context))


class RenderableMixin:
    """``render()``, ``as_div()``/``as_p()``/``as_table()``/``as_ul()`` and ``str()`` for an
    object with a ``get_context()`` and ``template_name*`` attributes (forms, formsets)."""

    template_name: str
    template_name_div: str
    template_name_p: str
    template_name_table: str
    template_name_ul: str

    if TYPE_CHECKING:

        def get_context(self) -> dict[str, Any]: ...

    def render(
        self, template_name: str | None = None, context: Mapping[str, Any] | None = None
    ) -> Markup:
        """Render with ``template_name`` (default: ``self.template_name``), no ``<form>`` tag."""
        return render(template_name or self.template_name, context or self.get_context())

    def as_div(self) -> Markup:
        return self.render(self.template_name_div)

    def as_p(self) -> Markup:
        return self.render(self.template_name_p)

    def as_table(self) -> Markup:
        return self.render(self.template_name_table)

    def as_ul(self) -> Markup:
        return self.render(self.template_name_ul)

    def __html__(self) -> str:
        return str(self.render())

    def __str__(self) -> str:
        return self.__html__()
