"""Assertions about responses, usable from ``TestCase`` methods or plain pytest tests."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import orjson

from .response import ClientResponse

__all__ = [
    "assert_contains",
    "assert_json_equal",
    "assert_not_contains",
    "assert_redirects",
    "assert_template_used",
]


def _text_of(response: ClientResponse, text: str | bytes) -> tuple[str, str]:
    needle = text.decode() if isinstance(text, bytes) else str(text)
    return response.text, needle


def assert_contains(
    response: ClientResponse, text: str | bytes, count: int | None = None, status_code: int = 200
) -> None:
    """Fail unless the response has ``status_code`` and its body contains ``text``."""
    assert response.status_code == status_code, (
        f"Couldn't retrieve content: the response code was {response.status_code} "
        f"(expected {status_code})."
    )
    body, needle = _text_of(response, text)
    found = body.count(needle)
    if count is None:
        assert found > 0, f"Couldn't find {needle!r} in the response."
    else:
        assert found == count, (
            f"Found {found} instance(s) of {needle!r} in the response (expected {count})."
        )


def assert_not_contains(
    response: ClientResponse, text: str | bytes, status_code: int = 200
) -> None:
    """Fail unless the response has ``status_code`` and its body does not contain ``text``."""
    assert response.status_code == status_code, (
        f"Couldn't retrieve content: the response code was {response.status_code} "
        f"(expected {status_code})."
    )
    body, needle = _text_of(response, text)
    assert needle not in body, f"The response should not contain {needle!r}."


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def assert_redirects(
    response: ClientResponse,
    expected_url: str,
    status_code: int = 302,
    target_status_code: int = 200,
    fetch_redirect_response: bool = True,
    client: Any = None,
) -> None:
    """Fail unless the response redirected to ``expected_url`` (which then answered)."""
    if response.redirect_chain:
        _, first_status = response.redirect_chain[0]
        assert first_status == status_code, (
            f"The first redirect had status {first_status} (expected {status_code})."
        )
        final_url = response.redirect_chain[-1][0]
        assert response.status_code == target_status_code, (
            f"The redirect target answered {response.status_code} (expected {target_status_code})."
        )
        assert _path_and_query(final_url) == _path_and_query(expected_url), (
            f"The response redirected to {final_url!r}, expected {expected_url!r}."
        )
        return
    assert response.status_code == status_code, (
        f"The response didn't redirect as expected: its status was {response.status_code} "
        f"(expected {status_code})."
    )
    url = response.url or ""
    assert _path_and_query(url) == _path_and_query(expected_url), (
        f"The response redirected to {url!r}, expected {expected_url!r}."
    )
    if fetch_redirect_response and client is not None and not urlsplit(url).netloc:
        target = client.get(_path_and_query(url))
        assert target.status_code == target_status_code, (
            f"Couldn't retrieve the redirection page {url!r}: it answered "
            f"{target.status_code} (expected {target_status_code})."
        )


def assert_template_used(response: ClientResponse, template_name: str) -> None:
    """Fail unless ``template_name`` was rendered while answering the request."""
    used = response.templates
    assert template_name in used, (
        f"Template {template_name!r} was not used to render the response. "
        f"Templates used: {used or 'none'}."
    )


def assert_json_equal(raw: str | bytes | ClientResponse, expected: Any) -> None:
    """Fail unless ``raw`` (JSON text or a response) decodes to ``expected``."""
    data = raw.content if isinstance(raw, ClientResponse) else raw
    try:
        decoded = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise AssertionError(f"The content is not valid JSON: {exc}") from None
    if isinstance(expected, str | bytes):
        expected = orjson.loads(expected)
    assert decoded == expected, f"{decoded!r} != {expected!r}"
