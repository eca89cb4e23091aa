"""The public names of ``heron.db`` and ``heron.db.models``, pinned (the largest surface).

Adding a name is a decision: add it here too. Submodules (``heron.db.models.fields``,
``heron.db.transaction``) are reachable as attributes but are not part of ``__all__``.
"""

from __future__ import annotations

import types

import pytest

import heron.db
import heron.db.models

DB = [
    "ConnectionDoesNotExist",
    "ConnectionHandler",
    "ConnectionRouter",
    "DEFAULT_DB_ALIAS",
    "DataError",
    "DatabaseError",
    "DatabaseUnavailable",
    "Error",
    "IntegrityError",
    "InterfaceError",
    "InternalError",
    "NotSupportedError",
    "OperationalError",
    "ProgrammingError",
    "StatementTimeout",
    "SynchronousOnlyOperation",
    "TransactionManagementError",
    "connection",
    "connections",
    "router",
]

MODELS = [
    "Aggregate",
    "AutoField",
    "Avg",
    "BigAutoField",
    "BigIntegerField",
    "BinaryField",
    "BooleanField",
    "CASCADE",
    "Case",
    "Cast",
    "CharField",
    "CheckConstraint",
    "Choices",
    "Coalesce",
    "Concat",
    "Count",
    "DO_NOTHING",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "DenseRank",
    "DurationField",
    "EmailField",
    "Exists",
    "ExpressionWrapper",
    "F",
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
    "Model",
    "ModelState",
    "MultipleObjectsReturned",
    "NOT_PROVIDED",
    "Now",
    "ObjectDoesNotExist",
    "OneToOneField",
    "Options",
    "OuterRef",
    "PROTECT",
    "PositiveIntegerField",
    "Prefetch",
    "ProtectedError",
    "Q",
    "QuerySet",
    "RESTRICT",
    "Rank",
    "RawQuerySet",
    "RelatedManager",
    "RestrictedError",
    "ReverseManager",
    "RowNumber",
    "SET",
    "SET_DEFAULT",
    "SET_NULL",
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


@pytest.mark.parametrize(("module", "expected"), [(heron.db, DB), (heron.db.models, MODELS)])
def test_public_names_are_pinned(module: types.ModuleType, expected: list[str]) -> None:
    assert sorted(module.__all__) == expected
    assert len(set(module.__all__)) == len(module.__all__)


@pytest.mark.parametrize("module", [heron.db, heron.db.models])
def test_every_exported_name_resolves_and_nothing_public_is_left_out(
    module: types.ModuleType,
) -> None:
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    public = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public - set(module.__all__) == set()


def test_exceptions_are_the_same_classes_everywhere() -> None:
    from heron.core import ValidationError
    from heron.db.models.exceptions import FieldError

    assert heron.db.models.ValidationError is ValidationError
    assert heron.db.models.FieldError is FieldError
    assert issubclass(heron.db.IntegrityError, heron.db.DatabaseError)
