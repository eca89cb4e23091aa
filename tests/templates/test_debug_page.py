"""Template errors on the technical 500 page (DEBUG) and the plain 500 page otherwise."""

from __future__ import annotations

from typing import Any

from heron.templates.debuginfo import template_error_info

HTML = {"Accept": "text/html"}


def test_syntax_error_shows_template_line_and_source(client: Any) -> None:
    response = client.get("/syntax-error/", headers=HTML)
    assert response.status_code == 500
    body = response.text
    assert (
        '<h2 id="template-error">Template error <span class="muted">while compiling</span></h2>'
        in body
    )
    assert (
        "<p>In template <code>tsite/syntax_error.html</code>, line 4: unexpected &#39;}&#39;</p>"
        in body
    )
    assert (
        '<ol class="source" start="1">\n'
        "<li>&lt;h1&gt;Title&lt;/h1&gt;</li>\n"
        "<li>&lt;p&gt;first&lt;/p&gt;</li>\n"
        "<li>{% if broken %}</li>\n"
        '<li class="current">&lt;p&gt;{{ value }&lt;/p&gt;</li>\n'
        "<li>{% endif %}</li>\n"
        "</ol>"
    ) in body


def test_render_error_shows_the_failing_template_line(client: Any) -> None:
    response = client.get("/render-error/", headers=HTML)
    assert response.status_code == 500
    body = response.text
    assert "ZeroDivisionError" in body
    assert (
        "<p>In template <code>tsite/render_error.html</code>, line 4: "
        "ZeroDivisionError: division by zero</p>"
    ) in body
    assert '<li class="current">&lt;p&gt;{{ numbers.total / numbers.zero }}&lt;/p&gt;</li>' in body
    assert '<ol class="source" start="1">' in body
    assert "while rendering" in body


def test_plain_text_report_names_the_template(client: Any) -> None:
    response = client.get("/render-error/")
    assert response.headers["content-type"].startswith("text/plain")
    assert (
        "Template tsite/render_error.html, line 4 (while rendering)\n"
        '     1 | {% extends "tsite/base.html" %}\n'
        "     2 | {% block content %}\n"
        "     3 | <p>before</p>\n"
        ">    4 | <p>{{ numbers.total / numbers.zero }}</p>\n"
        "     5 | <p>after</p>\n"
        "     6 | {% endblock %}\n"
    ) in response.text


def test_without_debug_a_plain_500(client: Any, site: Any) -> None:
    site(DEBUG=False)
    for path in ("/syntax-error/", "/render-error/"):
        response = client.get(path, headers=HTML)
        assert response.status_code == 500
        assert "Server Error" in response.text
        assert "tsite/" not in response.text
        assert "numbers.zero" not in response.text


def test_no_template_info_for_other_errors() -> None:
    try:
        raise ValueError("plain")
    except ValueError as exc:
        assert template_error_info(exc) is None
