"""Micro-benchmark: ns per resolve() over a 200-route URLconf.

Run: ``python benchmarks/bench_urls.py``. The static path is a dict hit; the dynamic path
lives in the last of 100 prefixed groups, so a linear scan would try ~200 regexes first.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from heron.urls import URLResolver, include, path


def view(request: Any, **kwargs: Any) -> None:
    return None


def build() -> list[Any]:
    patterns: list[Any] = []
    for i in range(100):
        patterns.append(path(f"section{i}/", view, name=f"s{i}"))
        patterns.append(path(f"section{i}/<int:pk>/", view, name=f"d{i}"))
    patterns.append(path("api/", include([path("v1/<slug:thing>/<int:pk>/", view, name="api")])))
    return patterns


def bench(label: str, func: Any, number: int = 200_000) -> float:
    best = min(timeit.repeat(func, number=number, repeat=5)) / number * 1e9
    print(f"{label:<44} {best:8.0f} ns")
    return best


def main() -> None:
    patterns = build()
    resolver = URLResolver(patterns)
    print(f"{len(resolver.routes)} routes")
    assert resolver.resolve("/section99/5/").kwargs == {"pk": 5}
    bench("resolve static  /section99/", lambda: resolver.resolve("/section99/"))
    bench("resolve dynamic /section99/5/", lambda: resolver.resolve("/section99/5/"))
    bench("resolve nested  /api/v1/x/5/", lambda: resolver.resolve("/api/v1/x/5/"))
    bench("reverse static  s99", lambda: resolver.reverse("s99"))
    bench("reverse dynamic d99 args=[5]", lambda: resolver.reverse("d99", args=[5]))

    # The baseline the index avoids: try every route's regex in order.
    regexes = [route.regex for route in resolver.routes]

    def linear() -> Any:
        for regex in regexes:
            found = regex.match("section99/5/")
            if found is not None:
                return found
        return None

    bench("linear regex scan, same dynamic path", linear, number=20_000)


if __name__ == "__main__":
    main()
