"""Read typed values from the environment for use in a settings module.

    from heron.conf import env
    DEBUG = env.bool("HERON_DEBUG", default=False)
    DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///db.sqlite3")}

A variable that is set but malformed raises ``ImproperlyConfigured`` naming the variable and
what was expected, so a typo in a deployment fails at start-up rather than at the first request.
"""

from __future__ import annotations

import builtins
import os
from typing import Any, TypeVar, overload
from urllib.parse import parse_qsl, unquote, urlsplit

from .exceptions import ImproperlyConfigured

__all__ = ["Env", "env", "parse_bool", "parse_database_url"]

_T = TypeVar("_T")
_MISSING: Any = object()

_TRUE = frozenset({"1", "true", "yes", "on", "y", "t"})
_FALSE = frozenset({"0", "false", "no", "off", "n", "f", ""})

_SCHEMES = {
    "sqlite": "sqlite",
    "sqlite3": "sqlite",
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "pgsql": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
}
_DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306}


def parse_bool(value: str, *, name: str = "value") -> bool:
    """Turn ``"1"/"true"/"yes"/"on"`` and ``"0"/"false"/"no"/"off"`` into a bool."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def parse_database_url(url: str, *, name: str = "database URL") -> dict[str, Any]:
    """Turn a database URL into a ``DATABASES`` entry.

    ``sqlite:///relative.db``, ``sqlite:////absolute.db``, ``sqlite://:memory:``,
    ``postgresql://user:pw@host:5432/db?sslmode=require``, ``mysql://user:pw@host/db``.
    Query parameters become ``OPTIONS``.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0].lower()
    engine = _SCHEMES.get(scheme)
    if engine is None:
        known = ", ".join(sorted({*_SCHEMES}))
        raise ImproperlyConfigured(
            f"{name} {url!r} has an unknown scheme {parts.scheme!r}; use one of: {known}."
        )
    options: dict[str, str] = dict(parse_qsl(parts.query))
    if engine == "sqlite":
        if parts.netloc == ":memory:" or parts.path in ("", "/:memory:", ":memory:"):
            db_name = ":memory:"
        else:
            # sqlite:///db.sqlite3 -> "db.sqlite3"; sqlite:////abs/db -> "/abs/db"
            db_name = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
            if not db_name:
                raise ImproperlyConfigured(
                    f"{name} {url!r} names no file: write sqlite:///db.sqlite3 "
                    "or sqlite://:memory:."
                )
        return {"ENGINE": "sqlite", "NAME": db_name, "OPTIONS": options, "URL": url}
    db_name = unquote(parts.path.lstrip("/"))
    if not db_name:
        raise ImproperlyConfigured(
            f"{name} {url!r} names no database: add it after the host, e.g. "
            f"{scheme}://user@localhost/mydb."
        )
    try:
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} {url!r} has an invalid port: {exc}.") from None
    return {
        "ENGINE": engine,
        "NAME": db_name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "localhost",
        "PORT": port or _DEFAULT_PORTS[engine],
        "OPTIONS": options,
        "URL": url,
    }


class Env:
    """Typed accessors for environment variables (``env.str``, ``env.bool``, ...)."""

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        self._environ = environ

    @property
    def environ(self) -> Any:
        return os.environ if self._environ is None else self._environ

    def _raw(self, name: str, default: Any) -> str | Any:
        value = self.environ.get(name)
        if value is None:
            if default is _MISSING:
                raise ImproperlyConfigured(
                    f"The environment variable {name} is not set: set it, or give a default "
                    f"in your settings (env.str({name!r}, default=...))."
                )
            return default
        return value

    @overload
    def str(self, name: builtins.str) -> builtins.str: ...
    @overload
    def str(self, name: builtins.str, default: _T) -> builtins.str | _T: ...
    def str(self, name: builtins.str, default: Any = _MISSING) -> Any:
        """Return the variable as text."""
        return self._raw(name, default)

    @overload
    def bool(self, name: builtins.str) -> builtins.bool: ...
    @overload
    def bool(self, name: builtins.str, default: _T) -> builtins.bool | _T: ...
    def bool(self, name: builtins.str, default: Any = _MISSING) -> Any:
        """Return the variable as a bool (1/0, true/false, yes/no, on/off)."""
        raw = self._raw(name, default)
        if raw is default and name not in self.environ:
            return raw
        return parse_bool(raw, name=name)

    @overload
    def int(self, name: builtins.str) -> builtins.int: ...
    @overload
    def int(self, name: builtins.str, default: _T) -> builtins.int | _T: ...
    def int(self, name: builtins.str, default: Any = _MISSING) -> Any:
        """Return the variable as an integer."""
        raw = self._raw(name, default)
        if name not in self.environ:
            return raw
        try:
            return builtins.int(raw.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None

    @overload
    def list(self, name: builtins.str) -> builtins.list[builtins.str]: ...
    @overload
    def list(self, name: builtins.str, default: _T) -> builtins.list[builtins.str] | _T: ...
    def list(self, name: builtins.str, default: Any = _MISSING) -> Any:
        """Return a comma-separated variable as a list of stripped, non-empty items."""
        raw = self._raw(name, default)
        if name not in self.environ:
            return raw
        return [item.strip() for item in raw.split(",") if item.strip()]

    def db(
        self, name: builtins.str = "DATABASE_URL", default: Any = _MISSING
    ) -> dict[builtins.str, Any]:
        """Return a ``DATABASES`` entry parsed from a database URL."""
        raw = self._raw(name, default)
        if isinstance(raw, dict):
            return raw
        return parse_database_url(raw, name=name)


env = Env()
