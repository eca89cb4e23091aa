"""The Jinja2 engine: where templates are found, and how they are rendered.

Templates are searched in ``TEMPLATES_DIRS`` first (so a project overrides any app), then in
the ``templates/`` folder of each installed app, in ``INSTALLED_APPS`` order. ``get_engine()``
builds the engine once and rebuilds it when ``INSTALLED_APPS``, ``TEMPLATES_DIRS`` or
``DEBUG`` change.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from heron.conf import settings
from heron.conf.settings import on_change

from .exceptions import TemplateDoesNotExist
from .functions import static, url
from .signals import template_rendered

__all__ = [
    "AUTOESCAPE_EXTENSIONS",
    "Engine",
    "Template",
    "get_engine",
    "get_template",
    "render_to_string",
    "select_template",
]

AUTOESCAPE_EXTENSIONS = ("html", "htm", "xml", "jinja")
# Settings that change what the engine finds or how it caches.
_ENGINE_SETTINGS = frozenset({"INSTALLED_APPS", "TEMPLATES_DIRS", "DEBUG"})


class Template:
    """A loaded template; ``render(context, request)`` returns text."""

    def __init__(self, template: jinja2.Template, engine: Engine, name: str) -> None:
        self.template = template
        self.engine = engine
        self.name = name

    @property
    def origin(self) -> str | None:
        """The file the template was read from."""
        return self.template.filename

    def render(self, context: Mapping[str, Any] | None = None, request: Any = None) -> str:
        """Render with ``context``; ``request``, when given, is available as ``request``."""
        values: dict[str, Any] = dict(context) if context is not None else {}
        if request is not None:
            values.setdefault("request", request)
        try:
            text = self.template.render(values)
        except TemplateDoesNotExist:
            raise
        except jinja2.TemplateNotFound as exc:
            # A missing {% extends %} / {% include %} target: say where we looked.
            raise TemplateDoesNotExist(str(exc.name), self.engine.dirs) from exc
        if template_rendered:
            template_rendered.send(self.name, values)
        return text

    def __repr__(self) -> str:
        return f"<Template {self.name!r}>"


class Engine:
    """A ``jinja2.Environment`` with Heron's loader, autoescaping and globals."""

    def __init__(
        self,
        dirs: Iterable[str | os.PathLike[str]] = (),
        *,
        debug: bool = False,
    ) -> None:
        self.dirs: list[str] = [os.fspath(d) for d in dirs]
        self.debug = debug
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.dirs),
            autoescape=jinja2.select_autoescape(
                enabled_extensions=AUTOESCAPE_EXTENSIONS, default_for_string=True
            ),
            auto_reload=debug,
            undefined=jinja2.ChainableUndefined,
        )
        self.env.globals.update(url=url, static=static)

    @classmethod
    def from_settings(cls) -> Engine:
        """Build the engine described by the current settings and installed apps."""
        dirs: list[str | os.PathLike[str]] = list(settings.TEMPLATES_DIRS)
        dirs.extend(_app_template_dirs(settings.INSTALLED_APPS))
        return cls(dirs, debug=bool(settings.DEBUG))

    def get_template(self, name: str) -> Template:
        """Load ``name``; raise ``TemplateDoesNotExist`` listing the directories searched."""
        try:
            return Template(self.env.get_template(name), self, name)
        except TemplateDoesNotExist:
            raise
        except jinja2.TemplateNotFound as exc:
            raise TemplateDoesNotExist(str(exc.name or name), self.dirs) from None

    def select_template(self, names: Sequence[str]) -> Template:
        """Load the first of ``names`` that exists."""
        if isinstance(names, str):
            raise TypeError(
                "select_template() takes a list of names; use get_template() for one name."
            )
        for name in names:
            try:
                return self.get_template(name)
            except TemplateDoesNotExist as exc:
                if exc.name != name:
                    raise  # the template exists but something it loads does not
        raise TemplateDoesNotExist(names[0] if names else "", self.dirs, names=list(names))

    def render_to_string(
        self, name: str, context: Mapping[str, Any] | None = None, request: Any = None
    ) -> str:
        """Load and render ``name`` in one step."""
        return self.get_template(name).render(context, request)

    def __repr__(self) -> str:
        return f"<Engine dirs={self.dirs!r}>"


def _app_template_dirs(installed_apps: Iterable[Any]) -> list[Path]:
    """Return the existing ``templates/`` folders of the installed apps, in order."""
    from heron.apps import AppConfig, apps

    if apps.ready:
        configs = list(apps.get_app_configs())
    else:
        # Before heron.setup(): describe the apps without running their ready().
        configs = [
            entry() if isinstance(entry, type) else AppConfig.create(entry)
            for entry in installed_apps
        ]
    found = [config.path / "templates" for config in configs]
    return [path for path in found if path.is_dir()]


_engine: Engine | None = None


def get_engine() -> Engine:
    """Return the engine for the current settings, building it on first use."""
    global _engine
    engine = _engine
    if engine is None:
        engine = _engine = Engine.from_settings()
    return engine


@on_change
def _reset_engine(names: set[str]) -> None:
    global _engine
    if names & _ENGINE_SETTINGS:
        _engine = None


def get_template(name: str) -> Template:
    """Load ``name`` with the project's engine."""
    return get_engine().get_template(name)


def select_template(names: Sequence[str]) -> Template:
    """Load the first of ``names`` that exists, with the project's engine."""
    return get_engine().select_template(names)


def render_to_string(
    name: str, context: Mapping[str, Any] | None = None, request: Any = None
) -> str:
    """Render template ``name`` with ``context`` (and ``request`` as ``request``) to text."""
    return get_engine().get_template(name).render(context, request)
