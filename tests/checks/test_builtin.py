"""Each built-in check fires on a bad configuration and stays quiet on a good one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from heron.checks import CheckMessage, run_checks

GOOD_KEY = "k9Vq2xL0pT7sWm4Rb8Zc1Nf6Hy3Ju5Ea0Gd2Ki7Lo9Pw4Qr1St6Uv8Xz3Yb5Mn0Cj"
URLS = """
from heron.http import HttpResponse
from heron.urls import path

def view(request):
    return HttpResponse("ok")

urlpatterns = [path("", view, name="home"), path("about/", view, name="about")]
"""


def messages(tags: list[str] | None = None, deploy: bool = False) -> list[CheckMessage]:
    return run_checks(tags=tags, include_deployment_checks=deploy)


def ids(tags: list[str] | None = None, deploy: bool = False) -> list[str | None]:
    return sorted(m.id for m in messages(tags, deploy))


@pytest.fixture
def good(write_module: Callable[[str, str], None], tmp_path: Path) -> dict[str, Any]:
    write_module("goodsite.urls", URLS)
    return {
        "ROOT_URLCONF": "goodsite.urls",
        "MIDDLEWARE": [],
        "TEMPLATES_DIRS": [str(tmp_path)],
    }


def test_good_configuration_is_clean(configure: Any, good: dict[str, Any]) -> None:
    configure(**good)
    assert messages() == []


# urls.E001


def test_root_urlconf_unset(configure: Any, good: dict[str, Any]) -> None:
    configure(**{**good, "ROOT_URLCONF": ""})
    [message] = messages(["urls"])
    assert message.id == "urls.E001"
    assert message.msg == "ROOT_URLCONF is not set, so no URL can be resolved."
    assert message.hint is not None and "ROOT_URLCONF" in message.hint


def test_root_urlconf_not_importable(configure: Any, good: dict[str, Any]) -> None:
    configure(**{**good, "ROOT_URLCONF": "no_such_module_here.urls"})
    [message] = messages(["urls"])
    assert message.id == "urls.E001"
    assert message.msg.startswith("ROOT_URLCONF 'no_such_module_here.urls' could not be imported")


def test_root_urlconf_without_urlpatterns(
    configure: Any, good: dict[str, Any], write_module: Callable[[str, str], None]
) -> None:
    write_module("emptysite.urls", "x = 1\n")
    configure(**{**good, "ROOT_URLCONF": "emptysite.urls"})
    [message] = messages(["urls"])
    assert message.id == "urls.E001"
    assert message.msg == "ROOT_URLCONF 'emptysite.urls' has no urlpatterns list."


# urls.E002 / urls.W001


def test_leading_slash_in_path_is_refused_by_heron_urls(
    configure: Any, good: dict[str, Any], write_module: Callable[[str, str], None]
) -> None:
    write_module(
        "slashsite.urls",
        URLS + 'urlpatterns.append(path("/contact/", view, name="contact"))\n',
    )
    configure(**{**good, "ROOT_URLCONF": "slashsite.urls"})
    [message] = messages(["urls"])
    assert message.id == "urls.E002"
    assert message.obj == "slashsite.urls"
    assert message.msg.startswith("Route '/contact/' starts with '/'.")


def test_leading_slash_in_a_regex_is_refused_too(
    configure: Any, good: dict[str, Any], write_module: Callable[[str, str], None]
) -> None:
    write_module(
        "reslashsite.urls",
        URLS + "from heron.urls import re_path\n"
        'urlpatterns.append(re_path(r"^/contact/$", view, name="contact"))\n',
    )
    configure(**{**good, "ROOT_URLCONF": "reslashsite.urls"})
    [message] = messages(["urls"])
    assert message.id == "urls.E002"
    assert "'^/contact/$' starts with '/'" in message.msg


def test_leading_slash_warning_for_routes_the_resolver_accepts() -> None:
    # heron.urls refuses leading slashes today; W001 guards resolvers that let one through.
    from heron.checks.builtin.urls import _leading_slashes
    from heron.urls import RouteInfo

    routes = [
        RouteInfo("/about/", "about", "site.views.about", "path", True),
        RouteInfo("blog//x/", None, "site.views.x", "path", True),
        RouteInfo("fine/", "fine", "site.views.fine", "path", True),
    ]
    warnings = _leading_slashes(routes)
    assert [w.id for w in warnings] == ["urls.W001", "urls.W001"]
    assert warnings[0].obj == "route '/about/' [name='about']"
    assert warnings[0].hint == (
        "Remove the leading '/' from the path() route: write 'about/', not '/about/'."
    )


def test_resolver_error_is_reported(
    configure: Any, good: dict[str, Any], write_module: Callable[[str, str], None]
) -> None:
    write_module("badsite.urls", "urlpatterns = ['not a pattern']\n")
    configure(**{**good, "ROOT_URLCONF": "badsite.urls"})
    [message] = messages(["urls"])
    assert message.id == "urls.E002"
    assert message.obj == "badsite.urls"


# urls.W002


def test_duplicate_names(
    configure: Any, good: dict[str, Any], write_module: Callable[[str, str], None]
) -> None:
    write_module("dupsite.urls", URLS + 'urlpatterns.append(path("other/", view, name="about"))\n')
    configure(**{**good, "ROOT_URLCONF": "dupsite.urls"})
    [message] = messages(["urls"])
    assert message.id == "urls.W002"
    assert "'about'" in message.msg
    assert "'about/'" in message.msg and "'other/'" in message.msg


def test_same_name_in_different_namespaces_is_fine(
    configure: Any, good: dict[str, Any], write_module: Callable[[str, str], None]
) -> None:
    write_module(
        "nssite.blog",
        'from heron.urls import path\nfrom nssite.urls import view\napp_name = "blog"\n'
        'urlpatterns = [path("", view, name="about")]\n',
    )
    write_module(
        "nssite.urls",
        URLS + "from heron.urls import include\n"
        'urlpatterns.append(path("blog/", include("nssite.blog")))\n',
    )
    configure(**{**good, "ROOT_URLCONF": "nssite.urls"})
    assert messages(["urls"]) == []


# settings.E001, settings.W001


def test_middleware_that_does_not_import(configure: Any, good: dict[str, Any]) -> None:
    configure(**{**good, "MIDDLEWARE": ["no_such_package.middleware.Thing"]})
    [message] = messages(["settings"])
    assert message.id == "settings.E001"
    assert "'no_such_package.middleware.Thing' could not be imported" in message.msg


def test_default_middleware_imports(configure: Any, good: dict[str, Any]) -> None:
    from heron.conf import defaults

    configure(**{**good, "MIDDLEWARE": list(defaults.MIDDLEWARE)})
    assert messages(["settings"]) == []


def test_missing_templates_dir(configure: Any, good: dict[str, Any], tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    configure(**{**good, "TEMPLATES_DIRS": [str(tmp_path), missing]})
    [message] = messages(["settings"])
    assert message.id == "settings.W001"
    assert message.msg == f"The template directory {str(missing)!r} does not exist."


# security.W001 - W005 (the others: test_security.py)

SECURE = {
    "DEBUG": False,
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": ["example.com"],
    "SECURE_HSTS_SECONDS": 3600,
    "SECURE_SSL_REDIRECT": True,
    "CSRF_COOKIE_SECURE": True,
    "MIDDLEWARE": [
        "heron.middleware.security.SecurityMiddleware",
        "heron.middleware.csp.ContentSecurityPolicyMiddleware",
        "heron.middleware.csrf.CsrfViewMiddleware",
    ],
}


def test_deploy_checks_only_with_deploy(configure: Any, good: dict[str, Any]) -> None:
    configure(**good, DEBUG=True)
    assert ids() == []
    assert ids(deploy=True) == [f"security.W00{n}" for n in range(1, 6)] + [
        "security.W007",
        "security.W008",
        "security.W013",
    ]


def test_secure_configuration_passes_deploy_checks(configure: Any, good: dict[str, Any]) -> None:
    configure(**{**good, **SECURE})
    assert ids(deploy=True) == []


@pytest.mark.parametrize(
    ("setting", "value", "check_id", "named"),
    [
        ("DEBUG", True, "security.W001", "DEBUG"),
        ("SECRET_KEY", "short-key", "security.W002", "SECRET_KEY"),
        ("SECRET_KEY", "dev-" + GOOD_KEY, "security.W002", "SECRET_KEY"),
        ("SECRET_KEY", "django-insecure-" + GOOD_KEY, "security.W002", "SECRET_KEY"),
        ("SECRET_KEY", "ab" * 40, "security.W002", "SECRET_KEY"),
        ("ALLOWED_HOSTS", [], "security.W003", "ALLOWED_HOSTS"),
        ("SECURE_HSTS_SECONDS", 0, "security.W004", "SECURE_HSTS_SECONDS"),
        ("SECURE_SSL_REDIRECT", False, "security.W005", "SECURE_SSL_REDIRECT"),
    ],
)
def test_each_deploy_check(
    configure: Any, good: dict[str, Any], setting: str, value: Any, check_id: str, named: str
) -> None:
    configure(**{**good, **SECURE, setting: value})
    [message] = messages(deploy=True)
    assert message.id == check_id
    assert message.hint is not None and named in message.hint


def test_deploy_checks_can_be_silenced(configure: Any, good: dict[str, Any]) -> None:
    configure(
        **{**good, **SECURE, "SECURE_SSL_REDIRECT": False},
        SILENCED_SYSTEM_CHECKS=["security.W005"],
    )
    assert ids(deploy=True) == []
