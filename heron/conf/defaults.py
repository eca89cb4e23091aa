"""Framework defaults for every setting.

A project's settings module overrides these; ``HERON_<NAME>`` environment variables override
both for settings whose default is a plain value (see ``heron.conf.settings``).
"""

from __future__ import annotations

from typing import Any

DEBUG = False
SECRET_KEY = ""
ALLOWED_HOSTS: list[str] = []
INSTALLED_APPS: list[str] = []
ROOT_URLCONF = ""
MIDDLEWARE: list[str] = [
    "heron.middleware.security.SecurityMiddleware",
    "heron.middleware.common.CommonMiddleware",
]
DATABASES: dict[str, dict[str, Any]] = {}
DATABASE_ROUTERS: list[Any] = []  # dotted paths or router instances (heron.db.routers)

# Templates
TEMPLATES_DIRS: list[str] = []

# URLs
APPEND_SLASH = True

# Proxies whose X-Forwarded-* headers are trusted (IP addresses of the direct peer).
TRUSTED_PROXIES: list[str] = []

# Request limits
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MiB of non-file body
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_SIZE = 100 * 1024 * 1024  # the whole multipart body
FILE_UPLOAD_TEMP_DIR: str | None = None

# Responses
DEFAULT_CHARSET = "utf-8"

# Security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SECURE_SSL_REDIRECT = False
X_FRAME_OPTIONS = "DENY"

# GZip
GZIP_MIN_LENGTH = 200

# Time
USE_TZ = True
TIME_ZONE = "UTC"

# Threads for plain ``def`` views
SYNC_VIEW_THREADS = 40

# Logging: ``None`` keeps Python's logging configuration as it is.
LOGGING: dict[str, Any] | None = None

# System checks to silence, by ID (e.g. ["urls.W001"]).
SILENCED_SYSTEM_CHECKS: list[str] = []
