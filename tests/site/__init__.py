"""A small project used by the request-cycle tests (tests/asgi, tests/test_client)."""
