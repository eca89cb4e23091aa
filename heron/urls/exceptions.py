"""Errors raised by URL resolution and reversal.

    Http404 (heron.http)
     └── Resolver404       no URL pattern matches a path; carries ``path`` and ``tried``
    NoReverseMatch         ``reverse()`` found no pattern for a name and its arguments

Mistakes in a URLconf itself (bad route syntax, unknown converter, missing ``urlpatterns``)
raise ``heron.conf.ImproperlyConfigured`` when the patterns are defined or loaded.
"""

from __future__ import annotations

from heron.core.exceptions import HeronError
from heron.http.exceptions import Http404

__all__ = ["NoReverseMatch", "Resolver404"]


class Resolver404(Http404):
    """No URL pattern matches ``path``; ``tried`` lists every full route, in definition order."""

    def __init__(self, path: str, tried: list[str]) -> None:
        super().__init__(f"No URL pattern matches the path {path!r}.")
        self.path = path
        self.tried = tried


class NoReverseMatch(HeronError):
    """``reverse()`` could not build a URL; the message says what was tried."""
