"""Collecting: copy every static file the finders have into the storage (``STATIC_ROOT``).

``Collector.run()`` does, in order: empty ``STATIC_ROOT`` (``clear=True``); copy each file
unless an identical copy is already there; let the storage post-process (hashed names and
the manifest for ``ManifestStaticFilesStorage``); write ``.gz``/``.br`` variants of
text-like files. With ``dry_run=True`` nothing is written and the result says what would be.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .compress import compress_file
from .files import unchanged
from .finders import list_files
from .storage import StaticFilesStorage, configured_storage

__all__ = ["Collected", "Collector", "Progress"]

Advance = Callable[[str], None]


class Progress(Protocol):
    """Told about each phase and step, e.g. to draw a progress bar."""

    def phase(self, label: str, total: int) -> AbstractContextManager[Advance]:
        """Start a phase of ``total`` steps; the context gives ``advance(name)`` per step."""
        ...


@dataclass
class Collected:
    """What a run did (or, for a dry run, would do)."""

    copied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    post_processed: list[str] = field(default_factory=list)
    compressed: list[str] = field(default_factory=list)
    deleted: int = 0


class _Silent:
    @contextmanager
    def phase(self, label: str, total: int) -> Iterator[Advance]:
        yield lambda name: None


class Collector:
    """Collect static files into ``storage`` (default: the ``STATICFILES_STORAGE``)."""

    def __init__(
        self,
        storage: StaticFilesStorage | None = None,
        *,
        clear: bool = False,
        dry_run: bool = False,
        compress: bool = True,
    ) -> None:
        self.storage = storage if storage is not None else configured_storage()
        self.clear = clear
        self.dry_run = dry_run
        self.compress = compress

    def run(self, progress: Progress | None = None) -> Collected:
        reporter: Progress = progress if progress is not None else _Silent()
        root = self.storage.location  # raises ImproperlyConfigured when STATIC_ROOT is unset
        sources = list_files()
        result = Collected()
        if self.clear:
            result.deleted = self._clear(root)
        with reporter.phase("Copying", len(sources)) as advance:
            for name, source in sources.items():
                if self.dry_run:
                    same = not self.clear and unchanged(source, self.storage.path(name))
                else:
                    same = not self.storage.save(name, source)
                (result.unchanged if same else result.copied).append(name)
                advance(name)
        processed = self.storage.post_process(sources, dry_run=self.dry_run)
        result.post_processed = processed.written
        if self.compress and not self.dry_run:
            names = [*sources, *processed.written, *processed.unchanged]
            with reporter.phase("Compressing", len(names)) as advance:
                for name in names:
                    if compress_file(self.storage.path(name), name):
                        result.compressed.append(name)
                    advance(name)
        return result

    def _clear(self, root: Path) -> int:
        """Delete everything inside ``root``; return how many files were (or would be) deleted."""
        if not root.is_dir():
            return 0
        count = sum(1 for path in root.rglob("*") if not path.is_dir())
        if not self.dry_run:
            for child in root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        return count
