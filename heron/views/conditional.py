"""Conditional GET and conditional writes: ``condition``, ``etag`` and ``last_modified``.

The decorated view gets a function that computes the current ETag and/or the last
modification time of the resource *before* the view runs. Then, following RFC 9110:

- ``If-Match`` names no current ETag, or ``If-Unmodified-Since`` is older than the resource:
  412 Precondition Failed (the client's copy is stale; protects PUT/POST/DELETE).
- ``If-None-Match`` names the current ETag: 304 Not Modified for GET/HEAD, 412 otherwise.
- ``If-Modified-Since`` (GET/HEAD, only when there is no ``If-None-Match``) is not older than
  the resource: 304 Not Modified.

Otherwise the view runs, and a GET/HEAD response gets ``ETag`` and ``Last-Modified`` headers
unless the view set them. The functions take the view's arguments (``request``, then the URL
arguments); for an ``async def`` view they may be ``async def`` too.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import logging
from collections.abc import Callable
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, TypeVar, cast

from heron.http import HttpRequest, HttpResponse, HttpResponseNotModified

__all__ = ["condition", "etag", "last_modified", "http_date", "parse_http_date", "quote_etag"]

logger = logging.getLogger("heron.request")

_F = TypeVar("_F", bound=Callable[..., Any])
ETagFunc = Callable[..., Any]
LastModifiedFunc = Callable[..., Any]


def http_date(moment: dt.datetime) -> str:
    """Format ``moment`` as an HTTP date (``Wed, 25 Nov 2026 09:00:00 GMT``); naive is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return format_datetime(moment.astimezone(dt.UTC), usegmt=True)


def parse_http_date(value: str) -> dt.datetime | None:
    """Parse an HTTP date into an aware UTC datetime; None if it is not a valid date."""
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def quote_etag(value: str) -> str:
    """Return ``value`` as an entity tag: quoted unless it already is (``W/"x"`` stays)."""
    if value.startswith('W/"') or (len(value) >= 2 and value[0] == value[-1] == '"'):
        return value
    return f'"{value}"'


def _parse_etags(header: str) -> list[str]:
    """Split an ``If-Match``/``If-None-Match`` value; ``["*"]`` for the wildcard."""
    header = header.strip()
    if header == "*":
        return ["*"]
    tags: list[str] = []
    rest = header
    while rest:
        rest = rest.lstrip(" ,\t")
        if not rest:
            break
        weak = rest.startswith("W/")
        body = rest[2:] if weak else rest
        if not body.startswith('"'):
            return []  # malformed: treat as naming nothing
        end = body.find('"', 1)
        if end < 0:
            return []
        tags.append(("W/" if weak else "") + body[: end + 1])
        rest = body[end + 1 :]
    return tags


def _strong_match(current: str | None, tags: list[str]) -> bool:
    if current is None:
        return False
    if tags == ["*"]:
        return True
    return not current.startswith("W/") and current in tags


def _weak_match(current: str | None, tags: list[str]) -> bool:
    if current is None:
        return False
    if tags == ["*"]:
        return True
    bare = current.removeprefix("W/")
    return any(tag.removeprefix("W/") == bare for tag in tags)


def _precondition(
    request: HttpRequest, current_etag: str | None, modified: dt.datetime | None
) -> int | None:
    """Return 304 or 412 when a conditional header says so, else None (run the view)."""
    headers = request.headers
    safe = request.method in ("GET", "HEAD")
    if_match = headers.get("if-match")
    if if_match is not None:
        if not _strong_match(current_etag, _parse_etags(if_match)):
            return 412
    else:
        since = headers.get("if-unmodified-since")
        limit = parse_http_date(since) if since else None
        if limit is not None and modified is not None and modified > limit:
            return 412
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        if _weak_match(current_etag, _parse_etags(if_none_match)):
            return 304 if safe else 412
        return None
    since = headers.get("if-modified-since")
    limit = parse_http_date(since) if since and safe else None
    if limit is not None and modified is not None and modified <= limit:
        return 304
    return None


def _normalise(etag_value: Any, modified: Any) -> tuple[str | None, dt.datetime | None]:
    current = quote_etag(str(etag_value)) if etag_value is not None else None
    moment: dt.datetime | None = None
    if modified is not None:
        if not isinstance(modified, dt.datetime):
            raise TypeError(
                "A last_modified function must return a datetime or None, not "
                f"{type(modified).__name__}."
            )
        moment = modified if modified.tzinfo else modified.replace(tzinfo=dt.UTC)
        moment = moment.astimezone(dt.UTC).replace(microsecond=0)  # HTTP dates have seconds
    return current, moment


def _early_response(
    request: HttpRequest, status: int, current: str | None, moment: dt.datetime | None
) -> HttpResponse:
    if status == 304:
        response: HttpResponse = HttpResponseNotModified()
    else:
        logger.warning("Precondition Failed: %s", request.path, extra={"status_code": 412})
        response = HttpResponse(status=412)
    _set_validators(response, current, moment)
    return response


def _set_validators(response: Any, current: str | None, moment: dt.datetime | None) -> None:
    if current is not None and not response.has_header("ETag"):
        response["ETag"] = current
    if moment is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(moment)


def _finish(request: HttpRequest, response: Any, current: str | None, moment: Any) -> Any:
    if request.method in ("GET", "HEAD") and 200 <= getattr(response, "status_code", 0) < 300:
        _set_validators(response, current, moment)
    return response


def condition(
    etag_func: ETagFunc | None = None, last_modified_func: LastModifiedFunc | None = None
) -> Callable[[_F], _F]:
    """Answer conditional requests from ``etag_func`` and/or ``last_modified_func``.

    Each function is called as ``func(request, *args, **kwargs)`` and returns the ETag
    (a string, quoted for you if needed) / the modification ``datetime``, or None when the
    resource has none (for instance, it does not exist: then the view decides).
    """

    def decorator(view: _F) -> _F:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                tag = etag_func(request, *args, **kwargs) if etag_func else None
                if inspect.isawaitable(tag):
                    tag = await tag
                when = last_modified_func(request, *args, **kwargs) if last_modified_func else None
                if inspect.isawaitable(when):
                    when = await when
                current, moment = _normalise(tag, when)
                status = _precondition(request, current, moment)
                if status is not None:
                    return _early_response(request, status, current, moment)
                response = await view(request, *args, **kwargs)
                return _finish(request, response, current, moment)

            return cast(_F, async_inner)

        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            tag = etag_func(request, *args, **kwargs) if etag_func else None
            when = last_modified_func(request, *args, **kwargs) if last_modified_func else None
            current, moment = _normalise(tag, when)
            status = _precondition(request, current, moment)
            if status is not None:
                return _early_response(request, status, current, moment)
            return _finish(request, view(request, *args, **kwargs), current, moment)

        return cast(_F, inner)

    return decorator


def etag(etag_func: ETagFunc) -> Callable[[_F], _F]:
    """``condition(etag_func=...)``: conditional requests by entity tag only."""
    return condition(etag_func=etag_func)


def last_modified(last_modified_func: LastModifiedFunc) -> Callable[[_F], _F]:
    """``condition(last_modified_func=...)``: conditional requests by date only."""
    return condition(last_modified_func=last_modified_func)
