"""``include()`` and loading URLconf modules."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from heron.conf import ImproperlyConfigured

__all__ = ["Included", "include", "load_urlconf"]

URLConf = str | ModuleType | Sequence[Any]


@dataclass(frozen=True, slots=True)
class Included:
    """The result of ``include()``: patterns plus the namespaces they live in.

    ``namespace`` is the instance namespace; it defaults to ``app_name``.
    """

    patterns: Sequence[Any]
    app_name: str | None
    namespace: str | None
    source: str


def include(
    arg: URLConf | tuple[URLConf, str | None],
    namespace: str | None = None,
) -> Included:
    """Include more patterns under a ``path()`` prefix.

    ``arg`` is a module, a dotted module name, a list of patterns or a
    ``(patterns, app_name)`` tuple. A module's ``app_name`` attribute is its application
    namespace; ``namespace`` names this instance of it and defaults to ``app_name``.
    """
    app_name: str | None = None
    if isinstance(arg, tuple):
        if len(arg) != 2:
            raise ImproperlyConfigured(
                f"include() takes a (patterns, app_name) tuple; got a tuple of {len(arg)} "
                "items. Pass the instance namespace as include(..., namespace='...')."
            )
        arg, app_name = arg
        if app_name is not None and not isinstance(app_name, str):
            raise ImproperlyConfigured(
                f"include((patterns, app_name)): app_name must be a string, not {app_name!r}."
            )
    patterns, module_app_name, source = load_urlconf(arg)
    app_name = app_name or module_app_name
    if namespace is not None and not app_name:
        raise ImproperlyConfigured(
            f"include({source!r}, namespace={namespace!r}): an instance namespace needs an "
            f"application namespace. Set app_name = '...' in the included module, or pass "
            f"a (patterns, app_name) tuple to include()."
        )
    for label, value in (("app_name", app_name), ("namespace", namespace)):
        if value is not None and (not value or ":" in value):
            raise ImproperlyConfigured(
                f"include({source!r}): {label} {value!r} must be non-empty and contain no ':'."
            )
    return Included(patterns, app_name, namespace or app_name, source)


def load_urlconf(
    urlconf: URLConf, *, setting: str | None = None
) -> tuple[Sequence[Any], str | None, str]:
    """Return ``(urlpatterns, app_name, label)`` for a dotted name, module or list.

    ``setting`` (e.g. ``'ROOT_URLCONF'``) is named in errors when the urlconf came from it.
    """
    where = f"{setting} = {urlconf!r}" if setting else f"The URLconf {urlconf!r}"
    if isinstance(urlconf, str):
        try:
            module = importlib.import_module(urlconf)
        except ModuleNotFoundError as exc:
            if exc.name is None or not (urlconf + ".").startswith(exc.name + "."):
                raise
            raise ImproperlyConfigured(
                f"{where} could not be imported: {exc}. Check the dotted module path."
            ) from exc
        urlconf = module
    if isinstance(urlconf, ModuleType):
        label = urlconf.__name__
        where = f"The URLconf module {label!r}" + (f" (from {setting})" if setting else "")
        patterns = getattr(urlconf, "urlpatterns", None)
        if patterns is None:
            raise ImproperlyConfigured(
                f"{where} has no urlpatterns. Define urlpatterns = [path(...), ...] in it."
            )
        app_name = getattr(urlconf, "app_name", None)
    else:
        label, patterns, app_name = "<list>", urlconf, None
    if isinstance(patterns, str | bytes) or not isinstance(patterns, Sequence):
        raise ImproperlyConfigured(
            f"{where}: urlpatterns must be a list of path()/re_path() entries, "
            f"not {type(patterns).__name__}."
        )
    return patterns, app_name, label
