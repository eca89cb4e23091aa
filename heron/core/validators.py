"""Value validators shared by model fields and form fields.

A validator is any callable taking the value and raising ``ValidationError`` when it is
invalid. The classes here compare equal when configured alike, so ``deconstruct()`` output
stays stable for the migrations autodetector.
"""

from __future__ import annotations

import ipaddress
import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from .exceptions import ValidationError

__all__ = [
    "DecimalValidator",
    "EmailValidator",
    "MaxLengthValidator",
    "MaxValueValidator",
    "MinLengthValidator",
    "MinValueValidator",
    "ProhibitNullCharactersValidator",
    "RegexValidator",
    "StepValueValidator",
    "URLValidator",
    "validate_email",
    "validate_ipv46_address",
    "validate_ipv4_address",
    "validate_ipv6_address",
    "validate_slug",
]


class _Validator:
    """Base: equality by class and configuration."""

    def _key(self) -> tuple[Any, ...]:
        return ()

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Validator)
            and type(other) is type(self)
            and self._key() == other._key()
        )

    def __hash__(self) -> int:
        return hash((type(self), self._key()))

    def __repr__(self) -> str:
        args = ", ".join(repr(a) for a in self._key())
        return f"{type(self).__name__}({args})"


class _LimitValidator(_Validator):
    message = ""
    code = ""

    def __init__(self, limit: Any) -> None:
        self.limit = limit

    def _key(self) -> tuple[Any, ...]:
        return (self.limit,)

    def _fails(self, value: Any) -> bool:
        raise TypeError  # pragma: no cover - every subclass overrides it

    def _params(self, value: Any) -> dict[str, Any]:
        return {"limit": self.limit, "value": value}

    def __call__(self, value: Any) -> None:
        if self._fails(value):
            raise ValidationError(self.message, code=self.code, params=self._params(value))


class MaxLengthValidator(_LimitValidator):
    """Reject strings longer than ``limit`` characters."""

    message = "Ensure this value has at most %(limit)d characters (it has %(length)d)."
    code = "max_length"

    def _fails(self, value: Any) -> bool:
        return bool(len(value) > self.limit)

    def _params(self, value: Any) -> dict[str, Any]:
        return {"limit": self.limit, "length": len(value)}


class MinLengthValidator(_LimitValidator):
    """Reject strings shorter than ``limit`` characters."""

    message = "Ensure this value has at least %(limit)d characters (it has %(length)d)."
    code = "min_length"

    def _fails(self, value: Any) -> bool:
        return bool(len(value) < self.limit)

    def _params(self, value: Any) -> dict[str, Any]:
        return {"limit": self.limit, "length": len(value)}


class StepValueValidator(_LimitValidator):
    """Reject numbers that are not a multiple of ``limit`` (counted from ``offset``)."""

    message = "Ensure this value is a multiple of step size %(limit)s."
    code = "step_size"

    def __init__(self, limit: Any, offset: Any = None) -> None:
        super().__init__(limit)
        self.offset = offset

    def _key(self) -> tuple[Any, ...]:
        return (self.limit, self.offset)

    def _fails(self, value: Any) -> bool:
        start = self.offset or 0
        if isinstance(value, float) or isinstance(self.limit, float):
            ratio = (value - start) / self.limit
            return bool(abs(ratio - round(ratio)) > 1e-9)
        return bool((Decimal(value) - Decimal(start)) % Decimal(self.limit) != 0)


class ProhibitNullCharactersValidator(_Validator):
    """Reject strings containing the NUL character (no database stores it in text)."""

    message = "Null characters are not allowed."
    code = "null_characters_not_allowed"

    def __call__(self, value: Any) -> None:
        if "\x00" in str(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})


class MaxValueValidator(_LimitValidator):
    """Reject values greater than ``limit``."""

    message = "Ensure this value is less than or equal to %(limit)s."
    code = "max_value"

    def _fails(self, value: Any) -> bool:
        return bool(value > self.limit)


class MinValueValidator(_LimitValidator):
    """Reject values less than ``limit``."""

    message = "Ensure this value is greater than or equal to %(limit)s."
    code = "min_value"

    def _fails(self, value: Any) -> bool:
        return bool(value < self.limit)


class RegexValidator(_Validator):
    """Reject strings that do not match ``regex`` (or that match, with ``inverse_match``)."""

    def __init__(
        self,
        regex: str | re.Pattern[str],
        message: str = "Enter a valid value.",
        code: str = "invalid",
        *,
        inverse_match: bool = False,
    ) -> None:
        self.regex = re.compile(regex) if isinstance(regex, str) else regex
        self.message = message
        self.code = code
        self.inverse_match = inverse_match

    def _key(self) -> tuple[Any, ...]:
        return (self.regex.pattern, self.message, self.code, self.inverse_match)

    def __call__(self, value: Any) -> None:
        matched = isinstance(value, str) and self.regex.search(value) is not None
        if matched == self.inverse_match:
            raise ValidationError(self.message, code=self.code, params={"value": value})


validate_slug = RegexValidator(
    r"\A[-a-zA-Z0-9_]+\Z",
    "Enter a valid slug: letters, numbers, underscores or hyphens.",
    "invalid",
)

_LOCAL_PART = re.compile(r"\A[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+(\.[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+)*\Z")
_QUOTED_LOCAL = re.compile(r'\A"([\x01-\x08\x0b\x0c\x0e-\x1f!#-\[\]-\x7f]|\\[\x01-\x7f])*"\Z')
_LABEL = re.compile(r"\A(?!-)[A-Za-z0-9-]{1,63}(?<!-)\Z")
_TLD = re.compile(r"\A([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})\Z")


def _valid_hostname(host: str, *, allow_localhost: bool = True) -> bool:
    if allow_localhost and host.lower() == "localhost":
        return True
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    if len(ascii_host) > 253 or len(labels) < 2:
        return False
    return all(_LABEL.match(label) for label in labels) and bool(_TLD.match(labels[-1]))


def _valid_ip_literal(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class EmailValidator(_Validator):
    """Accept ``local@domain`` with a dotted domain (IDN allowed), ``localhost`` or ``[IP]``."""

    message = "Enter a valid email address."
    code = "invalid"

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str) or "@" not in value or len(value) > 320:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        local, domain = value.rsplit("@", 1)
        local_ok = bool(_LOCAL_PART.match(local) or _QUOTED_LOCAL.match(local))
        if domain.startswith("[") and domain.endswith("]"):
            literal = domain[1:-1].removeprefix("IPv6:")
            domain_ok = _valid_ip_literal(literal)
        else:
            domain_ok = _valid_hostname(domain)
        if not (local_ok and domain_ok and len(local) <= 64):
            raise ValidationError(self.message, code=self.code, params={"value": value})


validate_email = EmailValidator()


class URLValidator(_Validator):
    """Accept absolute URLs whose scheme is in ``schemes`` and whose host is valid."""

    message = "Enter a valid URL."
    code = "invalid"

    def __init__(self, schemes: tuple[str, ...] = ("http", "https", "ftp", "ftps")) -> None:
        self.schemes = schemes

    def _key(self) -> tuple[Any, ...]:
        return (self.schemes,)

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str) or len(value) > 2048 or not self._valid(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def _valid(self, value: str) -> bool:
        if any(ch.isspace() for ch in value):
            return False
        try:
            parts = urlsplit(value)
            port = parts.port  # raises ValueError when out of range or not a number
        except ValueError:
            return False
        del port
        if parts.scheme.lower() not in self.schemes or not parts.netloc:
            return False
        host = parts.hostname or ""
        if parts.netloc.rpartition("@")[2].startswith("["):
            return _valid_ip_literal(host)
        if re.fullmatch(r"[0-9.]+", host):
            try:
                ipaddress.IPv4Address(host)
            except ValueError:
                return False
            return True
        return _valid_hostname(host)


class DecimalValidator(_Validator):
    """Reject decimals with more digits than ``max_digits`` / ``decimal_places`` allow."""

    messages = {
        "invalid": "Enter a number.",
        "max_digits": "Ensure that there are no more than %(max)s digits in total.",
        "max_decimal_places": "Ensure that there are no more than %(max)s decimal places.",
        "max_whole_digits": (
            "Ensure that there are no more than %(max)s digits before the decimal point."
        ),
    }

    def __init__(self, max_digits: int | None, decimal_places: int | None) -> None:
        self.max_digits = max_digits
        self.decimal_places = decimal_places

    def _key(self) -> tuple[Any, ...]:
        return (self.max_digits, self.decimal_places)

    def __call__(self, value: Decimal) -> None:
        _sign, digit_tuple, exponent = value.as_tuple()
        if not isinstance(exponent, int):
            raise ValidationError(self.messages["invalid"], code="invalid", params={"value": value})
        if exponent >= 0:
            digits = len(digit_tuple)
            if digit_tuple != (0,):
                digits += exponent
            decimals = 0
        else:
            digits = max(len(digit_tuple), -exponent)
            decimals = -exponent
        whole = digits - decimals
        if self.max_digits is not None and digits > self.max_digits:
            self._fail("max_digits", self.max_digits, value)
        if self.decimal_places is not None and decimals > self.decimal_places:
            self._fail("max_decimal_places", self.decimal_places, value)
        if (
            self.max_digits is not None
            and self.decimal_places is not None
            and whole > self.max_digits - self.decimal_places
        ):
            self._fail("max_whole_digits", self.max_digits - self.decimal_places, value)

    def _fail(self, code: str, limit: int, value: Decimal) -> None:
        raise ValidationError(self.messages[code], code=code, params={"max": limit, "value": value})


def validate_ipv4_address(value: Any) -> None:
    """Raise ``ValidationError`` unless ``value`` is an IPv4 address."""
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise ValidationError(
            "Enter a valid IPv4 address.", code="invalid", params={"value": value}
        ) from None


def validate_ipv6_address(value: Any) -> None:
    """Raise ``ValidationError`` unless ``value`` is an IPv6 address."""
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        raise ValidationError(
            "Enter a valid IPv6 address.", code="invalid", params={"value": value}
        ) from None


def validate_ipv46_address(value: Any) -> None:
    """Raise ``ValidationError`` unless ``value`` is an IPv4 or IPv6 address."""
    try:
        ipaddress.ip_address(value)
    except ValueError:
        raise ValidationError(
            "Enter a valid IPv4 or IPv6 address.", code="invalid", params={"value": value}
        ) from None
