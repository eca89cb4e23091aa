from __future__ import annotations

import importlib
import re
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import Heron

PROJECT_FILES = {
    ".gitignore",
    "README.md",
    "pyproject.toml",
    "mysite/__init__.py",
    "mysite/settings.py",
    "mysite/urls.py",
    "mysite/views.py",
    "mysite/asgi.py",
    "accounts/__init__.py",
    "accounts/apps.py",
    "accounts/models.py",
    "accounts/tests.py",
    "accounts/migrations/__init__.py",
    "accounts/migrations/0001_initial.py",
}


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_new_creates_the_project(heron: Heron, isolated: Path) -> None:
    result = heron("new", "mysite")
    assert result.exit_code == 0, result.output
    assert "Created the project 'mysite' in mysite." in result.output
    assert "cd mysite" in result.output
    root = isolated / "mysite"
    assert files_under(root) == PROJECT_FILES
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    assert pyproject["tool"]["heron"]["settings"] == "mysite.settings"
    assert pyproject["project"]["dependencies"] == ["heron>=0.1.0"]
    readme = (root / "README.md").read_text()
    for command in ("heron run", "heron startapp", "heron test"):
        assert command in readme
    assert "db.sqlite3" in (root / ".gitignore").read_text()


def test_new_into_a_directory(heron: Heron, isolated: Path) -> None:
    (isolated / "empty").mkdir()
    result = heron("new", "mysite", "empty")
    assert result.exit_code == 0, result.output
    assert files_under(isolated / "empty") == PROJECT_FILES


def test_generated_settings_import(project: Path) -> None:
    sys.path.insert(0, str(project))
    settings = importlib.import_module("mysite.settings")
    assert settings.DEBUG is True
    assert settings.ROOT_URLCONF == "mysite.urls"
    assert settings.INSTALLED_APPS == [
        "heron.contrib.admin",
        "heron.contrib.sessions",
        "heron.contrib.auth",
        "heron.contrib.messages",
        "heron.contrib.staticfiles",
        "accounts",
    ]
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert settings.ALLOWED_HOSTS == ["localhost", "127.0.0.1"]
    assert settings.DATABASES["default"]["ENGINE"] == "sqlite"
    assert settings.DATABASES["default"]["NAME"] == str(project / "db.sqlite3")
    assert settings.SECRET_KEY.startswith("dev-insecure-")
    assert len(settings.SECRET_KEY) >= 50


def test_each_project_gets_its_own_key(heron: Heron, isolated: Path) -> None:
    heron("new", "one")
    heron("new", "two")
    key_one = (isolated / "one/one/settings.py").read_text().split('_DEV_SECRET_KEY = "')[1]
    key_two = (isolated / "two/two/settings.py").read_text().split('_DEV_SECRET_KEY = "')[1]
    assert key_one[:60] != key_two[:60]


def test_generated_project_checks_clean(heron: Heron, project: Path) -> None:
    result = heron("check")
    assert result.exit_code == 0, result.output
    assert result.output == "System check identified no issues.\n"


def test_generated_project_shows_a_welcome_page(heron: Heron, project: Path) -> None:
    assert heron("check").exit_code == 0  # loads the project
    from heron.test import Client

    response = Client(host="localhost").get("/")
    assert response.status_code == 200
    assert "Welcome to mysite" in response.text
    # The welcome page's inline style passes the project's Content-Security-Policy.
    nonce = response.text.split('<style nonce="')[1].split('"')[0]
    policy = response.headers["content-security-policy"]
    assert f"style-src 'self' 'nonce-{nonce}'" in policy


def test_generated_project_is_csrf_protected(heron: Heron, project: Path) -> None:
    assert heron("check").exit_code == 0  # loads the project
    from heron.test import Client

    response = Client(host="localhost", enforce_csrf_checks=True).post("/")
    assert response.status_code == 403


def test_generated_project_deploy_check_lists_what_production_needs(
    heron: Heron, project: Path
) -> None:
    result = heron("check", "--deploy")
    ids = sorted(set(re.findall(r"\((security\.\w+)\)", result.output)))
    # DEBUG on, the development key, no HSTS, no HTTPS redirect, and (with DEBUG on) an
    # insecure CSRF cookie -- and session cookie, once `heron new` ships sessions (W010):
    # what `heron new` leaves for production, nothing more.
    assert [i for i in ids if i != "security.W010"] == [
        "security.W001",
        "security.W002",
        "security.W004",
        "security.W005",
        "security.W009",
    ], result.output


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "my-site",
            "Error: 'my-site' is not a valid project name: use a Python identifier (letters, "
            "digits and underscores, not starting with a digit), e.g. 'my_site'.\n",
        ),
        ("class", "Error: 'class' is a Python keyword and cannot be a project name.\n"),
        (
            "os",
            "Error: 'os' cannot be a project name: it would shadow the importable module 'os'. "
            "Choose another name.\n",
        ),
        (
            "test",
            "Error: 'test' cannot be a project name: it would shadow the importable module "
            "'test'. Choose another name.\n",
        ),
        (
            "click",
            "Error: 'click' cannot be a project name: it would shadow the importable module "
            "'click'. Choose another name.\n",
        ),
        (
            "heron",
            "Error: 'heron' cannot be a project name: it would shadow the importable module "
            "'heron'. Choose another name.\n",
        ),
    ],
)
def test_new_refuses_bad_names(heron: Heron, isolated: Path, name: str, message: str) -> None:
    result = heron("new", name)
    assert result.exit_code == 1
    assert result.output == message
    assert not (isolated / name).exists()


def test_new_refuses_a_non_empty_directory(heron: Heron, isolated: Path) -> None:
    (isolated / "mysite").mkdir()
    (isolated / "mysite" / "notes.txt").write_text("keep me")
    result = heron("new", "mysite")
    assert result.exit_code == 1
    assert result.output == f"Error: {isolated / 'mysite'} already exists and is not empty.\n"
    assert files_under(isolated / "mysite") == {"notes.txt"}
