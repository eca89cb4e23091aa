"""The gunicorn peer with a signed-in user: sessions on Redis like the Heron side.

Sessions use Django's cache engine on its built-in RedisCache when ``HERON_BENCH_REDIS_URL``
is set and the ``redis`` package is installed (benchmarks/.venv-peers has it), else the
database engine. Users live in the per-run SQLite database of ``settings_wsgi``.
"""

import importlib.util
import os

from .settings_wsgi import *  # noqa: F403

_REDIS_URL = os.environ.get("HERON_BENCH_REDIS_URL")
if _REDIS_URL and importlib.util.find_spec("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _REDIS_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
