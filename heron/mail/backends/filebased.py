"""A backend that writes messages to files in ``EMAIL_FILE_PATH``, one file per connection."""

from __future__ import annotations

import datetime
import os
import secrets
from pathlib import Path
from typing import Any, TextIO, cast

from heron.conf import ImproperlyConfigured, settings

from . import console

__all__ = ["EmailBackend"]


class EmailBackend(console.EmailBackend):
    """Write messages to ``<file_path>/<timestamp>-<id>.log``.

    Messages sent over one open connection (``with get_connection() as c:``) share a file;
    every other call starts a new one.
    """

    def __init__(self, *, file_path: str | os.PathLike[str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        path = file_path if file_path is not None else settings.EMAIL_FILE_PATH
        if not path:
            raise ImproperlyConfigured(
                "The file email backend needs a directory: set EMAIL_FILE_PATH "
                "(e.g. EMAIL_FILE_PATH = BASE_DIR / 'sent-mail') or pass file_path=."
            )
        self.file_path = Path(path).resolve()
        if self.file_path.exists() and not self.file_path.is_dir():
            raise ImproperlyConfigured(
                f"EMAIL_FILE_PATH {str(self.file_path)!r} is a file, not a directory: "
                "point it at a directory (it is created if missing)."
            )
        try:
            self.file_path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ImproperlyConfigured(
                f"Could not create EMAIL_FILE_PATH {str(self.file_path)!r}: {exc}."
            ) from exc
        self._file: TextIO | None = None

    def _new_name(self) -> Path:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        return self.file_path / f"{stamp}-{secrets.token_hex(4)}.log"

    def open(self) -> bool:
        if self._file is not None:
            return False
        self._file = open(self._new_name(), "a", encoding="utf-8")  # noqa: SIM115
        self.stream = cast(TextIO, self._file)
        return True

    def close(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            finally:
                self._file = None
