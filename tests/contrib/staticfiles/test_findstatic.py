"""``heron findstatic``: the app command of heron.contrib.staticfiles."""

from __future__ import annotations

from pathlib import Path

from tests.cli import conftest as cli

isolated = cli.isolated  # autouse: settings, apps, sys.path and cwd restored after each test
heron = cli.heron
project = cli.project


def test_findstatic_lists_every_candidate_winner_first(heron: cli.Heron, project: Path) -> None:
    heron("startapp", "pantry")
    cli.install_app(project, "pantry")
    (project / "pantry" / "static" / "css").mkdir(parents=True)
    (project / "pantry" / "static" / "css" / "site.css").write_text("app")
    (project / "static" / "css").mkdir(parents=True)
    (project / "static" / "css" / "site.css").write_text("project")
    settings_file = project / "mysite" / "settings.py"
    settings_file.write_text(
        settings_file.read_text() + '\nSTATICFILES_DIRS = [BASE_DIR / "static"]\n'
    )
    result = heron("findstatic", "css/site.css")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Found 'css/site.css' here:\n"
        f"  {project / 'static/css/site.css'}\n"
        f"  {project / 'pantry/static/css/site.css'}\n"
    )
    result = heron("findstatic", "--first", "/css/site.css", "nope.css")
    assert result.exit_code == 1
    assert result.output == (
        "Found '/css/site.css' here:\n"
        f"  {project / 'static/css/site.css'}\n"
        "No static file found for 'nope.css'.\n"
    )
