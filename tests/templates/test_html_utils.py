"""heron.utils.html: escaping and building safe HTML, and how templates treat the result."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from heron.utils.html import (
    conditional_escape,
    escape,
    format_html,
    format_html_join,
    json_script,
    mark_safe,
    strip_tags,
)

from .helpers import render

XSS = "<script>alert('x')</script>"


def test_escape_always_escapes() -> None:
    assert escape(XSS) == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
    assert escape(Markup("<b>")) == "&lt;b&gt;"
    assert escape(3) == "3"
    assert isinstance(escape("x"), Markup)


def test_conditional_escape_leaves_safe_html() -> None:
    assert conditional_escape(Markup("<b>")) == "<b>"
    assert conditional_escape("<b>") == "&lt;b&gt;"


def test_mark_safe_in_templates() -> None:
    assert render("{{ a }}|{{ b }}", a=mark_safe("<b>ok</b>"), b="<b>no</b>") == (
        "<b>ok</b>|&lt;b&gt;no&lt;/b&gt;"
    )
    with pytest.raises(TypeError, match=r"mark_safe\(\) takes a string"):
        mark_safe(print)


def test_format_html() -> None:
    html = format_html('<a href="{}">{name}</a>', '/x?a=1&b="2"', name=XSS)
    assert html == (
        '<a href="/x?a=1&amp;b=&#34;2&#34;">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>'
    )
    assert format_html("<p>{}</p>", Markup("<i>kept</i>")) == "<p><i>kept</i></p>"
    assert render("{{ v }}", v=format_html("<p>{}</p>", "<x>")) == "<p>&lt;x&gt;</p>"
    with pytest.raises(TypeError, match="for fixed HTML use mark_safe"):
        format_html("<p>")


def test_format_html_join() -> None:
    rows = [("a", "<1>"), ("b", "2")]
    assert format_html_join("\n", "<li>{}: {}</li>", rows) == "<li>a: &lt;1&gt;</li>\n<li>b: 2</li>"
    named = format_html_join(", ", "<b>{n}</b>", [{"n": "<x>"}, {"n": "y"}])
    assert named == "<b>&lt;x&gt;</b>, <b>y</b>"
    assert format_html_join("", "{}", []) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ("a &amp; b &lt; c &#39;", "a &amp; b &lt; c &#39;"),
        ("<<b>script>alert(1)<</b>/script>", "alert(1)"),
        ("x < y and y > z", "x < y and y > z"),
        ("<!-- hidden --> shown", " shown"),
        ("no tags", "no tags"),
    ],
)
def test_strip_tags(value: str, expected: str) -> None:
    assert strip_tags(value) == expected
    assert not isinstance(strip_tags(value), Markup)


def test_strip_tags_output_is_escaped_by_templates() -> None:
    assert render("{{ v }}", v=strip_tags("1 < 2 <b>x</b>")) == "1 &lt; 2 x"


def test_json_script_function() -> None:
    assert json_script({"k": "</script>"}, "d") == (
        '<script id="d" type="application/json">{"k":"\\u003C/script\\u003E"}</script>'
    )
    assert json_script([1]) == '<script type="application/json">[1]</script>'
