"""The benchmark project as `heron new` sets it up: its MIDDLEWARE, sessions and accounts.

Users live in a SQLite file (``BENCH_SQLITE``, one per server run). Sessions use the cache
engine on Redis when ``HERON_BENCH_REDIS_URL`` is set, else the database engine.
"""

import os

from .new_project import new_project_middleware
from .settings import *  # noqa: F403

INSTALLED_APPS = ["heron.contrib.sessions", "heron.contrib.auth", "heron.contrib.messages"]
MIDDLEWARE = new_project_middleware()
DATABASES = {"default": {"ENGINE": "sqlite", "NAME": os.environ["BENCH_SQLITE"]}}

_REDIS_URL = os.environ.get("HERON_BENCH_REDIS_URL")
if _REDIS_URL:
    CACHES = {"default": {"BACKEND": "redis", "LOCATION": _REDIS_URL}}
    SESSION_ENGINE = "heron.contrib.sessions.backends.cache"
else:
    SESSION_ENGINE = "heron.contrib.sessions.backends.db"
