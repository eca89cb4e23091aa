"""``heron run``: the development server, reloading when a project file changes."""

from __future__ import annotations

from pathlib import Path

import click

from heron.checks import run_checks
from heron.cli.checkreport import print_messages
from heron.cli.ports import ensure_port_free
from heron.cli.project import load_project, project_root

APP = "heron.asgi:get_application"
WATCHED = ["*.py", "*.html", "*.toml"]
# Folders under the project that change often and never hold the project's code.
IGNORED_DIRS = (".venv", "venv", ".git", "node_modules", "__pycache__", ".mypy_cache")


@click.command("run")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--no-reload", is_flag=True, help="Do not restart when files change.")
def command(host: str, port: int, no_reload: bool) -> None:
    """Run the development server (reloads on *.py, *.html and *.toml changes)."""
    load_project()  # also exports HERON_SETTINGS_MODULE for the reloader's child process
    if print_messages(run_checks()):
        raise click.ClickException("Fix the errors above before running the server.")
    ensure_port_free(host, port)
    root = project_root() or Path.cwd()
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Heron development server at http://{shown}:{port}/ (Ctrl+C to quit)")

    import uvicorn

    options: dict[str, object] = {}
    if not no_reload:
        options = {
            "reload": True,
            "reload_dirs": [str(root)],
            "reload_includes": WATCHED,
            "reload_excludes": [str(root / d) for d in IGNORED_DIRS if (root / d).is_dir()],
        }
    uvicorn.run(APP, factory=True, host=host, port=port, log_level="info", **options)  # type: ignore[arg-type]
