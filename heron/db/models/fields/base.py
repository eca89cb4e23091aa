"""``Field``: the typed descriptor every model field builds on.

A field is a generic descriptor: ``Question.question_text`` (class access) returns the field,
``question.question_text`` (instance access) the value, typed by the field's parameter
(``CharField[str]``; ``CharField[str | None]`` when declared with ``null=True``). At run time
the field defines no ``__set__``: values live in the instance ``__dict__``, so reading one
costs a dict lookup, and ``__get__`` runs only when the value is missing (a deferred field).

Conversions, per backend ``vendor`` ("sqlite", "postgresql", "mysql"):

- ``to_python(value)``: from user input (strings from forms); raises ``ValidationError``.
- ``get_db_prep_value(value, vendor)``: a Python value into a driver parameter.
- ``get_db_converter(vendor)``: a function turning a driver value into a Python value, or
  None when the driver's value is already right (the QuerySet layer builds the list once per
  query shape and skips the Nones). ``from_db_value(value, vendor)`` applies it to one value.
- ``sa_type(vendor)``: the SQLAlchemy column type (SQLAlchemy is imported only here, lazily).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypedDict, TypeVar, overload

from heron.utils.choices import flatten_choices as flatten_choices
from heron.utils.choices import normalize_choices as normalize_choices

from .. import related as _related
from ..exceptions import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.types import TypeEngine

    from ..base import Model

__all__ = ["NOT_PROVIDED", "Field", "FieldOptions", "Validator"]

_T = TypeVar("_T")
Validator = Callable[[Any], None]
VENDORS = ("sqlite", "postgresql", "mysql")


class _NotProvided:
    def __repr__(self) -> str:
        return "NOT_PROVIDED"

    def __reduce__(self) -> str:
        return "NOT_PROVIDED"


NOT_PROVIDED: Any = _NotProvided()
"""The value of ``default`` / ``db_default`` when none was given (None is a real default)."""


class FieldOptions(TypedDict, total=False):
    """The options every field accepts (besides ``verbose_name`` and ``null``)."""

    blank: bool
    default: Any
    unique: bool
    db_index: bool
    choices: Any
    validators: Sequence[Validator]
    help_text: str
    editable: bool
    db_column: str | None
    db_default: Any
    primary_key: bool


class Field(Generic[_T]):
    """Base of all model fields; see the module docstring for the conversion methods."""

    empty_values: ClassVar[tuple[Any, ...]] = (None, "", [], (), {})
    empty_strings_allowed: ClassVar[bool] = True
    default_validators: ClassVar[tuple[Validator, ...]] = ()
    error_messages: ClassVar[dict[str, str]] = {
        "invalid_choice": "Value %(value)r is not a valid choice.",
        "null": "This field cannot be null.",
        "blank": "This field cannot be blank.",
    }
    is_relation: ClassVar[bool] = False
    many_to_many: ClassVar[bool] = False
    concrete: ClassVar[bool] = True
    auto_created: bool = False

    name: str
    attname: str
    column: str
    model: type[Model]

    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        null: bool = False,
        blank: bool = False,
        default: Any = NOT_PROVIDED,
        unique: bool = False,
        db_index: bool = False,
        choices: Any = None,
        validators: Sequence[Validator] = (),
        help_text: str = "",
        editable: bool = True,
        db_column: str | None = None,
        db_default: Any = NOT_PROVIDED,
        primary_key: bool = False,
    ) -> None:
        self.verbose_name_given = verbose_name
        self.verbose_name = verbose_name or ""
        self.null = null
        self.blank = blank
        self.default = default
        self.unique = unique or primary_key
        self.db_index = db_index
        self.choices = normalize_choices(choices)
        self.flatchoices = flatten_choices(self.choices) if self.choices is not None else None
        self.validators = list(validators)
        self.help_text = help_text
        self.editable = editable
        self.db_column = db_column
        self.db_default = db_default
        self.primary_key = primary_key
        self.name = ""
        self.attname = ""
        self.column = ""
        self._choice_labels: dict[Any, Any] | None = None

    # -- the descriptor -----------------------------------------------------------------------

    @overload
    def __get__(self, instance: None, owner: Any) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: Any) -> _T: ...
    def __get__(self, instance: object | None, owner: Any) -> Any:
        if instance is None:
            return self
        # Only reached when the value is not in the instance __dict__: a deferred field.
        return _related.load_deferred(instance, self)

    if TYPE_CHECKING:
        # Type-checking only: at run time fields are non-data descriptors (see module doc).
        def __set__(self, instance: object, value: _T) -> None: ...

    def __set_name__(self, owner: type, name: str) -> None:
        # Model classes call contribute_to_class(); this only names fields used elsewhere.
        if not self.name:
            self.name = name

    # -- wiring into a model --------------------------------------------------------------------

    def contribute_to_class(self, model: type[Model], name: str) -> None:
        """Attach the field to ``model`` under ``name`` (called by the model metaclass)."""
        self.name = name
        self.attname = self.get_attname()
        self.column = self.db_column or self.attname
        self.model = model
        if not self.verbose_name:
            self.verbose_name = name.replace("_", " ")
        if self.concrete or self.many_to_many:
            setattr(model, name, self)
        model._meta.add_field(self)

    def get_attname(self) -> str:
        return self.name

    def clone(self) -> Self:
        """Return an unattached copy (used when a model inherits from an abstract model)."""
        new = copy.copy(self)
        new.validators = list(self.validators)
        return new

    # -- defaults and choices -------------------------------------------------------------------

    def has_default(self) -> bool:
        return self.default is not NOT_PROVIDED

    def get_default(self) -> Any:
        """Return the default value (calling it when callable); None, or "" for strings."""
        default = self.default
        if default is NOT_PROVIDED:
            if self.db_default is not NOT_PROVIDED or self.null or not self.empty_strings_allowed:
                return None
            return ""
        return default() if callable(default) else default

    def display_for(self, value: Any) -> Any:
        """Return the label of ``value`` among the choices (the value itself if unknown)."""
        labels = self._choice_labels
        if labels is None:
            labels = self._choice_labels = {}
            for choice, label in self.flatchoices or ():
                try:
                    labels[choice] = label
                except TypeError:  # an unhashable choice value: looked up linearly below
                    pass
        try:
            return labels.get(value, value)
        except TypeError:
            for choice, label in self.flatchoices or ():
                if choice == value:
                    return label
            return value

    # -- validation -----------------------------------------------------------------------------

    def to_python(self, value: Any) -> Any:
        """Convert input (often a string) to the field's Python type; raise ValidationError."""
        return value

    def validate(self, value: Any, instance: Model | None) -> None:
        """Check ``value`` against choices, ``null`` and ``blank``."""
        if not self.editable:
            return
        choices = self.flatchoices
        known = choices is None or any(value == choice for choice, _ in choices)
        if not known and value not in self.empty_values:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        if value is None and not self.null:
            raise ValidationError(self.error_messages["null"], code="null")
        if not self.blank and value in self.empty_values:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value: Any) -> None:
        if value in self.empty_values:
            return
        errors: list[ValidationError] = []
        for validator in (*self.default_validators, *self.validators):
            try:
                validator(value)
            except ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)

    def clean(self, value: Any, instance: Model | None) -> Any:
        """Convert and validate ``value``; return the cleaned value."""
        value = self.to_python(value)
        self.validate(value, instance)
        self.run_validators(value)
        return value

    # -- saving -------------------------------------------------------------------------------

    def pre_save(self, instance: Model, add: bool) -> Any:
        """Return the value to save for ``instance`` (``auto_now`` fields update it first)."""
        return instance.__dict__.get(self.attname)

    def value_from_object(self, instance: Model) -> Any:
        return getattr(instance, self.attname)

    # -- database conversions -------------------------------------------------------------------

    def get_prep_value(self, value: Any) -> Any:
        """Normalise a Python value before the per-backend conversion (vendor-independent)."""
        return value

    def get_db_prep_value(self, value: Any, vendor: str) -> Any:
        """Return ``value`` as a parameter for the ``vendor`` driver."""
        return self.get_prep_value(value)

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        """Return the driver-value-to-Python function for ``vendor``; None when not needed.

        Converters are only called with non-None values.
        """
        return None

    def from_db_value(self, value: Any, vendor: str) -> Any:
        """Convert one driver value (slow path; the QuerySet layer uses get_db_converter)."""
        if value is None:
            return None
        converter = self.get_db_converter(vendor)
        return value if converter is None else converter(value)

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        """Return the SQLAlchemy column type on ``vendor`` (None: the portable type)."""
        raise TypeError(f"{type(self).__name__} has no database column type.")

    def rel_sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        """Return the column type of a foreign key pointing at this field."""
        return self.sa_type(vendor)

    def check_value_for_db(self, value: Any) -> None:
        """Hook for subclasses to reject values no backend can store (e.g. naive datetimes)."""

    # -- migrations -----------------------------------------------------------------------------

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        """Return ``(name, import path, args, kwargs)`` that rebuild this field (migrations).

        ``kwargs`` holds only the options that differ from their defaults.
        """
        kwargs: dict[str, Any] = {}
        defaults: list[tuple[str, Any, Any]] = [
            ("verbose_name", self.verbose_name_given, None),
            ("null", self.null, False),
            ("blank", self.blank, False),
            ("default", self.default, NOT_PROVIDED),
            ("unique", self.unique and not self.primary_key, False),
            ("db_index", self.db_index, False),
            ("choices", self.choices, None),
            ("validators", self.validators, []),
            ("help_text", self.help_text, ""),
            ("editable", self.editable, True),
            ("db_column", self.db_column, None),
            ("db_default", self.db_default, NOT_PROVIDED),
            ("primary_key", self.primary_key, False),
        ]
        for key, value, default in defaults:
            if value is not default and value != default:
                kwargs[key] = value
        kwargs.update(self._deconstruct_extra())
        for key, default in self._deconstruct_defaults().items():
            if key in kwargs and kwargs[key] == default:
                del kwargs[key]
        return self.name, self._import_path(), [], kwargs

    def _deconstruct_extra(self) -> dict[str, Any]:
        return {}

    def _deconstruct_defaults(self) -> dict[str, Any]:
        """Options a subclass sets implicitly, dropped from deconstruct() when unchanged."""
        return {}

    def _import_path(self) -> str:
        cls = type(self)
        if cls.__module__.startswith("heron.db.models."):
            return f"heron.db.models.{cls.__qualname__}"
        return f"{cls.__module__}.{cls.__qualname__}"

    # -- display --------------------------------------------------------------------------------

    def __repr__(self) -> str:
        path = type(self).__name__
        if getattr(self, "model", None) is not None:
            return f"<{path}: {self.model._meta.label}.{self.name}>"
        if self.name:
            return f"<{path}: {self.name}>"
        return f"<{path}>"
