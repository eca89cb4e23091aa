"""Text fields: ``CharField`` and its validated kin (slug, email, URL), and ``TextField``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, Unpack, overload

from heron.core.validators import MaxLengthValidator, URLValidator, validate_email, validate_slug

from .base import Field, FieldOptions, Validator

if TYPE_CHECKING:
    from sqlalchemy.types import TypeEngine

__all__ = ["CharField", "EmailField", "SlugField", "TextField", "URLField"]

_T = TypeVar("_T")


def _to_str(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    return str(value)


class CharField(Field[_T]):
    """A string of at most ``max_length`` characters (VARCHAR)."""

    @overload  # CharField(max_length=...) -> str
    def __init__(
        self: CharField[str],
        verbose_name: str | None = None,
        *,
        max_length: int,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload  # CharField(max_length=..., null=True) -> str | None
    def __init__(
        self: CharField[str | None],
        verbose_name: str | None = None,
        *,
        max_length: int,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        max_length: int | None = None,
        null: bool = False,
        **options: Any,
    ) -> None:
        Field.__init__(self, verbose_name, null=null, **options)
        self._set_max_length(max_length)

    def _set_max_length(self, max_length: int | None) -> None:
        if max_length is None:
            raise TypeError(
                f"{type(self).__name__} needs max_length, e.g. "
                f"{type(self).__name__}(max_length=200); use TextField for unlimited text."
            )
        if not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1:
            raise TypeError(
                f"{type(self).__name__}.max_length must be a positive integer, not {max_length!r}."
            )
        self.max_length = max_length
        self.validators.append(MaxLengthValidator(max_length))

    def to_python(self, value: Any) -> Any:
        return _to_str(value)

    def get_prep_value(self, value: Any) -> Any:
        return _to_str(value)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        limiter = MaxLengthValidator(self.max_length)
        validators = [v for v in kwargs.get("validators", []) if v != limiter]
        if validators:
            kwargs["validators"] = validators
        else:
            kwargs.pop("validators", None)
        return name, path, args, kwargs

    def _deconstruct_extra(self) -> dict[str, Any]:
        return {"max_length": self.max_length}

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.String(self.max_length)


class SlugField(CharField[_T]):
    """Letters, digits, underscores and hyphens (``max_length`` 50 unless given); indexed."""

    default_validators: ClassVar[tuple[Validator, ...]] = (validate_slug,)
    _default_max_length: ClassVar[int] = 50

    @overload
    def __init__(
        self: SlugField[str],
        verbose_name: str | None = None,
        *,
        max_length: int = 50,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: SlugField[str | None],
        verbose_name: str | None = None,
        *,
        max_length: int = 50,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        max_length: int | None = None,
        null: bool = False,
        **options: Any,
    ) -> None:
        options.setdefault("db_index", True)
        Field.__init__(self, verbose_name, null=null, **options)
        self._set_max_length(max_length or self._default_max_length)

    def _deconstruct_defaults(self) -> dict[str, Any]:
        return {"max_length": 50, "db_index": True}


class EmailField(CharField[_T]):
    """An email address (``max_length`` 254 unless given)."""

    default_validators: ClassVar[tuple[Validator, ...]] = (validate_email,)

    @overload
    def __init__(
        self: EmailField[str],
        verbose_name: str | None = None,
        *,
        max_length: int = 254,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: EmailField[str | None],
        verbose_name: str | None = None,
        *,
        max_length: int = 254,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        max_length: int | None = None,
        null: bool = False,
        **options: Any,
    ) -> None:
        Field.__init__(self, verbose_name, null=null, **options)
        self._set_max_length(max_length or 254)

    def _deconstruct_defaults(self) -> dict[str, Any]:
        return {"max_length": 254}


class URLField(CharField[_T]):
    """An http(s) or ftp(s) URL (``max_length`` 200 unless given)."""

    default_validators: ClassVar[tuple[Validator, ...]] = (URLValidator(),)

    @overload
    def __init__(
        self: URLField[str],
        verbose_name: str | None = None,
        *,
        max_length: int = 200,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: URLField[str | None],
        verbose_name: str | None = None,
        *,
        max_length: int = 200,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        max_length: int | None = None,
        null: bool = False,
        **options: Any,
    ) -> None:
        Field.__init__(self, verbose_name, null=null, **options)
        self._set_max_length(max_length or 200)

    def _deconstruct_defaults(self) -> dict[str, Any]:
        return {"max_length": 200}


class TextField(Field[_T]):
    """Text of any length (TEXT; LONGTEXT on MySQL/MariaDB, whose TEXT stops at 64 KB)."""

    @overload
    def __init__(
        self: TextField[str],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: TextField[str | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        super().__init__(verbose_name, null=null, **options)

    def to_python(self, value: Any) -> Any:
        return _to_str(value)

    def get_prep_value(self, value: Any) -> Any:
        return _to_str(value)

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        if vendor == "mysql":
            from sqlalchemy.dialects.mysql import LONGTEXT

            return LONGTEXT()
        return sa.Text()
