"""truncatechars, truncatewords, slugify, linebreaks, linebreaksbr, pluralize, yesno,
default, default_if_none."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import Markup

from heron.templates import Engine

from .helpers import render

XSS = "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("value", "length", "expected"),
    [
        ("Hello world", 20, "Hello world"),
        ("Hello world", 11, "Hello world"),
        ("Hello world", 10, "Hello wor…"),
        ("Hello world", 7, "Hello…"),
        ("Hello", 1, "…"),
        ("Hello", 0, ""),
    ],
)
def test_truncatechars(value: str, length: int, expected: str) -> None:
    assert render("{{ v|truncatechars(n) }}", v=value, n=length) == expected


def test_truncating_escapes_and_never_cuts_a_tag() -> None:
    assert render("{{ v|truncatechars(12) }}", v=XSS) == "&lt;script&gt;ale…"
    safe = Markup("<b>bold</b> and <i>italic</i> words")
    assert render("{{ v|truncatechars(9) }}", v=safe) == "bold and…"
    assert render("{{ v|truncatewords(2) }}", v=safe) == "bold and …"


def test_truncatewords() -> None:
    text = "Joel is a slug"
    assert render("{{ v|truncatewords(2) }}", v=text) == "Joel is …"
    assert render("{{ v|truncatewords(4) }}", v=text) == "Joel is a slug"
    assert render("{{ v|truncatewords(9) }}", v="  spaced\n out  ") == "spaced out"
    assert render("{{ v|truncatewords(0) }}", v=text) == "…"
    assert (
        render("{{ v|truncatewords(2) }}", v=f"{XSS} x y")
        == "&lt;script&gt;alert(1)&lt;/script&gt; x …"
    )
    with pytest.raises(TypeError, match="The 'truncatewords' filter takes a whole number, not 'x'"):
        render("{{ v|truncatewords('x') }}", v=text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Hello, World!", "hello-world"),
        ("  Crème brûlée -- à la carte  ", "creme-brulee-a-la-carte"),
        ("snake_case_name", "snake_case_name"),
        (XSS, "scriptalert1script"),
        ("___", ""),
        (2026, "2026"),
    ],
)
def test_slugify(value: Any, expected: str) -> None:
    assert render("{{ v|slugify }}", v=value) == expected


def test_slugify_unicode() -> None:
    assert render("{{ v|slugify(true) }}", v="Straße 東京!") == "straße-東京"


def test_linebreaks() -> None:
    text = f"First line\nsecond {XSS}\n\n\nNew paragraph\r\nend"
    assert render("{{ v|linebreaks }}", v=text) == (
        "<p>First line<br>second &lt;script&gt;alert(1)&lt;/script&gt;</p>\n\n"
        "<p>New paragraph<br>end</p>"
    )
    assert render("{{ v|linebreaks }}", v=Markup("<b>a</b>\nb")) == "<p><b>a</b><br>b</p>"
    assert render("[{{ v|linebreaks }}]", v="\n\n") == "[]"


def test_linebreaksbr() -> None:
    assert render("{{ v|linebreaksbr }}", v=f"a\n{XSS}\r\nb") == (
        "a<br>&lt;script&gt;alert(1)&lt;/script&gt;<br>b"
    )


def test_linebreaks_without_autoescape(tmp_path: Any) -> None:
    (tmp_path / "mail.txt").write_text("{{ v|linebreaksbr }}|{{ v|linebreaks }}")
    assert Engine([tmp_path]).render_to_string("mail.txt", {"v": "<x>\ny"}) == (
        "<x><br>y|<p><x><br>y</p>"
    )


@pytest.mark.parametrize(
    ("value", "arg", "expected"),
    [
        (1, None, "vote"),
        (0, None, "votes"),
        (2, None, "votes"),
        (1.0, None, "vote"),
        ("1", None, "vote"),
        ([1], None, "vote"),
        ([1, 2], None, "votes"),
        (None, None, "votes"),
        (1, "es", "vote"),
        (3, "es", "votees"),
        (1, "y,ies", "votey"),
        (5, "y,ies", "voteies"),
    ],
)
def test_pluralize(value: Any, arg: str | None, expected: str) -> None:
    source = "vote{{ v|pluralize }}" if arg is None else "vote{{ v|pluralize(a) }}"
    assert render(source, v=value, a=arg) == expected


def test_pluralize_bad_argument() -> None:
    with pytest.raises(ValueError) as info:
        render("{{ 2|pluralize('a,b,c') }}")
    assert str(info.value) == "pluralize() takes a suffix or 'singular,plural', not 'a,b,c'."


def test_yesno() -> None:
    source = (
        "{{ a|yesno }} {{ b|yesno }} {{ c|yesno }} {{ c|yesno('on,off') }} {{ a|yesno('on,off') }}"
    )
    assert render(source, a=True, b=0, c=None) == "yes no maybe off on"
    assert (
        render("{{ v|yesno(w) }}", v=True, w=f"{XSS},no") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    )
    with pytest.raises(ValueError, match=r"yesno\(\) takes 'yes,no' or 'yes,no,maybe', not 'y'"):
        render("{{ 1|yesno('y') }}")


def test_default_keeps_jinja_semantics_and_default_if_none() -> None:
    source = (
        "[{{ missing|default('d') }}][{{ empty|default('d') }}][{{ zero|default('d') }}]"
        "[{{ empty|default('d', true) }}][{{ none|default_if_none('-') }}]"
        "[{{ empty|default_if_none('-') }}][{{ zero|default_if_none('-') }}]"
        "[{{ none|default_if_none(x) }}]"
    )
    assert render(source, empty="", zero=0, none=None, x=XSS) == (
        "[d][][0][d][-][][0][&lt;script&gt;alert(1)&lt;/script&gt;]"
    )


def test_filter_arguments_are_escaped_too() -> None:
    from datetime import date

    assert render("{{ d|date(f) }}", d=date(2026, 1, 2), f="<p>Y</p>") == "&lt;p&gt;2026&lt;/p&gt;"
    assert render("{{ 2|pluralize(s) }}", s="<i>") == "&lt;i&gt;"
    assert render("{{ v|slugify(true) }}", v="<i>x</i>") == "ixi"
    assert render("{{ v|linebreaksbr|truncatechars(9) }}", v="<i>\nx") == "&lt;i&gt;x"
