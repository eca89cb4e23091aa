"""TemplateResponse, render and the async render path, through the test clients."""

from __future__ import annotations

from typing import Any

import pytest

from heron.templates import ContentNotRenderedError, TemplateResponse, get_template

PAGE = (
    "<title>Home | Site</title>\n"
    "<main><h1>Home</h1>\n"
    "<ul><li>one</li><li>&lt;two&gt;</li></ul></main>\n"
    "<footer>(c) 2026</footer>"
)


def test_render_shortcut(client: Any) -> None:
    response = client.get("/page/")
    assert response.status_code == 200
    assert response.text == PAGE
    assert response.templates == ["tsite/page.html"]
    assert response.context["title"] == "Home"


def test_template_response_is_seen_by_the_test_client(client: Any) -> None:
    response = client.get("/tr/")
    assert response.status_code == 200
    assert "<h1>Lazy</h1>" in response.text
    assert response.templates == ["tsite/page.html"]
    assert response.context["items"] == ["one", "<two>"]


def test_middleware_sees_the_template_and_the_rendered_content(client: Any) -> None:
    response = client.get("/tr/")
    assert response["X-Template"] == "tsite/page.html ['items', 'title']"
    assert response["X-Length"] == str(len(response.content))
    assert "X-Template" not in client.get("/page/").headers


def test_a_decorator_changes_the_context_before_rendering(client: Any) -> None:
    response = client.get("/decorated/")
    assert response.text == "<ul><li>first</li><li>added</li></ul>"
    assert response.templates == ["tsite/page.html#results"]


def test_sync_view_response_renders_in_the_thread_pool(client: Any) -> None:
    assert client.get("/sync-rows/").text == "<ul><li>sync row</li></ul>"


async def test_async_view_response_renders_asynchronously(async_client: Any) -> None:
    response = await async_client.get("/async-rows/")
    assert response.status_code == 200
    assert response.text == "<ul><li>async row 1</li><li>async row &lt;2&gt;</li></ul>"
    assert response.templates == ["tsite/rows.html"]


async def test_arender_in_an_async_view(async_client: Any) -> None:
    response = await async_client.get("/async-render/")
    assert response.text == "<ul><li>async row 1</li><li>async row &lt;2&gt;</li></ul>"
    assert response.templates == ["tsite/page.html#results"]


def test_post_render_callback(client: Any) -> None:
    response = client.get("/callback/")
    assert response["X-Rendered-Length"] == str(len(b"<ul><li>a</li></ul>"))


def test_render_to_string_with_request(client: Any) -> None:
    assert client.get("/to-string/").text == "<ul><li>x</li></ul>"


def test_template_response_lifecycle(site: Any) -> None:
    response = TemplateResponse(None, "tsite/rows.html", {"rows": [1]}, status=201)
    assert response.is_rendered is False
    assert response.template_name == "tsite/rows.html"
    assert response.context_data == {"rows": [1]}
    with pytest.raises(ContentNotRenderedError, match="must be rendered before it is read"):
        _ = response.content
    seen: list[bytes] = []
    response.add_post_render_callback(lambda r: seen.append(r.content))
    assert response.render() is response
    assert response.is_rendered
    assert response.content == b"<ul><li>1</li></ul>"
    assert seen == [b"<ul><li>1</li></ul>"]
    response.context_data = {"rows": [2]}
    response.render()  # rendering again does nothing
    assert response.content == b"<ul><li>1</li></ul>"
    response.add_post_render_callback(lambda r: seen.append(b"late"))
    assert seen[-1] == b"late"
    response.content = b"replaced"
    assert response.text == "replaced"
    assert response.status_code == 201


def test_template_response_accepts_a_list_or_a_template(site: Any) -> None:
    listed = TemplateResponse(None, ["tsite/nope.html", "tsite/rows.html"], {"rows": ["a"]})
    assert listed.render().content == b"<ul><li>a</li></ul>"  # type: ignore[attr-defined]
    loaded = TemplateResponse(None, get_template("tsite/rows.html"), {"rows": ["b"]})
    assert loaded.rendered_content == "<ul><li>b</li></ul>"
    assert loaded.is_rendered is False


def test_post_render_callback_may_replace_the_response(site: Any) -> None:
    from heron.http import HttpResponse

    response = TemplateResponse(None, "tsite/rows.html", {"rows": []})
    response.add_post_render_callback(lambda r: HttpResponse(b"other"))
    replaced = response.render()
    assert isinstance(replaced, HttpResponse)
    assert replaced.content == b"other"


async def test_arender_method(site: Any) -> None:
    from tests.templates.site.views import AsyncRows

    response = TemplateResponse(None, "tsite/rows.html", {"rows": AsyncRows()})
    assert await response.arender() is response
    assert response.content == b"<ul><li>async row 1</li><li>async row &lt;2&gt;</li></ul>"


async def test_async_filters_read_async_iterables() -> None:
    from heron.templates import Engine
    from tests.templates.site.views import AsyncRows

    template = Engine().from_string("{{ rows|list|length }}: {{ rows|join(', ') }}")
    assert await template.render_async({"rows": AsyncRows()}) == (
        "2: async row 1, async row &lt;2&gt;"
    )
