"""``Model`` and its metaclass: declaring a model class, building and validating instances.

Declaring ``class Question(Model)`` reads its ``Meta`` into ``Question._meta`` (an
``Options``), attaches the fields (adding an ``id`` ``BigAutoField`` when no field is the
primary key), gives the class its own ``DoesNotExist`` / ``MultipleObjectsReturned`` and
registers it in the current registry under ``app_label.Question``.

The app label is ``Meta.app_label`` if set; else the label of the installed app whose package
holds the module (once ``heron.setup()`` has loaded the apps); else it is derived from the
module path: the package holding a ``models`` module or package (``polls.models`` -> "polls",
``tests.db.models.basic.models`` -> "basic"), or the module's last component.

Saving, deleting, refreshing and the default ``objects`` manager come from the QuerySet
layer (``heron.db.models.query``); the methods here only delegate to its cores.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from functools import partialmethod
from typing import TYPE_CHECKING, Any, ClassVar

from .exceptions import (
    NON_FIELD_ERRORS,
    FieldError,
    MultipleObjectsReturned,
    ObjectDoesNotExist,
    ValidationError,
)
from .fields.base import Field
from .fields.numeric import BigAutoField
from .fields.related import ForeignKey
from .options import INHERITED_OPTIONS, Options, read_meta
from .query import persistence as _persistence
from .query.manager import DefaultManager, ensure_manager
from .query.plan import run_async, run_sync
from .registry import get_registry

if TYPE_CHECKING:
    from typing import Self

__all__ = ["Model", "ModelBase", "ModelState"]


class ModelState:
    """Per-instance bookkeeping: ``adding`` (not saved yet), ``db`` (alias it came from or
    was saved to) and ``fields_cache`` (related objects already loaded, by field name)."""

    __slots__ = ("adding", "db", "fields_cache")

    def __init__(self, adding: bool = True, db: str | None = None) -> None:
        self.adding = adding
        self.db = db
        self.fields_cache: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"<ModelState adding={self.adding} db={self.db!r}>"


def _app_label_for(module: str) -> str:
    registry = sys.modules.get("heron.apps.registry")
    apps = getattr(registry, "apps", None)
    if apps is not None and apps.ready:
        best = None
        for config in apps.app_configs.values():
            inside = module == config.name or module.startswith(config.name + ".")
            if inside and (best is None or len(config.name) > len(best.name)):
                best = config
        if best is not None:
            return str(best.label)
    parts = module.split(".")
    if "models" in parts[1:]:
        index = len(parts) - 1 - parts[::-1].index("models")
        return parts[index - 1]
    return parts[-1]


def _check_meta_refs(model: type[Model]) -> None:
    opts = model._meta
    known = {f.name for f in opts.fields + opts.many_to_many} | {f.attname for f in opts.fields}

    def check(option: str, names: Iterable[str]) -> None:
        for name in names:
            if name not in known:
                raise FieldError(
                    f"{opts.object_name}.Meta.{option} refers to {name!r}, which is not a field "
                    f"of {opts.object_name}. Choices are: {', '.join(opts.field_names)}."
                )

    check(
        "ordering",
        [
            name.removeprefix("-")
            for name in opts.ordering
            if isinstance(name, str) and name != "?" and "__" not in name
        ],
    )
    for together in opts.unique_together:
        check("unique_together", together)
    for index in opts.indexes:
        check("indexes", index.field_names())
    for constraint in opts.constraints:
        check("constraints", constraint.field_names())


class ModelBase(type):
    """Metaclass of ``Model``: turns a class body into a registered model."""

    _meta: Options

    def __new__(
        mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any], **kwargs: Any
    ) -> ModelBase:
        if not any(isinstance(base, ModelBase) for base in bases):
            return super().__new__(mcs, name, bases, attrs, **kwargs)  # Model itself

        module = attrs.get("__module__", "")
        meta_class = attrs.pop("Meta", None)
        meta = read_meta(meta_class, name)
        own = vars(meta_class) if meta_class is not None else {}
        meta["abstract"] = bool(own.get("abstract", False))
        meta["proxy"] = bool(own.get("proxy", False))
        abstract, proxy = meta["abstract"], meta["proxy"]

        contributable = {
            key: value
            for key, value in attrs.items()
            if not isinstance(value, type) and hasattr(value, "contribute_to_class")
        }
        plain = {key: value for key, value in attrs.items() if key not in contributable}
        cls = super().__new__(mcs, name, bases, plain, **kwargs)

        ancestors = [
            base
            for base in cls.__mro__[1:]
            if isinstance(base, ModelBase) and "_meta" in vars(base)
        ]
        concrete_bases = [
            base
            for base in bases
            if isinstance(base, ModelBase) and base in ancestors and not base._meta.abstract
        ]
        abstract_ancestors = [base for base in ancestors if base._meta.abstract]
        mcs._check_inheritance(name, abstract, proxy, concrete_bases, contributable)

        sources = abstract_ancestors + (concrete_bases if proxy else [])
        for option in INHERITED_OPTIONS:
            if option in meta:
                continue
            for parent in sources:
                if option in parent._meta.meta_values:
                    meta[option] = parent._meta.meta_values[option]
                    break

        app_label = meta.get("app_label") or _app_label_for(module)
        opts = Options(cls, meta, app_label=app_label, registry=get_registry())  # type: ignore[arg-type]
        cls._meta = opts
        if proxy:
            concrete = concrete_bases[0]._meta.concrete_model
            opts.concrete_model = concrete
            opts.db_table = concrete._meta.db_table
            opts.pk = concrete._meta.pk

        if not abstract:
            mcs._add_exceptions(cls, module, concrete_bases)

        if not proxy:
            mcs._add_fields(cls, attrs, contributable, abstract_ancestors, abstract)
        for key, value in contributable.items():
            if not isinstance(value, Field):
                value.contribute_to_class(cls, key)

        if not abstract:
            for field in opts.fields:
                method = f"get_{field.name}_display"
                if field.choices is not None and method not in attrs:
                    setattr(cls, method, partialmethod(Model._get_field_display, field))
            _check_meta_refs(cls)  # type: ignore[arg-type]
            ensure_manager(cls)  # type: ignore[arg-type]
            opts.registry.register(cls)  # type: ignore[arg-type]
        return cls

    @staticmethod
    def _check_inheritance(
        name: str,
        abstract: bool,
        proxy: bool,
        concrete_bases: list[ModelBase],
        contributable: dict[str, Any],
    ) -> None:
        if proxy:
            if abstract:
                raise TypeError(f"{name} cannot be both abstract and a proxy.")
            if len(concrete_bases) != 1:
                raise TypeError(
                    f"Proxy model {name} needs exactly one concrete (non-abstract) model base; "
                    f"it has {len(concrete_bases)}."
                )
            fields = [k for k, v in contributable.items() if isinstance(v, Field)]
            if fields:
                raise TypeError(
                    f"Proxy model {name} cannot declare fields ({', '.join(fields)}): it shares "
                    f"the table of {concrete_bases[0].__name__}."
                )
        elif concrete_bases:
            base = concrete_bases[0].__name__
            raise TypeError(
                f"{name} inherits from the concrete model {base}; multi-table inheritance is "
                f"not supported. Make {base} abstract (Meta.abstract = True), or make {name} a "
                "proxy (Meta.proxy = True)."
            )

    @staticmethod
    def _add_exceptions(cls: ModelBase, module: str, concrete_bases: list[ModelBase]) -> None:
        qualname = cls.__qualname__
        for attr, root in (
            ("DoesNotExist", ObjectDoesNotExist),
            ("MultipleObjectsReturned", MultipleObjectsReturned),
        ):
            parents = tuple(getattr(base, attr) for base in concrete_bases) or (root,)
            exc = type(attr, parents, {"__module__": module, "__qualname__": f"{qualname}.{attr}"})
            setattr(cls, attr, exc)

    @staticmethod
    def _add_fields(
        cls: ModelBase,
        attrs: dict[str, Any],
        contributable: dict[str, Any],
        abstract_ancestors: list[ModelBase],
        abstract: bool,
    ) -> None:
        inherited: dict[str, Field[Any]] = {}
        for parent in reversed(abstract_ancestors):
            for field in parent._meta.local_fields + parent._meta.local_many_to_many:
                inherited[field.name] = field
        ordered: list[tuple[str, Field[Any]]] = [
            (key, field.clone()) for key, field in inherited.items() if key not in attrs
        ]
        ordered += [(k, v) for k, v in contributable.items() if isinstance(v, Field)]
        if not abstract and not any(field.primary_key for _, field in ordered):
            if any(key == "id" for key, _ in ordered):
                raise TypeError(
                    f"{cls.__name__}.id: 'id' can only be a field name when that field sets "
                    "primary_key=True (or another field is the primary key)."
                )
            ordered.insert(0, ("id", BigAutoField(verbose_name="ID")))
        for key, field in ordered:
            field.contribute_to_class(cls, key)  # type: ignore[arg-type]


class Model(metaclass=ModelBase):
    """Base class of every model; see the module docstring."""

    _meta: ClassVar[Options]
    DoesNotExist: ClassVar[type[ObjectDoesNotExist]]
    MultipleObjectsReturned: ClassVar[type[MultipleObjectsReturned]]
    _state: ModelState

    objects: ClassVar[DefaultManager]  # Question.objects: Manager[Question] for checkers

    if TYPE_CHECKING:
        # The automatic primary key, for type checkers (a model with its own primary key
        # has no ``id`` at run time).
        id: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        opts = self._meta
        if opts.abstract:
            raise TypeError(f"{type(self).__name__} is abstract and cannot be instantiated.")
        values = self.__dict__
        values["_state"] = ModelState()
        fields = opts.fields
        if len(args) > len(fields):
            raise TypeError(
                f"{type(self).__name__}() takes at most {len(fields)} positional arguments "
                f"({len(args)} given)."
            )
        for field, value in zip(fields, args, strict=False):
            if field.name in kwargs or field.attname in kwargs:
                raise TypeError(f"{type(self).__name__}() got multiple values for {field.name!r}.")
            values[field.attname] = value
        for field in fields[len(args) :]:
            if isinstance(field, ForeignKey) and field.name in kwargs:
                if field.attname in kwargs:
                    raise TypeError(
                        f"{type(self).__name__}() got both {field.name!r} and "
                        f"{field.attname!r}; pass one."
                    )
                field.__set__(self, kwargs.pop(field.name))
                continue
            if field.attname in kwargs:
                values[field.attname] = kwargs.pop(field.attname)
            elif field.name in kwargs:
                values[field.attname] = kwargs.pop(field.name)
            else:
                values[field.attname] = field.get_default()
        if kwargs:
            self._init_extra(kwargs)

    def _init_extra(self, kwargs: dict[str, Any]) -> None:
        opts = self._meta
        for key, value in kwargs.items():
            if any(field.name == key for field in opts.many_to_many):
                raise TypeError(
                    f"{type(self).__name__}() cannot set the many-to-many field {key!r}; save "
                    f"the instance, then use .{key}.set(...)."
                )
            if isinstance(getattr(type(self), key, None), property):
                setattr(self, key, value)
                continue
            raise TypeError(
                f"{type(self).__name__}() got an unexpected keyword argument {key!r}. "
                f"Valid fields: {', '.join(opts.field_names)}."
            )

    @classmethod
    def from_db(
        cls, names: Sequence[str], values: Sequence[Any], db: str | None = "default"
    ) -> Self:
        """Build an instance from a database row, skipping ``__init__`` (a hot path).

        ``names`` are field names or attnames matching ``values`` (pass the same tuple for
        every row: the name mapping is cached per tuple). Fields left out are deferred:
        reading one asks ``related.deferred_loader``. The values must already be Python
        values (apply ``field.get_db_converter(vendor)`` first).
        """
        key = names if type(names) is tuple else tuple(names)
        attnames = cls._meta._attnames_for.get(key)
        if attnames is None:
            attnames = cls._meta.attnames_for(key)
        state = _new_state(ModelState)
        state.adding = False
        state.db = db
        state.fields_cache = {}
        obj = _new_object(cls)
        data = dict(zip(attnames, values))  # noqa: B905 - strict= costs 0.5 µs per row here
        data["_state"] = state
        obj.__dict__ = data
        return obj

    @classmethod
    def from_db_rows(
        cls, names: Sequence[str], rows: Iterable[Sequence[Any]], db: str | None = "default"
    ) -> list[Self]:
        """Build one instance per row (``from_db`` with the per-call lookups hoisted)."""
        key = names if type(names) is tuple else tuple(names)
        attnames = cls._meta.attnames_for(key)
        result: list[Self] = []
        append = result.append
        for row in rows:
            state = _new_state(ModelState)
            state.adding = False
            state.db = db
            state.fields_cache = {}
            obj = _new_object(cls)
            data = dict(zip(attnames, row))  # noqa: B905 - see from_db
            data["_state"] = state
            obj.__dict__ = data
            append(obj)
        return result

    # -- identity -------------------------------------------------------------------------------

    @property
    def pk(self) -> Any:
        """The primary key value (an alias of the primary key field)."""
        return self.__dict__.get(self._meta.pk_attname)

    @pk.setter
    def pk(self, value: Any) -> None:
        self.__dict__[self._meta.pk_attname] = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        if self._meta.concrete_model is not other._meta.concrete_model:
            return False
        pk = self.pk
        if pk is None:
            return self is other
        return bool(pk == other.pk)

    def __hash__(self) -> int:
        pk = self.pk
        if pk is None:
            raise TypeError(
                f"Unsaved {type(self).__name__} instances are unhashable: they have no "
                "primary key value yet."
            )
        return hash((self._meta.concrete_model, pk))

    def __str__(self) -> str:
        return f"{type(self).__name__} object ({self.pk})"

    def __repr__(self) -> str:
        if type(self).__str__ is not Model.__str__:
            text = str(self)
        else:
            text = "(unsaved)" if self.pk is None else str(self.pk)
        return f"<{type(self).__name__}: {text}>"

    def _get_field_display(self, field: Field[Any]) -> str:
        return str(field.display_for(self.__dict__.get(field.attname)))

    # -- persistence (delegates to heron.db.models.query.persistence) ---------------------------

    def save(
        self,
        *,
        using: str | None = None,
        force_insert: bool = False,
        force_update: bool = False,
        update_fields: Iterable[str] | None = None,
    ) -> None:
        """INSERT (new instance) or UPDATE this row; see docs/queries.md."""
        fields = None if update_fields is None else list(update_fields)
        core = _persistence.save_core(
            self,
            using,
            force_insert=force_insert,
            force_update=force_update,
            update_fields=fields,
        )
        run_sync(core)

    async def asave(
        self,
        *,
        using: str | None = None,
        force_insert: bool = False,
        force_update: bool = False,
        update_fields: Iterable[str] | None = None,
    ) -> None:
        fields = None if update_fields is None else list(update_fields)
        core = _persistence.save_core(
            self,
            using,
            force_insert=force_insert,
            force_update=force_update,
            update_fields=fields,
        )
        await run_async(core)

    def delete(self, *, using: str | None = None) -> tuple[int, dict[str, int]]:
        """Delete this row (and what ``on_delete`` cascades to); the pk becomes None."""
        return run_sync(_persistence.delete_instance_core(self, using))

    async def adelete(self, *, using: str | None = None) -> tuple[int, dict[str, int]]:
        return await run_async(_persistence.delete_instance_core(self, using))

    def refresh_from_db(
        self, fields: Sequence[str] | None = None, *, using: str | None = None
    ) -> None:
        """Reload ``fields`` (default: all) from the database."""
        run_sync(_persistence.refresh_core(self, fields, using))

    async def arefresh_from_db(
        self, fields: Sequence[str] | None = None, *, using: str | None = None
    ) -> None:
        await run_async(_persistence.refresh_core(self, fields, using))

    # -- validation -----------------------------------------------------------------------------

    def clean(self) -> None:
        """Validate the instance as a whole; raise ValidationError (override in models)."""

    def clean_fields(self, exclude: Iterable[str] | None = None) -> None:
        """Convert and validate each field value; raise ValidationError keyed by field."""
        skip = set(exclude or ())
        errors: dict[str, list[ValidationError]] = {}
        values = self.__dict__
        for field in self._meta.fields:
            if field.name in skip or field.attname not in values:
                continue
            raw = values[field.attname]
            if field.blank and raw in field.empty_values:
                continue
            try:
                values[field.attname] = field.clean(raw, self)
            except ValidationError as exc:
                errors[field.name] = list(exc)
        if errors:
            raise ValidationError(errors)

    def full_clean(self, exclude: Iterable[str] | None = None) -> None:
        """Run ``clean_fields()`` then ``clean()``; raise one ValidationError with all messages.

        Uniqueness and constraint checks need the database and are not run here.
        """
        errors: dict[str, list[ValidationError]] = {}
        try:
            self.clean_fields(exclude)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        try:
            self.clean()
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for key, value in exc.error_dict.items():
                    errors.setdefault(key, []).extend(value)
            else:
                errors.setdefault(NON_FIELD_ERRORS, []).extend(exc.error_list)
        if errors:
            raise ValidationError(errors)


_new_object = object.__new__
_new_state = object.__new__
