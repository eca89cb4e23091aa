"""Testing tools: in-process clients, a request factory, test cases and a pytest plugin."""

from heron.conf.override import override_settings as override_settings

from .assertions import assert_contains as assert_contains
from .assertions import assert_form_error as assert_form_error
from .assertions import assert_formset_error as assert_formset_error
from .assertions import assert_html_equal as assert_html_equal
from .assertions import assert_html_not_equal as assert_html_not_equal
from .assertions import assert_in_html as assert_in_html
from .assertions import assert_json_equal as assert_json_equal
from .assertions import assert_not_contains as assert_not_contains
from .assertions import assert_queryset_equal as assert_queryset_equal
from .assertions import assert_raises_message as assert_raises_message
from .assertions import assert_redirects as assert_redirects
from .assertions import assert_template_not_used as assert_template_not_used
from .assertions import assert_template_used as assert_template_used
from .assertions import assert_url_equal as assert_url_equal
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
    "assert_form_error",
    "assert_formset_error",
    "assert_html_equal",
    "assert_html_not_equal",
    "assert_in_html",
    "assert_json_equal",
    "assert_not_contains",
    "assert_num_queries",
    "assert_queryset_equal",
    "assert_raises_message",
    "assert_redirects",
    "assert_template_not_used",
    "assert_template_used",
    "assert_url_equal",
    "override_settings",
]
