"""Relation plumbing shared with the QuerySet layer: hooks, reverse relations, related managers.

The model layer knows the *shape* of relations; the QuerySet layer does the queries. It plugs
in by assigning these module attributes once, at import time:

``lazy_loader(instance, relation_or_field)``
    Fetch what a descriptor could not find in ``instance._state.fields_cache``: for a
    ``ForeignKey`` / ``OneToOneField`` (forward) it returns the target instance, for a
    reverse one-to-one ``Relation`` the single pointing instance or None. The descriptor
    caches the result.
``deferred_loader(instance, field)``
    Load a deferred field (one that ``from_db`` did not receive) into ``instance.__dict__``.
``RelatedManager`` / ``ManyRelatedManager``
    The objects ``question.choice_set`` and ``question.tags`` return. The QuerySet layer adds
    the query methods (``all``, ``filter``, ``create``, ``add``, ``set``...) to these classes
    (subclass them and assign the subclass to ``reverse_manager_class`` /
    ``many_manager_class``); the descriptors read those two attributes on every access.

Implicit loads never run from async code: with an event loop running in the thread they raise
``SynchronousOnlyOperation`` naming ``select_related`` / ``prefetch_related``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from heron.db.exceptions import SynchronousOnlyOperation

from .exceptions import RelationLoaderMissing

if TYPE_CHECKING:
    from .base import Model
    from .fields.base import Field
    from .fields.related import ForeignKey, ManyToManyField, RelatedField

__all__ = [
    "ManyRelatedManager",
    "ManyToManyDescriptor",
    "RelatedManager",
    "Relation",
    "ReverseManyToOneDescriptor",
    "ReverseOneToOneDescriptor",
    "deferred_loader",
    "lazy_loader",
    "many_manager_class",
    "reverse_manager_class",
]

_M = TypeVar("_M", bound="Model")

lazy_loader: Callable[[Any, Any], Any] | None = None
deferred_loader: Callable[[Any, Any], None] | None = None


def _in_event_loop() -> bool:
    asyncio = sys.modules.get("asyncio")
    if asyncio is None:
        return False
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _sync_only_error(message: str) -> Exception:
    return SynchronousOnlyOperation(message)


def load_relation(instance: Model, target: Any, label: str, name: str) -> Any:
    """Run ``lazy_loader`` for a relation not found in the instance's cache."""
    if _in_event_loop():
        raise _sync_only_error(
            f"{label} is not loaded, and loading it now would run a blocking query inside "
            f"async code. Fetch it with the query: .select_related({name!r}) for a foreign "
            f"key or one-to-one, .prefetch_related({name!r}) for many rows."
        )
    loader = lazy_loader
    if loader is None:
        raise RelationLoaderMissing(
            f"{label} is not loaded and no query layer is installed to load it "
            "(heron.db.models.related.lazy_loader is unset)."
        )
    return loader(instance, target)


def load_deferred(instance: Any, field: Field[Any]) -> Any:
    """Load the deferred ``field`` of ``instance`` and return its value."""
    label = f"{type(instance).__name__}.{field.name}"
    if _in_event_loop():
        raise _sync_only_error(
            f"{label} was deferred (left out by only()/defer()), and loading it now would run "
            "a blocking query inside async code. Include it in the query instead."
        )
    loader = deferred_loader
    if loader is None:
        raise AttributeError(
            f"{label} has no value: it was not loaded from the database and no query layer "
            "is installed to load it."
        )
    loader(instance, field)
    return instance.__dict__[field.attname]


class Relation:
    """The reverse side of a relation field, as seen from the target model.

    ``model`` is the target (``Question``), ``related_model`` the model declaring the field
    (``Choice``), ``field`` the forward field, ``accessor_name`` the attribute on the target
    (``choice_set``, or ``related_name``), ``query_name`` the name the target's lookups use
    (``choice``, or ``related_query_name`` / ``related_name``). ``hidden`` relations
    (``related_name`` ending in "+") have no accessor but still cascade.
    """

    def __init__(
        self,
        field: RelatedField[Any],
        model: type[Model],
        related_model: type[Model],
        accessor_name: str,
        query_name: str,
        *,
        hidden: bool,
    ) -> None:
        self.field = field
        self.model = model
        self.related_model = related_model
        self.accessor_name = accessor_name
        self.name = query_name
        self.query_name = query_name
        self.related_name = field.related_name
        self.hidden = hidden
        self.many_to_many = field.many_to_many
        self.one_to_one = bool(getattr(field, "one_to_one", False))
        self.multiple = not self.one_to_one
        self.on_delete = getattr(field, "on_delete", None)

    def __repr__(self) -> str:
        return (
            f"<Relation: {self.model._meta.label}.{self.accessor_name} "
            f"(from {self.related_model._meta.label}.{self.field.name})>"
        )


class RelatedManager(Generic[_M]):
    """What ``question.choice_set`` returns: the ``related_model`` rows pointing at ``instance``.

    ``core_filters`` is the filter every query of this manager applies, e.g.
    ``{"question": <Question: 3>}``; ``field`` is the ``ForeignKey`` on ``model``.
    """

    def __init__(self, instance: Model, relation: Relation) -> None:
        self.instance = instance
        self.relation = relation
        self.model: type[_M] = relation.related_model  # type: ignore[assignment]
        self.field: ForeignKey[Any] = relation.field  # type: ignore[assignment]

    @property
    def core_filters(self) -> dict[str, Any]:
        return {self.field.name: self.instance}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.relation.accessor_name} of {self.instance!r}>"


class ManyRelatedManager(Generic[_M]):
    """What ``question.tags`` (forward) or ``tag.question_set`` (reverse) returns.

    ``model`` is the model of the rows on the far side, ``through`` the join model,
    ``source_field_name`` / ``target_field_name`` the names of the through model's foreign
    keys to ``instance``'s model and to ``model``. The instance must be saved (have a pk).
    """

    def __init__(self, instance: Model, field: ManyToManyField[Any], *, reverse: bool) -> None:
        if instance.pk is None:
            raise ValueError(
                f"{instance!r} needs a primary key value before its many-to-many relation "
                f"{field.name!r} can be used; save it first."
            )
        self.instance = instance
        self.field = field
        self.is_reverse = reverse
        self.through: type[Model] = field.through
        if reverse:
            self.model: type[_M] = field.model  # type: ignore[assignment]
            self.source_field_name = field.m2m_target_name
            self.target_field_name = field.m2m_source_name
        else:
            self.model = field.related_model  # type: ignore[assignment]
            self.source_field_name = field.m2m_source_name
            self.target_field_name = field.m2m_target_name

    @property
    def core_filters(self) -> dict[str, Any]:
        """Filter on ``through`` selecting the rows of this instance."""
        return {f"{self.source_field_name}_id": self.instance.pk}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.field.name} of {self.instance!r}>"


reverse_manager_class: type[RelatedManager[Any]] = RelatedManager
many_manager_class: type[ManyRelatedManager[Any]] = ManyRelatedManager


class ReverseManyToOneDescriptor:
    """``question.choice_set``: returns a ``RelatedManager``; assignment is refused."""

    def __init__(self, relation: Relation) -> None:
        self.relation = relation

    def __get__(self, instance: Model | None, owner: Any) -> Any:
        if instance is None:
            return self
        return reverse_manager_class(instance, self.relation)

    def __set__(self, instance: Model, value: Any) -> None:
        name = self.relation.accessor_name
        raise TypeError(
            f"Direct assignment to the reverse side of a relation is not allowed; use "
            f"{name}.set(...) instead."
        )


class ReverseOneToOneDescriptor:
    """``place.restaurant``: the single instance whose ``OneToOneField`` points here."""

    def __init__(self, relation: Relation) -> None:
        self.relation = relation
        related = relation.related_model
        self.RelatedObjectDoesNotExist = type(
            "RelatedObjectDoesNotExist",
            (related.DoesNotExist, AttributeError),
            {"__module__": related.__module__, "__qualname__": "RelatedObjectDoesNotExist"},
        )

    def __get__(self, instance: Model | None, owner: Any) -> Any:
        if instance is None:
            return self
        name = self.relation.accessor_name
        cache = instance._state.fields_cache
        if name in cache:
            value = cache[name]
        else:
            label = f"{type(instance).__name__}.{name}"
            value = None
            if instance.pk is not None:
                value = load_relation(instance, self.relation, label, name)
            cache[name] = value
        if value is None:
            raise self.RelatedObjectDoesNotExist(
                f"{type(instance).__name__} has no {name}: no "
                f"{self.relation.related_model.__name__} points at it."
            )
        return value

    def __set__(self, instance: Model, value: Any) -> None:
        related = self.relation.related_model
        if value is not None and not isinstance(value, related):
            raise TypeError(
                f"Cannot assign {value!r}: {type(instance).__name__}.{self.relation.accessor_name}"
                f" must be a {related.__name__} instance."
            )
        instance._state.fields_cache[self.relation.accessor_name] = value
        if value is not None:
            setattr(value, self.relation.field.name, instance)


class ManyToManyDescriptor:
    """``tag.question_set`` (the reverse side of a ``ManyToManyField``)."""

    def __init__(self, field: ManyToManyField[Any], accessor_name: str) -> None:
        self.field = field
        self.accessor_name = accessor_name

    def __get__(self, instance: Model | None, owner: Any) -> Any:
        if instance is None:
            return self
        return many_manager_class(instance, self.field, reverse=True)

    def __set__(self, instance: Model, value: Any) -> None:
        raise TypeError(
            f"Direct assignment to the reverse side of a many-to-many set is not allowed; use "
            f"{self.accessor_name}.set(...) instead."
        )
