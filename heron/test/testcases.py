"""unittest-style test cases with a client and response assertions.

``async def`` test methods run on an event loop, like plain ones; ``self.client`` (sync)
and ``self.async_client`` are fresh for every test.
"""

from __future__ import annotations

import inspect
import unittest
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, ClassVar, overload

from heron.apps.bootstrap import setup
from heron.conf import settings

from . import assertions
from .client import AsyncClient, Client, run_in_loop
from .environment import setup_test_environment
from .queries import CaptureQueries, assert_num_queries
from .response import ClientResponse

__all__ = ["SimpleTestCase", "TestCase", "TransactionTestCase"]


class SimpleTestCase(unittest.TestCase):
    """A test case with ``self.client``, ``self.async_client`` and response assertions.

    Email goes to ``heron.mail.outbox``, emptied before each test, and passwords are hashed
    with a fast test-only hasher (``heron.test.environment``).
    """

    client_class: ClassVar[type[Client]] = Client
    async_client_class: ClassVar[type[AsyncClient]] = AsyncClient
    client: Client
    async_client: AsyncClient

    @classmethod
    def setUpClass(cls) -> None:
        if not settings.configured:
            setup()
        setup_test_environment()
        super().setUpClass()

    def _callSetUp(self) -> None:
        self.client = self.client_class()
        self.async_client = self.async_client_class()
        setup_test_environment()
        super()._callSetUp()  # type: ignore[misc]

    def _callTestMethod(self, method: Callable[[], Any]) -> None:
        if inspect.iscoroutinefunction(method):
            run_in_loop(method)
        else:
            super()._callTestMethod(method)  # type: ignore[misc]

    def assertContains(
        self,
        response: ClientResponse,
        text: str | bytes,
        count: int | None = None,
        status_code: int = 200,
    ) -> None:
        assertions.assert_contains(response, text, count, status_code)

    def assertNotContains(
        self, response: ClientResponse, text: str | bytes, status_code: int = 200
    ) -> None:
        assertions.assert_not_contains(response, text, status_code)

    def assertRedirects(
        self,
        response: ClientResponse,
        expected_url: str,
        status_code: int = 302,
        target_status_code: int = 200,
        fetch_redirect_response: bool = True,
    ) -> None:
        assertions.assert_redirects(
            response,
            expected_url,
            status_code,
            target_status_code,
            fetch_redirect_response,
            client=self.client,
        )

    def assertTemplateUsed(self, response: ClientResponse, template_name: str) -> None:
        assertions.assert_template_used(response, template_name)

    def assertJSONEqual(self, raw: str | bytes | ClientResponse, expected: Any) -> None:
        assertions.assert_json_equal(raw, expected)

    def assertTemplateNotUsed(self, response: ClientResponse, template_name: str) -> None:
        assertions.assert_template_not_used(response, template_name)

    def assertFormError(self, form: Any, field: str | None, errors: str | list[str]) -> None:
        assertions.assert_form_error(form, field, errors)

    def assertFormSetError(
        self, formset: Any, form_index: int | None, field: str | None, errors: str | list[str]
    ) -> None:
        assertions.assert_formset_error(formset, form_index, field, errors)

    def assertHTMLEqual(self, html1: str, html2: str) -> None:
        assertions.assert_html_equal(html1, html2)

    def assertHTMLNotEqual(self, html1: str, html2: str) -> None:
        assertions.assert_html_not_equal(html1, html2)

    def assertInHTML(
        self, needle: str, haystack: str | ClientResponse, count: int | None = None
    ) -> None:
        assertions.assert_in_html(needle, haystack, count)

    def assertRaisesMessage(
        self, exception: type[BaseException], message: str
    ) -> AbstractContextManager[None]:
        """``with self.assertRaisesMessage(ValueError, "too big"):``."""
        return assertions.assert_raises_message(exception, message)

    def assertURLEqual(self, url1: str, url2: str) -> None:
        assertions.assert_url_equal(url1, url2)


class TransactionTestCase(SimpleTestCase):
    """A database test case without a wrapping transaction: tables are emptied afterwards.

    Use it for code that must really commit (``on_commit`` callbacks, ``durable`` blocks,
    several connections seeing each other's rows). After each test every registered model's
    table is emptied on each alias (``TRUNCATE`` on PostgreSQL, ``DELETE`` elsewhere).
    ``databases`` limits the aliases (all by default).
    """

    databases: ClassVar[tuple[str, ...] | str] = "__all__"
    fixtures: ClassVar[Sequence[str]] = ()
    """Fixture names (each app's ``fixtures/``, FIXTURE_DIRS, or paths) loaded before each
    test into each alias of ``databases``."""

    def _load_fixtures(self) -> None:
        if not self.fixtures:
            return
        # Imported only by test cases that have fixtures (keeps heron.test light).
        from heron.db.fixtures import load_fixtures

        for alias in self._database_aliases():
            load_fixtures(self.fixtures, using=alias)

    @classmethod
    def _database_aliases(cls) -> list[str]:
        # lazy: the ORM loads only in test runs that use a database
        from .databases import setup_test_databases

        every = setup_test_databases()
        if cls.databases == "__all__":
            return every
        return [alias for alias in cls.databases if alias in every]

    def _callSetUp(self) -> None:
        # lazy: the ORM loads only in test runs that use a database
        from .databases import flush_databases

        self.addCleanup(flush_databases, self._database_aliases())
        self._load_fixtures()
        super()._callSetUp()

    def assertQuerySetEqual(
        self,
        qs: Iterable[Any],
        values: Iterable[Any],
        transform: Callable[[Any], Any] | None = None,
        ordered: bool = True,
    ) -> None:
        """Assert that the rows of ``qs`` (through ``transform``) equal ``values``."""
        assertions.assert_queryset_equal(qs, values, transform, ordered)

    @overload
    def assertNumQueries(
        self, num: int, func: None = None, *, using: str | None = "default"
    ) -> AbstractContextManager[CaptureQueries]: ...
    @overload
    def assertNumQueries(
        self,
        num: int,
        func: Callable[..., Any],
        *args: Any,
        using: str | None = "default",
        **kwargs: Any,
    ) -> Any: ...
    def assertNumQueries(
        self,
        num: int,
        func: Callable[..., Any] | None = None,
        *args: Any,
        using: str | None = "default",
        **kwargs: Any,
    ) -> Any:
        """Assert that the block (or ``func(*args, **kwargs)``) runs ``num`` queries.

        ``with self.assertNumQueries(2):`` or ``self.assertNumQueries(2, func, arg)``;
        ``using`` picks the alias (None: all). The failure message lists the captured SQL.
        """
        manager = assert_num_queries(num, using=using)
        if func is None:
            return manager
        with manager:
            return func(*args, **kwargs)


class TestCase(TransactionTestCase):
    """The test case for application tests: each test runs in a rolled-back transaction.

    The test databases are created on first use. A class-level transaction wraps the whole
    class, so rows made in ``setUpTestData`` are shared by its tests; each test adds a
    savepoint that is rolled back at its end. ``databases`` limits the aliases (all by
    default).
    """

    _class_transactions: ClassVar[Any] = None

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        # lazy: the ORM loads only in test runs that use a database
        from .databases import database_transactions

        cls._class_transactions = database_transactions(cls._database_aliases())
        cls._class_transactions.__enter__()
        try:
            cls.setUpTestData()
        except BaseException:
            cls._class_transactions.__exit__(None, None, None)
            cls._class_transactions = None
            raise

    @classmethod
    def tearDownClass(cls) -> None:
        if cls._class_transactions is not None:
            cls._class_transactions.__exit__(None, None, None)
            cls._class_transactions = None
        super().tearDownClass()

    @classmethod
    def setUpTestData(cls) -> None:
        """Create rows shared by every test of the class (rolled back after the class)."""

    def _callSetUp(self) -> None:
        # lazy: the ORM loads only in test runs that use a database
        from .databases import database_transactions

        transactions = database_transactions(self._database_aliases())
        transactions.__enter__()
        self.addCleanup(transactions.__exit__, None, None, None)
        self._load_fixtures()  # inside the test's transaction: rolled back with it
        SimpleTestCase._callSetUp(self)  # no flush: the transaction undoes everything
