from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest

from heron.conf import ImproperlyConfigured
from heron.http import HttpRequest, HttpResponse
from heron.views import RedirectView, View

from .helpers import make_request


class Greeting(View):
    greeting = "hello"

    def get(self, request: HttpRequest, name: str = "world") -> HttpResponse:
        return HttpResponse(f"{self.greeting} {name}")

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return HttpResponse("posted", status=201)


class AsyncGreeting(View):
    async def get(self, request: HttpRequest) -> HttpResponse:
        await asyncio.sleep(0)
        return HttpResponse("async hello")


def call(view: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    response = view(request, *args, **kwargs)
    if inspect.isawaitable(response):
        response = asyncio.run(_await(response))
    return response


async def _await(awaitable: Any) -> Any:
    return await awaitable


def test_dispatch_by_method_with_url_kwargs() -> None:
    view = Greeting.as_view()
    assert call(view, make_request("GET"), name="heron").content == b"hello heron"
    response = call(view, make_request("POST"))
    assert (response.status_code, response.content) == (201, b"posted")


def test_initkwargs_override_class_attributes() -> None:
    view = Greeting.as_view(greeting="hi")
    assert call(view, make_request()).content == b"hi world"
    assert view.view_class is Greeting  # type: ignore[attr-defined]
    assert view.view_initkwargs == {"greeting": "hi"}  # type: ignore[attr-defined]
    assert view.__name__ == "Greeting"


@pytest.mark.parametrize("key", ["unknown", "get"])
def test_invalid_initkwargs_raise_type_error(key: str) -> None:
    with pytest.raises(TypeError, match=key):
        Greeting.as_view(**{key: "x"})


def test_setup_stores_request_and_arguments() -> None:
    seen: dict[str, Any] = {}

    class Recorder(View):
        def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            seen.update(request=self.request, args=self.args, kwargs=self.kwargs)
            return HttpResponse()

    request = make_request()
    call(Recorder.as_view(), request, 1, slug="x")
    assert seen == {"request": request, "args": (1,), "kwargs": {"slug": "x"}}


def test_unimplemented_method_is_405_with_allow() -> None:
    response = call(Greeting.as_view(), make_request("DELETE"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"


def test_unknown_method_is_405() -> None:
    assert call(Greeting.as_view(), make_request("BREW")).status_code == 405


def test_method_outside_http_method_names_is_405() -> None:
    class ReadOnly(Greeting):
        http_method_names = ["get", "head", "options"]

    response = call(ReadOnly.as_view(), make_request("POST"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_options_answers_allow() -> None:
    response = call(Greeting.as_view(), make_request("OPTIONS"))
    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert response.content == b""


def test_head_falls_back_to_get() -> None:
    response = call(Greeting.as_view(), make_request("HEAD"))
    assert response.status_code == 200
    assert response.content == b"hello world"  # the server drops the body of HEAD answers


def test_head_is_405_without_get() -> None:
    class PostOnly(View):
        def post(self, request: HttpRequest) -> HttpResponse:
            return HttpResponse()

    response = call(PostOnly.as_view(), make_request("HEAD"))
    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"


def test_async_view_returns_coroutine_function() -> None:
    view = AsyncGreeting.as_view()
    assert inspect.iscoroutinefunction(view)
    assert not inspect.iscoroutinefunction(Greeting.as_view())
    assert call(view, make_request()).content == b"async hello"


@pytest.mark.parametrize(("method", "status"), [("OPTIONS", 200), ("PUT", 405), ("HEAD", 200)])
def test_async_view_builtin_answers_are_awaitable(method: str, status: int) -> None:
    result = AsyncGreeting.as_view()(make_request(method))
    assert inspect.isawaitable(result)
    response = asyncio.run(_await(result))
    assert response.status_code == status


def test_mixed_sync_and_async_handlers_raise() -> None:
    class Mixed(View):
        def get(self, request: HttpRequest) -> HttpResponse:
            return HttpResponse()

        async def post(self, request: HttpRequest) -> HttpResponse:
            return HttpResponse()

    with pytest.raises(ImproperlyConfigured, match=r"Mixed mixes async handlers \(post\)"):
        Mixed.as_view()


def test_sync_options_override_in_async_view_raises() -> None:
    class Mixed(AsyncGreeting):
        def options(self, request: HttpRequest) -> HttpResponse:
            return HttpResponse()

    with pytest.raises(ImproperlyConfigured):
        Mixed.as_view()


def test_dispatch_attributes_copied_to_view() -> None:
    class Exempt(Greeting):
        def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return super().dispatch(request, *args, **kwargs)

        dispatch.csrf_exempt = True  # type: ignore[attr-defined]

    assert Exempt.as_view().csrf_exempt is True  # type: ignore[attr-defined]


# -- RedirectView --------------------------------------------------------------------------


def test_redirect_view_temporary_and_permanent() -> None:
    response = call(RedirectView.as_view(url="/new/%(pk)s/"), make_request(), pk=7)
    assert (response.status_code, response["Location"]) == (302, "/new/7/")
    response = call(RedirectView.as_view(url="/new/", permanent=True), make_request())
    assert (response.status_code, response["Location"]) == (301, "/new/")


@pytest.mark.parametrize(
    ("url", "expected"), [("/new/", "/new/?a=1&b=2"), ("/new/?x=0", "/new/?x=0&a=1&b=2")]
)
def test_redirect_view_query_string(url: str, expected: str) -> None:
    request = make_request(query_string=b"a=1&b=2")
    response = call(RedirectView.as_view(url=url, query_string=True), request)
    assert response["Location"] == expected
    response = call(RedirectView.as_view(url=url), make_request(query_string=b"a=1&b=2"))
    assert response["Location"] == url


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_redirect_view_redirects_every_method(method: str) -> None:
    response = call(RedirectView.as_view(url="/x/"), make_request(method))
    assert response.status_code == 302


def test_redirect_view_without_url_is_gone() -> None:
    assert call(RedirectView.as_view(), make_request()).status_code == 410


def test_redirect_view_pattern_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import heron.urls

    calls: list[tuple[Any, ...]] = []

    def fake_reverse(name: str, args: Any = None, kwargs: Any = None, **extra: Any) -> str:
        calls.append((name, args, kwargs))
        return f"/articles/{kwargs['pk']}/"

    monkeypatch.setattr(heron.views.base, "reverse", fake_reverse)
    response = call(RedirectView.as_view(pattern_name="articles:detail"), make_request(), pk=3)
    assert response["Location"] == "/articles/3/"
    assert calls == [("articles:detail", None, {"pk": 3})]
