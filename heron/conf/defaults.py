"""Framework defaults for every setting.

A project's settings module overrides these; ``HERON_<NAME>`` environment variables override
both for settings whose default is a plain value (see ``heron.conf.settings``).
"""

from __future__ import annotations

from typing import Any

DEBUG = False
SECRET_KEY = ""
# Old keys that still verify signatures while SECRET_KEY is rotated (heron.signing).
SECRET_KEY_FALLBACKS: list[str] = []
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
# Dotted paths to functions ``request -> dict`` whose values every template render gets.
TEMPLATES_CONTEXT_PROCESSORS: list[str] = []

# Static files (heron.contrib.staticfiles; see docs/static-files.md)
STATIC_URL = "/static/"
STATIC_ROOT: str | None = None  # where `heron collectstatic` copies the files
STATICFILES_DIRS: list[Any] = []  # directories, or (prefix, directory) pairs
STATICFILES_STORAGE = "heron.contrib.staticfiles.storage.StaticFilesStorage"
STATICFILES_SERVE = True  # serve STATIC_ROOT from the application when DEBUG is off

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
# Cross-Origin-Resource-Policy: "same-origin", "same-site", "cross-origin" or None (no header).
SECURE_CROSS_ORIGIN_RESOURCE_POLICY: str | None = "same-origin"
# Permissions-Policy, feature -> allowed origins: {"camera": [], "fullscreen": ["self"]}
# sends "camera=(), fullscreen=(self)"; None sends no header.
SECURE_PERMISSIONS_POLICY: dict[str, Any] | None = None

# CSRF (heron.middleware.csrf; see docs/security.md)
CSRF_COOKIE_NAME = "csrftoken"
CSRF_COOKIE_AGE: int | None = 60 * 60 * 24 * 365  # seconds; None: until the browser closes
CSRF_COOKIE_DOMAIN: str | None = None
CSRF_COOKIE_PATH = "/"
CSRF_COOKIE_SECURE = False
CSRF_COOKIE_HTTPONLY = False  # scripts may read it to send X-CSRFToken
CSRF_COOKIE_SAMESITE: str | None = "Lax"
CSRF_USE_SESSIONS = False  # keep the secret in request.session instead of a cookie
CSRF_HEADER_NAME = "X-CSRFToken"
# Other origins whose pages may post here: ["https://shop.example.com", "https://*.example.com"]
CSRF_TRUSTED_ORIGINS: list[str] = []
CSRF_FAILURE_VIEW = "heron.views.csrf.csrf_failure"

# Content-Security-Policy (heron.middleware.csp; see docs/security.md). Directive -> sources;
# a nonce is added to script-src and style-src on pages that use {{ csp_nonce }}.
CSP_POLICY: dict[str, Any] | None = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CSP_REPORT_ONLY_POLICY: dict[str, Any] | None = None  # sent as ...-Report-Only: not enforced
# Called as handler(request, reports) by heron.views.csp.csp_report for each valid report body.
CSP_REPORT_HANDLER: str | None = None
CSP_REPORT_MAX_SIZE = 64 * 1024  # bytes; larger report bodies get 413

# GZip
GZIP_MIN_LENGTH = 200

# Time
USE_TZ = True
TIME_ZONE = "UTC"

# Threads for plain ``def`` views
SYNC_VIEW_THREADS = 40

# Health probes (heron.asgi.health, docs/failure.md): answered before the middleware; a path
# of None turns its probe off.
HEALTH_CHECK_PATH: str | None = "/health"  # liveness: touches nothing
READY_CHECK_PATH: str | None = "/ready"  # readiness: every database and cache answers
READY_CHECK_TIMEOUT = 2.0  # seconds each check may take

# Logging: ``None`` keeps Python's logging configuration as it is.
LOGGING: dict[str, Any] | None = None

# Messages (heron.contrib.messages)
MESSAGE_LEVEL = 20  # INFO: debug messages are dropped
MESSAGE_TAGS: dict[int, str] = {}  # level -> CSS tag, merged over the defaults
MESSAGE_STORAGE = "heron.contrib.messages.storage.fallback.FallbackStorage"
MESSAGE_COOKIE_NAME = "messages"
MESSAGE_COOKIE_MAX_SIZE = 2048  # bytes; the oldest messages are dropped beyond it
MESSAGE_COOKIE_PATH = "/"
MESSAGE_COOKIE_DOMAIN: str | None = None
MESSAGE_COOKIE_SECURE = False
MESSAGE_COOKIE_SAMESITE = "Lax"

# Sessions (heron.contrib.sessions; see docs/sessions.md)
SESSION_ENGINE = "heron.contrib.sessions.backends.db"  # or .cache, .cached_db, .signed_cookies
SESSION_CACHE_ALIAS = "default"  # the CACHES entry of the cache and cached_db engines
SESSION_COOKIE_NAME = "sessionid"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14  # two weeks, in seconds
SESSION_COOKIE_DOMAIN: str | None = None
SESSION_COOKIE_PATH = "/"
SESSION_COOKIE_SECURE = False  # True in production (HTTPS): `heron check --deploy` says so
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE: str | None = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_SAVE_EVERY_REQUEST = False
SESSION_SERIALIZER = "heron.contrib.sessions.serializers.JSONSerializer"

# Cache (heron.cache; see docs/caching.md). Each alias: BACKEND, LOCATION, TIMEOUT (seconds;
# None = forever, 0 = do not cache), KEY_PREFIX, VERSION, KEY_FUNCTION, OPTIONS.
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "heron.cache.backends.locmem.LocMemCache"},
}
# The per-site cache middleware and cache_page's defaults.
CACHE_MIDDLEWARE_ALIAS = "default"
CACHE_MIDDLEWARE_SECONDS = 600
CACHE_MIDDLEWARE_KEY_PREFIX = ""

# Rate limits (heron.ratelimit; see docs/rate-limiting.md). Client addresses come from
# request.client_ip: the socket's peer, or what a proxy in TRUSTED_PROXIES forwarded.
RATELIMIT_ENABLE = True
RATELIMIT_CACHE = "default"  # the CACHES alias that holds the counters
RATELIMIT_KEY_PREFIX = "heron.rl"
RATELIMIT_IPV6_PREFIX = 64  # IPv6 clients are counted per /64 network

# Fixtures (heron.db.fixtures: loaddata, TestCase.fixtures): directories searched for bare
# fixture names after each installed app's fixtures/ directory.
FIXTURE_DIRS: list[str] = []

# System checks to silence, by ID (e.g. ["urls.W001"]).
SILENCED_SYSTEM_CHECKS: list[str] = []

# Email (heron.mail; see docs/email.md)
EMAIL_BACKEND = "heron.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "localhost"
EMAIL_PORT = 25
EMAIL_HOST_USER = ""
EMAIL_HOST_PASSWORD = ""
EMAIL_USE_TLS = False  # STARTTLS on a plain connection (usually port 587)
EMAIL_USE_SSL = False  # TLS from the first byte (usually port 465); not with EMAIL_USE_TLS
EMAIL_TIMEOUT = 30.0  # seconds per socket operation, so a dead server never hangs a request
EMAIL_SSL_CERTFILE: str | None = None  # client certificate, if the server asks for one
EMAIL_SSL_KEYFILE: str | None = None
EMAIL_FILE_PATH: str | None = None  # directory of the file backend
DEFAULT_FROM_EMAIL = "webmaster@localhost"
SERVER_EMAIL = "root@localhost"  # sender of mail_admins() / mail_managers()
ADMINS: list[Any] = []  # "ops@example.com" or ("Ops", "ops@example.com")
MANAGERS: list[Any] = []
EMAIL_SUBJECT_PREFIX = "[Heron] "

# Passwords (heron.contrib.auth.hashers / password_validation; see docs/passwords.md)
# The first hasher hashes new passwords; all of them are accepted when checking one.
PASSWORD_HASHERS: list[str] = [
    "heron.contrib.auth.hashers.Argon2PasswordHasher",
    "heron.contrib.auth.hashers.PBKDF2PasswordHasher",
    "heron.contrib.auth.hashers.ScryptPasswordHasher",
]
# Dicts {"NAME": dotted path, "OPTIONS": {...}}; validate_password() runs them all. On by
# default (secure defaults); set [] to accept any password.
AUTH_PASSWORD_VALIDATORS: list[dict[str, Any]] = [
    {"NAME": "heron.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "heron.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "heron.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "heron.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Auth (heron.contrib.auth; see docs/auth.md) ---------------------------------------------
AUTH_USER_MODEL = "auth.User"  # "app_label.ModelName" of the user model in use
AUTHENTICATION_BACKENDS = ["heron.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "/accounts/login/"  # a path or a URL name
LOGIN_REDIRECT_URL = "/accounts/profile/"
LOGOUT_REDIRECT_URL: str | None = None  # None: show the "signed out" page
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # seconds a reset link stays valid (3 days)
AUTH_LOGIN_RATE = "5/15m"  # failed sign-ins allowed per account and per client address
