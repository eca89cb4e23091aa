"""Finders: where static files come from.

Two finders are searched in order, and the first file found under a name wins:

1. ``FileSystemFinder``: the ``STATICFILES_DIRS`` of the project, in order. An entry is a
   directory, or a ``(prefix, directory)`` pair whose files are found under ``prefix/``.
2. ``AppDirectoriesFinder``: the ``static/`` folder of each installed app, in
   ``INSTALLED_APPS`` order.

So a project overrides an app's file by putting one with the same name in a project
directory. Hidden files and folders (``.name``), editor backups (``name~``) and
``__pycache__`` are never collected or served.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heron.apps import apps
from heron.conf import ImproperlyConfigured, settings

from .paths import safe_name

__all__ = [
    "AppDirectoriesFinder",
    "FileSystemFinder",
    "Finder",
    "Source",
    "find",
    "find_all",
    "get_finders",
    "list_files",
    "parse_dirs_entry",
]


def _ignored(segment: str) -> bool:
    return segment.startswith(".") or segment.endswith("~") or segment == "__pycache__"


@dataclass(frozen=True)
class Source:
    """One directory of static files, seen under ``prefix`` (``""`` for none)."""

    directory: Path
    prefix: str = ""

    def find(self, name: str) -> Path | None:
        if self.prefix:
            if not name.startswith(self.prefix + "/"):
                return None
            name = name[len(self.prefix) + 1 :]
        if any(_ignored(segment) for segment in name.split("/")):
            return None
        candidate = self.directory.joinpath(*name.split("/"))
        return candidate if candidate.is_file() else None

    def list(self) -> Iterator[tuple[str, Path]]:
        """Yield ``(name, path)`` for every file, in a stable (sorted) order."""
        if not self.directory.is_dir():
            return
        for root, dirs, files in os.walk(self.directory, followlinks=True):
            dirs[:] = sorted(d for d in dirs if not _ignored(d))
            relative = Path(root).relative_to(self.directory).as_posix()
            for filename in sorted(files):
                if _ignored(filename):
                    continue
                parts = [p for p in (self.prefix, relative, filename) if p and p != "."]
                yield "/".join(parts), Path(root) / filename


def parse_dirs_entry(entry: Any) -> Source:
    """Turn one ``STATICFILES_DIRS`` entry into a ``Source``; raise ImproperlyConfigured."""
    if isinstance(entry, tuple | list):
        if len(entry) != 2 or not isinstance(entry[0], str):
            raise ImproperlyConfigured(
                f"The STATICFILES_DIRS entry {entry!r} should be a directory or a "
                "(prefix, directory) pair such as ('vendor', BASE_DIR / 'node_modules')."
            )
        prefix, directory = entry
        prefix = prefix.strip("/")
        if not prefix or safe_name(prefix) is None:
            raise ImproperlyConfigured(
                f"The prefix {entry[0]!r} of the STATICFILES_DIRS entry {entry!r} is not a "
                "usable folder name such as 'vendor' or 'lib/icons'."
            )
    else:
        prefix, directory = "", entry
    if not isinstance(directory, str | os.PathLike):
        raise ImproperlyConfigured(
            f"The STATICFILES_DIRS entry {entry!r} should be a directory (a str or Path)."
        )
    return Source(Path(directory), prefix)


class Finder:
    """Find static files in a list of sources; the first source holding a name wins."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self.sources = list(sources)

    def find(self, name: str) -> Path | None:
        for source in self.sources:
            found = source.find(name)
            if found is not None:
                return found
        return None

    def find_all(self, name: str) -> list[Path]:
        return [found for s in self.sources if (found := s.find(name)) is not None]

    def list(self) -> Iterator[tuple[str, Path]]:
        for source in self.sources:
            yield from source.list()


class FileSystemFinder(Finder):
    """The project's ``STATICFILES_DIRS`` (or the ``dirs`` given)."""

    def __init__(self, dirs: Iterable[Any] | None = None) -> None:
        if dirs is None:
            dirs = settings.STATICFILES_DIRS
        if isinstance(dirs, str | os.PathLike):
            raise ImproperlyConfigured(
                f"STATICFILES_DIRS must be a list of directories, not a single one: "
                f"write STATICFILES_DIRS = [{str(dirs)!r}]."
            )
        super().__init__(parse_dirs_entry(entry) for entry in dirs)


class AppDirectoriesFinder(Finder):
    """The ``static/`` folder of each installed app."""

    def __init__(self) -> None:
        super().__init__(Source(config.path / "static") for config in apps.get_app_configs())


def get_finders() -> list[Finder]:
    """The finders, in the order they are searched."""
    return [FileSystemFinder(), AppDirectoriesFinder()]


def find(name: str) -> Path | None:
    """Return the file that ``name`` resolves to: the first one the finders have."""
    if safe_name(name) is None:
        return None
    for finder in get_finders():
        found = finder.find(name)
        if found is not None:
            return found
    return None


def find_all(name: str) -> list[Path]:
    """Return every file that could answer ``name``, the one that wins first."""
    if safe_name(name) is None:
        return []
    return [path for finder in get_finders() for path in finder.find_all(name)]


def list_files(finders: Iterable[Finder] | None = None) -> dict[str, Path]:
    """Return name -> source file for every static file; the first finder to list a name wins."""
    files: dict[str, Path] = {}
    for finder in get_finders() if finders is None else finders:
        for name, path in finder.list():
            files.setdefault(name, path)
    return files
