"""Functions every template can call: ``url()`` and ``static()``."""

from __future__ import annotations

from typing import Any

from heron.conf import settings
from heron.core.extensions import template_globals
from heron.urls import reverse

__all__ = ["DEFAULT_STATIC_URL", "static", "url"]

DEFAULT_STATIC_URL = "/static/"


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    """Return the path of the named URL: ``{{ url('polls:detail', question.id) }}``."""
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def static(path: str) -> str:
    """Return the public URL of a static file: ``{{ static('polls/style.css') }}``.

    This is ``STATIC_URL + path``. With ``heron.contrib.staticfiles`` installed, its
    ``static_url`` answers instead (registered from its ``ready()`` in
    ``heron.core.extensions.template_globals``), so the configured ``STATICFILES_STORAGE``
    answers: ``ManifestStaticFilesStorage`` gives the content-hashed name from the manifest.
    """
    resolver = template_globals.get("static")
    if resolver is not None and resolver is not static:
        return str(resolver(path))
    prefix = getattr(settings, "STATIC_URL", None) or DEFAULT_STATIC_URL
    if not prefix.endswith("/"):
        prefix += "/"
    return prefix + path.lstrip("/")
