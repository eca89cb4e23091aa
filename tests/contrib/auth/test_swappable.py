"""A project with its own user model (AUTH_USER_MODEL = "accounts.User"), end to end in
subprocesses as a developer runs it: makemigrations writes the right dependencies, migrate
makes no auth_user table, and the project's own tests (sign-in, groups, permissions) pass on
each backend through `heron test`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import BACKENDS, URLS

SETTINGS = """
from heron.conf import env

DEBUG = True
SECRET_KEY = "swap-test-key"
ALLOWED_HOSTS = ["testserver", "localhost"]
INSTALLED_APPS = ["heron.contrib.sessions", "heron.contrib.auth", "accounts", "notes"]
MIDDLEWARE = [
    "heron.middleware.common.CommonMiddleware",
    "heron.contrib.sessions.middleware.SessionMiddleware",
    "heron.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///db.sqlite3")}
ROOT_URLCONF = "swapsite.urls"
AUTH_USER_MODEL = "accounts.User"
"""

ACCOUNTS_MODELS = """
from heron.db import models
from heron.contrib.auth.models import AbstractUser


class User(AbstractUser):
    nickname = models.CharField(max_length=40, blank=True)
"""

NOTES_MODELS = """
from heron.conf import settings
from heron.db import models


class Note(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    text = models.TextField()
"""

URLS_PY = """
from heron.contrib.auth import authenticate, login
from heron.contrib.auth.decorators import permission_required
from heron.http import HttpResponse
from heron.urls import path


def signin(request):
    form = request.POST
    user = authenticate(request, username=form["username"], password=form["password"])
    if user is None:
        return HttpResponse("no", status=401)
    login(request, user)
    return HttpResponse(type(user).__module__ + "." + type(user).__name__)


@permission_required("notes.view_note")
def notes(request):
    return HttpResponse("notes for " + request.user.nickname)


urlpatterns = [path("signin/", signin), path("notes/", notes)]
"""

PROJECT_TESTS = """
from heron.contrib.auth import get_user_model
from heron.contrib.auth.models import Group, Permission
from heron.test import Client


def test_sign_in_with_the_custom_user(db):
    User = get_user_model()
    assert User.__module__ == "accounts.models"
    user = User.objects.create_user("ada", "ada@example.com", "pw", nickname="Countess")
    client = Client()
    signed_in = client.post("/signin/", {"username": "ada", "password": "pw"})
    assert signed_in.text == "accounts.models.User"
    assert client.get("/notes/").status_code == 403
    readers = Group.objects.create(name="readers")
    readers.permissions.add(Permission.objects.get(app_label="notes", codename="view_note"))
    user.groups.add(readers)
    assert list(readers.user_set.all()) == [user]
    assert client.get("/notes/").text == "notes for Countess"


def test_permissions_of_the_custom_user_model_exist(db):
    codes = set(Permission.objects.filter(app_label="accounts").values_list("codename", flat=True))
    assert codes == {"add_user", "change_user", "delete_user", "view_user"}
    assert not Permission.objects.filter(app_label="auth", model="user").exists()
"""


def _write(root: Path) -> None:
    files = {
        "pyproject.toml": '[tool.heron]\nsettings = "swapsite.settings"\n',
        "swapsite/__init__.py": "",
        "swapsite/settings.py": SETTINGS,
        "swapsite/urls.py": URLS_PY,
        "accounts/__init__.py": "",
        "accounts/models.py": ACCOUNTS_MODELS,
        "accounts/migrations/__init__.py": "",
        "notes/__init__.py": "",
        "notes/models.py": NOTES_MODELS,
        "notes/migrations/__init__.py": "",
        "notes/tests.py": PROJECT_TESTS,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())


def _heron(root: Path, *args: str, database: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HERON_")}
    env.pop("DATABASE_URL", None)
    env.pop("CI", None)
    if database:
        env["DATABASE_URL"] = database
    result = subprocess.run(
        [sys.executable, "-m", "heron", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("swapsite")
    _write(root)
    _heron(root, "makemigrations")
    return root


def test_makemigrations_orders_the_user_model_after_auth(project: Path) -> None:
    accounts = (project / "accounts" / "migrations" / "0001_initial.py").read_text()
    assert '("auth", "0001_initial")' in accounts
    assert 'to="auth.Group"' in accounts and 'to="auth.Permission"' in accounts
    notes = (project / "notes" / "migrations" / "0001_initial.py").read_text()
    assert '("accounts", "0001_initial")' in notes
    assert 'to="accounts.User"' in notes
    assert "No changes detected" in _heron(project, "makemigrations", "--check")


def test_migrate_makes_no_table_for_the_swapped_model(project: Path) -> None:
    _heron(project, "migrate")
    with sqlite3.connect(project / "db.sqlite3") as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "auth_user" not in tables and "auth_user_groups" not in tables
    assert {"accounts_user", "accounts_user_groups", "auth_group", "notes_note"} <= tables


@pytest.mark.parametrize("vendor", BACKENDS)
def test_project_tests_pass_on_each_backend(project: Path, vendor: str) -> None:
    url = URLS[vendor] if vendor != "sqlite" else "sqlite:///db.sqlite3"
    if vendor != "sqlite":
        url = url.rsplit("/", 1)[0] + f"/{url.rsplit('/', 1)[1]}_swap"
    output = _heron(project, "test", "-q", "-p", "no:cacheprovider", database=url)
    assert "2 passed" in output
