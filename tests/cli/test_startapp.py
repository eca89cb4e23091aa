from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Heron, install_app

APP_FILES = {
    "__init__.py",
    "apps.py",
    "models.py",
    "views.py",
    "urls.py",
    "admin.py",
    "forms.py",
    "tests.py",
    "migrations/__init__.py",
    "commands/__init__.py",
}


def test_startapp_creates_the_app(heron: Heron, project: Path) -> None:
    result = heron("startapp", "polls")
    assert result.exit_code == 0, result.output
    app = project / "polls"
    assert {str(p.relative_to(app)) for p in app.rglob("*") if p.is_file()} == APP_FILES
    assert (app / "templates" / "polls").is_dir()
    assert (app / "static" / "polls").is_dir()
    assert 'app_name = "polls"' in (app / "urls.py").read_text()
    assert "class PollsConfig(AppConfig):" in (app / "apps.py").read_text()
    tests = (app / "tests.py").read_text()
    assert "from heron.test import TestCase" in tests and "self.client.get(" in tests
    assert result.output == (
        f"Created the app 'polls' in {app}.\n"
        "To use it, add it to INSTALLED_APPS in mysite/settings.py:\n"
        '    INSTALLED_APPS = [..., "polls"]\n'
        "and include its routes in your project's urls.py:\n"
        '    path("polls/", include("polls.urls")),\n'
    )


def test_startapp_from_a_subdirectory_uses_the_project_root(
    heron: Heron, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "mysite")
    assert heron("startapp", "blog_posts").exit_code == 0
    assert "class BlogPostsConfig(AppConfig):" in (project / "blog_posts/apps.py").read_text()


def test_generated_app_modules_import(heron: Heron, project: Path) -> None:
    heron("startapp", "polls")
    install_app(project, "polls")
    code = "import polls.views, polls.urls, polls.models, polls.admin, polls.forms\n"
    result = heron("shell", "-c", code + "print(apps.get_app_config('polls'))")
    assert result.exit_code == 0, result.output
    assert result.output == "<PollsConfig: polls>\n"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "1polls",
            "Error: '1polls' is not a valid app name: use a Python identifier (letters, digits "
            "and underscores, not starting with a digit), e.g. 'app_1polls'.\n",
        ),
        ("import", "Error: 'import' is a Python keyword and cannot be an app name.\n"),
        (
            "json",
            "Error: 'json' cannot be an app name: it would shadow the importable module 'json'. "
            "Choose another name.\n",
        ),
    ],
)
def test_startapp_refuses_bad_names(heron: Heron, project: Path, name: str, message: str) -> None:
    result = heron("startapp", name)
    assert result.exit_code == 1
    assert result.output == message


def test_startapp_refuses_an_existing_directory(heron: Heron, project: Path) -> None:
    result = heron("startapp", "mysite")
    assert result.exit_code == 1
    assert result.output == f"Error: {project / 'mysite'} already exists and is not empty.\n"


def test_startapp_outside_a_project(heron: Heron) -> None:
    result = heron("startapp", "polls")
    assert result.exit_code == 1
    assert result.output.startswith("Error: No Heron project found here or above")
