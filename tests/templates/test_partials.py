"""``"page.html#block"``: render one block, including blocks inherited from parents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from heron.templates import (
    BlockDoesNotExist,
    TemplateDoesNotExist,
    arender_to_string,
    get_template,
    render_to_string,
    select_template,
)

CONTEXT = {"title": "T", "items": ["a", "<b>"], "year": 2026}


def test_partial_through_render(client: Any) -> None:
    response = client.get("/partial/")
    assert response.text == "<ul><li>one</li><li>&lt;two&gt;</li></ul>"
    assert response.templates == ["tsite/page.html#results"]
    assert response.context["items"] == ["one", "<two>"]


def test_block_of_the_template(site: Any) -> None:
    assert render_to_string("tsite/page.html#results", CONTEXT) == (
        "<ul><li>a</li><li>&lt;b&gt;</li></ul>"
    )
    assert render_to_string("tsite/page.html#content", CONTEXT) == (
        "<h1>T</h1>\n<ul><li>a</li><li>&lt;b&gt;</li></ul>"
    )


def test_block_with_super_and_inherited_block(site: Any) -> None:
    assert render_to_string("tsite/page.html#title", CONTEXT) == "T | Site"
    assert render_to_string("tsite/page.html#footer", CONTEXT) == "(c) 2026"
    assert get_template("tsite/page.html#footer").name == "tsite/page.html#footer"


async def test_block_rendered_asynchronously(site: Any) -> None:
    assert await arender_to_string("tsite/page.html#title", CONTEXT) == "T | Site"
    assert await arender_to_string("tsite/page.html#results", CONTEXT) == (
        "<ul><li>a</li><li>&lt;b&gt;</li></ul>"
    )


def test_missing_block_names_it(site: Any) -> None:
    with pytest.raises(BlockDoesNotExist) as info:
        get_template("tsite/page.html#sidebar")
    assert str(info.value) == (
        "Template 'tsite/page.html' has no block named 'sidebar' "
        "(blocks it and its parents define: content, footer, results, title)."
    )
    assert isinstance(info.value, TemplateDoesNotExist)
    assert info.value.block == "sidebar"


def test_missing_template_of_a_partial(site: Any) -> None:
    with pytest.raises(TemplateDoesNotExist, match=r"'tsite/nope\.html' not found"):
        render_to_string("tsite/nope.html#results")


def test_select_template_with_partials(site: Any) -> None:
    chosen = select_template(["tsite/nope.html#x", "tsite/page.html#results"])
    assert chosen.name == "tsite/page.html#results"
    with pytest.raises(BlockDoesNotExist):
        select_template(["tsite/page.html#nope", "tsite/page.html#results"])


@pytest.mark.parametrize("name", ["page.html#", "#block"])
def test_malformed_names(site: Any, name: str) -> None:
    with pytest.raises(ValueError, match=r"is malformed: write 'template\.html#block_name'"):
        get_template(name)


def test_three_levels_and_dynamic_parent(tmp_path: Path, configure: Any) -> None:
    (tmp_path / "a.html").write_text("{% block top %}A{% endblock %}")
    (tmp_path / "b.html").write_text('{% extends "a.html" %}{% block mid %}B{% endblock %}')
    (tmp_path / "c.html").write_text('{% extends "b.html" %}{% block own %}C{% endblock %}')
    (tmp_path / "d.html").write_text("{% extends layout %}{% block own %}D{% endblock %}")
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    assert render_to_string("c.html#top") == "A"
    assert render_to_string("c.html#own") == "C"
    with pytest.raises(BlockDoesNotExist, match="define: own"):
        render_to_string("d.html#top", {"layout": "a.html"})
