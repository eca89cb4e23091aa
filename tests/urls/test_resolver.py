"""URLResolver: the index keeps definition order; adapt_views, is_valid_path, iter_routes."""

from __future__ import annotations

from typing import Any

import pytest

from heron.urls import RouteInfo, URLResolver, include, path, re_path

from .urlconfs import views


def test_earlier_dynamic_pattern_beats_later_static_one() -> None:
    resolver = URLResolver(
        [path("<slug:page>/", views.detail, name="page"), path("about/", views.about)]
    )
    assert resolver.resolve("/about/").url_name == "page"


def test_earlier_static_pattern_beats_later_dynamic_one() -> None:
    resolver = URLResolver(
        [path("about/", views.about, name="about"), path("<slug:page>/", views.detail)]
    )
    assert resolver.resolve("/about/").url_name == "about"
    assert resolver.resolve("/contact/").kwargs == {"page": "contact"}


def test_earlier_regex_in_another_bucket_shadows_static() -> None:
    resolver = URLResolver(
        [
            re_path(r"^(?P<any>.*)$", views.other, name="catch-all"),
            path("about/", views.about, name="about"),
        ]
    )
    assert resolver.resolve("/about/").url_name == "catch-all"


def test_shadow_check_only_regex_so_failing_converter_still_falls_through() -> None:
    from .urlconfs import converters as converters  # registers <even:...>

    resolver = URLResolver(
        [path("n/<even:n>/", views.detail, name="even"), path("n/3/", views.other, name="three")]
    )
    assert resolver.resolve("/n/3/").url_name == "three"
    assert resolver.resolve("/n/4/").url_name == "even"


def test_duplicate_static_route_first_wins() -> None:
    resolver = URLResolver(
        [path("a/", views.home, name="one"), path("a/", views.about, name="two")]
    )
    assert resolver.resolve("/a/").url_name == "one"


def test_wildcard_routes_interleave_with_bucketed_ones_in_order() -> None:
    resolver = URLResolver(
        [
            path("shop/<int:pk>/", views.detail, name="shop-int"),
            path("<str:section>/<int:pk>/", views.other, name="wild"),
            path("shop/<str:anything>/", views.listing, name="shop-str"),
        ]
    )
    assert resolver.resolve("/shop/1/").url_name == "shop-int"
    assert resolver.resolve("/shop/x/").url_name == "shop-str"
    assert resolver.resolve("/blog/1/").url_name == "wild"


def test_dynamic_routes_are_indexed_by_first_segment() -> None:
    patterns = [path(f"s{i}/<int:pk>/", views.detail, name=f"n{i}") for i in range(50)]
    resolver = URLResolver([*patterns, path("<slug:x>/<int:pk>/", views.other)])
    candidates = resolver._buckets["s7"]
    assert [route.route for route in candidates] == ["s7/<int:pk>/", "<slug:x>/<int:pk>/"]
    assert resolver.resolve("/s7/1/").url_name == "n7"
    assert resolver.resolve("/zz/1/").func is views.other


def test_regex_literal_prefix_is_indexed() -> None:
    resolver = URLResolver(
        [
            re_path(r"^legacy/(?P<y>[0-9]+)/$", views.listing),
            re_path(r"^a?b/$", views.other),
            re_path(r"^x\.y/(\d+)/$", views.detail),
        ]
    )
    assert set(resolver._buckets) == {"legacy", "x.y"}
    assert resolver.resolve("/b/").func is views.other
    assert resolver.resolve("/x.y/3/").args == ("3",)


def test_is_valid_path() -> None:
    resolver = URLResolver("tests.urls.urlconfs.main")
    assert resolver.is_valid_path("/about/")
    assert resolver.is_valid_path("/items/3/")
    assert not resolver.is_valid_path("/about")
    assert not resolver.is_valid_path("/numbers/x/")


def test_adapt_views_sets_handler_once_per_endpoint() -> None:
    resolver = URLResolver("tests.urls.urlconfs.main")
    assert resolver.resolve("/about/").handler is None
    calls: list[Any] = []

    def adapt(view: Any) -> tuple[str, Any]:
        calls.append(view)
        return ("adapted", view)

    resolver.adapt_views(adapt)
    assert resolver.resolve("/about/").handler == ("adapted", views.about)
    assert resolver.resolve("/items/2/").handler == ("adapted", views.detail)
    # The polls module's patterns are included three times but adapted once.
    assert len(calls) == len({id(route.pattern) for route in resolver.routes})


def test_iter_routes() -> None:
    resolver = URLResolver(
        [
            path("", views.home, name="home"),
            path("items/<int:pk>/", views.detail),
            re_path(r"^old/$", views.other, name="old"),
            path("blog/", include(([path("<int:pk>/", views.detail, name="post")], "blog"))),
            path("archive/", views.ArchiveView.as_view(), name="archive"),
        ]
    )
    assert list(resolver.iter_routes()) == [
        RouteInfo("", "home", "tests.urls.urlconfs.views.home", "path", True),
        RouteInfo("items/<int:pk>/", None, "tests.urls.urlconfs.views.detail", "path", False),
        RouteInfo("^old/$", "old", "tests.urls.urlconfs.views.other", "re_path", False),
        RouteInfo("blog/<int:pk>/", "blog:post", "tests.urls.urlconfs.views.detail", "path", False),
        RouteInfo("archive/", "archive", "tests.urls.urlconfs.views.ArchiveView", "path", True),
    ]


def test_iter_routes_marks_shadowed_static_route_as_not_static() -> None:
    resolver = URLResolver([path("<slug:s>/", views.detail), path("about/", views.about)])
    assert [info.is_static for info in resolver.iter_routes()] == [False, False]


def test_regex_include_prefix_and_mixed_routes() -> None:
    resolver = URLResolver(
        [re_path(r"^v(?P<version>[12])/", include([path("items/<int:pk>/", views.detail)]))]
    )
    match = resolver.resolve("/v2/items/5/")
    assert match.kwargs == {"version": "2", "pk": 5}
    assert match.route == "^v(?P<version>[12])/items/<int:pk>/"
    assert next(resolver.iter_routes()).kind == "re_path"


def test_same_group_name_at_two_levels_inner_wins() -> None:
    resolver = URLResolver(
        [re_path(r"^(?P<x>[a-z]+)/", include([re_path(r"^(?P<x>[0-9]+)/$", views.detail)]))]
    )
    assert resolver.resolve("/abc/12/").kwargs == {"x": "12"}


def test_repr() -> None:
    resolver = URLResolver([path("a/", views.home)])
    assert repr(resolver) == "<URLResolver <list> (1 routes)>"


@pytest.mark.parametrize("path_", ["/a/", "a/"])
def test_leading_slash_optional(path_: str) -> None:
    assert URLResolver([path("a/", views.home)]).is_valid_path(path_)
