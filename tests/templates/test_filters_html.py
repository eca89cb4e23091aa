"""intcomma, filesizeformat, urlize and json_script."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from .helpers import render

XSS = "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (-1234567, "-1,234,567"),
        (1234.5, "1,234.5"),
        (Decimal("1234567.891"), "1,234,567.891"),
        ("45000", "45,000"),
        ("1234.50", "1,234.50"),
        ("abc", "abc"),
        ("nan", "nan"),
        (None, "None"),
        (True, "True"),
        (XSS, "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ],
)
def test_intcomma(value: Any, expected: str) -> None:
    assert render("{{ v|intcomma }}", v=value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (10 * 1024 * 1024, "10.0 MB"),
        (123_456_789, "117.7 MB"),
        (3 * 1024**3, "3.0 GB"),
        (5 * 1024**4, "5.0 TB"),
        (2 * 1024**5, "2.0 PB"),
        (3 * 1024**6, "3072.0 PB"),
        (-2048, "-2.0 KB"),
        ("2048", "2.0 KB"),
        ("x", "0 bytes"),
        (None, "0 bytes"),
        (float("nan"), "0 bytes"),
    ],
)
def test_filesizeformat(value: Any, expected: str) -> None:
    assert render("{{ v|filesizeformat }}", v=value) == expected


def test_urlize() -> None:
    text = f"See https://example.com/a?b=1&c=2, www.heron.dev. or mail ada@example.com {XSS}"
    assert render("{{ v|urlize }}", v=text) == (
        'See <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener">'
        "https://example.com/a?b=1&amp;c=2</a>, "
        '<a href="https://www.heron.dev" rel="nofollow noopener">www.heron.dev</a>. '
        'or mail <a href="mailto:ada@example.com">ada@example.com</a> '
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    )


def test_urlize_options_and_hostile_urls() -> None:
    assert render("{{ v|urlize(15, nofollow=false) }}", v="https://example.com/long/path") == (
        '<a href="https://example.com/long/path" rel="noopener">https://example...</a>'
    )
    hostile = 'http://x.com/"onmouseover="alert(1) javascript:alert(1)'
    assert render("{{ v|urlize }}", v=hostile) == (
        '<a href="http://x.com/&#34;onmouseover=&#34;alert(1)" rel="nofollow noopener">'
        "http://x.com/&#34;onmouseover=&#34;alert(1)</a> javascript:alert(1)"
    )


def test_json_script() -> None:
    data = {"title": "</script><script>alert('x')</script>", "n": [1, 2.5, None, True]}
    assert render("{{ v|json_script('data') }}", v=data) == (
        '<script id="data" type="application/json">'
        '{"title":"\\u003C/script\\u003E\\u003Cscript\\u003Ealert(\'x\')\\u003C/script\\u003E",'
        '"n":[1,2.5,null,true]}</script>'
    )
    assert render("{{ v|json_script }}", v="a&b") == (
        '<script type="application/json">"a\\u0026b"</script>'
    )


def test_json_script_escapes_the_id_and_handles_decimals_and_sets() -> None:
    assert render("{{ v|json_script(i) }}", v={"d": Decimal("1.10"), "s": {3}}, i='x"><b') == (
        '<script id="x&#34;&gt;&lt;b" type="application/json">{"d":"1.10","s":[3]}</script>'
    )
    with pytest.raises(TypeError, match="Type is not JSON serializable: object"):
        render("{{ v|json_script }}", v=object())
