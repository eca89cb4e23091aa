"""Type-checked by mypy in tests/typing/test_cache_typing.py; never imported by pytest.

The cache and rate-limit decorators keep a view's exact type, sync or async; the cache's
getters say they may return anything (the cache holds whatever was stored).
"""

from __future__ import annotations

from typing import reveal_type

from heron.cache import BaseCache, cache, cache_page, caches
from heron.http import HttpRequest, HttpResponse
from heron.ratelimit import Hit, ahit, hit, is_ratelimited, ratelimit


@cache_page(60)
def page(request: HttpRequest, year: int) -> HttpResponse:
    return HttpResponse(str(year))


@ratelimit("5/m", key="ip")
async def api(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


async def main(request: HttpRequest) -> None:
    reveal_type(page)
    reveal_type(api)
    reveal_type(caches["default"])
    reveal_type(cache.get("k"))
    reveal_type(await cache.aget_many(["k"]))
    reveal_type(cache.add("k", 1))
    reveal_type(hit("k", "5/m"))
    reveal_type(await ahit("k", "5/m"))
    reveal_type(is_ratelimited(request, "g", "ip", "5/m"))
    cache.set("k", 1, timeout="soon")  # E: seconds or None
    counter: BaseCache = caches["default"]
    counter.incr("k", "1")  # E: an int delta
    result: Hit = hit("k", "5/m")
    result.allowed = False  # E: frozen
