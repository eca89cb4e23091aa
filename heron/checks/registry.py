"""Register system checks and run them.

A check is a callable taking keyword arguments (``app_configs`` and room for more) and
returning an iterable of ``CheckMessage``::

    from heron.checks import Warning, register

    @register("urls")
    def check_something(**kwargs):
        return [Warning("...", hint="...", id="myapp.W001")]

``@register(deploy=True)`` marks a check that only runs for ``heron check --deploy`` and
``heron serve``. Built-in checks are imported on the first ``run_checks()`` call.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, overload

from heron.conf import settings

from .messages import CheckMessage

if TYPE_CHECKING:
    from heron.apps import AppConfig

__all__ = ["CheckFunction", "CheckRegistry", "Tags", "register", "registry", "run_checks"]


class CheckFunction(Protocol):
    def __call__(self, **kwargs: Any) -> Iterable[CheckMessage]: ...


_C = TypeVar("_C", bound=Callable[..., Iterable[CheckMessage]])


class Tags:
    """Tags of the built-in checks, for ``heron check --tag``."""

    security = "security"
    settings = "settings"
    templates = "templates"
    urls = "urls"
    caches = "caches"
    # Reserved for rooms that register their own checks.
    admin = "admin"
    database = "database"
    models = "models"
    staticfiles = "staticfiles"


@dataclass(frozen=True)
class _Entry:
    check: Callable[..., Iterable[CheckMessage]]
    tags: frozenset[str]
    deploy: bool


class CheckRegistry:
    """A set of checks; ``heron.checks.registry`` is the one the CLI runs."""

    def __init__(self, builtin_modules: Sequence[str] = ()) -> None:
        self._entries: list[_Entry] = []
        self._builtin_modules = tuple(builtin_modules)
        self._builtins_loaded = not self._builtin_modules

    # register(check_function) -> check_function
    @overload
    def register(self, check: _C, *tags: str, deploy: bool = ...) -> _C: ...
    # @register("tag", ...) or @register(deploy=True) -> decorator
    @overload
    def register(
        self, check: str | None = ..., *tags: str, deploy: bool = ...
    ) -> Callable[[_C], _C]: ...
    def register(self, check: Any = None, *tags: str, deploy: bool = False) -> Any:
        """Register ``check``: bare, as ``@register("tag", ...)`` or ``@register(deploy=True)``."""

        def decorator(function: _C) -> _C:
            entry = _Entry(function, frozenset(tags), deploy)
            if not any(e.check is function for e in self._entries):
                self._entries.append(entry)
            return function

        if callable(check):
            return decorator(check)
        if check is not None:
            if not isinstance(check, str):
                raise TypeError(f"register() takes a check function or tags, not {check!r}.")
            tags = (check, *tags)
        return decorator

    def unregister(self, check: Callable[..., Iterable[CheckMessage]]) -> None:
        self._entries = [e for e in self._entries if e.check is not check]

    def registered_checks(self, include_deployment_checks: bool = False) -> list[_Entry]:
        self._load_builtins()
        return [e for e in self._entries if include_deployment_checks or not e.deploy]

    def tags_available(self, include_deployment_checks: bool = False) -> set[str]:
        entries = self.registered_checks(include_deployment_checks)
        return {tag for entry in entries for tag in entry.tags}

    def tag_exists(self, tag: str, include_deployment_checks: bool = False) -> bool:
        return tag in self.tags_available(include_deployment_checks)

    def run_checks(
        self,
        tags: Iterable[str] | None = None,
        include_deployment_checks: bool = False,
        app_configs: list[AppConfig] | None = None,
    ) -> list[CheckMessage]:
        """Run the checks (those carrying any of ``tags`` if given) and return their messages.

        Messages whose ID is in ``SILENCED_SYSTEM_CHECKS`` are left out.
        """
        wanted = set(tags) if tags is not None else None
        messages: list[CheckMessage] = []
        for entry in self.registered_checks(include_deployment_checks):
            if wanted is not None and not (entry.tags & wanted):
                continue
            found = entry.check(app_configs=app_configs)
            for message in found:
                if not isinstance(message, CheckMessage):
                    raise TypeError(
                        f"The check {_name(entry.check)} returned {message!r}; checks return "
                        "an iterable of CheckMessage (Error, Warning, ...)."
                    )
                messages.append(message)
        silenced = _silenced()
        return [m for m in messages if not m.is_silenced(silenced)]

    def _load_builtins(self) -> None:
        if self._builtins_loaded:
            return
        self._builtins_loaded = True
        for name in self._builtin_modules:
            importlib.import_module(name)


def _name(function: Callable[..., Any]) -> str:
    return f"{getattr(function, '__module__', '?')}.{getattr(function, '__qualname__', function)}"


def _silenced() -> set[str]:
    if not settings.configured:
        return set()
    return set(getattr(settings._wrapped, "SILENCED_SYSTEM_CHECKS", None) or ())


registry = CheckRegistry(
    builtin_modules=(
        "heron.checks.builtin.urls",
        "heron.checks.builtin.settings",
        "heron.checks.builtin.security",
        "heron.db.migrations.checks",
        "heron.cache.checks",
    )
)
register = registry.register
run_checks = registry.run_checks
