"""The ``{% cache %}`` template tag, in sync renders and in ``render_async``."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from typing import Any

import jinja2
import pytest

from heron.cache import caches, make_template_fragment_key
from heron.conf import settings
from heron.templates.engine import Engine

SOURCE = '<p>{% cache 300, "sidebar", user_pk %}<b>{{ counter() }} {{ text }}</b>{% endcache %}</p>'


@pytest.fixture(autouse=True)
def configured() -> Iterator[None]:
    saved = settings._wrapped
    settings.configure(
        DEBUG=True,
        SECRET_KEY="test",
        CACHES={
            "default": {"BACKEND": "locmem", "LOCATION": "fragments-default"},
            "template_fragments": {"BACKEND": "locmem", "LOCATION": "fragments"},
        },
    )
    caches["template_fragments"].clear()
    caches["default"].clear()
    try:
        yield
    finally:
        settings._install(saved)
        caches.reset()


@pytest.fixture(params=["sync", "async"])
def render(request: pytest.FixtureRequest) -> Any:
    template = Engine().from_string(SOURCE)
    counter = itertools.count()

    def run(**context: Any) -> str:
        context = {"counter": lambda: next(counter), "text": "<tag>", **context}
        if request.param == "sync":
            return template.render(context)
        return asyncio.run(template.render_async(context))

    return run


def test_fragment_is_cached_per_vary_value(render: Any) -> None:
    first = render(user_pk=1)
    assert first == "<p><b>0 &lt;tag&gt;</b></p>"  # escaped once, not twice
    assert render(user_pk=1) == first
    assert render(user_pk=2) == "<p><b>1 &lt;tag&gt;</b></p>"
    assert caches["default"].get_many([make_template_fragment_key("sidebar", [1])]) == {}
    caches["template_fragments"].delete(make_template_fragment_key("sidebar", [1]))
    assert render(user_pk=1) == "<p><b>2 &lt;tag&gt;</b></p>"


def test_fragment_key() -> None:
    assert make_template_fragment_key("sidebar", [1, "a"]) == make_template_fragment_key(
        "sidebar", [1, "a"]
    )
    assert make_template_fragment_key("sidebar", [1]) != make_template_fragment_key("sidebar")
    assert make_template_fragment_key("sidebar").startswith("heron.fragment.sidebar.")


def test_the_tag_needs_a_timeout_and_a_name() -> None:
    with pytest.raises(jinja2.TemplateSyntaxError) as info:
        Engine().from_string("{% cache 300 %}x{% endcache %}")
    assert info.value.message == (
        'The cache tag needs a timeout and a name: {% cache 300, "sidebar" %}'
    )
