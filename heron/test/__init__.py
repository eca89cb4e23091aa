"""Testing tools: in-process clients, a request factory, test cases and a pytest plugin."""

from heron.conf.override import override_settings as override_settings

from .assertions import assert_contains as assert_contains
from .assertions import assert_json_equal as assert_json_equal
from .assertions import assert_not_contains as assert_not_contains
from .assertions import assert_redirects as assert_redirects
from .assertions import assert_template_used as assert_template_used
from .client import AsyncClient as AsyncClient
from .client import Client as Client
from .client import RequestFactory as RequestFactory
from .queries import CapturedQuery as CapturedQuery
from .queries import CaptureQueries as CaptureQueries
from .queries import assert_num_queries as assert_num_queries
from .response import ClientResponse as ClientResponse
from .testcases import SimpleTestCase as SimpleTestCase
from .testcases import TestCase as TestCase
from .testcases import TransactionTestCase as TransactionTestCase

__all__ = [
    "AsyncClient",
    "CaptureQueries",
    "CapturedQuery",
    "Client",
    "ClientResponse",
    "RequestFactory",
    "SimpleTestCase",
    "TestCase",
    "TransactionTestCase",
    "assert_contains",
    "assert_json_equal",
    "assert_num_queries",
    "assert_not_contains",
    "assert_redirects",
    "assert_template_used",
    "override_settings",
]
