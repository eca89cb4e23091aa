"""The settings object: framework defaults, then the project module, then the environment.

``heron.conf.settings`` is a proxy to the settings currently in force. ``heron.setup()`` loads
them once; ``settings.configure(...)`` builds them from keyword arguments (for scripts and
tests that have no settings module). Reading a setting before either raises
``SettingsNotConfigured``, whose message says to call ``heron.setup()``.

Environment overrides: for every setting whose default is a plain value (bool, int, float,
str, list), an environment variable ``HERON_<NAME>`` replaces the value, parsed by the type of
the default (lists are comma-separated). ``HERON_SETTINGS_MODULE`` names the module itself.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

from . import defaults
from .env import parse_bool
from .exceptions import ImproperlyConfigured, SettingsNotConfigured

__all__ = ["LazySettings", "Settings", "on_change", "rooted_url", "settings"]

_ENV_PREFIX = "HERON_"
# Names that are never read from HERON_<NAME> (they are not settings, or too structured).
_NOT_FROM_ENV = frozenset({"SETTINGS_MODULE", "DATABASES", "LOGGING"})


# URL settings a relative value ("static/", what Django's startproject writes) is made rooted
# for: the browser would resolve it against each page ("/polls/static/...").
_ROOTED_URL_SETTINGS = frozenset({"STATIC_URL", "MEDIA_URL"})


def rooted_url(value: Any) -> Any:
    """Return ``value`` rooted at the site (``"static/"`` -> ``"/static/"``).

    Absolute paths, URLs with a scheme or a host (``https://cdn.example.com/s/``,
    ``//cdn.example.com/s/``) and empty values are returned unchanged. Heron serves the site
    at the root of its host (there is no script-name prefix), so rooted means ``"/" + value``.
    """
    if isinstance(value, str) and value and not value.startswith("/") and "://" not in value:
        return "/" + value
    return value


def _is_setting(name: str) -> bool:
    return name.isupper() and not name.startswith("_")


def _from_env(name: str, raw: str, default: Any) -> Any:
    var = _ENV_PREFIX + name
    if isinstance(default, bool):
        return parse_bool(raw, name=var)
    if isinstance(default, int):
        try:
            return int(raw.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{var}={raw!r} is not an integer.") from None
    if isinstance(default, float):
        try:
            return float(raw.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{var}={raw!r} is not a number.") from None
    if isinstance(default, list | tuple):
        return [item.strip() for item in raw.split(",") if item.strip()]
    return raw


class Settings:
    """An immutable-by-convention bag of upper-case settings."""

    def __init__(
        self,
        module: str | ModuleType | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> None:
        self.SETTINGS_MODULE: str | None = None
        for name in dir(defaults):
            if _is_setting(name):
                setattr(self, name, _copy(getattr(defaults, name)))
        if module is not None:
            mod = self._import(module) if isinstance(module, str) else module
            self.SETTINGS_MODULE = mod.__name__
            for name in dir(mod):
                if _is_setting(name):
                    setattr(self, name, getattr(mod, name))
        for name, value in overrides.items():
            if not _is_setting(name):
                raise ImproperlyConfigured(
                    f"Setting names are upper case; got {name!r}. Did you mean {name.upper()!r}?"
                )
            setattr(self, name, value)
        environ = os.environ if environ is None else environ
        for key, raw in environ.items():
            if not key.startswith(_ENV_PREFIX):
                continue
            name = key[len(_ENV_PREFIX) :]
            if name in _NOT_FROM_ENV or not hasattr(self, name) or name in overrides:
                continue
            current = getattr(self, name)
            if current is None or isinstance(current, bool | int | float | str | list | tuple):
                setattr(self, name, _from_env(name, raw, current))
        self.validate()

    @staticmethod
    def _import(path: str) -> ModuleType:
        try:
            return importlib.import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name and path.startswith(exc.name):
                raise ImproperlyConfigured(
                    f"The settings module {path!r} could not be imported: {exc}. Check "
                    "HERON_SETTINGS_MODULE, --settings or [tool.heron] settings in "
                    "pyproject.toml, and that the project directory is on sys.path."
                ) from exc
            raise

    def __setattr__(self, name: str, value: Any) -> None:
        # Every way in (defaults, module, overrides, environment, override_settings) sets here.
        if name in _ROOTED_URL_SETTINGS:
            value = rooted_url(value)
        object.__setattr__(self, name, value)

    def validate(self) -> None:
        """Raise ``ImproperlyConfigured`` for settings that cannot work together."""
        if not self.DEBUG and not self.SECRET_KEY:
            raise ImproperlyConfigured(
                "SECRET_KEY is empty and DEBUG is off. Set SECRET_KEY in your settings "
                "(e.g. SECRET_KEY = env.str('HERON_SECRET_KEY')) to a long random value."
            )
        for name in ("INSTALLED_APPS", "MIDDLEWARE", "ALLOWED_HOSTS", "TEMPLATES_DIRS"):
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, list | tuple):
                raise ImproperlyConfigured(
                    f"{name} must be a list of strings, not {type(value).__name__}: "
                    f"write {name} = [{value!r}]."
                )
        if not isinstance(self.DATABASES, dict):
            raise ImproperlyConfigured(
                "DATABASES must be a dict of aliases, e.g. "
                "{'default': env.db('DATABASE_URL', default='sqlite:///db.sqlite3')}."
            )

    def is_overridden(self, name: str) -> bool:
        return getattr(self, name, None) != getattr(defaults, name, None)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if _is_setting(k)}

    def __repr__(self) -> str:
        return f"<Settings {self.SETTINGS_MODULE or '(configured)'}>"

    # Settings are read as attributes; this tells type checkers any upper-case name may exist.
    def __getattr__(self, name: str) -> Any:
        raise AttributeError(
            f"There is no setting {name!r}. Define it in your settings module "
            "or check the spelling."
        )


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


_listeners: list[Callable[[set[str]], None]] = []


def on_change(callback: Callable[[set[str]], None]) -> Callable[[set[str]], None]:
    """Register ``callback(names)``, called when settings are replaced or overridden."""
    _listeners.append(callback)
    return callback


def _notify(names: set[str]) -> None:
    for callback in list(_listeners):
        callback(names)


class LazySettings:
    """The process-wide proxy behind ``heron.conf.settings``."""

    def __init__(self) -> None:
        object.__setattr__(self, "_wrapped", None)

    @property
    def configured(self) -> bool:
        return self._wrapped is not None

    def configure(self, module: str | ModuleType | None = None, **overrides: Any) -> Settings:
        """Install settings built from ``module`` and keyword overrides, replacing any."""
        new = Settings(module, **overrides)
        self._install(new)
        return new

    def _install(self, new: Settings | None) -> None:
        old = self._wrapped
        object.__setattr__(self, "_wrapped", new)
        names = set(new.as_dict()) if new is not None else set()
        if old is not None:
            names |= set(old.as_dict())
        _notify(names)

    def _setup_required(self) -> Settings:
        wrapped: Settings | None = self._wrapped
        if wrapped is None:
            raise SettingsNotConfigured(
                "Settings are not configured. Call heron.setup() first (the CLI, "
                "get_application() and the pytest plugin do it for you), or "
                "settings.configure(...) in a standalone script."
            )
        return wrapped

    def __getattr__(self, name: str) -> Any:
        return getattr(self._setup_required(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._setup_required(), name, value)
        _notify({name})

    def __delattr__(self, name: str) -> None:
        delattr(self._setup_required(), name)
        _notify({name})

    def __dir__(self) -> Iterator[str]:
        return iter(dir(self._setup_required()))

    def __repr__(self) -> str:
        return f"<LazySettings wrapping {self._wrapped!r}>"


settings = LazySettings()
