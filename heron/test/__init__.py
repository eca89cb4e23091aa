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
from .response import ClientResponse as ClientResponse
from .testcases import SimpleTestCase as SimpleTestCase
from .testcases import TestCase as TestCase

__all__ = [
    "AsyncClient",
    "Client",
    "ClientResponse",
    "RequestFactory",
    "SimpleTestCase",
    "TestCase",
    "assert_contains",
    "assert_json_equal",
    "assert_not_contains",
    "assert_redirects",
    "assert_template_used",
    "override_settings",
]
