"""The model layer: ``from heron.db import models`` then ``models.Model``, ``models.CharField``...

Map of the room:

- ``base``: ``Model`` and its metaclass; ``options``: ``Model._meta``; ``registry``: models by
  label, ``isolated_registry()`` for tests; ``table``: SQLAlchemy ``Table`` generation.
- ``fields/``: the field families; ``choices``: ``TextChoices`` / ``IntegerChoices``.
- ``related``: reverse relations, related managers and the loader hooks the QuerySet layer
  fills; ``deletion``: ``on_delete`` markers.
- ``constraints``, ``indexes``: ``Meta.constraints`` / ``Meta.indexes`` entries.
- ``validators``, ``exceptions``, ``signals``.
- ``query/``: managers, QuerySets, ``F``/``Q``/``Value``, save/delete (see docs/queries.md);
  ``schema``: ``create_tables`` / ``drop_tables`` for tests.

Importing this package never touches a database and does not import SQLAlchemy.
"""

from . import signals as signals
from .base import Model as Model
from .base import ModelState as ModelState
from .choices import Choices as Choices
from .choices import IntegerChoices as IntegerChoices
from .choices import TextChoices as TextChoices
from .constraints import CheckConstraint as CheckConstraint
from .constraints import UniqueConstraint as UniqueConstraint
from .deletion import CASCADE as CASCADE
from .deletion import DO_NOTHING as DO_NOTHING
from .deletion import PROTECT as PROTECT
from .deletion import RESTRICT as RESTRICT
from .deletion import SET as SET
from .deletion import SET_DEFAULT as SET_DEFAULT
from .deletion import SET_NULL as SET_NULL
from .deletion import ProtectedError as ProtectedError
from .deletion import RestrictedError as RestrictedError
from .exceptions import FieldDoesNotExist as FieldDoesNotExist
from .exceptions import FieldError as FieldError
from .exceptions import MultipleObjectsReturned as MultipleObjectsReturned
from .exceptions import ObjectDoesNotExist as ObjectDoesNotExist
from .exceptions import ValidationError as ValidationError
from .fields import NOT_PROVIDED as NOT_PROVIDED
from .fields import AutoField as AutoField
from .fields import BigAutoField as BigAutoField
from .fields import BigIntegerField as BigIntegerField
from .fields import BinaryField as BinaryField
from .fields import BooleanField as BooleanField
from .fields import CharField as CharField
from .fields import DateField as DateField
from .fields import DateTimeField as DateTimeField
from .fields import DecimalField as DecimalField
from .fields import DurationField as DurationField
from .fields import EmailField as EmailField
from .fields import Field as Field
from .fields import FloatField as FloatField
from .fields import ForeignKey as ForeignKey
from .fields import GenericIPAddressField as GenericIPAddressField
from .fields import IntegerField as IntegerField
from .fields import JSONField as JSONField
from .fields import ManyToManyField as ManyToManyField
from .fields import OneToOneField as OneToOneField
from .fields import PositiveIntegerField as PositiveIntegerField
from .fields import SlugField as SlugField
from .fields import SmallIntegerField as SmallIntegerField
from .fields import TextField as TextField
from .fields import TimeField as TimeField
from .fields import URLField as URLField
from .fields import UUIDField as UUIDField
from .indexes import Index as Index
from .options import Options as Options
from .query import Aggregate as Aggregate
from .query import Avg as Avg
from .query import Case as Case
from .query import Cast as Cast
from .query import Coalesce as Coalesce
from .query import Concat as Concat
from .query import Count as Count
from .query import DenseRank as DenseRank
from .query import Exists as Exists
from .query import ExpressionWrapper as ExpressionWrapper
from .query import F as F
from .query import Func as Func
from .query import Lag as Lag
from .query import Lead as Lead
from .query import Length as Length
from .query import Lower as Lower
from .query import Manager as Manager
from .query import Max as Max
from .query import Min as Min
from .query import Now as Now
from .query import OuterRef as OuterRef
from .query import Prefetch as Prefetch
from .query import Q as Q
from .query import QuerySet as QuerySet
from .query import Rank as Rank
from .query import RawQuerySet as RawQuerySet
from .query import ReverseManager as ReverseManager
from .query import RowNumber as RowNumber
from .query import StdDev as StdDev
from .query import Subquery as Subquery
from .query import Sum as Sum
from .query import Upper as Upper
from .query import Value as Value
from .query import Variance as Variance
from .query import When as When
from .query import Window as Window
from .related import ManyRelatedManager as ManyRelatedManager
from .related import RelatedManager as RelatedManager
from .signals import m2m_changed as m2m_changed
from .signals import post_delete as post_delete
from .signals import post_migrate as post_migrate
from .signals import post_save as post_save
from .signals import pre_delete as pre_delete
from .signals import pre_save as pre_save

__all__ = [
    "CASCADE",
    "DO_NOTHING",
    "NOT_PROVIDED",
    "PROTECT",
    "RESTRICT",
    "SET",
    "SET_DEFAULT",
    "SET_NULL",
    "F",
    "Q",
    "Aggregate",
    "AutoField",
    "Avg",
    "BigAutoField",
    "BigIntegerField",
    "BinaryField",
    "BooleanField",
    "Case",
    "Cast",
    "CharField",
    "CheckConstraint",
    "Choices",
    "Coalesce",
    "Concat",
    "Count",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "DenseRank",
    "DurationField",
    "EmailField",
    "Exists",
    "ExpressionWrapper",
    "Field",
    "FieldDoesNotExist",
    "FieldError",
    "FloatField",
    "ForeignKey",
    "Func",
    "GenericIPAddressField",
    "Index",
    "IntegerChoices",
    "IntegerField",
    "JSONField",
    "Lag",
    "Lead",
    "Length",
    "Lower",
    "Manager",
    "ManyRelatedManager",
    "ManyToManyField",
    "Max",
    "Min",
    "Now",
    "Model",
    "ModelState",
    "MultipleObjectsReturned",
    "ObjectDoesNotExist",
    "OneToOneField",
    "Options",
    "OuterRef",
    "PositiveIntegerField",
    "Prefetch",
    "ProtectedError",
    "QuerySet",
    "Rank",
    "RawQuerySet",
    "RelatedManager",
    "RestrictedError",
    "ReverseManager",
    "RowNumber",
    "SlugField",
    "SmallIntegerField",
    "StdDev",
    "Subquery",
    "Sum",
    "TextChoices",
    "TextField",
    "TimeField",
    "URLField",
    "UUIDField",
    "UniqueConstraint",
    "Upper",
    "ValidationError",
    "Value",
    "Variance",
    "When",
    "Window",
    "m2m_changed",
    "post_delete",
    "post_migrate",
    "post_save",
    "pre_delete",
    "pre_save",
    "signals",
]
