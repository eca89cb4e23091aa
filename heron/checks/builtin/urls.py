"""Checks of the URL configuration.

urls.E001   ROOT_URLCONF is missing, does not import, or has no urlpatterns
urls.E002   the resolver refused the URL patterns (its message says why)
urls.W001   a route begins with "/" (routes are relative: write "about/", not "/about/")
urls.W002   one URL name is used by several routes in the same namespace
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from heron.checks.messages import CheckMessage, Error, Warning
from heron.checks.registry import Tags, register
from heron.conf import ImproperlyConfigured, settings
from heron.urls import get_resolver


@register(Tags.urls)
def check_url_config(**kwargs: Any) -> list[CheckMessage]:
    urlconf = settings.ROOT_URLCONF
    try:
        problem = _urlconf_problem(urlconf)
        if problem is not None:
            return [
                Error(
                    problem,
                    hint="Set ROOT_URLCONF to the dotted path of your URL module, e.g. "
                    '"mysite.urls", and give that module a list named urlpatterns.',
                    obj="ROOT_URLCONF",
                    id="urls.E001",
                )
            ]

        routes = list(get_resolver().iter_routes())
    except ImproperlyConfigured as exc:
        # heron.urls refuses bad patterns (a route starting with "/", an unknown converter,
        # a broken include) when they are built; report its message as it is.
        return [
            Error(
                str(exc),
                hint="Fix the URL pattern named in the message.",
                obj=urlconf,
                id="urls.E002",
            )
        ]
    return [*_leading_slashes(routes), *_duplicate_names(routes)]


def _urlconf_problem(urlconf: Any) -> str | None:
    if not urlconf:
        return "ROOT_URLCONF is not set, so no URL can be resolved."
    if not isinstance(urlconf, str):
        return None  # a module object or a list of patterns; the resolver judges those
    try:
        module = importlib.import_module(urlconf)
    except ImportError as exc:
        return f"ROOT_URLCONF {urlconf!r} could not be imported: {exc}"
    if not hasattr(module, "urlpatterns"):
        return f"ROOT_URLCONF {urlconf!r} has no urlpatterns list."
    return None


def _route_text(record: Any) -> str:
    return str(getattr(record, "route", "") or "")


def _leading_slashes(routes: Iterable[Any]) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for record in routes:
        route = _route_text(record)
        # path() refuses a leading "/" itself; a regex or an include prefix may still have one.
        if route.lstrip("^").startswith("/") or "//" in route:
            messages.append(
                Warning(
                    f"The route {route!r} has a segment that begins with '/'; it will never "
                    "match a normal request path.",
                    hint="Remove the leading '/' from the path() route: write 'about/', "
                    "not '/about/'.",
                    obj=_describe(record),
                    id="urls.W001",
                )
            )
    return messages


def _qualified_name(record: Any) -> str | None:
    name = getattr(record, "name", None)
    if not name:
        return None
    namespace = getattr(record, "namespace", None)
    if namespace and not str(name).startswith(f"{namespace}:"):
        return f"{namespace}:{name}"
    return str(name)


def _duplicate_names(routes: Iterable[Any]) -> list[CheckMessage]:
    by_name: dict[str, list[Any]] = defaultdict(list)
    for record in routes:
        name = _qualified_name(record)
        if name is not None:
            by_name[name].append(record)
    messages: list[CheckMessage] = []
    for name, records in by_name.items():
        distinct = sorted({_route_text(r) for r in records})
        if len(distinct) < 2:
            continue
        shown = ", ".join(repr(r) for r in distinct)
        messages.append(
            Warning(
                f"The URL name {name!r} is used by {len(distinct)} routes ({shown}), so "
                "reverse() can only return one of them.",
                hint="Give each path() a distinct name, or put the apps in separate "
                "namespaces (app_name in their urls.py).",
                obj=name,
                id="urls.W002",
            )
        )
    return messages


def _describe(record: Any) -> str:
    name = _qualified_name(record)
    return f"route {_route_text(record)!r}" + (f" [name={name!r}]" if name else "")
