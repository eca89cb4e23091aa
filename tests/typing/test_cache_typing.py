"""mypy --strict keeps view types through cache_page/ratelimit and types the cache API."""

from __future__ import annotations

from ._mypy import run_mypy


def test_cache_and_ratelimit_types() -> None:
    result = run_mypy("cache_typecheck.py")
    assert result.revealed == [
        "def (request: heron.http.request.HttpRequest, year: int) -> "
        "heron.http.response.HttpResponse",
        "def (request: heron.http.request.HttpRequest) -> typing.Coroutine[Any, Any, "
        "heron.http.response.HttpResponse]",
        "heron.cache.backends.base.BaseCache",
        "Any",
        "dict[str, Any]",
        "bool",
        "heron.ratelimit.counter.Hit",
        "heron.ratelimit.counter.Hit",
        "bool",
    ], result.stdout
    assert result.error_lines == result.marked_lines, result.stdout
