"""``Options``: what ``Model._meta`` knows about a model (its ``Meta`` plus its fields)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from heron.conf import settings

from .exceptions import FieldDoesNotExist

if TYPE_CHECKING:
    from sqlalchemy import Table

    from .base import Model
    from .constraints import BaseConstraint
    from .fields.base import Field
    from .indexes import Index
    from .registry import Registry
    from .related import Relation

__all__ = ["META_OPTIONS", "Options"]

META_OPTIONS = (
    "abstract",
    "app_label",
    "constraints",
    "db_table",
    "default_permissions",
    "default_related_name",
    "get_latest_by",
    "indexes",
    "managed",
    "ordering",
    "permissions",
    "proxy",
    "swappable",
    "unique_together",
    "verbose_name",
    "verbose_name_plural",
)
"""Every option a model's ``Meta`` may set; anything else is a TypeError."""

INHERITED_OPTIONS = (
    "constraints",
    "default_related_name",
    "get_latest_by",
    "indexes",
    "ordering",
    "unique_together",
)
"""Options a model takes from its abstract parents when its own Meta does not set them."""


def read_meta(meta: type | None, model_name: str) -> dict[str, Any]:
    """Return the options set on ``meta`` (and its bases); raise TypeError for unknown ones."""
    if meta is None:
        return {}
    values: dict[str, Any] = {}
    for klass in reversed(meta.__mro__[:-1]):
        for key, value in vars(klass).items():
            if key.startswith("_"):
                continue
            if key not in META_OPTIONS:
                raise TypeError(
                    f"{model_name}.Meta has an unknown option {key!r}. "
                    f"Valid options: {', '.join(META_OPTIONS)}."
                )
            values[key] = value
    return values


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name).lower().strip()


class Options:
    """Metadata of one model class; reached as ``Model._meta``."""

    def __init__(
        self,
        model: type[Model],
        meta: dict[str, Any],
        *,
        app_label: str,
        registry: Registry,
    ) -> None:
        self.model = model
        self.registry = registry
        self.app_label = app_label
        self.object_name = model.__name__
        self.model_name = self.object_name.lower()
        self.label = f"{app_label}.{self.object_name}"
        self.label_lower = f"{app_label}.{self.model_name}"
        self.abstract = bool(meta.get("abstract", False))
        self.proxy = bool(meta.get("proxy", False))
        self.db_table: str = meta.get("db_table") or f"{app_label}_{self.model_name}"
        self.ordering: list[str] = list(meta.get("ordering", []))
        self.indexes: list[Index] = [
            index.for_model(app_label, self.model_name) for index in meta.get("indexes", [])
        ]
        self.constraints: list[BaseConstraint] = [
            constraint.for_model(app_label, self.model_name)
            for constraint in meta.get("constraints", [])
        ]
        self.unique_together: list[tuple[str, ...]] = _normalize_together(
            meta.get("unique_together", [])
        )
        self.verbose_name: str = meta.get("verbose_name") or _split_camel(self.object_name)
        self.verbose_name_plural: str = meta.get("verbose_name_plural") or f"{self.verbose_name}s"
        self.get_latest_by: str | Sequence[str] | None = meta.get("get_latest_by")
        # managed = False: Heron never creates, flushes or drops this model's table.
        self.managed: bool = bool(meta.get("managed", True))
        self.default_related_name: str | None = meta.get("default_related_name")
        # Read by the auth app, which creates these permissions after migrate.
        self.permissions: list[tuple[str, str]] = list(meta.get("permissions", []))
        self.default_permissions: tuple[str, ...] = tuple(
            meta.get("default_permissions", ("add", "change", "delete", "view"))
        )
        # swappable = "AUTH_USER_MODEL": the setting may name another model to use instead.
        self.swappable: str | None = meta.get("swappable")
        self.meta_values = meta
        self.concrete_model: type[Model] = model
        self.auto_created = False
        self.auto_created_by: Any = None
        self.local_fields: list[Field[Any]] = []
        self.local_many_to_many: list[Field[Any]] = []
        self.pk: Field[Any] = None  # type: ignore[assignment]  # set by add_field
        self._relations: list[Relation] = []
        self._table: Table | None = None
        self._attnames_for: dict[tuple[str, ...], tuple[str, ...]] = {}

    # -- building -------------------------------------------------------------------------------

    def add_field(self, field: Field[Any]) -> None:
        if field.many_to_many:
            self.local_many_to_many.append(field)
        else:
            self.local_fields.append(field)
            if field.primary_key:
                if self.pk is not None and self.pk is not field:
                    raise TypeError(
                        f"{self.object_name} has two primary keys ({self.pk.name} and "
                        f"{field.name}); a model has exactly one."
                    )
                self.pk = field
        self._attnames_for.clear()

    def add_relation(self, relation: Relation) -> None:
        # A model declared again (its module re-imported) replaces its earlier relations.
        origin = relation.field
        self._relations = [
            r
            for r in self._relations
            if r.field is origin
            or r.field.name != origin.name
            or r.related_model._meta.label != relation.related_model._meta.label
        ]
        self._relations.append(relation)

    def accessor_clash(self, name: str) -> str | None:
        """Describe what already uses attribute ``name`` on the model, or return None."""
        for field in self.concrete_meta.local_fields + self.concrete_meta.local_many_to_many:
            if name in (field.name, field.attname):
                return f"the field {self.object_name}.{field.name}"
        # Relations of a model swapped out (Meta.swappable) give way to the model in use.
        visible = [r for r in self._relations if not r.hidden and not r.related_model._meta.swapped]
        if sum(1 for r in visible if r.accessor_name == name) > 1:
            return "another reverse accessor of the same name"
        return None

    # -- reading --------------------------------------------------------------------------------

    @property
    def swapped(self) -> str | None:
        """The ``"app_label.Model"`` that replaces this model (``Meta.swappable`` names the
        setting), or None when the model is in use. A swapped model has no table, no reverse
        accessors and takes no part in migrations' schema changes."""
        if not self.swappable:
            return None
        chosen = getattr(settings, self.swappable, None) if settings.configured else None
        if not chosen or str(chosen).lower() == self.label_lower:
            return None
        return str(chosen)

    @property
    def concrete_meta(self) -> Options:
        return self.concrete_model._meta

    @property
    def fields(self) -> list[Field[Any]]:
        """The concrete fields (those with a column), in declaration order."""
        return self.concrete_meta.local_fields

    @property
    def concrete_fields(self) -> list[Field[Any]]:
        return self.fields

    @property
    def many_to_many(self) -> list[Field[Any]]:
        return self.concrete_meta.local_many_to_many

    @property
    def related_objects(self) -> list[Relation]:
        """The reverse relations pointing at this model (hidden ones excluded)."""
        return [r for r in self.get_relations() if not r.hidden]

    def get_relations(self, *, include_hidden: bool = True) -> list[Relation]:
        """Return the reverse relations, by default including hidden ones (for cascades)."""
        relations = list(self.concrete_meta._relations)
        if self.proxy:
            relations += self._relations
        return [r for r in relations if include_hidden or not r.hidden]

    @property
    def pk_attname(self) -> str:
        return self.concrete_meta.pk.attname

    @property
    def attnames(self) -> tuple[str, ...]:
        """The attribute names of the concrete fields, in column order."""
        return tuple(field.attname for field in self.fields)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields + self.many_to_many]

    def get_field(self, name: str) -> Any:
        """Return the field (or reverse ``Relation``) called ``name``; attnames work too."""
        for field in self.fields + self.many_to_many:
            if name in (field.name, field.attname):
                return field
        for relation in self.get_relations(include_hidden=False):
            if name == relation.query_name:
                return relation
        valid = self.field_names + [r.query_name for r in self.related_objects]
        raise FieldDoesNotExist(
            f"{self.object_name} has no field named {name!r}. Choices are: {', '.join(valid)}."
        )

    def attnames_for(self, names: Sequence[str]) -> tuple[str, ...]:
        """Map field names or attnames to attnames (cached per sequence of names)."""
        key = names if isinstance(names, tuple) else tuple(names)
        found = self._attnames_for.get(key)
        if found is None:
            found = tuple(self.get_field(name).attname for name in key)
            self._attnames_for[key] = found
        return found

    def table(self) -> Table:
        """Return the SQLAlchemy ``Table`` of this model (built on first call)."""
        meta = self.concrete_meta
        if self.abstract:
            raise TypeError(f"{self.object_name} is abstract: it has no table.")
        if meta._table is None:
            # cycle: db.models -> options
            from .table import build_table

            meta._table = build_table(self.concrete_model)
        return meta._table

    def __repr__(self) -> str:
        return f"<Options for {self.label}>"


def _normalize_together(value: Any) -> list[tuple[str, ...]]:
    if not value:
        return []
    items = list(value)
    if all(isinstance(item, str) for item in items):
        return [tuple(items)]
    return [tuple(item) for item in items]
