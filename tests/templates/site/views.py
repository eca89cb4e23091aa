from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from functools import wraps
from typing import Any

from heron.contrib import messages
from heron.http import HttpRequest, HttpResponse
from heron.shortcuts import render
from heron.templates import TemplateResponse, arender, render_to_string

ITEMS = ["one", "<two>"]


def page(request: HttpRequest) -> HttpResponse:
    return render(request, "tsite/page.html", {"title": "Home", "items": ITEMS, "year": 2026})


def partial(request: HttpRequest) -> HttpResponse:
    return render(request, "tsite/page.html#results", {"items": ITEMS})


def globals_page(request: HttpRequest) -> HttpResponse:
    if request.GET.get("message"):
        messages.success(request, request.GET["message"])
    return render(request, "tsite/globals.html")


def template_response(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "tsite/page.html", {"title": "Lazy", "items": ITEMS})


def add_item(view: Callable[..., Any]) -> Callable[..., Any]:
    """A decorator that changes the context after the view returned, before rendering."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> Any:
        response = view(request)
        response.context_data["items"] = [*response.context_data["items"], "added"]
        return response

    return wrapper


@add_item
def decorated(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "tsite/page.html#results", {"items": ["first"]})


class SyncRows:
    """Rows that refuse to be read on the event loop, like a QuerySet's lazy query."""

    def __iter__(self) -> Iterator[str]:
        import asyncio

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return iter(["sync row"])
        raise RuntimeError("rows read on the event loop")


class AsyncRows:
    """Rows only readable asynchronously (``async for``), like a QuerySet in async code."""

    def __aiter__(self) -> AsyncIterator[str]:
        async def rows() -> AsyncIterator[str]:
            for row in ("async row 1", "async row <2>"):
                yield row

        return rows()

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("rows read synchronously")


def sync_rows(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "tsite/rows.html", {"rows": SyncRows()})


async def async_rows(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "tsite/rows.html", {"rows": AsyncRows()})


async def async_render(request: HttpRequest) -> HttpResponse:
    return await arender(request, "tsite/page.html#results", {"items": AsyncRows()})


def callback_view(request: HttpRequest) -> TemplateResponse:
    response = TemplateResponse(request, "tsite/rows.html", {"rows": ["a"]})

    def add_header(rendered: Any) -> None:
        rendered["X-Rendered-Length"] = str(len(rendered.content))

    response.add_post_render_callback(add_header)
    return response


def syntax_error(request: HttpRequest) -> HttpResponse:
    return render(request, "tsite/syntax_error.html")


def render_error(request: HttpRequest) -> HttpResponse:
    return render(request, "tsite/render_error.html", {"numbers": {"total": 1, "zero": 0}})


def to_string(request: HttpRequest) -> HttpResponse:
    return HttpResponse(render_to_string("tsite/rows.html", {"rows": ["x"]}, request))
