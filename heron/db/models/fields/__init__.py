"""Model fields, one family per module: numbers, text, time, misc (bool/UUID/JSON/bytes/IP),
relations. ``base.Field`` documents the descriptor and the conversion methods."""

from .base import NOT_PROVIDED as NOT_PROVIDED
from .base import Field as Field
from .misc import BinaryField as BinaryField
from .misc import BooleanField as BooleanField
from .misc import GenericIPAddressField as GenericIPAddressField
from .misc import JSONField as JSONField
from .misc import UUIDField as UUIDField
from .numeric import AutoField as AutoField
from .numeric import BigAutoField as BigAutoField
from .numeric import BigIntegerField as BigIntegerField
from .numeric import DecimalField as DecimalField
from .numeric import FloatField as FloatField
from .numeric import IntegerField as IntegerField
from .numeric import PositiveIntegerField as PositiveIntegerField
from .numeric import SmallIntegerField as SmallIntegerField
from .related import ForeignKey as ForeignKey
from .related import ManyToManyField as ManyToManyField
from .related import OneToOneField as OneToOneField
from .related import RelatedField as RelatedField
from .temporal import DateField as DateField
from .temporal import DateTimeField as DateTimeField
from .temporal import DurationField as DurationField
from .temporal import TimeField as TimeField
from .text import CharField as CharField
from .text import EmailField as EmailField
from .text import SlugField as SlugField
from .text import TextField as TextField
from .text import URLField as URLField

__all__ = [
    "NOT_PROVIDED",
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BinaryField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "DurationField",
    "EmailField",
    "Field",
    "FloatField",
    "ForeignKey",
    "GenericIPAddressField",
    "IntegerField",
    "JSONField",
    "ManyToManyField",
    "OneToOneField",
    "PositiveIntegerField",
    "RelatedField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "TimeField",
    "URLField",
    "UUIDField",
]
