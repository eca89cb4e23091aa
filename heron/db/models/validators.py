"""The value validators, kept importable from here; they live in ``heron.core.validators``."""

from heron.core.validators import DecimalValidator as DecimalValidator
from heron.core.validators import EmailValidator as EmailValidator
from heron.core.validators import MaxLengthValidator as MaxLengthValidator
from heron.core.validators import MaxValueValidator as MaxValueValidator
from heron.core.validators import MinLengthValidator as MinLengthValidator
from heron.core.validators import MinValueValidator as MinValueValidator
from heron.core.validators import (
    ProhibitNullCharactersValidator as ProhibitNullCharactersValidator,
)
from heron.core.validators import RegexValidator as RegexValidator
from heron.core.validators import StepValueValidator as StepValueValidator
from heron.core.validators import URLValidator as URLValidator
from heron.core.validators import validate_email as validate_email
from heron.core.validators import validate_ipv4_address as validate_ipv4_address
from heron.core.validators import validate_ipv6_address as validate_ipv6_address
from heron.core.validators import validate_ipv46_address as validate_ipv46_address
from heron.core.validators import validate_slug as validate_slug

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
