"""Form fields, one family per module: text, numbers, choices, dates and times, files, misc.

``base.Field`` documents the cleaning steps every field follows.
"""

from .base import Field as Field
from .choices import BooleanField as BooleanField
from .choices import ChoiceField as ChoiceField
from .choices import MultipleChoiceField as MultipleChoiceField
from .choices import NullBooleanField as NullBooleanField
from .choices import TypedChoiceField as TypedChoiceField
from .choices import TypedMultipleChoiceField as TypedMultipleChoiceField
from .files import FileField as FileField
from .files import ImageField as ImageField
from .misc import JSONField as JSONField
from .misc import UUIDField as UUIDField
from .multi import MultiValueField as MultiValueField
from .numeric import DecimalField as DecimalField
from .numeric import FloatField as FloatField
from .numeric import IntegerField as IntegerField
from .temporal import DateField as DateField
from .temporal import DateTimeField as DateTimeField
from .temporal import DurationField as DurationField
from .temporal import SplitDateTimeField as SplitDateTimeField
from .temporal import TimeField as TimeField
from .text import CharField as CharField
from .text import EmailField as EmailField
from .text import GenericIPAddressField as GenericIPAddressField
from .text import RegexField as RegexField
from .text import SlugField as SlugField
from .text import URLField as URLField

__all__ = [
    "BooleanField",
    "CharField",
    "ChoiceField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "DurationField",
    "EmailField",
    "Field",
    "FileField",
    "FloatField",
    "GenericIPAddressField",
    "ImageField",
    "IntegerField",
    "JSONField",
    "MultiValueField",
    "MultipleChoiceField",
    "NullBooleanField",
    "RegexField",
    "SlugField",
    "SplitDateTimeField",
    "TimeField",
    "TypedChoiceField",
    "TypedMultipleChoiceField",
    "URLField",
    "UUIDField",
]
