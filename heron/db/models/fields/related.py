"""Relation fields: ``ForeignKey``, ``OneToOneField``, ``ManyToManyField``.

``to`` may be a model class, ``"ModelName"`` (same app), ``"app_label.ModelName"`` or
``"self"``. A string target is resolved when that model is declared, so a model may point at
one declared later in the module. Give such a field an explicit type for checkers::

    question: models.ForeignKey[Question] = models.ForeignKey("Question", on_delete=models.CASCADE)

Forward access (``choice.question``) reads ``instance._state.fields_cache`` and otherwise
asks ``heron.db.models.related.lazy_loader``; ``choice.question_id`` is the raw column value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, Unpack, cast, overload

from heron.db.routers import router

from .. import related as _related
from ..deletion import CASCADE, OnDelete, check_on_delete
from ..exceptions import FieldDoesNotExist, ValidationError
from ..related import Relation
from .base import Field, FieldOptions

if TYPE_CHECKING:
    from sqlalchemy.types import TypeEngine

    from ..base import Model
    from ..query.m2m import ManyManager

__all__ = ["ForeignKey", "ManyToManyField", "OneToOneField", "RelatedField"]

_T = TypeVar("_T")
_M = TypeVar("_M", bound="Model")
_MT = TypeVar("_MT", bound="Model")


class RelatedField(Field[_T]):
    """Base of the relation fields: resolves ``to`` and installs the reverse accessor."""

    is_relation = True
    one_to_one = False

    def __init__(
        self,
        to: Any,
        *,
        related_name: str | None = None,
        related_query_name: str | None = None,
        **options: Any,
    ) -> None:
        if not isinstance(to, str | type):
            raise TypeError(
                f"{type(self).__name__}'s first argument must be a model class, 'ModelName', "
                f"'app_label.ModelName' or 'self'; got {to!r}."
            )
        super().__init__(**options)
        self.to = to
        self.related_name = related_name
        self.related_query_name = related_query_name
        self.remote_model: type[Model] | None = None
        self.relation: Relation | None = None

    @property
    def related_model(self) -> type[Model]:
        """The target model; raises while a string target is still unresolved."""
        if self.remote_model is None:
            raise FieldDoesNotExist(
                f"{self.model._meta.label}.{self.name} points at {self.to!r}, which has not "
                "been declared (check the spelling, and that its app is installed)."
            )
        return self.remote_model

    def contribute_to_class(self, model: type[Model], name: str) -> None:
        super().contribute_to_class(model, name)
        if model._meta.abstract:
            return
        model._meta.registry.resolve_relation(model, self.to, self._resolve)

    def _resolve(self, remote: type[Model]) -> None:
        self.remote_model = remote
        self._install_reverse(remote)

    def _accessor_names(self) -> tuple[str, str, bool]:
        """Return (accessor name, query name, hidden) for the reverse side."""
        opts = self.model._meta
        interpolation = {"class": opts.model_name, "app_label": opts.app_label}
        related_name = self.related_name
        if related_name is None and opts.default_related_name:
            related_name = opts.default_related_name
        if related_name is not None:
            related_name = related_name % interpolation
        hidden = related_name is not None and related_name.endswith("+")
        if related_name and not hidden:
            accessor = related_name
        elif self.one_to_one:
            accessor = opts.model_name
        else:
            accessor = f"{opts.model_name}_set"
        query = self.related_query_name or (related_name if related_name and not hidden else None)
        query = (query % interpolation) if query else opts.model_name
        return accessor, query, hidden

    def _install_reverse(self, remote: type[Model]) -> None:
        if self.model._meta.swapped:
            return  # the model in use instead installs its own accessors
        accessor, query, hidden = self._accessor_names()
        relation = Relation(self, remote, self.model, accessor, query, hidden=hidden)
        self.relation = relation
        remote._meta.add_relation(relation)
        if hidden:
            return
        clash = remote._meta.accessor_clash(accessor)
        if clash is not None:
            raise TypeError(
                f"The reverse accessor {remote.__name__}.{accessor} for "
                f"{self.model._meta.label}.{self.name} clashes with {clash}. Give "
                f"{self.name} a related_name=..."
            )
        setattr(remote, accessor, self._reverse_descriptor(relation))

    def _reverse_descriptor(self, relation: Relation) -> Any:
        return _related.ReverseManyToOneDescriptor(relation)

    def _deconstruct_extra(self) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        to = self.to
        if isinstance(to, type):
            extra["to"] = _label(to)
        elif to == "self" or "." in to:
            extra["to"] = to
        else:
            extra["to"] = f"{self.model._meta.app_label}.{to}"
        if self.related_name is not None:
            extra["related_name"] = self.related_name
        if self.related_query_name is not None:
            extra["related_query_name"] = self.related_query_name
        return extra


class ForeignKey(RelatedField[_T]):
    """A many-to-one link: the column ``<name>_id`` holds the target's key."""

    many_to_one = True
    empty_strings_allowed = False

    @overload  # ForeignKey(Question, on_delete=...) -> Question
    def __init__(
        self: ForeignKey[_M],
        to: type[_M],
        on_delete: OnDelete,
        *,
        null: Literal[False] = False,
        related_name: str | None = None,
        related_query_name: str | None = None,
        to_field: str | None = None,
        db_constraint: bool = True,
        verbose_name: str | None = None,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload  # ForeignKey(Question, on_delete=..., null=True) -> Question | None
    def __init__(
        self: ForeignKey[_M | None],
        to: type[_M],
        on_delete: OnDelete,
        *,
        null: Literal[True],
        related_name: str | None = None,
        related_query_name: str | None = None,
        to_field: str | None = None,
        db_constraint: bool = True,
        verbose_name: str | None = None,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload  # ForeignKey("Question", ...) -> annotate the attribute: ForeignKey[Question]
    def __init__(
        self: ForeignKey[Any],
        to: str,
        on_delete: OnDelete,
        *,
        null: bool = False,
        related_name: str | None = None,
        related_query_name: str | None = None,
        to_field: str | None = None,
        db_constraint: bool = True,
        verbose_name: str | None = None,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, to: Any, on_delete: Any, **kwargs: Any) -> None:
        self._init_fk(to, on_delete, **kwargs)

    def _init_fk(
        self,
        to: Any,
        on_delete: Any,
        *,
        null: bool = False,
        related_name: str | None = None,
        related_query_name: str | None = None,
        to_field: str | None = None,
        db_constraint: bool = True,
        **options: Any,
    ) -> None:
        options.setdefault("db_index", True)
        RelatedField.__init__(
            self,
            to,
            related_name=related_name,
            related_query_name=related_query_name,
            null=null,
            **options,
        )
        check_on_delete(
            on_delete,
            f"{type(self).__name__} to {to!r}",
            null=null,
            has_default=self.has_default(),
        )
        self.on_delete: OnDelete = on_delete
        self.to_field = to_field
        self.db_constraint = db_constraint

    def get_attname(self) -> str:
        return f"{self.name}_id"

    @property
    def target_field(self) -> Field[Any]:
        """The field of the target model this key stores (its pk unless ``to_field``)."""
        opts = self.related_model._meta
        field = opts.get_field(self.to_field) if self.to_field else opts.pk
        return cast("Field[Any]", field)

    # -- descriptor -----------------------------------------------------------------------------

    @overload
    def __get__(self, instance: None, owner: Any) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: Any) -> _T: ...
    def __get__(self, instance: Any, owner: Any) -> Any:
        if instance is None:
            return self
        key = instance.__dict__[self.attname]
        cache = instance._state.fields_cache
        cached = cache.get(self.name, _MISSING)
        if cached is not _MISSING:
            # Still valid unless someone changed <name>_id since it was cached.
            if cached is None:
                if key is None:
                    return None
            elif cached.__dict__.get(self._target_attname()) == key:
                return cached
        if key is None:
            return None
        label = f"{type(instance).__name__}.{self.name}"
        value = _related.load_relation(instance, self, label, self.name)
        cache[self.name] = value
        return value

    def __set__(self, instance: Any, value: _T) -> None:
        if value is None:
            instance.__dict__[self.attname] = None
            instance._state.fields_cache[self.name] = None
            return
        remote = self.related_model
        if not isinstance(value, remote):
            raise TypeError(
                f"Cannot assign {value!r}: {type(instance).__name__}.{self.name} must be a "
                f"{remote.__name__} instance (or set {self.attname} to its key)."
            )
        here, there = instance._state.db, value._state.db
        if here is not None and there is not None and not router.allow_relation(value, instance):
            raise ValueError(
                f"Cannot assign {value!r} to {type(instance).__name__}.{self.name}: the "
                f"instance is on database {here!r} and the value on {there!r}, and "
                "the routers do not allow the relation (allow_relation)."
            )
        instance.__dict__[self.attname] = value.__dict__.get(self._target_attname())
        instance._state.fields_cache[self.name] = value

    def _target_attname(self) -> str:
        target: Field[Any] = self.target_field
        return target.attname

    # -- values ---------------------------------------------------------------------------------

    def get_default(self) -> Any:
        value = super().get_default()
        remote = self.remote_model
        if remote is not None and isinstance(value, remote):
            return value.__dict__.get(self._target_attname())
        return value

    def to_python(self, value: Any) -> Any:
        return self.target_field.to_python(value)

    def validate(self, value: Any, instance: Model | None) -> None:
        # Existence of the target row is a query: the QuerySet layer checks it.
        if value is None and not self.null:
            raise ValidationError(self.error_messages["null"], code="null")
        if not self.blank and value in self.empty_values:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value: Any) -> None:
        return None

    def get_prep_value(self, value: Any) -> Any:
        return self.target_field.get_prep_value(value)

    def get_db_prep_value(self, value: Any, vendor: str) -> Any:
        return self.target_field.get_db_prep_value(value, vendor)

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        target: Field[Any] = self.target_field
        return target.get_db_converter(vendor)

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        target: Field[Any] = self.target_field
        return target.rel_sa_type(vendor)

    def _deconstruct_extra(self) -> dict[str, Any]:
        extra = super()._deconstruct_extra()
        extra["on_delete"] = self.on_delete
        if self.to_field is not None:
            extra["to_field"] = self.to_field
        if not self.db_constraint:
            extra["db_constraint"] = False
        return extra

    def _deconstruct_defaults(self) -> dict[str, Any]:
        return {"db_index": True}


_MISSING: Any = object()


class OneToOneField(ForeignKey[_T]):
    """A unique foreign key; the reverse accessor returns one instance (``place.restaurant``)."""

    one_to_one = True
    many_to_one = False

    @overload
    def __init__(
        self: OneToOneField[_M],
        to: type[_M],
        on_delete: OnDelete,
        *,
        null: Literal[False] = False,
        related_name: str | None = None,
        related_query_name: str | None = None,
        to_field: str | None = None,
        db_constraint: bool = True,
        verbose_name: str | None = None,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: OneToOneField[_M | None],
        to: type[_M],
        on_delete: OnDelete,
        *,
        null: Literal[True],
        related_name: str | None = None,
        related_query_name: str | None = None,
        to_field: str | None = None,
        db_constraint: bool = True,
        verbose_name: str | None = None,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: OneToOneField[Any],
        to: str,
        on_delete: OnDelete,
        *,
        null: bool = False,
        related_name: str | None = None,
        related_query_name: str | None = None,
        to_field: str | None = None,
        db_constraint: bool = True,
        verbose_name: str | None = None,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, to: Any, on_delete: Any, **kwargs: Any) -> None:
        kwargs["unique"] = True
        self._init_fk(to, on_delete, **kwargs)

    def _reverse_descriptor(self, relation: Relation) -> Any:
        return _related.ReverseOneToOneDescriptor(relation)

    def _deconstruct_defaults(self) -> dict[str, Any]:
        return {"db_index": True, "unique": True}


class ManyToManyField(RelatedField["ManyManager[_MT]"]):
    """A many-to-many link through a join model (made for you unless ``through`` is given).

    The automatic join model is ``<Model>_<field>`` with table ``<db_table>_<field>``, two
    foreign keys (``<model>`` and ``<target>``; ``from_<model>`` / ``to_<model>`` when the
    field points at its own model) and a unique constraint on the pair.
    """

    many_to_many = True
    concrete = False

    @overload
    def __init__(
        self: ManyToManyField[_M],
        to: type[_M],
        *,
        related_name: str | None = None,
        related_query_name: str | None = None,
        through: type[Model] | str | None = None,
        symmetrical: bool | None = None,
        verbose_name: str | None = None,
        blank: bool = False,
        help_text: str = "",
        editable: bool = True,
    ) -> None: ...
    @overload
    def __init__(
        self: ManyToManyField[Any],
        to: str,
        *,
        related_name: str | None = None,
        related_query_name: str | None = None,
        through: type[Model] | str | None = None,
        symmetrical: bool | None = None,
        verbose_name: str | None = None,
        blank: bool = False,
        help_text: str = "",
        editable: bool = True,
    ) -> None: ...
    def __init__(
        self,
        to: Any,
        *,
        related_name: str | None = None,
        related_query_name: str | None = None,
        through: Any = None,
        symmetrical: bool | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            to, related_name=related_name, related_query_name=related_query_name, **options
        )
        self.through_spec = through
        self.symmetrical_spec = symmetrical
        self._through: type[Model] | None = None
        self.m2m_source_name = ""
        self.m2m_target_name = ""

    @property
    def through(self) -> type[Model]:
        """The join model (resolved once both sides are declared)."""
        if self._through is None:
            raise FieldDoesNotExist(
                f"The join model of {self.model._meta.label}.{self.name} "
                f"({self.through_spec!r}) has not been declared yet."
            )
        return self._through

    @property
    def symmetrical(self) -> bool:
        """Whether a link to the same model goes both ways (``friends``): the default for a
        field pointing at its own model, unless ``symmetrical=False``."""
        if self.symmetrical_spec is not None:
            return self.symmetrical_spec and self.remote_model is self.model
        return self.to == "self"

    def __set__(self, instance: Any, value: Any) -> None:
        raise TypeError(
            f"Direct assignment to the forward side of a many-to-many set is not allowed; "
            f"use {self.name}.set(...) instead."
        )

    @overload
    def __get__(self, instance: None, owner: Any) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: Any) -> ManyManager[_MT]: ...
    def __get__(self, instance: Any, owner: Any) -> Any:
        if instance is None:
            return self
        return _related.many_manager_class(instance, self, reverse=False)

    def get_attname(self) -> str:
        return self.name

    def contribute_to_class(self, model: type[Model], name: str) -> None:
        super().contribute_to_class(model, name)
        self.column = ""
        if model._meta.abstract:
            return
        if self.through_spec is None:
            self._through = _make_through(self, model)
            self._set_through_names()
        else:
            model._meta.registry.resolve_relation(model, self.through_spec, self._resolve_through)

    def _resolve_through(self, through: type[Model]) -> None:
        self._through = through
        if self.remote_model is not None:
            self._set_through_names()

    def _resolve(self, remote: type[Model]) -> None:
        super()._resolve(remote)
        if self._through is not None and not self.m2m_source_name:
            self._set_through_names()

    def _set_through_names(self) -> None:
        through = self._through
        if through is None:
            return
        if through._meta.auto_created:
            return  # names were set when the join model was made
        remote = self.remote_model
        if remote is None:
            return
        keys = [f for f in through._meta.fields if isinstance(f, ForeignKey)]
        source = [f for f in keys if _points_to(f, self.model)]
        target = [f for f in keys if _points_to(f, remote) and f not in source[:1]]
        if not source or not target:
            raise TypeError(
                f"The join model {through._meta.label} of {self.model._meta.label}.{self.name} "
                f"needs a ForeignKey to {self.model.__name__} and one to {remote.__name__}."
            )
        self.m2m_source_name = source[0].name
        self.m2m_target_name = target[0].name

    def _reverse_descriptor(self, relation: Relation) -> Any:
        return _related.ManyToManyDescriptor(self, relation.accessor_name)

    def _deconstruct_extra(self) -> dict[str, Any]:
        extra = super()._deconstruct_extra()
        if self.through_spec is not None:
            spec = self.through_spec
            extra["through"] = _label(spec) if isinstance(spec, type) else spec
        if self.symmetrical_spec is not None:
            extra["symmetrical"] = self.symmetrical_spec
        return extra

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        raise TypeError("A ManyToManyField has no column; its join model has the table.")


def _label(model: Any) -> str:
    return str(model._meta.label)


def _points_to(field: ForeignKey[Any], model: type[Model]) -> bool:
    remote = field.remote_model
    return remote is not None and remote._meta.concrete_model is model._meta.concrete_model


def _make_through(field: ManyToManyField[Any], model: type[Model]) -> type[Model]:
    # cycle: base -> fields.related
    from ..base import Model as ModelBaseClass
    from ..base import ModelBase

    opts = model._meta
    to = field.to
    if isinstance(to, type):
        target_label = _label(to)
        target_name = target_label.rpartition(".")[2].lower()
    elif to == "self":
        target_label, target_name = opts.label, opts.model_name
    else:
        target_label = to if "." in to else f"{opts.app_label}.{to}"
        target_name = target_label.rpartition(".")[2].lower()
    if target_name == opts.model_name:
        source_key, target_key = f"from_{opts.model_name}", f"to_{opts.model_name}"
    else:
        source_key, target_key = opts.model_name, target_name
    name = f"{model.__name__}_{field.name}"
    meta = type(
        "Meta",
        (),
        {
            "app_label": opts.app_label,
            "db_table": f"{opts.db_table}_{field.name}",
            "unique_together": [(source_key, target_key)],
            "verbose_name": f"{opts.object_name}-{target_name} relationship",
        },
    )
    attrs: dict[str, Any] = {
        "__module__": model.__module__,
        "__qualname__": name,
        "Meta": meta,
        source_key: ForeignKey(model, on_delete=CASCADE, related_name=f"{name}+"),
        target_key: ForeignKey(target_label, on_delete=CASCADE, related_name=f"{name}+"),
    }
    through = cast("type[Model]", ModelBase(name, (ModelBaseClass,), attrs))
    through._meta.auto_created = True
    through._meta.auto_created_by = field
    field.m2m_source_name = source_key
    field.m2m_target_name = target_key
    return through
