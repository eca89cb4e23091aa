"""Database errors: the DB-API family, plus Heron's own.

Every backend translates its driver's exceptions into these classes (the driver's exception
stays available as ``__cause__``), so ``except heron.db.IntegrityError`` works everywhere::

    HeronError
     ├── Error
     │    ├── InterfaceError
     │    └── DatabaseError
     │         ├── DataError
     │         ├── OperationalError
     │         │    ├── DatabaseUnavailable  (unreachable, pool exhausted, circuit open: 503)
     │         │    └── StatementTimeout     (the statement timeout cancelled it: 504)
     │         ├── IntegrityError
     │         ├── InternalError
     │         ├── ProgrammingError
     │         │    └── TransactionManagementError
     │         └── NotSupportedError
     ├── ConnectionDoesNotExist     (also a LookupError: an alias missing from DATABASES)
     └── SynchronousOnlyOperation   (also a RuntimeError: a sync query where only async may run)
"""

from __future__ import annotations

from heron.core.exceptions import HeronError

__all__ = [
    "ConnectionDoesNotExist",
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
    "translate_error",
]


class Error(HeronError):
    """Base class of every database error raised by Heron."""


class InterfaceError(Error):
    """The connection or driver interface failed (not the database itself)."""


class DatabaseError(Error):
    """The database reported an error."""


class DataError(DatabaseError):
    """A value does not fit (division by zero, out of range, too long)."""


class OperationalError(DatabaseError):
    """The database could not do the work (lost connection, lock timeout, disk full)."""


class DatabaseUnavailable(OperationalError):
    """The database cannot be used right now; the request should be retried later.

    Raised when a connection cannot be opened (refused, connect timeout), when no pooled
    connection frees up within the pool's acquire timeout, while the alias's circuit breaker
    is open after repeated connection failures, and when a connection is lost mid-statement
    in a way that cannot be retried safely. The request cycle answers 503 with a
    ``Retry-After`` header of ``retry_after`` seconds.
    """

    def __init__(self, message: str, *, alias: str = "default", retry_after: int = 1) -> None:
        super().__init__(message)
        self.alias = alias
        self.retry_after = max(1, int(retry_after))


class StatementTimeout(OperationalError):
    """The database cancelled a statement that ran past the statement timeout (504)."""


class IntegrityError(DatabaseError):
    """A constraint failed (unique, foreign key, not null, check)."""


class InternalError(DatabaseError):
    """The database is in an unexpected internal state."""


class ProgrammingError(DatabaseError):
    """The SQL is wrong (syntax error, missing table, wrong number of parameters)."""


class NotSupportedError(DatabaseError):
    """The database does not support the requested feature."""


class TransactionManagementError(ProgrammingError):
    """A transaction was used wrongly (a query in a broken atomic block, a nested durable one)."""


class ConnectionDoesNotExist(HeronError, LookupError):
    """The database alias is not in ``DATABASES``."""


class SynchronousOnlyOperation(HeronError, RuntimeError):
    """A sync query ran where the current transaction belongs to async code."""


# Most specific first: a driver class may inherit from several of these names.
_BY_NAME: dict[str, type[Error]] = {
    "IntegrityError": IntegrityError,
    "DataError": DataError,
    "ProgrammingError": ProgrammingError,
    "NotSupportedError": NotSupportedError,
    "InternalError": InternalError,
    "OperationalError": OperationalError,
    "DatabaseError": DatabaseError,
    "InterfaceError": InterfaceError,
    "Error": Error,
}


def translate_error(exc: BaseException) -> Error | None:
    """Return the Heron error matching a driver's DB-API exception, or None.

    Drivers (sqlite3, psycopg, PyMySQL, asyncmy) all name their classes after PEP 249, so the
    class names in the exception's MRO are enough; no driver is imported to decide.
    """
    if isinstance(exc, Error):
        return None
    new: Error
    if _is_statement_timeout(exc):
        new = StatementTimeout(str(exc))
        new.__cause__ = exc
        return new
    if getattr(exc, "sqlite_errorname", None) == "SQLITE_ERROR":
        # sqlite3 reports bad SQL (syntax, missing table) as OperationalError; the other
        # drivers say ProgrammingError, and so do we.
        new = ProgrammingError(str(exc))
        new.__cause__ = exc
        return new
    for cls in type(exc).__mro__:
        target = _BY_NAME.get(cls.__name__)
        if target is not None and cls.__module__.split(".", 1)[0] in _DRIVER_MODULES:
            new = target(str(exc))
            new.__cause__ = exc
            return new
    return None


_DRIVER_MODULES = frozenset({"sqlite3", "psycopg", "pymysql", "asyncmy", "_sqlite3"})


# PostgreSQL's query_canceled (statement_timeout); MariaDB's max_statement_time (1969) and
# MySQL's max_execution_time (3024) errors.
_TIMEOUT_SQLSTATES = frozenset({"57014"})
_TIMEOUT_ERRNOS = frozenset({1969, 3024})


def _is_statement_timeout(exc: BaseException) -> bool:
    if getattr(exc, "sqlstate", None) in _TIMEOUT_SQLSTATES:
        return True
    args = exc.args
    return (
        bool(args)
        and type(args[0]) is int
        and args[0] in _TIMEOUT_ERRNOS
        and (type(exc).__module__.split(".", 1)[0] in _DRIVER_MODULES)
    )
