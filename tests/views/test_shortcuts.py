from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import heron.shortcuts
import heron.urls
from heron.shortcuts import redirect, render, resolve_url
from heron.urls import NoReverseMatch

from .helpers import make_request


def test_render(tmp_path: Path, configure: Any) -> None:
    (tmp_path / "hello.html").write_text("{{ greeting }} {{ request.method }}")
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    response = render(make_request("POST"), "hello.html", {"greeting": "<hi>"}, status=201)
    assert response.status_code == 201
    assert response.content == b"&lt;hi&gt; POST"
    assert response["Content-Type"].startswith("text/html")
    response = render(make_request(), "hello.html", content_type="text/plain")
    assert response["Content-Type"] == "text/plain"


@pytest.fixture
def fake_reverse(monkeypatch: pytest.MonkeyPatch) -> None:
    def reverse(name: str, args: Any = None, kwargs: Any = None, **extra: Any) -> str:
        if name != "polls:detail":
            raise NoReverseMatch(name)
        return f"/polls/{(args or [None])[0] or (kwargs or {}).get('pk')}/"

    monkeypatch.setattr(heron.shortcuts, "reverse", reverse)


class Article:
    def get_absolute_url(self) -> str:
        return "/articles/1/"


@pytest.mark.usefixtures("fake_reverse")
@pytest.mark.parametrize(
    ("to", "args", "kwargs", "expected"),
    [
        ("/already/a/path/", (), {}, "/already/a/path/"),
        ("https://example.com/x", (), {}, "https://example.com/x"),
        ("../up/", (), {}, "../up/"),
        ("polls:detail", (4,), {}, "/polls/4/"),
        ("polls:detail", (), {"pk": 5}, "/polls/5/"),
        ("page.html", (), {}, "page.html"),
        (Article(), (), {}, "/articles/1/"),
    ],
)
def test_resolve_url(to: Any, args: tuple[Any, ...], kwargs: dict[str, Any], expected: str) -> None:
    assert resolve_url(to, *args, **kwargs) == expected


@pytest.mark.usefixtures("fake_reverse")
def test_resolve_url_reraises_for_unknown_names() -> None:
    with pytest.raises(NoReverseMatch):
        resolve_url("unknown-view")


@pytest.mark.usefixtures("fake_reverse")
def test_redirect() -> None:
    response = redirect("polls:detail", 4)
    assert (response.status_code, response["Location"]) == (302, "/polls/4/")
    response = redirect(Article(), permanent=True)
    assert (response.status_code, response["Location"]) == (301, "/articles/1/")
