"""ASGI type aliases shared by the application, the middleware chain and the test client."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

Scope: TypeAlias = dict[str, Any]
Message: TypeAlias = dict[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
ASGIApp: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[None]]

# The inner handler every middleware wraps: request in, response out.
Handler: TypeAlias = "Callable[[HttpRequest], Awaitable[HttpResponseBase]]"
