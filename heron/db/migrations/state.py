"""The project's models as the migration files describe them, and their historical classes.

A ``ModelState`` is a plain description of one model: app label, name, unbound fields and
``Meta`` options. A ``ProjectState`` holds every ``ModelState`` keyed by
``(app_label, model_name_lower)``; operations change it step by step. ``ProjectState.apps``
renders the states into *historical* model classes, in a registry of their own (never the
global one), so ``RunPython`` code and the executor see the schema as it was at that point of
the history, not today's classes.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from heron.db.models import registry as registry_module
from heron.db.models.base import Model, ModelBase
from heron.db.models.registry import get_registry, isolated_registry

from .exceptions import InvalidBasesError

if TYPE_CHECKING:
    from heron.db.models.base import Model
    from heron.db.models.fields.base import Field
    from heron.db.models.registry import Registry

__all__ = ["ModelState", "ProjectState", "StateApps", "clone_field", "reconstruct_field"]

# Meta options a ModelState keeps (only those that were set explicitly).
STATE_OPTIONS = (
    "constraints",
    "db_table",
    "default_related_name",
    "get_latest_by",
    "indexes",
    "managed",
    "ordering",
    "proxy",
    "swappable",
    "unique_together",
    "verbose_name",
    "verbose_name_plural",
)

# A proxy model shares its concrete model's table: these options belong to that model.
TABLE_OPTIONS = ("constraints", "db_table", "indexes", "unique_together")

HISTORICAL_MODULE = "__heron_historical__"


def reconstruct_field(field: Field[Any]) -> Field[Any]:
    """Build a fresh, unbound field from ``field.deconstruct()`` (works for bound fields)."""
    _, path, args, kwargs = field.deconstruct()
    module, _, name = path.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    new: Field[Any] = cls(*args, **kwargs)
    return new


def clone_field(field: Field[Any]) -> Field[Any]:
    """Return an unbound copy of ``field`` (reconstructed when it is attached to a model)."""
    if getattr(field, "model", None) is not None:
        return reconstruct_field(field)
    new = copy.copy(field)
    new.validators = list(field.validators)
    return new


class ModelState:
    """A model as the migrations know it: fields (unbound) and options, no class."""

    def __init__(
        self,
        app_label: str,
        name: str,
        fields: dict[str, Field[Any]] | Iterable[tuple[str, Field[Any]]],
        options: dict[str, Any] | None = None,
        bases: tuple[Any, ...] = (),
        managers: list[tuple[str, Any]] | None = None,
    ) -> None:
        self.app_label = app_label
        self.name = name
        # Fields attached to a model class are copied unbound (states never share fields).
        self.fields: dict[str, Field[Any]] = {
            name: clone_field(field) if getattr(field, "model", None) is not None else field
            for name, field in dict(fields).items()
        }
        self.options: dict[str, Any] = dict(options or {})
        self.options.setdefault("indexes", [])
        self.options.setdefault("constraints", [])
        self.bases = bases
        self.managers = list(managers or [])

    @property
    def name_lower(self) -> str:
        return self.name.lower()

    @property
    def key(self) -> tuple[str, str]:
        return (self.app_label, self.name_lower)

    @property
    def db_table(self) -> str:
        return str(self.options.get("db_table") or f"{self.app_label}_{self.name_lower}")

    def get_field(self, name: str) -> Field[Any]:
        try:
            return self.fields[name]
        except KeyError:
            raise LookupError(
                f"{self.app_label}.{self.name} has no field {name!r} in the migration state. "
                f"Its fields: {', '.join(self.fields) or '(none)'}."
            ) from None

    @property
    def is_proxy(self) -> bool:
        return bool(self.options.get("proxy"))

    @classmethod
    def from_model(cls, model: type[Model]) -> ModelState:
        """Describe a model class (today's, or a historical one). A proxy model has no
        fields; its ``bases`` name the model it proxies (``("app.Model",)``)."""
        opts = model._meta
        bases: tuple[Any, ...] = ()
        if opts.proxy:
            fields: dict[str, Field[Any]] = {}
            parent: Any = next(
                base
                for base in model.__bases__
                if "_meta" in vars(base) and not vars(base)["_meta"].abstract
            )
            bases = (parent._meta.label,)
        else:
            fields = {
                field.name: reconstruct_field(field)
                for field in [*opts.local_fields, *opts.local_many_to_many]
            }
        options: dict[str, Any] = {}
        for option in STATE_OPTIONS:
            if option not in opts.meta_values:
                continue
            if opts.proxy and option in TABLE_OPTIONS:
                continue
            if option == "proxy" and not opts.proxy:
                continue
            if option == "indexes":
                options[option] = [copy.copy(index) for index in opts.indexes]
            elif option == "constraints":
                options[option] = [copy.copy(constraint) for constraint in opts.constraints]
            elif option == "unique_together":
                options[option] = list(opts.unique_together)
            else:
                options[option] = copy.copy(opts.meta_values[option])
        return cls(opts.app_label, opts.object_name, fields, options, bases)

    def clone(self) -> ModelState:
        return ModelState(
            self.app_label,
            self.name,
            {name: clone_field(field) for name, field in self.fields.items()},
            {
                key: list(value) if isinstance(value, list) else copy.copy(value)
                for key, value in self.options.items()
            },
            self.bases,
            list(self.managers),
        )

    def render(self, apps: Registry) -> type[Model]:
        """Declare this model's historical class in ``apps`` (the registry being rendered)."""
        if registry_module.get_registry() is not apps:
            raise InvalidBasesError(
                "ModelState.render() runs inside StateApps rendering; use ProjectState.apps."
            )
        meta: dict[str, Any] = {"app_label": self.app_label}
        bases: tuple[type, ...] = (Model,)
        if self.is_proxy:
            bases = tuple(apps.get_model(base) for base in self.proxied_labels())
        else:
            meta["db_table"] = self.db_table
        for key, value in self.options.items():
            if key not in STATE_OPTIONS or key == "db_table":
                continue
            if self.is_proxy and key in TABLE_OPTIONS:
                continue
            meta[key] = list(value) if isinstance(value, list) else value
        attrs: dict[str, Any] = {
            "__module__": HISTORICAL_MODULE,
            "__qualname__": self.name,
            "Meta": type("Meta", (), meta),
        }
        for name, field in self.fields.items():
            attrs[name] = clone_field(field)
        model: type[Model] = ModelBase(self.name, bases, attrs)  # type: ignore[assignment]
        return model

    def proxied_labels(self) -> list[str]:
        """The ``"app.Model"`` labels of the models a proxy's class derives from."""
        labels = []
        for base in self.bases:
            if isinstance(base, str):
                labels.append(base if "." in base else f"{self.app_label}.{base}")
            elif hasattr(base, "_meta") and not base._meta.abstract:
                labels.append(base._meta.label)
        if not labels:
            raise InvalidBasesError(
                f"The proxy model {self.app_label}.{self.name} needs bases=('app.Model',) "
                "naming the model it proxies."
            )
        return labels

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ModelState):
            return NotImplemented
        if (self.app_label, self.name, list(self.fields)) != (
            other.app_label,
            other.name,
            list(other.fields),
        ):
            return False
        mine = [f.deconstruct()[1:] for f in self.fields.values()]
        theirs = [f.deconstruct()[1:] for f in other.fields.values()]
        if (self.is_proxy and other.is_proxy) and [b.lower() for b in self.proxied_labels()] != [
            b.lower() for b in other.proxied_labels()
        ]:
            return False
        return mine == theirs and self.options == other.options

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ModelState {self.app_label}.{self.name}>"


class StateApps:
    """The historical model classes of a ``ProjectState`` (a registry of their own)."""

    def __init__(self, models: dict[tuple[str, str], ModelState]) -> None:
        with isolated_registry() as registry:
            for state in _base_first(models):
                state.render(registry)
        self.registry: Registry = registry
        pending = registry.pending_models()
        if pending:
            raise InvalidBasesError(
                "The migration state has relations to models it does not contain: "
                f"{', '.join(pending)}. Add a dependency on the migration that creates them "
                "(their app must have migrations)."
            )

    def get_model(self, app_label: str, model_name: str | None = None) -> type[Model]:
        """Return the historical model ``("app_label", "Model")`` or ``"app_label.Model"``."""
        return self.registry.get_model(app_label, model_name)

    def get_models(self, app_label: str | None = None) -> list[type[Model]]:
        return self.registry.get_models(app_label)

    def __iter__(self) -> Iterator[type[Model]]:
        return iter(self.registry.get_models(include_auto_created=True))


def _base_first(models: dict[tuple[str, str], ModelState]) -> list[ModelState]:
    """The states in rendering order: every proxy after the model it proxies."""
    ordered: list[ModelState] = []
    done: set[str] = set()
    waiting = list(models.values())
    while waiting:
        ready = [
            state
            for state in waiting
            if not state.is_proxy or all(label.lower() in done for label in state.proxied_labels())
        ]
        if not ready:
            names = ", ".join(f"{s.app_label}.{s.name}" for s in waiting)
            raise InvalidBasesError(
                f"Cannot render the proxy model(s) {names}: the model they proxy is not in "
                "the migration state. Add a dependency on the migration that creates it."
            )
        for state in ready:
            ordered.append(state)
            done.add(f"{state.app_label}.{state.name}".lower())
            waiting.remove(state)
    return ordered


class ProjectState:
    """Every model of the project at one point of the migration history."""

    def __init__(self, models: dict[tuple[str, str], ModelState] | None = None) -> None:
        self.models: dict[tuple[str, str], ModelState] = dict(models or {})
        self._apps: StateApps | None = None

    @classmethod
    def from_apps(cls, models: Iterable[type[Model]] | Any = None) -> ProjectState:
        """The state of today's models: every registered model, or those of ``models`` (an
        iterable of model classes, or a registry with ``get_models()``)."""
        if models is None:
            models = get_registry().get_models()
        elif hasattr(models, "get_models"):
            models = models.get_models()
        state = cls()
        for model in models:
            opts = model._meta
            if opts.abstract or opts.auto_created:
                continue
            model_state = ModelState.from_model(model)
            state.models[model_state.key] = model_state
        return state

    @property
    def apps(self) -> StateApps:
        """The historical model classes (rendered on first use after each change)."""
        if self._apps is None:
            self._apps = StateApps(self.models)
        return self._apps

    def clone(self) -> ProjectState:
        return ProjectState({key: state.clone() for key, state in self.models.items()})

    def add_model(self, model_state: ModelState) -> None:
        self.models[model_state.key] = model_state
        self._apps = None

    def remove_model(self, app_label: str, model_name: str) -> None:
        del self.models[(app_label, model_name.lower())]
        self._apps = None

    def get_model_state(self, app_label: str, model_name: str) -> ModelState:
        try:
            return self.models[(app_label, model_name.lower())]
        except KeyError:
            known = ", ".join(
                sorted(s.name for s in self.models.values() if s.app_label == app_label)
            )
            raise LookupError(
                f"The migration state of app {app_label!r} has no model {model_name!r} "
                f"(models: {known or 'none'}). Check the migration's dependencies."
            ) from None

    def changed(self) -> None:
        """Forget the rendered classes after a ModelState was edited in place."""
        self._apps = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProjectState):
            return NotImplemented
        return self.models == other.models

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ProjectState: {len(self.models)} models>"
