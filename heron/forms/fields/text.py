"""Text fields: ``CharField`` and its validating kin (email, URL, slug, regex, IP address)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from heron.core.validators import (
    MaxLengthValidator,
    MinLengthValidator,
    ProhibitNullCharactersValidator,
    RegexValidator,
    URLValidator,
    validate_email,
    validate_ipv4_address,
    validate_ipv6_address,
    validate_ipv46_address,
    validate_slug,
)

from ..widgets.base import EmailInput, URLInput, Widget
from .base import Field

__all__ = [
    "CharField",
    "EmailField",
    "GenericIPAddressField",
    "RegexField",
    "SlugField",
    "URLField",
]


class CharField(Field):
    """Text, stripped of surrounding whitespace unless ``strip=False``.

    An empty submission cleans to ``empty_value`` ("" by default; a model field with
    ``null=True`` uses None).
    """

    def __init__(
        self,
        *,
        max_length: int | None = None,
        min_length: int | None = None,
        strip: bool = True,
        empty_value: Any = "",
        **kwargs: Any,
    ) -> None:
        self.max_length = max_length
        self.min_length = min_length
        self.strip = strip
        self.empty_value = empty_value
        super().__init__(**kwargs)
        if min_length is not None:
            self.validators.append(MinLengthValidator(int(min_length)))
        if max_length is not None:
            self.validators.append(MaxLengthValidator(int(max_length)))
        self.validators.append(ProhibitNullCharactersValidator())

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values:
            value = str(value)
            if self.strip:
                value = value.strip()
        if value in self.empty_values:
            return self.empty_value
        return value

    def widget_attrs(self, widget: Widget) -> dict[str, Any]:
        attrs: dict[str, Any] = {}
        if widget.is_hidden:
            return attrs
        if self.max_length is not None:
            attrs["maxlength"] = str(self.max_length)
        if self.min_length is not None:
            attrs["minlength"] = str(self.min_length)
        return attrs


class EmailField(CharField):
    """An email address (``<input type="email">``), at most 320 characters by default."""

    widget = EmailInput
    default_validators = (validate_email,)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 320)
        super().__init__(strip=True, **kwargs)


class URLField(CharField):
    """An absolute URL; one typed without a scheme gets ``assume_scheme`` ("https")."""

    widget = URLInput
    default_error_messages = {"invalid": "Enter a valid URL."}
    default_validators = (URLValidator(),)

    def __init__(self, *, assume_scheme: str = "https", **kwargs: Any) -> None:
        self.assume_scheme = assume_scheme
        super().__init__(strip=True, **kwargs)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            parts = urlsplit(value)
        except ValueError:
            raise self.error("invalid", value=value) from None
        if not parts.scheme:
            parts = urlsplit(f"{self.assume_scheme}://{value}")
        return urlunsplit(parts)


class SlugField(CharField):
    """Letters, numbers, underscores and hyphens."""

    default_validators = (validate_slug,)


class RegexField(CharField):
    """Text that must match ``regex`` (``re.search``)."""

    def __init__(self, regex: str | re.Pattern[str], **kwargs: Any) -> None:
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
        self.regex = re.compile(regex) if isinstance(regex, str) else regex
        self.validators.append(RegexValidator(self.regex))


class GenericIPAddressField(CharField):
    """An IPv4 or IPv6 address (``protocol`` "both", "ipv4" or "ipv6")."""

    def __init__(self, *, protocol: str = "both", **kwargs: Any) -> None:
        validators = {
            "both": validate_ipv46_address,
            "ipv4": validate_ipv4_address,
            "ipv6": validate_ipv6_address,
        }
        if protocol.lower() not in validators:
            raise ValueError(f"protocol must be 'both', 'ipv4' or 'ipv6', not {protocol!r}.")
        kwargs.setdefault("max_length", 39)
        super().__init__(**kwargs)
        self.validators.append(validators[protocol.lower()])
