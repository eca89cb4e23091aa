"""The Django peer as it is deployed on gunicorn sync workers.

The same settings as ``settings.py`` (DEBUG off, startproject's middleware), with plain
``def`` views (under WSGI an ``async def`` view would cost an event loop per request) and a
database with persistent connections (``CONN_MAX_AGE``), as production settings have. The
benchmark endpoints do not query it; it is there so Django's per-request connection
handling is the deployed one.
"""

import os
import tempfile
from pathlib import Path

from .settings import *  # noqa: F403

ROOT_URLCONF = "djsite.urls_wsgi"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get(
            "DJANGO_BENCH_DB", str(Path(tempfile.gettempdir()) / "heron-bench-django.sqlite3")
        ),
        "CONN_MAX_AGE": None,  # keep each worker's connection for its lifetime
    }
}
