"""``get_connection()``: an instance of the configured email backend."""

from __future__ import annotations

from typing import Any

from heron._internal.imports import import_string
from heron.conf import settings

from .backends.base import BaseEmailBackend

__all__ = ["get_connection"]


def get_connection(
    backend: str | None = None, fail_silently: bool = False, **kwargs: Any
) -> BaseEmailBackend:
    """Return a backend instance (``EMAIL_BACKEND`` unless ``backend`` names another).

    ``kwargs`` go to the backend's constructor (``host=``, ``port=``, ``timeout=``, ...).
    Use it as a context manager to send several batches over one connection.
    """
    path = backend or settings.EMAIL_BACKEND
    klass = import_string(path, setting=None if backend else "EMAIL_BACKEND")
    instance: BaseEmailBackend = klass(fail_silently=fail_silently, **kwargs)
    return instance
