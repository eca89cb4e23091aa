"""Mistakes in a URLconf fail early, with messages that say what to fix."""

from __future__ import annotations

import re
from typing import Any

import pytest

from heron.conf import ImproperlyConfigured, override_settings
from heron.urls import URLResolver, get_resolver, include, path, re_path, resolve

from .urlconfs import views


def raises(message: str) -> Any:
    return pytest.raises(ImproperlyConfigured, match=f"^{re.escape(message)}$")


def test_unknown_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    from heron.urls import converters

    monkeypatch.setattr(converters, "_registry", dict(converters._BUILTIN))
    with raises(
        "Unknown converter 'foo' in route 'a/<foo:x>/'. Register it with "
        "register_converter() or use one of: int, path, slug, str, uuid."
    ):
        path("a/<foo:x>/", views.detail)


def test_invalid_parameter_name() -> None:
    with raises("Parameter name '1x' in route 'a/<int:1x>/' is not a valid Python identifier."):
        path("a/<int:1x>/", views.detail)
    with raises("Parameter name 'a-b' in route '<a-b>/' is not a valid Python identifier."):
        path("<a-b>/", views.detail)


def test_whitespace_in_brackets() -> None:
    with raises("Route 'a/<int: pk>/' has whitespace inside <int: pk>; write <int:pk>."):
        path("a/<int: pk>/", views.detail)


def test_route_starting_with_slash() -> None:
    with raises(
        "Route '/polls/' starts with '/'. Routes are relative to their include and the "
        "root is ''; write 'polls/'."
    ):
        path("/polls/", views.detail)


def test_regex_starting_with_slash() -> None:
    with raises(
        "Regex '^/polls/$' starts with '/'. Patterns are relative to their include "
        "(the path's leading '/' is already consumed); remove it."
    ):
        re_path(r"^/polls/$", views.detail)


def test_unmatched_bracket() -> None:
    with raises("Route 'a/<int:pk/' has an unmatched '<' or '>'."):
        path("a/<int:pk/", views.detail)


def test_duplicate_parameter() -> None:
    with raises("Route '<int:pk>/<int:pk>/' uses the parameter name 'pk' twice."):
        path("<int:pk>/<int:pk>/", views.detail)


def test_regex_in_path() -> None:
    with raises(
        "Route '^polls/$' looks like a regular expression. Use re_path() for regular "
        "expressions; path() routes are plain text with <converter:name> parameters."
    ):
        path("^polls/$", views.detail)


def test_invalid_regex() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"^Regex '\^\(unclosed/\$' is not a valid"):
        re_path(r"^(unclosed/$", views.detail)


def test_view_not_callable() -> None:
    with raises(
        "path('x/', ...): the view must be a callable (a function, a coroutine function or "
        "View.as_view()) or include(...), not str 'not callable'. Import the view and pass "
        "the function itself."
    ):
        path("x/", "not callable")  # type: ignore[call-overload]


def test_name_with_colon() -> None:
    with raises(
        "path('x/', ...): name 'a:b' must be a non-empty string without ':' "
        "(':' separates namespaces)."
    ):
        path("x/", views.home, name="a:b")


def test_include_with_name() -> None:
    with raises("path('x/', ...): an include() takes no name; name the patterns inside it."):
        path("x/", include([]), name="x")  # type: ignore[call-overload]


def test_namespace_without_app_name() -> None:
    with raises(
        "include('<list>', namespace='blog'): an instance namespace needs an application "
        "namespace. Set app_name = '...' in the included module, or pass a "
        "(patterns, app_name) tuple to include()."
    ):
        include([path("", views.home)], namespace="blog")
    with raises(
        "include('tests.urls.urlconfs.outer', namespace='o'): an instance namespace needs "
        "an application namespace. Set app_name = '...' in the included module, or pass a "
        "(patterns, app_name) tuple to include()."
    ):
        include("tests.urls.urlconfs.outer", namespace="o")


def test_include_three_tuple() -> None:
    with raises(
        "include() takes a (patterns, app_name) tuple; got a tuple of 3 items. Pass the "
        "instance namespace as include(..., namespace='...')."
    ):
        include(([], "a", "b"))


def test_include_missing_module() -> None:
    with raises(
        "The URLconf 'tests.urls.urlconfs.missing' could not be imported: No module named "
        "'tests.urls.urlconfs.missing'. Check the dotted module path."
    ):
        include("tests.urls.urlconfs.missing")


def test_include_module_without_urlpatterns() -> None:
    with raises(
        "The URLconf module 'tests.urls.urlconfs.no_patterns' has no urlpatterns. Define "
        "urlpatterns = [path(...), ...] in it."
    ):
        include("tests.urls.urlconfs.no_patterns")


def test_bad_urlpatterns_entry() -> None:
    with raises("<list>: urlpatterns entry 'x/' is not a path() or re_path() result."):
        URLResolver(["x/"])


def test_regex_include_ending_with_dollar() -> None:
    with raises(
        "re_path('^x/$', ...): a regex in front of include() must not end with '$', or "
        "nothing inside the include could match."
    ):
        re_path(r"^x/$", include([]))


def test_root_urlconf_not_set() -> None:
    with (
        override_settings(ROOT_URLCONF=""),
        raises(
            "ROOT_URLCONF is not set: point it at the module that defines urlpatterns, "
            "e.g. ROOT_URLCONF = 'mysite.urls' in your settings."
        ),
    ):
        get_resolver()


def test_root_urlconf_does_not_import() -> None:
    with (
        override_settings(ROOT_URLCONF="nowhere.urls"),
        raises(
            "ROOT_URLCONF = 'nowhere.urls' could not be imported: No module named 'nowhere'. "
            "Check the dotted module path."
        ),
    ):
        resolve("/")


def test_root_urlconf_without_urlpatterns() -> None:
    with (
        override_settings(ROOT_URLCONF="tests.urls.urlconfs.no_patterns"),
        raises(
            "The URLconf module 'tests.urls.urlconfs.no_patterns' (from ROOT_URLCONF) has no "
            "urlpatterns. Define urlpatterns = [path(...), ...] in it."
        ),
    ):
        get_resolver()


def test_import_error_inside_urlconf_is_not_hidden(tmp_path: Any, monkeypatch: Any) -> None:
    (tmp_path / "broken_urls_mod.py").write_text("import not_a_real_dependency_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="not_a_real_dependency_xyz"):
        URLResolver("broken_urls_mod")


def test_include_cycle() -> None:
    patterns: list[Any] = []
    patterns.append(path("a/", include(patterns)))
    with raises("<list>: include('<list>') includes itself (an include cycle)."):
        URLResolver(patterns)
