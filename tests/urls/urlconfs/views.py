"""Views for the test URLconfs: they are only resolved and reversed, never called."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def home(request: Any) -> str:
    return "home"


def about(request: Any) -> str:
    return "about"


def detail(request: Any, **kwargs: Any) -> str:
    return "detail"


def listing(request: Any, *args: Any, **kwargs: Any) -> str:
    return "listing"


async def async_view(request: Any, **kwargs: Any) -> str:
    return "async"


def other(request: Any, **kwargs: Any) -> str:
    return "other"


class ArchiveView:
    """Stands in for a class-based view: as_view() returns a function with ``view_class``."""

    @classmethod
    def as_view(cls) -> Callable[..., Any]:
        def view(request: Any, **kwargs: Any) -> str:
            return "archive"

        view.view_class = cls  # type: ignore[attr-defined]
        return view
