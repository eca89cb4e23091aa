"""Functions every template can call: ``url()`` and ``static()``."""

from __future__ import annotations

from typing import Any

from heron.conf import settings

__all__ = ["DEFAULT_STATIC_URL", "static", "url"]

DEFAULT_STATIC_URL = "/static/"


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    """Return the path of the named URL: ``{{ url('polls:detail', question.id) }}``."""
    from heron.urls import reverse  # imported late: the URL room may not be set up yet

    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def static(path: str) -> str:
    """Return the public URL of a static file: ``{{ static('polls/style.css') }}``.

    With the plain storage this is ``STATIC_URL + path``. Another ``STATICFILES_STORAGE``
    answers for itself: ``ManifestStaticFilesStorage`` gives the content-hashed name from
    the manifest when DEBUG is off (``/static/polls/style.3f2a9c1b7e4d.css``) and raises
    an error naming the file and ``heron collectstatic`` when the manifest lacks it.
    """
    storage = getattr(settings, "STATICFILES_STORAGE", None)
    if storage and storage != "heron.contrib.staticfiles.storage.StaticFilesStorage":
        # The storage is named by a setting, like middleware: imported only when chosen.
        from heron.contrib.staticfiles.storage import static_url

        return static_url(path)
    prefix = getattr(settings, "STATIC_URL", None) or DEFAULT_STATIC_URL
    if not prefix.endswith("/"):
        prefix += "/"
    return prefix + path.lstrip("/")
