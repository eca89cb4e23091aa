"""Assertions about responses, usable from ``TestCase`` methods or plain pytest tests."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import orjson

from .html import count_in, parse_html
from .response import ClientResponse

__all__ = [
    "assert_contains",
    "assert_form_error",
    "assert_formset_error",
    "assert_html_equal",
    "assert_html_not_equal",
    "assert_in_html",
    "assert_json_equal",
    "assert_not_contains",
    "assert_queryset_equal",
    "assert_raises_message",
    "assert_redirects",
    "assert_template_not_used",
    "assert_template_used",
    "assert_url_equal",
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


def assert_template_not_used(response: ClientResponse, template_name: str) -> None:
    """Fail if ``template_name`` was rendered while answering the request."""
    assert template_name not in response.templates, (
        f"Template {template_name!r} was used to render the response."
    )


def assert_queryset_equal(
    qs: Iterable[Any],
    values: Iterable[Any],
    transform: Callable[[Any], Any] | None = None,
    ordered: bool = True,
) -> None:
    """Fail unless the rows of ``qs`` (each passed through ``transform`` if given) equal
    ``values``; with ``ordered=False`` the order does not matter. One query."""
    items = list(qs)
    if transform is not None:
        items = [transform(item) for item in items]
    expected = list(values)
    if ordered:
        assert items == expected, f"{items!r} != {expected!r}"
    else:
        assert Counter(map(repr, items)) == Counter(map(repr, expected)), (
            f"{items!r} != {expected!r} (in any order)"
        )


def _as_list(errors: str | list[str]) -> list[str]:
    return [errors] if isinstance(errors, str) else list(errors)


def assert_form_error(form: Any, field: str | None, errors: str | list[str]) -> None:
    """Fail unless ``form``'s errors for ``field`` (None: the non-field errors) are exactly
    ``errors`` (a message or a list of them; ``[]`` for none)."""
    assert form.is_bound, f"The form {form!r} is not bound: it cannot have errors."
    if field is not None and field not in form.fields:
        raise AssertionError(f"The form {form!r} does not contain the field {field!r}.")
    found = list(form.non_field_errors() if field is None else form.errors.get(field, []))
    expected = _as_list(errors)
    where = "the non-field errors" if field is None else f"the errors of field {field!r}"
    assert found == expected, f"{where} on form {form!r} are {found!r}, not {expected!r}."


def assert_formset_error(
    formset: Any, form_index: int | None, field: str | None, errors: str | list[str]
) -> None:
    """Fail unless form ``form_index`` of ``formset`` has ``errors`` on ``field``; with
    ``form_index=None`` the formset's own (non-form) errors are checked."""
    assert formset.is_bound, f"The formset {formset!r} is not bound: it cannot have errors."
    if form_index is None:
        found = list(formset.non_form_errors())
        expected = _as_list(errors)
        assert found == expected, (
            f"The non-form errors of formset {formset!r} are {found!r}, not {expected!r}."
        )
        return
    forms = list(formset.forms)
    if form_index >= len(forms):
        raise AssertionError(
            f"The formset {formset!r} has {len(forms)} form(s), so no form {form_index}."
        )
    assert_form_error(forms[form_index], field, errors)


def assert_html_equal(html1: str, html2: str) -> None:
    """Fail unless the two HTML texts mean the same (see ``heron.test.html``)."""
    first, second = parse_html(html1), parse_html(html2)
    assert first == second, f"HTML differs:\n{first}\n!=\n{second}"


def assert_html_not_equal(html1: str, html2: str) -> None:
    """Fail if the two HTML texts mean the same."""
    first, second = parse_html(html1), parse_html(html2)
    assert first != second, f"HTML is the same:\n{first}"


def assert_in_html(needle: str, haystack: str | ClientResponse, count: int | None = None) -> None:
    """Fail unless the HTML fragment ``needle`` occurs in ``haystack`` (exactly ``count``
    times if given), compared as HTML."""
    text = haystack.text if isinstance(haystack, ClientResponse) else haystack
    found = count_in(parse_html(needle), parse_html(text))
    if count is None:
        assert found > 0, f"Couldn't find {needle!r} in the HTML."
    else:
        assert found == count, f"Found {found} instance(s) of {needle!r} (expected {count})."


@contextmanager
def assert_raises_message(exception: type[BaseException], message: str) -> Iterator[None]:
    """``with assert_raises_message(ValueError, "too big"):`` fails unless the block raises
    ``exception`` with ``message`` in its text."""
    try:
        yield
    except exception as exc:
        assert message in str(exc), f"{message!r} not found in {str(exc)!r}."
    else:
        raise AssertionError(f"{exception.__name__} not raised.")


def _url_parts(url: str) -> tuple[Any, ...]:
    parts = urlsplit(url)
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return parts.scheme, parts.netloc, parts.path, tuple(query), parts.fragment


def assert_url_equal(url1: str, url2: str) -> None:
    """Fail unless the URLs are equal, with their query parameters in any order."""
    assert _url_parts(url1) == _url_parts(url2), f"{url1!r} != {url2!r}"
