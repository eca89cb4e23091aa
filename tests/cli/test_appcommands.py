from __future__ import annotations

from pathlib import Path

from .conftest import Heron, install_app

HELLO = '''
import click


@click.command()
@click.option("--name", default="world")
def command(name):
    """Say hello."""
    click.echo(f"hello {name}")
'''


def make_app(heron: Heron, project: Path) -> Path:
    assert heron("startapp", "greetings").exit_code == 0
    install_app(project, "greetings")
    commands = project / "greetings" / "commands"
    (commands / "hello.py").write_text(HELLO)
    return commands


def test_app_command_runs(heron: Heron, project: Path) -> None:
    make_app(heron, project)
    result = heron("hello", "--name", "heron")
    assert (result.exit_code, result.output) == (0, "hello heron\n")


def test_app_commands_are_listed_when_a_name_is_unknown(heron: Heron, project: Path) -> None:
    make_app(heron, project)
    result = heron("helo")
    assert result.exit_code == 2
    assert (
        "Available commands: changepassword, check, clearsessions, collectstatic, "
        "createcachetable, createsuperuser, dbshell, diffsettings, "
    ) in result.output
    assert ", dumpdata, findstatic, flush, hello, " in result.output


def test_app_command_module_without_command(heron: Heron, project: Path) -> None:
    commands = make_app(heron, project)
    (commands / "broken.py").write_text("def main():\n    pass\n")
    result = heron("broken")
    assert result.exit_code == 1
    assert result.output == (
        "Error: greetings.commands.broken must define a click command named 'command' "
        "(decorate a function with @click.command() and call it command).\n"
    )


def test_builtin_commands_win(heron: Heron, project: Path) -> None:
    commands = make_app(heron, project)
    (commands / "check.py").write_text(HELLO)
    result = heron("check")
    assert result.output == "System check identified no issues.\n"


def test_uninstalled_apps_add_nothing(heron: Heron, project: Path) -> None:
    make_app(heron, project)
    settings_file = project / "mysite" / "settings.py"
    settings_file.write_text(settings_file.read_text().replace('"greetings",', ""))
    assert heron("hello").exit_code == 2
