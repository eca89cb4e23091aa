"""A progress bar on stderr for long data commands, only when stderr is a terminal."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

__all__ = ["progress_bar"]


def _is_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Callable[[int], None] | None]:
    """Yield ``advance(n)``, drawing a bar with rich (or click without it) on a terminal;
    yield None when stderr is not a terminal (pipes, files, CI logs stay clean)."""
    if not _is_terminal():
        yield None
        return
    if importlib.util.find_spec("rich") is not None:
        # Imported by name: rich is optional.
        module: Any = importlib.import_module("rich.progress")
        console: Any = importlib.import_module("rich.console").Console(stderr=True)
        columns = (
            module.TextColumn("{task.description}"),
            module.BarColumn(),
            module.MofNCompleteColumn(),
            module.TimeElapsedColumn(),
        )
        with module.Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task(label, total=total)
            yield lambda n: progress.advance(task, n)
        return
    bar: Any
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update
