"""The Jinja2 engine: where templates are found, and how they are rendered.

Templates are searched in ``TEMPLATES_DIRS`` first (so a project overrides anything by name),
then in the ``templates/`` folder of each installed app, in ``INSTALLED_APPS`` order, then in
Heron's own template folders (``BUILTIN_TEMPLATE_DIRS``, e.g. the form widgets), last.
``get_engine()`` builds the engine once and rebuilds it when a setting it depends on changes.

Each render gets the per-request values of ``context.py`` (``request``, ``csrf_input``,
``user``, ``perms``, ``messages``, ...), then the context processors' values, then the view's
context. A name like ``"page.html#results"`` renders only the block ``results``.

Rendering is synchronous by default. ``render_async`` uses a second environment compiled with
``enable_async=True`` (built on first use), where ``{% for %}`` also accepts async iterables
such as a QuerySet, so async views never block the event loop on a query.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from heron.apps import AppConfig, apps
from heron.cache.fragment import FragmentCacheExtension
from heron.conf import settings
from heron.conf.settings import on_change
from heron.core.extensions import template_globals

from . import partials
from .context import (
    MESSAGES_APP,
    ContextProcessor,
    load_context_processors,
    request_values,
    run_context_processors,
)
from .exceptions import TemplateDoesNotExist
from .filters import builtin_filters
from .functions import static, url
from .signals import template_rendered

__all__ = [
    "AUTOESCAPE_EXTENSIONS",
    "BUILTIN_TEMPLATE_DIRS",
    "Engine",
    "Template",
    "arender_to_string",
    "get_engine",
    "get_template",
    "render_to_string",
    "select_template",
]

AUTOESCAPE_EXTENSIONS = ("html", "htm", "xml", "jinja")
_HERON_DIR = Path(__file__).resolve().parent.parent
# Heron's own templates, searched after the project's and the apps' folders, so a project
# overrides any of them by name (e.g. TEMPLATES_DIRS/heron/forms/widgets/input.html).
BUILTIN_TEMPLATE_DIRS: tuple[Path, ...] = (_HERON_DIR / "forms" / "templates",)
# Settings that change what the engine finds, how it caches, or what each render adds.
_ENGINE_SETTINGS = frozenset(
    {"INSTALLED_APPS", "TEMPLATES_DIRS", "DEBUG", "TEMPLATES_CONTEXT_PROCESSORS"}
)


class Template:
    """A loaded template (or one block of it); ``render(context, request)`` returns text."""

    def __init__(
        self,
        template: jinja2.Template,
        engine: Engine,
        name: str,
        block: str | None = None,
        source: str | None = None,
    ) -> None:
        self.template = template
        self.engine = engine
        self.name = name
        self.block = block
        self._source = source  # set for templates made from a string

    @property
    def origin(self) -> str | None:
        """The file the template was read from."""
        return self.template.filename

    def render(self, context: Mapping[str, Any] | None = None, request: Any = None) -> str:
        """Render with ``context``; ``request``, when given, feeds the per-request values."""
        values = self.engine.make_context(context, request)
        try:
            if self.block is None:
                text = self.template.render(values)
            else:
                text = partials.render_block(self.engine.env, self.template, self.block, values)
        except TemplateDoesNotExist:
            raise
        except jinja2.TemplateNotFound as exc:
            # A missing {% extends %} / {% include %} target: say where we looked.
            raise TemplateDoesNotExist(str(exc.name), self.engine.dirs) from exc
        if template_rendered:
            template_rendered.send(self.name, values)
        return text

    async def render_async(
        self, context: Mapping[str, Any] | None = None, request: Any = None
    ) -> str:
        """Render without blocking the event loop (async environment; see the module doc)."""
        values = self.engine.make_context(context, request)
        env = self.engine.async_env
        try:
            if self._source is not None:
                template = env.from_string(self._source)
            else:
                template = env.get_template(self.template.name or self.name)
            if self.block is None:
                text = await template.render_async(values)
            else:
                text = await partials.render_block_async(env, template, self.block, values)
        except TemplateDoesNotExist:
            raise
        except jinja2.TemplateNotFound as exc:
            raise TemplateDoesNotExist(str(exc.name), self.engine.dirs) from exc
        if template_rendered:
            template_rendered.send(self.name, values)
        return text

    def __repr__(self) -> str:
        return f"<Template {self.name!r}>"


class Engine:
    """A ``jinja2.Environment`` with Heron's loader, autoescaping, filters and globals."""

    def __init__(
        self,
        dirs: Iterable[str | os.PathLike[str]] = (),
        *,
        debug: bool = False,
        context_processors: Sequence[ContextProcessor] = (),
        messages: bool = False,
    ) -> None:
        self.dirs: list[str] = [os.fspath(d) for d in dirs]
        self.debug = debug
        self.context_processors = list(context_processors)
        self.messages = messages
        self.env = self._environment(enable_async=False)
        self._async_env: jinja2.Environment | None = None

    def _environment(self, *, enable_async: bool) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.dirs),
            autoescape=jinja2.select_autoescape(
                enabled_extensions=AUTOESCAPE_EXTENSIONS, default_for_string=True
            ),
            auto_reload=self.debug,
            # Every template stays compiled: a project has a bounded set of them.
            cache_size=-1,
            undefined=jinja2.ChainableUndefined,
            enable_async=enable_async,
            extensions=[FragmentCacheExtension],  # {% cache %}
        )
        env.filters.update(builtin_filters())
        env.globals.update(url=url, static=static)
        env.globals.update(template_globals)  # what installed apps add (heron.core.extensions)
        return env

    @property
    def async_env(self) -> jinja2.Environment:
        """The environment compiled for ``render_async`` (same loader, filters and globals)."""
        env = self._async_env
        if env is None:
            env = self._async_env = self._environment(enable_async=True)
            # Filters and globals added to ``env`` later (by apps) reach both environments.
            env.filters = self.env.filters
            env.globals = self.env.globals
            env.tests = self.env.tests
        return env

    @classmethod
    def from_settings(cls) -> Engine:
        """Build the engine described by the current settings and installed apps."""
        dirs: list[str | os.PathLike[str]] = list(settings.TEMPLATES_DIRS)
        dirs.extend(_app_template_dirs(settings.INSTALLED_APPS))
        dirs.extend(path for path in BUILTIN_TEMPLATE_DIRS if path.is_dir())
        processors = load_context_processors(
            getattr(settings, "TEMPLATES_CONTEXT_PROCESSORS", None) or ()
        )
        installed = [entry for entry in settings.INSTALLED_APPS if isinstance(entry, str)]
        return cls(
            dirs,
            debug=bool(settings.DEBUG),
            context_processors=processors,
            messages=MESSAGES_APP in installed,
        )

    def make_context(
        self, context: Mapping[str, Any] | None = None, request: Any = None
    ) -> dict[str, Any]:
        """Return what a render sees: per-request values, processors' values, ``context``."""
        values = request_values(request, self.messages)
        if request is not None and self.context_processors:
            run_context_processors(self.context_processors, request, values)
        if context is not None:
            values.update(context)
        return values

    def get_template(self, name: str) -> Template:
        """Load ``name`` (or ``name#block``); raise ``TemplateDoesNotExist`` if it is missing."""
        base, block = partials.split_name(name)
        try:
            template = self.env.get_template(base)
            if block is not None:
                partials.check_block(self.env, template, block)
        except TemplateDoesNotExist:
            raise
        except jinja2.TemplateNotFound as exc:
            raise TemplateDoesNotExist(str(exc.name or base), self.dirs) from None
        return Template(template, self, name, block)

    def from_string(self, source: str) -> Template:
        """Compile ``source`` (autoescaped, as a ``.html`` file is) into a template."""
        return Template(self.env.from_string(source), self, "<string>", source=source)

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
                if exc.name != partials.split_name(name)[0]:
                    raise  # the template exists but something it loads (or a block) does not
        raise TemplateDoesNotExist(names[0] if names else "", self.dirs, names=list(names))

    def render_to_string(
        self, name: str, context: Mapping[str, Any] | None = None, request: Any = None
    ) -> str:
        """Load and render ``name`` in one step."""
        return self.get_template(name).render(context, request)

    async def arender_to_string(
        self, name: str, context: Mapping[str, Any] | None = None, request: Any = None
    ) -> str:
        """Load and render ``name`` with the async environment."""
        return await self.get_template(name).render_async(context, request)

    def __repr__(self) -> str:
        return f"<Engine dirs={self.dirs!r}>"


def _app_template_dirs(installed_apps: Iterable[Any]) -> list[Path]:
    """Return the existing ``templates/`` folders of the installed apps, in order."""
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
    """Load ``name`` (or ``"name#block"``) with the project's engine."""
    return get_engine().get_template(name)


def select_template(names: Sequence[str]) -> Template:
    """Load the first of ``names`` that exists, with the project's engine."""
    return get_engine().select_template(names)


def render_to_string(
    name: str, context: Mapping[str, Any] | None = None, request: Any = None
) -> str:
    """Render template ``name`` with ``context`` (and ``request``'s values) to text."""
    return get_engine().get_template(name).render(context, request)


async def arender_to_string(
    name: str, context: Mapping[str, Any] | None = None, request: Any = None
) -> str:
    """Render template ``name`` without blocking the event loop (for async views)."""
    return await get_engine().get_template(name).render_async(context, request)
