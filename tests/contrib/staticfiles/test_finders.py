"""Finders: STATICFILES_DIRS first, then each app's static/ folder; the first match wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron.conf import ImproperlyConfigured
from heron.contrib.staticfiles import find, find_all
from heron.contrib.staticfiles.finders import list_files

from .conftest import Site, write_tree


def test_project_directory_wins_over_the_app(site: Site) -> None:
    found = find("shop/only-in-app.txt")
    assert found == site.project_static / "shop" / "only-in-app.txt"
    assert find_all("shop/only-in-app.txt") == [
        site.project_static / "shop" / "only-in-app.txt",
        site.app_dir / "static" / "shop" / "only-in-app.txt",
    ]
    assert find("shop/app.js") == site.app_dir / "static" / "shop" / "app.js"


def test_earlier_app_wins_over_a_later_one(site: Site, tmp_path: Path) -> None:
    write_tree(tmp_path / "apps" / "otherapp", {"__init__.py": "", "static/shop/app.js": "x"})
    try:
        site.configure(INSTALLED_APPS=["heron.contrib.staticfiles", "otherapp", "shopapp"])
        assert find("shop/app.js") == tmp_path / "apps" / "otherapp" / "static/shop/app.js"
        site.configure(INSTALLED_APPS=["heron.contrib.staticfiles", "shopapp", "otherapp"])
        assert find("shop/app.js") == site.app_dir / "static" / "shop" / "app.js"
    finally:
        import sys

        sys.modules.pop("otherapp", None)


def test_prefixed_directory(site: Site, tmp_path: Path) -> None:
    write_tree(tmp_path / "vendor", {"htmx/htmx.min.js": "htmx", "top.js": "top"})
    site.configure(STATICFILES_DIRS=[("vendor", tmp_path / "vendor"), str(site.project_static)])
    assert find("vendor/htmx/htmx.min.js") == tmp_path / "vendor" / "htmx" / "htmx.min.js"
    assert find("vendor/top.js") == tmp_path / "vendor" / "top.js"
    assert find("htmx/htmx.min.js") is None
    names = list_files()
    assert "vendor/htmx/htmx.min.js" in names
    assert "top.js" not in names


def test_listing_skips_hidden_files_and_keeps_the_first(site: Site) -> None:
    files = list_files()
    assert ".hidden" not in " ".join(files)
    assert files["shop/only-in-app.txt"] == site.project_static / "shop" / "only-in-app.txt"
    assert sorted(files) == [
        "css/base.css",
        "css/site.css",
        "css/theme/colors.css",
        "fonts/icons.woff2",
        "img/bg.png",
        "shop/app.js",
        "shop/logo.png",
        "shop/only-in-app.txt",
    ]
    assert find("shop/.hidden") is None


@pytest.mark.parametrize("name", ["../conftest.py", "/etc/passwd", "shop/../css/site.css", ""])
def test_unsafe_names_find_nothing(site: Site, name: str) -> None:
    assert find(name) is None
    assert find_all(name) == []


@pytest.mark.parametrize(
    ("dirs", "message"),
    [
        (
            "static",
            "STATICFILES_DIRS must be a list of directories, not a single one: "
            "write STATICFILES_DIRS = ['static'].",
        ),
        (
            [("vendor", "a", "b")],
            "The STATICFILES_DIRS entry ('vendor', 'a', 'b') should be a directory or a "
            "(prefix, directory) pair such as ('vendor', BASE_DIR / 'node_modules').",
        ),
        (
            [("../up", "a")],
            "The prefix '../up' of the STATICFILES_DIRS entry ('../up', 'a') is not a usable "
            "folder name such as 'vendor' or 'lib/icons'.",
        ),
        ([42], "The STATICFILES_DIRS entry 42 should be a directory (a str or Path)."),
    ],
)
def test_bad_dirs_entries(site: Site, dirs: object, message: str) -> None:
    site.configure(STATICFILES_DIRS=dirs)
    with pytest.raises(ImproperlyConfigured) as caught:
        find("css/site.css")
    assert str(caught.value) == message
