"""Per-request globals (csrf, user, perms, messages, request), context processors, escaping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from heron.conf import ImproperlyConfigured
from heron.templates import get_engine, render_to_string
from heron.templates.context import PermWrapper

XSS = '<script>alert("x")</script>'
XSS_ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_globals_without_user_token_or_messages(client: Any) -> None:
    assert lines(client.get("/globals/").text) == [
        "<form></form>",
        "token=[]",
        "user=[None]",
        "add=[False] in=[False] app=[n] other=[n]",
        "path=[/globals/]",
        "",
        "extra=[]",
    ]


def test_globals_with_user_token_and_messages(client: Any) -> None:
    response = client.get(
        "/globals/", {"message": "Saved."}, headers={"X-User": "ada", "X-Token": "t0k3n"}
    )
    assert lines(response.text) == [
        '<form><input type="hidden" name="csrfmiddlewaretoken" value="t0k3n"></form>',
        "token=[t0k3n]",
        "user=[ada]",
        "add=[True] in=[False] app=[y] other=[n]",
        "path=[/globals/]",
        '<p class="success">Saved.</p>',
        "extra=[]",
    ]


def test_every_global_escapes_what_it_shows(client: Any) -> None:
    response = client.get(
        f"/globals/?message={XSS}",
        headers={"X-User": XSS, "X-Token": '"><script>x</script>'},
    )
    body = response.text
    assert "<script>" not in body
    assert (
        '<input type="hidden" name="csrfmiddlewaretoken" '
        'value="&#34;&gt;&lt;script&gt;x&lt;/script&gt;">' in body
    )
    assert f"user=[{XSS_ESCAPED}]" in body
    assert f'<p class="success">{XSS_ESCAPED}</p>' in body
    assert "path=[/globals/]" in body


def test_messages_are_empty_without_the_app(client: Any, site: Any) -> None:
    site(
        INSTALLED_APPS=["tests.templates.site"],
        MIDDLEWARE=["tests.templates.site.middleware.RequestExtrasMiddleware"],
    )
    assert get_engine().messages is False
    assert "<p" not in client.get("/globals/").text


def test_context_processors(client: Any, site: Any) -> None:
    site(TEMPLATES_CONTEXT_PROCESSORS=["tests.templates.site.processors.site_name"])
    assert "extra=[Heron &lt;Site&gt;]" in client.get("/globals/").text
    # The view's own context wins over a processor's.
    assert "<h1>Home</h1>" in client.get("/page/").text


def test_context_processors_only_run_with_a_request(site: Any) -> None:
    site(TEMPLATES_CONTEXT_PROCESSORS=["tests.templates.site.processors.site_name"])
    assert render_to_string("tsite/globals.html").endswith("extra=[]")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "tests.templates.site.processors.missing",
            "TEMPLATES_CONTEXT_PROCESSORS entry 'tests.templates.site.processors.missing' "
            "could not be imported: Module 'tests.templates.site.processors' has no attribute "
            "'missing' (in TEMPLATES_CONTEXT_PROCESSORS).",
        ),
        (
            "tests.templates.site.processors.NOT_CALLABLE",
            "TEMPLATES_CONTEXT_PROCESSORS entry 'tests.templates.site.processors.NOT_CALLABLE' "
            "is not callable; a context processor is a function taking the request and "
            "returning a dict.",
        ),
    ],
)
def test_bad_context_processor_settings(site: Any, entry: str, message: str) -> None:
    site(TEMPLATES_CONTEXT_PROCESSORS=[entry])
    with pytest.raises(ImproperlyConfigured) as info:
        get_engine()
    assert str(info.value) == message


def test_context_processors_setting_must_be_a_list(site: Any) -> None:
    site(TEMPLATES_CONTEXT_PROCESSORS="tests.templates.site.processors.site_name")
    with pytest.raises(ImproperlyConfigured, match="must be a list of dotted paths"):
        get_engine()


def test_context_processor_must_return_a_dict(site: Any) -> None:
    from heron.test import RequestFactory

    site(TEMPLATES_CONTEXT_PROCESSORS=["tests.templates.site.processors.not_a_dict"])
    request = RequestFactory().get("/")
    with pytest.raises(TypeError) as info:
        render_to_string("tsite/rows.html", {"rows": []}, request)
    assert str(info.value) == (
        "The context processor tests.templates.site.processors.not_a_dict returned list; "
        "a context processor must return a dict."
    )


def test_without_a_request(tmp_path: Path, configure: Any) -> None:
    (tmp_path / "g.html").write_text(
        "[{{ csrf_input }}][{{ csrf_token }}][{{ user }}][{{ request }}]"
        "[{{ perms.polls.add }}][{{ messages|list }}]"
    )
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    assert render_to_string("g.html") == "[][][][][False][[]]"


def test_perm_wrapper() -> None:
    class Request:
        user = None

    perms = PermWrapper(Request())
    assert "polls.add" not in perms
    assert not perms.polls
    assert perms.polls.add is False
    assert perms["polls"]["add"] is False
    with pytest.raises(TypeError, match="perms cannot be iterated"):
        iter(perms)
    with pytest.raises(AttributeError):
        _ = perms._private


def test_csrf_token_from_a_callable(tmp_path: Path, configure: Any) -> None:
    class Request:
        def csrf_token(self) -> str:
            return "from-call"

    (tmp_path / "c.html").write_text("{{ csrf_token }}|{{ csrf_input }}")
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    assert render_to_string("c.html", request=Request()) == (
        'from-call|<input type="hidden" name="csrfmiddlewaretoken" value="from-call">'
    )


def test_url_and_static_escape_their_arguments(
    tmp_path: Path, configure: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import heron.templates.functions

    monkeypatch.setattr(
        heron.templates.functions, "reverse", lambda name, args=None, kwargs=None: f"/{args[0]}/"
    )
    (tmp_path / "u.html").write_text('<a href="{{ url(\'x\', v) }}"><img src="{{ static(v) }}">')
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    assert render_to_string("u.html", {"v": '"><script>'}) == (
        '<a href="/&#34;&gt;&lt;script&gt;/"><img src="/static/&#34;&gt;&lt;script&gt;">'
    )
