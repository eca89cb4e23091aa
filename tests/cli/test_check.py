from __future__ import annotations

from pathlib import Path

from .conftest import Heron


def set_setting(project: Path, line: str) -> None:
    settings_file = project / "mysite" / "settings.py"
    settings_file.write_text(settings_file.read_text() + f"\n{line}\n")


def test_clean_project(heron: Heron, project: Path) -> None:
    result = heron("check")
    assert (result.exit_code, result.output) == (0, "System check identified no issues.\n")


def test_errors_fail_and_are_formatted(heron: Heron, project: Path) -> None:
    set_setting(project, 'ROOT_URLCONF = "mysite.missing_urls"')
    result = heron("check")
    assert result.exit_code == 1
    assert result.output.startswith(
        "ROOT_URLCONF: (urls.E001) ROOT_URLCONF 'mysite.missing_urls' could not be imported: "
    )
    assert "\n\tHINT: Set ROOT_URLCONF to the dotted path of your URL module" in result.output
    assert result.output.endswith("System check identified 1 issue(s).\n")


def test_deploy_warnings_do_not_fail_by_default(heron: Heron, project: Path) -> None:
    result = heron("check", "--deploy")
    assert result.exit_code == 0, result.output
    # W009: CSRF_COOKIE_SECURE follows DEBUG in a new project, so it is off here.
    # W010: so does SESSION_COOKIE_SECURE.
    for check_id in ("W001", "W002", "W004", "W005", "W009", "W010"):
        assert f"(security.{check_id})" in result.output
    assert "(security.W003)" not in result.output  # the project lists localhost
    # The new project's STATIC_ROOT does not exist until `heron collectstatic` runs.
    assert "(staticfiles.W003)" in result.output
    assert result.output.endswith("System check identified 7 issue(s).\n")


def test_fail_level(heron: Heron, project: Path) -> None:
    assert heron("check", "--deploy", "--fail-level", "WARNING").exit_code == 1
    assert heron("check", "--deploy", "--fail-level", "warning").exit_code == 1
    assert heron("check", "--deploy", "--fail-level", "CRITICAL").exit_code == 0
    assert heron("check", "--fail-level", "LOUD").exit_code == 2


def test_silenced_checks(heron: Heron, project: Path) -> None:
    set_setting(project, 'SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W005"]')
    result = heron("check", "--deploy")
    assert "security.W004" not in result.output and "security.W005" not in result.output
    assert result.output.endswith("System check identified 5 issue(s).\n")


def test_tags(heron: Heron, project: Path) -> None:
    set_setting(project, 'TEMPLATES_DIRS = ["no-such-dir"]')
    set_setting(project, 'ROOT_URLCONF = "mysite.missing_urls"')
    result = heron("check", "--tag", "settings")
    assert result.exit_code == 0
    assert "(settings.W001)" in result.output and "urls.E001" not in result.output
    result = heron("check", "--deploy", "--tag", "security")
    assert "urls.E001" not in result.output and "(security.W001)" in result.output


def test_unknown_tag(heron: Heron, project: Path) -> None:
    result = heron("check", "--tag", "nope")
    assert result.exit_code == 2
    assert "Invalid value for --tag: no check has the tag 'nope'; available:" in result.output
    result = heron("check", "--tag", "security")
    assert result.exit_code == 2
    assert "'security' only tags deployment checks: add --deploy." in result.output


def test_settings_option(heron: Heron, project: Path) -> None:
    (project / "mysite" / "other_settings.py").write_text(
        'from mysite.settings import *\nROOT_URLCONF = ""\n'
    )
    result = heron("--settings", "mysite.other_settings", "check")
    assert result.exit_code == 1
    assert "(urls.E001) ROOT_URLCONF is not set" in result.output


def test_outside_a_project(heron: Heron) -> None:
    result = heron("check")
    assert result.exit_code == 1
    assert result.output.startswith("Error: No settings module found.")
