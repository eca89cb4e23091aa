"""Fields that are not numbers, text or times: booleans, UUIDs, JSON, bytes, IP addresses."""

from __future__ import annotations

import base64
import ipaddress
import json
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, Unpack, overload

from ..exceptions import ValidationError
from .base import Field, FieldOptions

if TYPE_CHECKING:
    from sqlalchemy.types import TypeEngine

__all__ = ["BinaryField", "BooleanField", "GenericIPAddressField", "JSONField", "UUIDField"]

_T = TypeVar("_T")

_TRUE = frozenset({"true", "t", "1", "yes", "y", "on"})
_FALSE = frozenset({"false", "f", "0", "no", "n", "off"})


class BooleanField(Field[_T]):
    """True or False (a native boolean on PostgreSQL and MySQL, 0/1 on SQLite)."""

    empty_strings_allowed = False

    @overload
    def __init__(
        self: BooleanField[bool],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: BooleanField[bool | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        if "default" in options and options.get("blank") is None:
            options["blank"] = True  # a default makes "unticked" a real answer
        super().__init__(verbose_name, null=null, **options)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
        raise ValidationError(
            "Value %(value)r must be True or False.", code="invalid", params={"value": value}
        )

    def validate(self, value: Any, instance: Any) -> None:
        # False is a value, not a blank one.
        if value is False:
            return
        super().validate(value, instance)

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(value)

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        return None if vendor == "postgresql" else bool

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.Boolean()


class UUIDField(Field[_T]):
    """A UUID: native on PostgreSQL, 32 hex characters elsewhere."""

    empty_strings_allowed = False

    @overload
    def __init__(
        self: UUIDField[uuid.UUID],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: UUIDField[uuid.UUID | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        super().__init__(verbose_name, null=null, **options)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, uuid.UUID):
            return value
        try:
            if isinstance(value, int) and not isinstance(value, bool):
                return uuid.UUID(int=value)
            return uuid.UUID(str(value).strip())
        except (ValueError, AttributeError):
            raise ValidationError(
                "Value %(value)r is not a valid UUID.", code="invalid", params={"value": value}
            ) from None

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(value)

    def get_db_prep_value(self, value: Any, vendor: str) -> Any:
        value = self.to_python(value)
        if value is None or vendor == "postgresql":
            return value
        return value.hex

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        return None if vendor == "postgresql" else _uuid_from_text

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.Uuid()


def _uuid_from_text(value: Any) -> Any:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


class JSONField(Field[Any]):
    """Any JSON-serialisable value: JSONB on PostgreSQL, JSON on MySQL/MariaDB, TEXT on SQLite.

    Values go to every driver as JSON text (PostgreSQL casts it to ``jsonb``). ``encoder`` and
    ``decoder`` (``json.JSONEncoder`` / ``json.JSONDecoder`` subclasses) switch from orjson
    to the standard library, e.g. to store ``Decimal``.
    """

    empty_strings_allowed = False
    error_messages: ClassVar[dict[str, str]] = {
        **Field.error_messages,
        "invalid": "Value must be valid JSON.",
    }

    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        null: bool = False,
        encoder: type[json.JSONEncoder] | None = None,
        decoder: type[json.JSONDecoder] | None = None,
        **options: Unpack[FieldOptions],
    ) -> None:
        super().__init__(verbose_name, null=null, **options)
        self.encoder = encoder
        self.decoder = decoder

    def dumps(self, value: Any) -> str:
        """Serialise ``value`` to JSON text."""
        if self.encoder is None:
            import orjson

            try:
                return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
            except TypeError:
                pass  # let the stdlib produce its usual error (or handle the type)
        return json.dumps(value, cls=self.encoder, ensure_ascii=False)

    def loads(self, text: str | bytes) -> Any:
        """Parse JSON text."""
        if self.decoder is None:
            import orjson

            return orjson.loads(text)
        return json.loads(text, cls=self.decoder)

    def validate(self, value: Any, instance: Any) -> None:
        super().validate(value, instance)
        try:
            self.dumps(value)
        except (TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def get_db_prep_value(self, value: Any, vendor: str) -> Any:
        if value is None:
            return None
        return self.dumps(value)

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        if vendor == "postgresql":
            return None  # psycopg parses json/jsonb itself
        loads = self.loads

        def convert(value: Any) -> Any:
            return loads(value) if isinstance(value, str | bytes) else value

        return convert

    def _deconstruct_extra(self) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.encoder is not None:
            extra["encoder"] = self.encoder
        if self.decoder is not None:
            extra["decoder"] = self.decoder
        return extra

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        if vendor == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return JSONB()
        if vendor == "mysql":
            return sa.JSON()
        return sa.Text()


class BinaryField(Field[_T]):
    """Raw bytes (BLOB / BYTEA / LONGBLOB); not editable in forms by default."""

    empty_values = (None, b"")

    @overload
    def __init__(
        self: BinaryField[bytes],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: BinaryField[bytes | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        options.setdefault("editable", False)
        super().__init__(verbose_name, null=null, **options)

    def _deconstruct_defaults(self) -> dict[str, Any]:
        return {"editable": False}

    def get_default(self) -> Any:
        if not self.has_default() and not self.null:
            return b""
        return super().get_default()

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            # Serialised data (fixtures, JSON) carries bytes as base64.
            try:
                return base64.b64decode(value.encode("ascii"), validate=True)
            except (ValueError, UnicodeEncodeError):
                raise ValidationError(
                    "Value must be bytes or base64 text.", code="invalid"
                ) from None
        if isinstance(value, bytearray | memoryview):
            return bytes(value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(value)

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        return _bytes

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        if vendor == "mysql":
            from sqlalchemy.dialects.mysql import LONGBLOB

            return LONGBLOB()
        return sa.LargeBinary()


def _bytes(value: Any) -> Any:
    return value if isinstance(value, bytes) else bytes(value)


class GenericIPAddressField(Field[_T]):
    """An IPv4 or IPv6 address, stored normalised (INET on PostgreSQL, VARCHAR(39) elsewhere).

    ``protocol`` is "both", "IPv4" or "IPv6"; ``unpack_ipv4=True`` stores IPv4-mapped IPv6
    addresses (``::ffff:10.0.0.1``) as plain IPv4.
    """

    empty_strings_allowed = False
    _messages: ClassVar[dict[str, str]] = {
        "both": "Enter a valid IPv4 or IPv6 address.",
        "ipv4": "Enter a valid IPv4 address.",
        "ipv6": "Enter a valid IPv6 address.",
    }

    @overload
    def __init__(
        self: GenericIPAddressField[str],
        verbose_name: str | None = None,
        *,
        protocol: Literal["both", "IPv4", "IPv6"] = "both",
        unpack_ipv4: bool = False,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: GenericIPAddressField[str | None],
        verbose_name: str | None = None,
        *,
        protocol: Literal["both", "IPv4", "IPv6"] = "both",
        unpack_ipv4: bool = False,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        protocol: str = "both",
        unpack_ipv4: bool = False,
        null: bool = False,
        **options: Any,
    ) -> None:
        if protocol.lower() not in self._messages:
            raise TypeError(f"protocol must be 'both', 'IPv4' or 'IPv6', not {protocol!r}.")
        if unpack_ipv4 and protocol.lower() != "both":
            raise TypeError("unpack_ipv4 only makes sense with protocol='both'.")
        super().__init__(verbose_name, null=null, **options)
        self.protocol = protocol
        self.unpack_ipv4 = unpack_ipv4
        self.max_length = 39

    def to_python(self, value: Any) -> Any:
        if value is None:
            return None
        text = str(value).strip()
        if not text:
            return None if self.null else ""
        kind = self.protocol.lower()
        try:
            address: ipaddress.IPv4Address | ipaddress.IPv6Address
            if kind == "ipv4":
                address = ipaddress.IPv4Address(text)
            elif kind == "ipv6":
                address = ipaddress.IPv6Address(text)
            else:
                address = ipaddress.ip_address(text)
        except ValueError:
            raise ValidationError(
                self._messages[kind], code="invalid", params={"value": value}
            ) from None
        if self.unpack_ipv4 and isinstance(address, ipaddress.IPv6Address):
            mapped = address.ipv4_mapped
            if mapped is not None:
                return str(mapped)
        return str(address)

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        return self.to_python(value)

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        return _ip_text if vendor == "postgresql" else None

    def _deconstruct_extra(self) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.protocol != "both":
            extra["protocol"] = self.protocol
        if self.unpack_ipv4:
            extra["unpack_ipv4"] = True
        return extra

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        if vendor == "postgresql":
            from sqlalchemy.dialects.postgresql import INET

            return INET()
        return sa.String(39)


def _ip_text(value: Any) -> Any:
    # psycopg returns inet values as ipaddress objects (Interface when a prefix is stored).
    return str(getattr(value, "ip", value))
