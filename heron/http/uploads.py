"""``UploadedFile``: a file from a multipart form, in memory or spooled to disk.

Each upload lives in a ``SpooledTemporaryFile`` that stays in memory up to
FILE_UPLOAD_MAX_MEMORY_SIZE and rolls over to a temporary file (in FILE_UPLOAD_TEMP_DIR)
beyond it. ``name`` is the client's file name made safe to use as a base name: never trust it
as a path, and never trust ``content_type`` either (the client chooses both).
"""

from __future__ import annotations

import io
import os
import unicodedata
from collections.abc import Iterator
from types import TracebackType
from typing import IO

__all__ = ["DEFAULT_CHUNK_SIZE", "UploadedFile", "sanitize_filename"]

DEFAULT_CHUNK_SIZE = 64 * 1024
MAX_FILENAME_LENGTH = 255


def sanitize_filename(name: str) -> str:
    """Return ``name`` reduced to a safe base name, or "upload" if nothing is left.

    Keeps only what follows the last ``/`` or ``\\``, removes control characters, trims
    whitespace, refuses ``.`` and ``..``, and shortens to 255 characters keeping the
    extension: ``"../../etc/passwd"`` becomes ``"passwd"``.
    """
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if name in {".", ".."}:
        name = ""
    if len(name) > MAX_FILENAME_LENGTH:
        stem, ext = os.path.splitext(name)
        ext = ext[: MAX_FILENAME_LENGTH // 2]
        name = stem[: MAX_FILENAME_LENGTH - len(ext)] + ext
    return name or "upload"


class UploadedFile:
    """A file uploaded in a multipart form; close it (or use ``with``) when done.

    ``request.close()`` closes every upload of the request, so views only need to close
    files they keep beyond the request.
    """

    def __init__(
        self,
        file: IO[bytes],
        name: str,
        *,
        size: int | None = None,
        content_type: str = "application/octet-stream",
        charset: str | None = None,
        field_name: str = "",
    ) -> None:
        self.file = file
        self.name = sanitize_filename(name)
        if size is None:
            file.seek(0, io.SEEK_END)
            size = file.tell()
            file.seek(0)
        self.size = size
        self.content_type = content_type
        self.charset = charset
        self.field_name = field_name

    @classmethod
    def from_bytes(
        cls, data: bytes, name: str, content_type: str = "application/octet-stream"
    ) -> UploadedFile:
        """Build an in-memory upload (handy in tests)."""
        return cls(io.BytesIO(data), name, size=len(data), content_type=content_type)

    def read(self, size: int = -1) -> bytes:
        """Read up to ``size`` bytes (all by default) from the current position."""
        return self.file.read(size)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move the position, as ``file.seek`` does."""
        return self.file.seek(offset, whence)

    def tell(self) -> int:
        return self.file.tell()

    def chunks(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[bytes]:
        """Yield the whole content, from the start, in pieces of at most ``chunk_size`` bytes."""
        self.file.seek(0)
        while chunk := self.file.read(chunk_size):
            yield chunk

    def multiple_chunks(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> bool:
        """Return whether ``chunks(chunk_size)`` yields more than one piece."""
        return self.size > chunk_size

    @property
    def in_memory(self) -> bool:
        """Whether the content is still in memory (not rolled over to a temporary file)."""
        return not getattr(self.file, "_rolled", False)

    @property
    def closed(self) -> bool:
        return self.file.closed

    def close(self) -> None:
        """Close (and so delete) the underlying temporary file."""
        self.file.close()

    def __enter__(self) -> UploadedFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<UploadedFile: {self.name} ({self.content_type}, {self.size} bytes)>"
