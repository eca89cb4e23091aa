"""The database layer: connections, transactions, errors (models live in ``heron.db.models``).

* ``connections`` / ``connection``: the wrapper per alias of ``DATABASES`` (``handler``);
* ``transaction``: ``atomic()``, ``on_commit()``; ``state``: where they keep the current
  connection (a context variable);
* ``backends``: ``base`` (the contract), ``sqlite``, ``postgresql``, ``mysql``;
* ``exceptions``: the DB-API error family, raised the same way by every backend;
* ``router``: which alias a model's reads and writes use (``DATABASE_ROUTERS``, ``routers``);
* ``instrumentation``: listeners that see every statement (query counting in tests);
* ``testing``: the test transactions ``heron.test`` builds on.

Importing this package imports no driver and no SQLAlchemy.
"""

from .exceptions import ConnectionDoesNotExist as ConnectionDoesNotExist
from .exceptions import DatabaseError as DatabaseError
from .exceptions import DatabaseUnavailable as DatabaseUnavailable
from .exceptions import DataError as DataError
from .exceptions import Error as Error
from .exceptions import IntegrityError as IntegrityError
from .exceptions import InterfaceError as InterfaceError
from .exceptions import InternalError as InternalError
from .exceptions import NotSupportedError as NotSupportedError
from .exceptions import OperationalError as OperationalError
from .exceptions import ProgrammingError as ProgrammingError
from .exceptions import StatementTimeout as StatementTimeout
from .exceptions import SynchronousOnlyOperation as SynchronousOnlyOperation
from .exceptions import TransactionManagementError as TransactionManagementError
from .handler import DEFAULT_DB_ALIAS as DEFAULT_DB_ALIAS
from .handler import ConnectionHandler as ConnectionHandler
from .handler import connection as connection
from .handler import connections as connections
from .routers import ConnectionRouter as ConnectionRouter
from .routers import router as router

__all__ = [
    "DEFAULT_DB_ALIAS",
    "ConnectionDoesNotExist",
    "ConnectionHandler",
    "ConnectionRouter",
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
