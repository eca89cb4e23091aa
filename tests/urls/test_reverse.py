"""reverse() and reverse_lazy(): names, namespaces, arguments, quoting, messages."""

from __future__ import annotations

import uuid

import pytest

from heron.urls import NoReverseMatch, URLResolver, include, path, reverse, reverse_lazy

from .urlconfs import views


def test_static_names() -> None:
    assert reverse("home") == "/"
    assert reverse("about") == "/about/"


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"),
    [
        ("item-int", {"pk": 7}, "/items/7/"),
        ("item-str", {"name": "x"}, "/items/x/"),
        ("slug", {"slug": "a-b"}, "/slugs/a-b/"),
        ("file", {"rest": "a/b/c.txt"}, "/files/a/b/c.txt"),
        ("year", {"year": 24}, "/years/0024/"),
        ("even", {"n": 4}, "/numbers/4/"),
        ("legacy", {"year": "2024", "month": "05"}, "/legacy/2024/05/"),
    ],
)
def test_kwargs(name: str, kwargs: dict[str, object], expected: str) -> None:
    assert reverse(name, kwargs=kwargs) == expected


def test_uuid() -> None:
    value = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert reverse("uuid", kwargs={"id": value}) == f"/uuids/{value}/"
    assert reverse("uuid", args=[str(value)]) == f"/uuids/{value}/"


def test_args() -> None:
    assert reverse("item-int", args=[3]) == "/items/3/"
    assert reverse("positional", args=[12, "abc"]) == "/positional/12/abc/"
    assert reverse("article-comment", args=[2024, "hi", 3]) == "/articles/2024/hi/comments/3/"


def test_args_and_kwargs_together_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"^reverse\(\) takes args or kwargs, not both\.$"):
        reverse("item-int", args=[1], kwargs={"pk": 1})


def test_value_not_matching_converter_regex_is_rejected() -> None:
    with pytest.raises(NoReverseMatch) as info:
        reverse("item-int", kwargs={"pk": "x"})
    assert str(info.value) == (
        "Reverse for 'item-int' with keyword arguments {'pk': 'x'} not found. "
        "1 pattern(s) tried: ['items/<int:pk>/']"
    )
    with pytest.raises(NoReverseMatch):
        reverse("slug", args=["a b"])
    with pytest.raises(NoReverseMatch):
        reverse("legacy", kwargs={"year": "24", "month": "05"})


def test_to_url_value_error_is_rejected() -> None:
    with pytest.raises(NoReverseMatch):
        reverse("even", args=[3])


def test_same_name_falls_back_to_the_pattern_whose_arguments_fit() -> None:
    resolver = URLResolver(
        [
            path("n/<int:pk>/", views.detail, name="n"),
            path("n/<slug:slug>/", views.detail, name="n"),
            path("n/", views.detail, name="n"),
        ]
    )
    assert resolver.reverse("n", kwargs={"pk": 1}) == "/n/1/"
    assert resolver.reverse("n", args=["a-b"]) == "/n/a-b/"
    assert resolver.reverse("n") == "/n/"


def test_first_defined_pattern_wins_for_a_shared_name() -> None:
    resolver = URLResolver(
        [
            path("one/<int:pk>/", views.detail, name="n"),
            path("two/<int:pk>/", views.other, name="n"),
        ]
    )
    assert resolver.reverse("n", args=[1]) == "/one/1/"


def test_message_for_arguments_and_no_arguments() -> None:
    with pytest.raises(NoReverseMatch) as info:
        reverse("item-int", args=[1, 2])
    assert str(info.value) == (
        "Reverse for 'item-int' with arguments (1, 2) not found. "
        "1 pattern(s) tried: ['items/<int:pk>/']"
    )
    with pytest.raises(NoReverseMatch) as info:
        reverse("polls:detail")
    assert str(info.value) == (
        "Reverse for 'polls:detail' with no arguments not found. "
        "1 pattern(s) tried: ['polls/<int:pk>/']"
    )


def test_unknown_name() -> None:
    with pytest.raises(NoReverseMatch) as info:
        reverse("nope")
    assert str(info.value) == (
        "Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name."
    )


def test_unknown_namespace() -> None:
    with pytest.raises(NoReverseMatch) as info:
        reverse("foo:detail")
    assert str(info.value) == "'foo' is not a registered namespace"
    with pytest.raises(NoReverseMatch) as info:
        reverse("outer:nope:leaf")
    assert str(info.value) == "'nope' is not a registered namespace inside 'outer'"


def test_name_in_namespace_is_not_global() -> None:
    with pytest.raises(NoReverseMatch):
        reverse("detail", args=[1])


def test_extra_kwargs_may_be_passed_when_equal() -> None:
    assert reverse("team") == "/about/team/"
    assert reverse("team", kwargs={"section": "team"}) == "/about/team/"
    with pytest.raises(NoReverseMatch):
        reverse("team", kwargs={"section": "other"})
    with pytest.raises(NoReverseMatch):
        reverse("about", kwargs={"unexpected": 1})


def test_nested_include_with_converter_prefix() -> None:
    url = reverse("article-detail", kwargs={"year": 2024, "slug": "hello"})
    assert url == "/articles/2024/hello/"
    # Without the prefix's year, the other deployment of the same patterns fits.
    assert reverse("article-detail", kwargs={"slug": "hello"}) == "/extra/hello/"
    with pytest.raises(NoReverseMatch, match=r"2 pattern\(s\) tried"):
        reverse("article-detail", kwargs={"slug": "a b"})


def test_namespaces() -> None:
    assert reverse("polls:detail", args=[1]) == "/polls/1/"
    assert reverse("blog:post", kwargs={"blog": "news", "pk": 2}) == "/blogs/news/2/"
    assert reverse("outer:index") == "/outer/"
    assert reverse("outer:inner:leaf") == "/outer/in/leaf/"
    assert reverse("outer:inner:item", args=["s"]) == "/outer/in/item/s/"


def test_instance_namespaces_and_current_app() -> None:
    # 'polls' is both the app name and the default instance's namespace.
    assert reverse("polls:index") == "/polls/"
    assert reverse("first-polls:index") == "/first/"
    assert reverse("second-polls:detail", args=[2]) == "/second/2/"
    assert reverse("polls:index", current_app="second-polls") == "/second/"
    assert reverse("polls:index", current_app="unknown") == "/polls/"


def test_without_default_instance_the_last_deployed_wins() -> None:
    patterns = [path("", views.home, name="index")]
    resolver = URLResolver(
        [
            path("a/", include((patterns, "app"), namespace="a")),
            path("b/", include((patterns, "app"), namespace="b")),
        ]
    )
    assert resolver.reverse("app:index") == "/b/"
    assert resolver.reverse("app:index", current_app="a") == "/a/"
    assert resolver.reverse("a:index") == "/a/"


def test_nested_current_app() -> None:
    inner = ([path("x/", views.home, name="x")], "inner")
    outer = (
        [
            path("i1/", include(inner, namespace="i1")),
            path("i2/", include(inner, namespace="i2")),
        ],
        "outer",
    )
    resolver = URLResolver(
        [path("o1/", include(outer, namespace="o1")), path("o2/", include(outer, namespace="o2"))]
    )
    assert resolver.reverse("outer:inner:x") == "/o2/i2/x/"
    assert resolver.reverse("outer:inner:x", current_app="o1:i1") == "/o1/i1/x/"
    assert resolver.reverse("outer:inner:x", current_app="o1") == "/o1/i2/x/"


def test_reverse_by_callable() -> None:
    assert reverse(views.about) == "/about/"
    assert reverse(views.async_view) == "/async/"
    assert reverse(views.detail, kwargs={"pk": 3}) == "/items/3/"
    with pytest.raises(NoReverseMatch) as info:
        reverse(test_reverse_by_callable)
    assert str(info.value) == (
        "Reverse for 'tests.urls.test_reverse.test_reverse_by_callable' not found. "
        "'tests.urls.test_reverse.test_reverse_by_callable' is not a valid view function "
        "or pattern name."
    )


def test_quoting_of_unicode_spaces_and_reserved_characters() -> None:
    assert reverse("unicode", args=["naïve"]) == "/caf%C3%A9/na%C3%AFve/"
    assert reverse("item-str", args=["a b"]) == "/items/a%20b/"
    assert reverse("item-str", args=["a?b#c%"]) == "/items/a%3Fb%23c%25/"
    assert reverse("item-str", args=["a:b@c!$&'()*+,;=~"]) == "/items/a:b@c!$&'()*+,;=~/"
    assert reverse("file", args=["dir/file name.txt"]) == "/files/dir/file%20name.txt"


def test_leading_double_slash_is_escaped() -> None:
    resolver = URLResolver([path("<path:rest>", views.detail, name="any")])
    assert resolver.reverse("any", args=["/evil.example/"]) == "/%2Fevil.example/"


def test_query() -> None:
    assert reverse("about", query={"q": "a b", "page": 2}) == "/about/?q=a+b&page=2"
    assert reverse("about", query={"tag": ["x", "y"]}) == "/about/?tag=x&tag=y"
    assert reverse("about", query={}) == "/about/"


def test_unreversible_regex_is_listed_as_tried() -> None:
    from heron.urls import re_path

    resolver = URLResolver([re_path(r"^a+/(?P<n>[0-9]+)/$", views.detail, name="r")])
    assert resolver.resolve("/aa/1/").kwargs == {"n": "1"}
    with pytest.raises(NoReverseMatch, match=r"1 pattern\(s\) tried: \['\^a\+/"):
        resolver.reverse("r", kwargs={"n": 1})


def test_reverse_with_explicit_urlconf() -> None:
    assert reverse("index", urlconf="tests.urls.urlconfs.polls") == "/"
    assert reverse("detail", urlconf="tests.urls.urlconfs.polls", args=[4]) == "/4/"


def test_reverse_lazy() -> None:
    calls: list[str] = []
    lazy = reverse_lazy("polls:detail", args=[5])
    assert "not yet evaluated" in repr(lazy)
    assert str(lazy) == "/polls/5/"
    assert lazy == "/polls/5/"
    assert "/polls/5/" == lazy  # noqa: SIM300 - the reflected __eq__
    assert hash(lazy) == hash("/polls/5/")
    assert lazy + "?x=1" == "/polls/5/?x=1"
    assert "http://h" + lazy == "http://h/polls/5/"
    assert f"go to {lazy}" == "go to /polls/5/"
    assert f"{lazy:>10}" == " /polls/5/"
    assert "%s!" % lazy == "/polls/5/!"  # noqa: UP031
    assert "polls" in lazy
    assert len(lazy) == 9
    assert lazy.startswith("/polls")
    assert lazy[1:6] == "polls"
    assert lazy == reverse_lazy("polls:detail", args=[5])
    assert repr(lazy) == "<LazyStr '/polls/5/'>"
    assert not calls


def test_reverse_lazy_evaluates_once() -> None:
    from heron._internal.lazy import lazy_str

    calls: list[int] = []

    def make() -> str:
        calls.append(1)
        return "/x/%s"

    lazy = lazy_str(make)
    assert lazy % "y" == "/x/y"
    assert str(lazy) == "/x/%s"
    assert bool(lazy)
    assert list(lazy)[:2] == ["/", "x"]
    assert lazy < "/y"
    assert lazy != "/z"
    assert calls == [1]


def test_reverse_lazy_defers_errors_until_used() -> None:
    lazy = reverse_lazy("does-not-exist")
    with pytest.raises(NoReverseMatch):
        str(lazy)
