"""``connections``: one ``DatabaseWrapper`` per alias in ``settings.DATABASES``.

Wrappers are built on first use and rebuilt when ``DATABASES`` changes (the old ones are
closed). Nothing here imports a driver: a wrapper opens its pool on its first query.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from heron.conf import ImproperlyConfigured, settings
from heron.conf.settings import on_change

from .exceptions import ConnectionDoesNotExist

if TYPE_CHECKING:
    from .backends.base.wrapper import DatabaseWrapper

__all__ = ["DEFAULT_DB_ALIAS", "ConnectionHandler", "connection", "connections", "load_backend"]

DEFAULT_DB_ALIAS = "default"

_BUILTIN = {
    "sqlite": "sqlite",
    "sqlite3": "sqlite",
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
}


def load_backend(engine: str) -> type[DatabaseWrapper]:
    """Return the ``DatabaseWrapper`` class for ``ENGINE`` (a built-in name or a package)."""
    short = _BUILTIN.get(
        engine.rsplit(".", 1)[-1] if engine.startswith("heron.db.backends.") else engine
    )
    package = f"heron.db.backends.{short}" if short else engine
    try:
        module = importlib.import_module(f"{package}.wrapper")
    except ModuleNotFoundError as exc:
        if exc.name and f"{package}.wrapper".startswith(exc.name):
            raise ImproperlyConfigured(
                f"ENGINE {engine!r} is not a database backend: use 'sqlite', 'postgresql' or "
                "'mysql', or the dotted path of a package with a wrapper module."
            ) from exc
        raise
    wrapper_class: type[DatabaseWrapper] = module.DatabaseWrapper
    return wrapper_class


class ConnectionHandler:
    """Map database aliases to wrappers; ``connections["default"]``."""

    def __init__(self, databases: dict[str, dict[str, Any]] | None = None) -> None:
        self._explicit = databases
        self._wrappers: dict[str, DatabaseWrapper] = {}
        self._retired: list[DatabaseWrapper] = []
        self._lock = threading.Lock()

    @property
    def databases(self) -> dict[str, dict[str, Any]]:
        if self._explicit is not None:
            return self._explicit

        databases: dict[str, dict[str, Any]] = settings.DATABASES
        return databases

    def __getitem__(self, alias: str) -> DatabaseWrapper:
        wrapper = self._wrappers.get(alias)
        if wrapper is not None:
            return wrapper
        with self._lock:
            wrapper = self._wrappers.get(alias)
            if wrapper is None:
                wrapper = self._build(alias)
                self._wrappers[alias] = wrapper
        return wrapper

    def _build(self, alias: str) -> DatabaseWrapper:
        databases = self.databases
        if alias not in databases:
            configured = ", ".join(repr(a) for a in databases) or "none"
            raise ConnectionDoesNotExist(
                f"The database alias {alias!r} is not in DATABASES (configured: {configured})."
            )
        settings_dict = databases[alias]
        engine = settings_dict.get("ENGINE")
        if not engine:
            raise ImproperlyConfigured(
                f"DATABASES[{alias!r}] has no ENGINE; build it with "
                "env.db('DATABASE_URL', default='sqlite:///db.sqlite3')."
            )
        return load_backend(str(engine))(dict(settings_dict), alias)

    def __iter__(self) -> Iterator[str]:
        return iter(self.databases)

    def __contains__(self, alias: object) -> bool:
        return alias in self.databases

    def all(self, *, initialized_only: bool = False) -> list[DatabaseWrapper]:
        """The wrappers of all aliases (only those already built, if asked)."""
        if initialized_only:
            return list(self._wrappers.values())
        return [self[alias] for alias in self]

    def reset(self) -> None:
        """Forget the wrappers (closing their sync pools); the next access rebuilds them."""
        with self._lock:
            old, self._wrappers = list(self._wrappers.values()), {}
        for wrapper in old:
            wrapper.close()
        self._retired.extend(old)

    def close_all(self) -> None:
        """Close every sync pool (and SQLite connection). Pools reopen on the next query.

        Async pools need their event loop: close them with ``aclose_all()`` or
        ``aclose_async_pools()`` from that loop.
        """
        for wrapper in [*self._retired, *self._wrappers.values()]:
            wrapper.close()
        self._retired = [w for w in self._retired if w.has_async_pools]

    async def aclose_async_pools(self) -> None:
        """Close the running event loop's async pools; call it before the loop ends."""
        for wrapper in [*self._retired, *self._wrappers.values()]:
            await wrapper.aclose_async_pools()
        self._retired = [w for w in self._retired if w.has_async_pools]

    async def aclose_all(self) -> None:
        """Close every pool (the lifespan shutdown hook): this loop's async ones and sync."""
        await self.aclose_async_pools()
        self.close_all()


connections = ConnectionHandler()


def _on_settings_change(names: set[str]) -> None:
    if "DATABASES" in names and connections._wrappers:
        connections.reset()


def _listen() -> None:
    on_change(_on_settings_change)


_listen()


class _DefaultConnection:
    """``heron.db.connection``: the default alias's wrapper, looked up on every use."""

    def __getattr__(self, name: str) -> Any:
        return getattr(connections[DEFAULT_DB_ALIAS], name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(connections[DEFAULT_DB_ALIAS], name, value)

    def __eq__(self, other: object) -> bool:
        return connections[DEFAULT_DB_ALIAS] == other

    def __hash__(self) -> int:
        return hash(connections[DEFAULT_DB_ALIAS])

    def __repr__(self) -> str:
        return f"<connection proxy to {DEFAULT_DB_ALIAS!r}>"


connection = cast("DatabaseWrapper", _DefaultConnection())
