"""Database routers: which alias a model's reads and writes use (``DATABASE_ROUTERS``).

``DATABASE_ROUTERS`` is a list of routers (instances, or dotted paths of a class, which is
instantiated, or of an object). A router may define any of

* ``db_for_read(model, **hints)`` / ``db_for_write(model, **hints)``: an alias or None;
* ``allow_relation(obj1, obj2, **hints)``: True, False or None;
* ``allow_migrate(db, app_label, model_name=None, **hints)``: True, False or None.

``heron.db.router`` (this module's ``router``) asks them in order and the first answer that
is not None wins. With no answer, reads and writes go to the alias of the ``instance`` hint
(the database it was loaded from) or to ``"default"``; a relation is allowed between
objects of the same database; migrating (creating tables) is allowed. ``.using(alias)``
and ``using=`` always win over routers.
"""

from __future__ import annotations

from typing import Any

from heron._internal.imports import import_string
from heron.conf import settings
from heron.conf.settings import on_change

from .handler import DEFAULT_DB_ALIAS

__all__ = ["ConnectionRouter", "router"]


class ConnectionRouter:
    """Asks the configured routers; ``heron.db.router`` is the instance to use."""

    def __init__(self, routers: list[Any] | None = None) -> None:
        self._explicit = routers
        self._routers: list[Any] | None = None

    @property
    def routers(self) -> list[Any]:
        routers = self._routers
        if routers is None:
            routers = self._routers = self._load()
        return routers

    def _load(self) -> list[Any]:
        if self._explicit is not None:
            entries = self._explicit
        else:
            if not settings.configured:
                return []
            entries = list(getattr(settings, "DATABASE_ROUTERS", None) or [])
        loaded = []
        for entry in entries:
            if isinstance(entry, str):
                entry = import_string(entry, setting="DATABASE_ROUTERS")
                if isinstance(entry, type):
                    entry = entry()
            loaded.append(entry)
        return loaded

    def reset(self) -> None:
        """Forget the loaded routers (done when ``DATABASE_ROUTERS`` changes)."""
        self._routers = None

    def _route(self, method: str, model: type[Any], hints: dict[str, Any]) -> str:
        for entry in self.routers:
            chooser = getattr(entry, method, None)
            if chooser is not None:
                alias = chooser(model, **hints)
                if alias is not None:
                    return str(alias)
        instance = hints.get("instance")
        if instance is not None:
            alias = instance._state.db
            if alias is not None:
                return str(alias)
        return DEFAULT_DB_ALIAS

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        """The alias ``model``'s reads use when no ``.using()`` is given."""
        # Every query asks: the common case (no routers, no hints) costs one attribute read.
        if self._routers == [] and not hints:
            return DEFAULT_DB_ALIAS
        if not self.routers and "instance" not in hints:
            return DEFAULT_DB_ALIAS
        return self._route("db_for_read", model, hints)

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        """The alias ``model``'s writes use when no ``.using()`` / ``using=`` is given."""
        if self._routers == [] and not hints:
            return DEFAULT_DB_ALIAS
        if not self.routers and "instance" not in hints:
            return DEFAULT_DB_ALIAS
        return self._route("db_for_write", model, hints)

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        """May ``obj1`` and ``obj2`` be related? (Default: when they share a database.)"""
        for entry in self.routers:
            method = getattr(entry, "allow_relation", None)
            if method is not None:
                allowed = method(obj1, obj2, **hints)
                if allowed is not None:
                    return bool(allowed)
        db1 = obj1._state.db or DEFAULT_DB_ALIAS
        db2 = obj2._state.db or DEFAULT_DB_ALIAS
        return bool(db1 == db2)

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        """May tables of ``app_label`` (``model_name=``, ``model=`` hints) live on ``db``?"""
        for entry in self.routers:
            method = getattr(entry, "allow_migrate", None)
            if method is not None:
                allowed = method(db, app_label, **hints)
                if allowed is not None:
                    return bool(allowed)
        return True

    def allow_migrate_model(self, db: str, model: type[Any]) -> bool:
        opts = model._meta
        return self.allow_migrate(db, opts.app_label, model_name=opts.model_name, model=model)


router = ConnectionRouter()


def _on_settings_change(names: set[str]) -> None:
    if "DATABASE_ROUTERS" in names:
        router.reset()


on_change(_on_settings_change)
