"""Benchmark settings: production-like (DEBUG off), framework-default MIDDLEWARE, no database."""

from heron.conf import env

DEBUG = False
# Fixed, long enough to pass `heron serve`'s deployment checks; benchmarks only, never deploy it.
SECRET_KEY = env.str(
    "HERON_SECRET_KEY",
    default="bench-only-4f9c2e7a1b8d6035e2a9c7f1d4b8e6a0c3f5d7b9e1a2c4f6d8b0e2a4c6f8",
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS: list[str] = []
ROOT_URLCONF = "benchsite.urls"
# MIDDLEWARE is deliberately not set: the framework defaults are what is measured.
