"""get_resolver(): caching, and clearing when ROOT_URLCONF changes."""

from __future__ import annotations

import heron.urls
from heron.conf import override_settings, settings
from heron.urls import URLResolver, clear_url_caches, get_resolver

from .urlconfs import polls


def test_cached() -> None:
    resolver = get_resolver()
    assert isinstance(resolver, URLResolver)
    assert get_resolver() is resolver
    assert get_resolver("tests.urls.urlconfs.main") is resolver
    assert resolver.urlconf_name == "tests.urls.urlconfs.main"


def test_module_and_list_urlconfs() -> None:
    assert get_resolver(polls) is get_resolver(polls)
    patterns = list(polls.urlpatterns)
    assert get_resolver(patterns) is get_resolver(patterns)
    assert get_resolver(patterns) is not get_resolver(list(patterns))


def test_cleared_when_root_urlconf_changes() -> None:
    main = get_resolver()
    with override_settings(ROOT_URLCONF="tests.urls.urlconfs.polls"):
        assert get_resolver().urlconf_name == "tests.urls.urlconfs.polls"
    assert get_resolver() is not main
    assert get_resolver().urlconf_name == "tests.urls.urlconfs.main"


def test_other_settings_keep_the_cache() -> None:
    main = get_resolver()
    with override_settings(APPEND_SLASH=False):
        assert get_resolver() is main


def test_cleared_when_settings_replaced() -> None:
    main = get_resolver()
    settings.configure(DEBUG=True, ROOT_URLCONF="tests.urls.urlconfs.main")
    assert get_resolver() is not main


def test_clear_url_caches() -> None:
    main = get_resolver()
    clear_url_caches()
    assert get_resolver() is not main


def test_public_api() -> None:
    assert sorted(heron.urls.__all__) == [
        "Converter",
        "NoReverseMatch",
        "Resolver404",
        "ResolverMatch",
        "RouteInfo",
        "URLInclude",
        "URLPattern",
        "URLResolver",
        "clear_url_caches",
        "get_resolver",
        "include",
        "path",
        "re_path",
        "register_converter",
        "resolve",
        "reverse",
        "reverse_lazy",
    ]
    for name in heron.urls.__all__:
        assert getattr(heron.urls, name).__module__.startswith("heron.urls.")
