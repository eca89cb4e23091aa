"""Number fields: auto primary keys, integers, floats and decimals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, Unpack, overload

from heron.core.validators import DecimalValidator, MaxValueValidator, MinValueValidator

from ..exceptions import ValidationError
from .base import Field, FieldOptions, Validator

if TYPE_CHECKING:
    from sqlalchemy.types import TypeEngine

__all__ = [
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "DecimalField",
    "FloatField",
    "IntegerField",
    "PositiveIntegerField",
    "SmallIntegerField",
]

_T = TypeVar("_T")


def _to_int(field: Field[Any], value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    try:
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "Value %(value)r must be an integer.", code="invalid", params={"value": value}
        ) from None


class IntegerField(Field[_T]):
    """A 32-bit signed integer."""

    empty_strings_allowed = False
    min_value: ClassVar[int] = -(2**31)
    max_value: ClassVar[int] = 2**31 - 1
    default_validators: ClassVar[tuple[Validator, ...]] = (
        MinValueValidator(-(2**31)),
        MaxValueValidator(2**31 - 1),
    )

    @overload  # IntegerField(...) -> int
    def __init__(
        self: IntegerField[int],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload  # IntegerField(null=True) -> int | None
    def __init__(
        self: IntegerField[int | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        super().__init__(verbose_name, null=null, **options)

    def to_python(self, value: Any) -> Any:
        return _to_int(self, value)

    def get_prep_value(self, value: Any) -> Any:
        return _to_int(self, value)

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.Integer()


class BigIntegerField(IntegerField[_T]):
    """A 64-bit signed integer."""

    min_value = -(2**63)
    max_value = 2**63 - 1
    default_validators = (MinValueValidator(-(2**63)), MaxValueValidator(2**63 - 1))

    @overload
    def __init__(
        self: BigIntegerField[int],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: BigIntegerField[int | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        Field.__init__(self, verbose_name, null=null, **options)

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.BigInteger()


class SmallIntegerField(IntegerField[_T]):
    """A 16-bit signed integer."""

    min_value = -(2**15)
    max_value = 2**15 - 1
    default_validators = (MinValueValidator(-(2**15)), MaxValueValidator(2**15 - 1))

    @overload
    def __init__(
        self: SmallIntegerField[int],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: SmallIntegerField[int | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        Field.__init__(self, verbose_name, null=null, **options)

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.SmallInteger()


class PositiveIntegerField(IntegerField[_T]):
    """A 32-bit integer that is zero or more (a CHECK constraint enforces it in the table)."""

    min_value = 0
    default_validators = (MinValueValidator(0), MaxValueValidator(2**31 - 1))

    @overload
    def __init__(
        self: PositiveIntegerField[int],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: PositiveIntegerField[int | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        Field.__init__(self, verbose_name, null=null, **options)


class AutoField(Field[int]):
    """An integer primary key the database assigns on insert (None until saved)."""

    empty_strings_allowed = False

    def __init__(self, verbose_name: str | None = None, **options: Unpack[FieldOptions]) -> None:
        options.setdefault("primary_key", True)
        if not options["primary_key"]:
            raise TypeError(f"{type(self).__name__} must be a primary key (primary_key=True).")
        options.setdefault("blank", True)
        super().__init__(verbose_name, **options)

    def to_python(self, value: Any) -> Any:
        return _to_int(self, value)

    def get_prep_value(self, value: Any) -> Any:
        return _to_int(self, value)

    def _deconstruct_defaults(self) -> dict[str, Any]:
        return {"primary_key": True, "blank": True}

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.Integer()

    def rel_sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        return self.sa_type(vendor)


class BigAutoField(AutoField):
    """A 64-bit auto primary key (the default ``id``); INTEGER on SQLite (rowids are 64-bit)."""

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        # SQLite only auto-increments a column declared exactly "INTEGER PRIMARY KEY".
        return sa.Integer() if vendor == "sqlite" else sa.BigInteger()

    def rel_sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.BigInteger()


class FloatField(Field[_T]):
    """A double-precision floating point number."""

    empty_strings_allowed = False

    @overload
    def __init__(
        self: FloatField[float],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: FloatField[float | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        super().__init__(verbose_name, null=null, **options)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, float):
            return value
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ValidationError(
                "Value %(value)r must be a number.", code="invalid", params={"value": value}
            ) from None

    def get_prep_value(self, value: Any) -> Any:
        return None if value is None else float(value)

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.Double()


class DecimalField(Field[_T]):
    """A fixed-precision decimal number: ``max_digits`` in all, ``decimal_places`` after the point.

    SQLite has no decimal type: values are stored as text-formatted numbers (NUMERIC
    affinity) and come back through ``Decimal``, quantized to ``decimal_places``.
    """

    empty_strings_allowed = False

    @overload
    def __init__(
        self: DecimalField[Decimal],
        verbose_name: str | None = None,
        *,
        max_digits: int,
        decimal_places: int,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: DecimalField[Decimal | None],
        verbose_name: str | None = None,
        *,
        max_digits: int,
        decimal_places: int,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        null: bool = False,
        **options: Any,
    ) -> None:
        if max_digits is None or decimal_places is None:
            raise TypeError(
                "DecimalField needs max_digits and decimal_places, "
                "e.g. DecimalField(max_digits=8, decimal_places=2)."
            )
        if not 0 <= decimal_places <= max_digits or max_digits < 1:
            raise TypeError(
                f"DecimalField needs 0 <= decimal_places <= max_digits and max_digits >= 1; "
                f"got max_digits={max_digits}, decimal_places={decimal_places}."
            )
        super().__init__(verbose_name, null=null, **options)
        self.max_digits = max_digits
        self.decimal_places = decimal_places
        self._quantum = Decimal(1).scaleb(-decimal_places)

    @property
    def decimal_validator(self) -> DecimalValidator:
        return DecimalValidator(self.max_digits, self.decimal_places)

    def run_validators(self, value: Any) -> None:
        if value not in self.empty_values:
            self.decimal_validator(value)
        super().run_validators(value)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, Decimal):
            return value
        try:
            if isinstance(value, float):
                return Decimal(repr(value))
            return Decimal(str(value).strip() if isinstance(value, str) else value)
        except (InvalidOperation, TypeError, ValueError):
            raise ValidationError(
                "Value %(value)r must be a decimal number.",
                code="invalid",
                params={"value": value},
            ) from None

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(value)

    def get_db_prep_value(self, value: Any, vendor: str) -> Any:
        value = self.get_prep_value(value)
        if value is None or vendor != "sqlite":
            return value
        return format(value.quantize(self._quantum), "f") if value.is_finite() else str(value)

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        if vendor != "sqlite":
            return None
        quantum = self._quantum

        def convert(value: Any) -> Decimal:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            return number.quantize(quantum)

        return convert

    def _deconstruct_extra(self) -> dict[str, Any]:
        return {"max_digits": self.max_digits, "decimal_places": self.decimal_places}

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.Numeric(self.max_digits, self.decimal_places)
