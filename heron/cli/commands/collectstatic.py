"""``heron collectstatic``: copy every static file into STATIC_ROOT for production.

Files come from STATICFILES_DIRS and each installed app's ``static/`` folder (the first
found under a name wins). Unchanged files are skipped, so a second run copies nothing. The
storage then post-processes (hashed names and a manifest with ManifestStaticFilesStorage)
and text-like files get ``.gz`` and, with the brotli package, ``.br`` variants.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from heron.apps import apps
from heron.cli.project import load_project
from heron.conf import ImproperlyConfigured
from heron.contrib.staticfiles import Collector, StaticFilesError

APP = "heron.contrib.staticfiles"


class _ClickProgress:
    """Progress bars drawn with click (used when rich is not installed)."""

    @contextmanager
    def phase(self, label: str, total: int) -> Iterator[Any]:
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield lambda name: bar.update(1)


class _RichProgress:
    """Progress bars drawn with rich (imported only when the command runs)."""

    def __init__(self) -> None:
        # Imported by name: rich is optional.
        self._progress_module: Any = importlib.import_module("rich.progress")
        self._console: Any = importlib.import_module("rich.console").Console(stderr=True)

    @contextmanager
    def phase(self, label: str, total: int) -> Iterator[Any]:
        module = self._progress_module
        columns = (
            module.TextColumn("{task.description}"),
            module.BarColumn(),
            module.MofNCompleteColumn(),
            module.TimeElapsedColumn(),
        )
        with module.Progress(*columns, console=self._console, transient=False) as progress:
            task = progress.add_task(label, total=total)
            yield lambda name: progress.advance(task)


def _progress(show: bool) -> Any:
    if not show:
        return None
    if importlib.util.find_spec("rich") is not None:
        return _RichProgress()
    return _ClickProgress()


def _is_empty(root: Path) -> bool:
    return not root.is_dir() or next(root.iterdir(), None) is None


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


@click.command("collectstatic")
@click.option("--noinput", "--no-input", "noinput", is_flag=True, help="Do not ask to confirm.")
@click.option("--clear", is_flag=True, help="Delete everything in STATIC_ROOT first.")
@click.option("--dry-run", "-n", is_flag=True, help="Show what would be done; change nothing.")
@click.option("--no-compress", is_flag=True, help="Do not write .gz and .br variants.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Draw progress bars  [default: when the output is a terminal]",
)
def command(
    noinput: bool, clear: bool, dry_run: bool, no_compress: bool, progress: bool | None
) -> None:
    """Collect static files into STATIC_ROOT (hashed, compressed, incremental)."""
    load_project()
    if not apps.is_installed(APP):
        raise click.ClickException(
            f"{APP!r} is not in INSTALLED_APPS. Add it to collect static files."
        )
    try:
        collector = Collector(clear=clear, dry_run=dry_run, compress=not no_compress)
        root = collector.storage.location
    except (ImportError, ImproperlyConfigured) as exc:
        raise click.ClickException(str(exc)) from None
    if not noinput and not dry_run and not _is_empty(root):
        if clear:
            question = f"This will DELETE every file in {root} and collect again. Continue?"
        else:
            question = f"This will overwrite changed files in {root}. Continue?"
        if not click.confirm(question, default=False):
            raise click.ClickException("Collecting static files cancelled.")
    show = sys.stderr.isatty() if progress is None else progress
    try:
        result = collector.run(_progress(show))
    except StaticFilesError as exc:
        raise click.ClickException(str(exc)) from None
    if dry_run:
        click.echo("Dry run: nothing was written.")
        for name in sorted(result.copied):
            click.echo(f"  would copy {name}")

    def done(count: int, what: str, action: str) -> str:
        verb = "would be" if dry_run else ("was" if count == 1 else "were")
        return f"{_plural(count, what)} {verb} {action}"

    parts = []
    if result.deleted:
        parts.append(done(result.deleted, "file", "deleted"))
    parts.append(done(len(result.copied), "file", f"copied to {root}"))
    parts.append(f"{len(result.unchanged)} unchanged")
    if result.post_processed:
        parts.append(done(len(result.post_processed), "hashed copy", "written"))
    if result.compressed:
        parts.append(f"{len(result.compressed)} compressed")
    click.echo(", ".join(parts) + ".")
