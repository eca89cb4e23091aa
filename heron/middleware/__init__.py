"""Middleware: the protocol, the chain, and the built-in middleware."""

from .base import HookMiddleware as HookMiddleware
from .base import Middleware as Middleware
from .base import MiddlewareNotUsed as MiddlewareNotUsed

__all__ = ["HookMiddleware", "Middleware", "MiddlewareNotUsed"]
