"""Two-mode helpers: ``call(db, obj, "add", ...)`` runs ``obj.add`` or ``await obj.aadd``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from heron.db.models import QuerySet

from ..conftest import Db

Run = Callable[[Callable[[Db], Any]], Any]


async def call(db: Db, obj: Any, method: str, /, *args: Any, **kwargs: Any) -> Any:
    if db.is_async:
        return await getattr(obj, f"a{method}")(*args, **kwargs)
    return getattr(obj, method)(*args, **kwargs)


async def fetch(db: Db, qs: QuerySet[Any]) -> list[Any]:
    if db.is_async:
        return [obj async for obj in qs]
    return list(qs)


async def names(db: Db, qs: QuerySet[Any], attr: str = "name") -> list[str]:
    return [getattr(obj, attr) for obj in await fetch(db, qs)]
