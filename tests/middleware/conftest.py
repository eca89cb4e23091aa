"""The middleware tests run against the same small project as the request-cycle tests."""

from tests.asgi.conftest import async_client, call, client, site

__all__ = ["async_client", "call", "client", "site"]
