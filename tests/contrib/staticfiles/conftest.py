"""A small site on disk for the static files tests.

``site`` builds, under a temporary directory: an app package ``shopapp`` (its ``static/``,
a template and a page view), a project ``static/`` directory (STATICFILES_DIRS) and a
STATIC_ROOT path, then configures settings with ``heron.contrib.staticfiles`` installed.
``site.configure(**overrides)`` changes settings; everything is restored after the test.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from heron.apps import apps
from heron.asgi import get_application
from heron.conf import settings
from heron.test import Client

APP = "shopapp"
MANIFEST = "heron.contrib.staticfiles.storage.ManifestStaticFilesStorage"

APP_FILES = {
    "static/shop/app.js": "console.log('shop');\n" * 40,
    "static/shop/logo.png": "\x89PNG fake image bytes",
    "static/shop/only-in-app.txt": "from the app\n",
    "static/shop/.hidden": "never collected",
    "templates/shop/page.html": (
        '<link rel="stylesheet" href="{{ static(\'css/site.css\') }}">'
        "<script src=\"{{ static('shop/app.js') }}\"></script>"
    ),
    "__init__.py": "",
    "views.py": (
        "from heron.templates import render\n\n\n"
        "def page(request):\n    return render(request, 'shop/page.html', {})\n"
    ),
    "urls.py": (
        "from heron.urls import path\n\nfrom . import views\n\n"
        "urlpatterns = [path('page/', views.page, name='page')]\n"
    ),
}

PROJECT_FILES = {
    "css/site.css": (
        '@import "base.css";\n'
        "/* url(commented-out.png) stays as written */\n"
        "body { background: url('../img/bg.png') no-repeat; }\n"
        ".logo { background-image: url(/static/shop/logo.png); }\n"
        '.icon { background: url("data:image/png;base64,iVBORw0KGgo="); }\n'
        ".ext { background: url(https://cdn.example.com/x.png); }\n"
        ".svg { fill: url(#gradient); }\n"
        ".font { src: url('../fonts/icons.woff2?v=3#iefix'); }\n"
    ),
    "css/base.css": '@import url("theme/colors.css");\nhtml { color: black; }\n',
    "css/theme/colors.css": ":root { --accent: red; }\n.a { background: url(../../img/bg.png) }\n",
    "img/bg.png": "background image bytes",
    "fonts/icons.woff2": "font bytes",
    "shop/only-in-app.txt": "from the project: wins over the app\n",
}


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.app_dir = root / "apps" / APP
        self.project_static = root / "static"
        self.static_root = root / "collected"
        self.base: dict[str, Any] = {
            "DEBUG": True,
            "SECRET_KEY": "static-files-test-key",
            "ROOT_URLCONF": f"{APP}.urls",
            "INSTALLED_APPS": ["heron.contrib.staticfiles", APP],
            "STATICFILES_DIRS": [str(self.project_static)],
            "STATIC_ROOT": str(self.static_root),
            "ALLOWED_HOSTS": ["testserver"],
        }

    def configure(self, **overrides: Any) -> None:
        """Install settings (the base ones plus ``overrides``) and load the apps."""
        values = {**self.base, **overrides}
        apps.reset()
        settings.configure(**values)
        apps.populate(values["INSTALLED_APPS"])

    def client(self) -> Client:
        return Client(get_application())

    def collected(self) -> list[str]:
        """Every file under STATIC_ROOT, as sorted static names."""
        return sorted(
            p.relative_to(self.static_root).as_posix()
            for p in self.static_root.rglob("*")
            if p.is_file()
        )

    def manifest(self) -> dict[str, str]:
        import json

        data: dict[str, str] = json.loads((self.static_root / "staticfiles.json").read_text())[
            "paths"
        ]
        return data


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    saved_settings = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    saved_path = list(sys.path)
    site = Site(tmp_path)
    write_tree(site.app_dir, APP_FILES)
    write_tree(site.project_static, PROJECT_FILES)
    sys.path.insert(0, str(tmp_path / "apps"))
    importlib.invalidate_caches()
    site.configure()
    try:
        yield site
    finally:
        sys.path[:] = saved_path
        for name in [n for n in sys.modules if n == APP or n.startswith(APP + ".")]:
            del sys.modules[name]
        settings._install(saved_settings)
        apps.app_configs, apps.ready = saved_apps
