"""The model registry: every declared model by ``app_label.ModelName``, plus pending links.

A relation to a model not declared yet (``ForeignKey("Tag")``) waits here until that model
registers. Each registry owns the SQLAlchemy ``MetaData`` its tables are built on.

Tests declare throwaway models inside ``isolated_registry()``, which installs a fresh registry
for the duration of the block so names never clash with the real ones.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import MetaData

    from .base import Model

__all__ = [
    "Registry",
    "get_model",
    "get_models",
    "get_registry",
    "isolated_registry",
]


class Registry:
    """Models by app label and lower-case model name, and the callbacks waiting for them."""

    def __init__(self) -> None:
        self.all_models: dict[str, dict[str, type[Model]]] = {}
        self._pending: dict[tuple[str, str], list[Callable[[type[Model]], None]]] = {}
        self._metadata: MetaData | None = None
        self._lock = threading.RLock()

    def register(self, model: type[Model]) -> None:
        """Add ``model`` and run the callbacks waiting for it."""
        opts = model._meta
        with self._lock:
            models = self.all_models.setdefault(opts.app_label, {})
            existing = models.get(opts.model_name)
            if existing is not None and existing is not model:
                same = (existing.__module__, existing.__qualname__) == (
                    model.__module__,
                    model.__qualname__,
                )
                if not same:
                    raise TypeError(
                        f"Conflicting models in app {opts.app_label!r}: "
                        f"{existing.__module__}.{existing.__qualname__} and "
                        f"{model.__module__}.{model.__qualname__} are both "
                        f"{opts.label}. Rename one, or set Meta.app_label."
                    )
            models[opts.model_name] = model
            waiting = self._pending.pop((opts.app_label, opts.model_name), [])
        for callback in waiting:
            callback(model)

    def get_model(self, app_label: str, model_name: str | None = None) -> type[Model]:
        """Return the model ``"app_label.ModelName"`` (or given as two arguments)."""
        if model_name is None:
            if app_label.count(".") != 1:
                raise ValueError(
                    f"Model labels look like 'app_label.ModelName', not {app_label!r}."
                )
            app_label, model_name = app_label.split(".")
        try:
            return self.all_models[app_label][model_name.lower()]
        except KeyError:
            if app_label not in self.all_models:
                known = ", ".join(sorted(self.all_models)) or "(none)"
                raise LookupError(
                    f"No app {app_label!r} has models. Apps with models: {known}."
                ) from None
            names = ", ".join(m.__name__ for m in self.all_models[app_label].values())
            raise LookupError(
                f"App {app_label!r} has no model {model_name!r}. Its models: {names}."
            ) from None

    def get_models(
        self, app_label: str | None = None, *, include_auto_created: bool = False
    ) -> list[type[Model]]:
        """Return the registered models (of one app), in declaration order."""
        if app_label is not None:
            groups = [self.all_models.get(app_label, {})]
        else:
            groups = list(self.all_models.values())
        return [
            model
            for group in groups
            for model in group.values()
            if include_auto_created or not model._meta.auto_created
        ]

    def lazy_model_operation(
        self, callback: Callable[[type[Model]], None], app_label: str, model_name: str
    ) -> None:
        """Call ``callback(model)`` now if the model is registered, else once it registers."""
        key = (app_label, model_name.lower())
        with self._lock:
            model = self.all_models.get(key[0], {}).get(key[1])
            if model is None:
                self._pending.setdefault(key, []).append(callback)
                return
        callback(model)

    def resolve_relation(
        self, model: type[Model], to: Any, callback: Callable[[type[Model]], None]
    ) -> None:
        """Resolve a relation target (class, "self", "Name", "app.Name") for ``model``."""
        # cycle: base -> registry
        from .base import ModelBase

        if isinstance(to, ModelBase):
            if to._meta.abstract:
                raise TypeError(
                    f"{model._meta.label} points at the abstract model {to.__name__}; "
                    "relations need a concrete model."
                )
            callback(to)  # type: ignore[arg-type]
            return
        if not isinstance(to, str):
            raise TypeError(f"A relation target is a model class or a string, not {to!r}.")
        if to == "self":
            app_label, name = model._meta.app_label, model._meta.model_name
        elif "." in to:
            app_label, _, name = to.rpartition(".")
        else:
            app_label, name = model._meta.app_label, to
        self.lazy_model_operation(callback, app_label, name)

    def pending_models(self) -> list[str]:
        """Return the labels that relations point at but that were never declared."""
        return sorted(f"{app}.{name}" for app, name in self._pending)

    def metadata(self) -> MetaData:
        """Return the SQLAlchemy ``MetaData`` the tables of this registry are built on."""
        if self._metadata is None:
            import sqlalchemy as sa

            self._metadata = sa.MetaData()
        return self._metadata

    def build_metadata(self) -> MetaData:
        """Build the table of every concrete model and return the ``MetaData`` holding them."""
        for model in self.get_models(include_auto_created=True):
            if not model._meta.proxy:
                model._meta.table()
        return self.metadata()

    def clear(self) -> None:
        """Forget every model and pending relation."""
        with self._lock:
            self.all_models.clear()
            self._pending.clear()
            self._metadata = None


_current = Registry()


def get_registry() -> Registry:
    """Return the registry new model classes register in."""
    return _current


def get_model(label: str, model_name: str | None = None) -> type[Model]:
    """Return a model of the current registry by ``"app_label.ModelName"``."""
    return _current.get_model(label, model_name)


def get_models(
    app_label: str | None = None, *, include_auto_created: bool = False
) -> list[type[Model]]:
    """Return the models of the current registry (of one app)."""
    return _current.get_models(app_label, include_auto_created=include_auto_created)


@contextmanager
def isolated_registry() -> Iterator[Registry]:
    """Install a fresh registry for the block; models declared inside stay inside."""
    global _current
    saved = _current
    _current = Registry()
    try:
        yield _current
    finally:
        _current = saved
