from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

import pytest

from heron.http import HttpRequest, HttpResponse
from heron.views import (
    csrf_exempt,
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from .helpers import make_request


def sync_view(request: HttpRequest, pk: int = 0) -> HttpResponse:
    """A sync view."""
    return HttpResponse(f"ok {pk}")


async def async_view(request: HttpRequest, pk: int = 0) -> HttpResponse:
    """An async view."""
    return HttpResponse(f"ok {pk}")


@pytest.fixture(params=["sync", "async"])
def view(request: pytest.FixtureRequest) -> Callable[..., Any]:
    return sync_view if request.param == "sync" else async_view


def run(view: Callable[..., Any], request: HttpRequest, **kwargs: Any) -> HttpResponse:
    result = view(request, **kwargs)
    if inspect.iscoroutinefunction(view):
        assert inspect.isawaitable(result)
        result = asyncio.run(result)
    assert isinstance(result, HttpResponse)
    return result


@pytest.mark.parametrize(
    ("decorator", "allowed", "refused", "allow_header"),
    [
        (require_http_methods(["get", "POST"]), ["GET", "POST"], ["PUT", "HEAD"], "GET, POST"),
        (require_GET, ["GET"], ["POST", "HEAD"], "GET"),
        (require_POST, ["POST"], ["GET", "DELETE"], "POST"),
        (require_safe, ["GET", "HEAD"], ["POST", "PATCH"], "GET, HEAD"),
    ],
)
def test_method_decorators(
    view: Callable[..., Any],
    decorator: Any,
    allowed: list[str],
    refused: list[str],
    allow_header: str,
) -> None:
    decorated = decorator(view)
    assert inspect.iscoroutinefunction(decorated) == inspect.iscoroutinefunction(view)
    assert decorated.__name__ == view.__name__
    assert decorated.__doc__ == view.__doc__
    assert decorated.__wrapped__ is view
    for method in allowed:
        response = run(decorated, make_request(method), pk=5)
        assert (response.status_code, response.content) == (200, b"ok 5")
    for method in refused:
        response = run(decorated, make_request(method), pk=5)
        assert response.status_code == 405
        assert response["Allow"] == allow_header


def test_require_http_methods_rejects_a_bare_string() -> None:
    with pytest.raises(TypeError, match=r"require_http_methods\(\['GET'\]\)"):
        require_http_methods("GET")


def test_csrf_exempt_keeps_the_view(view: Callable[..., Any]) -> None:
    def fresh(request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    async def afresh(request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    target = afresh if inspect.iscoroutinefunction(view) else fresh
    exempt = csrf_exempt(target)
    assert exempt is target
    assert exempt.csrf_exempt is True  # type: ignore[attr-defined]
    # The mark survives a method decorator applied on top.
    assert require_POST(exempt).csrf_exempt is True  # type: ignore[attr-defined]
