"""resolve(): converters, re_path, includes, ResolverMatch, Resolver404."""

from __future__ import annotations

import uuid

import pytest

from heron.http.exceptions import Http404
from heron.urls import Resolver404, ResolverMatch, resolve

from .urlconfs import views


def test_static_root_and_page() -> None:
    match = resolve("/")
    assert match.func is views.home
    assert (match.args, match.kwargs, match.url_name) == ((), {}, "home")
    assert match.route == ""
    assert resolve("/about/").url_name == "about"


def test_static_match_is_prebuilt_and_shared() -> None:
    assert resolve("/about/") is resolve("/about/")


def test_path_without_leading_slash_is_accepted() -> None:
    assert resolve("about/").url_name == "about"


@pytest.mark.parametrize(
    ("path", "name", "kwargs"),
    [
        ("/items/42/", "item-int", {"pk": 42}),
        ("/items/forty-two/", "item-str", {"name": "forty-two"}),
        ("/slugs/a-b_c9/", "slug", {"slug": "a-b_c9"}),
        ("/files/a/b/c.txt", "file", {"rest": "a/b/c.txt"}),
        ("/plain/x y/", "plain", {"name": "x y"}),
        ("/years/2024/", "year", {"year": 2024}),
    ],
)
def test_converters(path: str, name: str, kwargs: dict[str, object]) -> None:
    match = resolve(path)
    assert (match.url_name, match.kwargs) == (name, kwargs)
    assert type(match.kwargs[next(iter(kwargs))]) is type(next(iter(kwargs.values())))


def test_uuid_converter_gives_uuid() -> None:
    value = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert resolve(f"/uuids/{value}/").kwargs == {"id": value}
    with pytest.raises(Resolver404):
        resolve("/uuids/12345678-1234-5678-1234-56781234567Z/")


@pytest.mark.parametrize(
    "path",
    ["/items/a/b/", "/slugs/a.b/", "/years/24/", "/files/", "/plain//", "/about", "/nope/"],
)
def test_no_match(path: str) -> None:
    with pytest.raises(Resolver404):
        resolve(path)


def test_to_python_value_error_falls_through_to_next_pattern() -> None:
    even = resolve("/numbers/4/")
    assert (even.url_name, even.kwargs) == ("even", {"n": 4})
    odd = resolve("/numbers/5/")
    assert (odd.url_name, odd.func, odd.kwargs) == ("odd", views.other, {"n": 5})


def test_re_path_named_groups_are_kwargs() -> None:
    match = resolve("/legacy/2024/05/")
    assert (match.args, match.kwargs) == ((), {"year": "2024", "month": "05"})
    assert match.route == "^legacy/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$"


def test_re_path_unnamed_groups_are_args() -> None:
    match = resolve("/positional/12/abc/")
    assert (match.args, match.kwargs) == (("12", "abc"), {})


def test_re_path_without_dollar_matches_a_prefix() -> None:
    assert resolve("/prefix/anything/else").url_name == "prefix"


def test_extra_kwargs_are_merged() -> None:
    match = resolve("/about/team/")
    assert match.kwargs == {"section": "team"}
    assert match.extra_kwargs == {"section": "team"}


def test_include_by_dotted_name() -> None:
    match = resolve("/polls/3/")
    assert (match.url_name, match.kwargs) == ("detail", {"pk": 3})
    assert (match.app_name, match.namespace, match.view_name) == ("polls", "polls", "polls:detail")
    assert match.route == "polls/<int:pk>/"


def test_include_list_with_converter_prefix_passes_kwargs_down() -> None:
    match = resolve("/articles/2024/hello/comments/7/")
    assert match.kwargs == {"year": 2024, "slug": "hello", "comment": 7}
    assert match.route == "articles/<int:year>/<slug:slug>/comments/<int:comment>/"
    assert (match.namespace, match.view_name) == ("", "article-comment")


def test_include_tuple_sets_app_namespace() -> None:
    match = resolve("/blogs/news/5/")
    assert match.kwargs == {"blog": "news", "pk": 5}
    assert (match.app_names, match.namespaces, match.view_name) == (["blog"], ["blog"], "blog:post")


def test_include_extra_kwargs_reach_every_view() -> None:
    assert resolve("/extra/").kwargs == {"source": "extra"}
    assert resolve("/extra/x/").kwargs == {"slug": "x", "source": "extra"}


def test_nested_namespaces() -> None:
    match = resolve("/outer/in/item/s/")
    assert match.app_names == ["outer", "inner"]
    assert match.namespaces == ["outer", "inner"]
    assert (match.app_name, match.namespace) == ("outer:inner", "outer:inner")
    assert match.view_name == "outer:inner:item"


def test_instance_namespace() -> None:
    match = resolve("/second/1/")
    assert (match.app_name, match.namespace, match.view_name) == (
        "polls",
        "second-polls",
        "second-polls:detail",
    )


def test_class_based_view_and_async_view() -> None:
    assert resolve("/archive/").func.view_class is views.ArchiveView  # type: ignore[attr-defined]
    assert resolve("/async/").func is views.async_view


def test_unicode_path() -> None:
    assert resolve("/café/naïve/").kwargs == {"word": "naïve"}


def test_unnamed_view_name_is_its_dotted_path() -> None:
    from heron.urls import URLResolver, path

    match = URLResolver([path("x/", views.home)]).resolve("/x/")
    assert match.url_name is None
    assert match.view_name == "tests.urls.urlconfs.views.home"


def test_match_unpacks_like_a_tuple() -> None:
    func, args, kwargs = resolve("/items/1/")
    assert (func, args, kwargs) == (views.detail, (), {"pk": 1})
    assert isinstance(resolve("/"), ResolverMatch)
    assert "url_name='item-int'" in repr(resolve("/items/1/"))


def test_resolver404_is_http404_with_path_and_tried() -> None:
    with pytest.raises(Resolver404) as info:
        resolve("/nowhere/")
    error = info.value
    assert isinstance(error, Http404)
    assert error.status_code == 404
    assert error.path == "/nowhere/"
    assert str(error) == "No URL pattern matches the path '/nowhere/'."
    assert error.tried[:5] == ["", "about/", "about/team/", "items/<int:pk>/", "items/<str:name>/"]
    assert "polls/<int:pk>/" in error.tried
    assert "outer/in/item/<slug:slug>/" in error.tried
    assert error.tried[-1] == "café/<str:word>/"
