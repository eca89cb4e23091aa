"""Settings of the demo site; HERON_<NAME> environment variables override any of them."""

from pathlib import Path

from heron.conf import env

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.bool("HERON_DEBUG", default=True)
SECRET_KEY = env.str(
    "HERON_SECRET_KEY", default="dev-insecure-example-key-do-not-use-in-production" if DEBUG else ""
)
ALLOWED_HOSTS = env.list("HERON_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "heron.contrib.admin",
    "heron.contrib.sessions",
    "accounts",  # before the auth app, so its registration/ templates win
    "heron.contrib.auth",
    "heron.contrib.messages",
    "heron.contrib.staticfiles",
    "pages",
    "polls",
]

MIDDLEWARE = [
    "heron.middleware.security.SecurityMiddleware",
    "heron.middleware.csp.ContentSecurityPolicyMiddleware",
    "heron.contrib.sessions.middleware.SessionMiddleware",
    "heron.middleware.common.CommonMiddleware",
    "heron.middleware.csrf.CsrfViewMiddleware",
    "heron.contrib.auth.middleware.AuthenticationMiddleware",
    "heron.contrib.messages.middleware.MessageMiddleware",
]
# Heron's default CSP_POLICY applies: scripts, styles and images from this site only
# (see docs/security.md). Over HTTPS in production, also set CSRF_COOKIE_SECURE = True.

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}

ROOT_URLCONF = "demo.urls"

# Accounts (docs/auth.md): sign in, sign out and password reset under /accounts/. Reset
# emails are printed to the console (`make run` shows them).
AUTH_USER_MODEL = "accounts.User"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
EMAIL_BACKEND = env.str("HERON_EMAIL_BACKEND", default="heron.mail.backends.console.EmailBackend")

# Static files: app static/ folders in development; `heron collectstatic` copies them, with
# content-hashed names, to STATIC_ROOT for production (served by `heron serve`).
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_STORAGE = "heron.contrib.staticfiles.storage.ManifestStaticFilesStorage"
