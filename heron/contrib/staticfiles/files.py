"""Small file helpers for collecting: copy or write only what changed, atomically."""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from .hashing import HASH_LENGTH

__all__ = [
    "atomic_write",
    "copy_if_changed",
    "file_digest",
    "unchanged",
    "write_if_changed",
]

_CHUNK = 1024 * 1024


def file_digest(path: Path) -> str:
    """The hash of a file's content, as used in hashed names (read in 1 MiB chunks)."""
    md5 = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            md5.update(chunk)
    return md5.hexdigest()[:HASH_LENGTH]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so readers never see half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def unchanged(source: Path, destination: Path, *, touch: bool = False) -> bool:
    """Return True if ``destination`` already holds the bytes of ``source``.

    Same size and modification time (``copy2`` keeps it) counts as unchanged without reading;
    same size with another time compares contents (and, with ``touch``, copies the time).
    """
    try:
        there = destination.stat()
    except FileNotFoundError:
        return False
    here = source.stat()
    if here.st_size != there.st_size:
        return False
    if here.st_mtime_ns == there.st_mtime_ns:
        return True
    if not filecmp.cmp(source, destination, shallow=False):
        return False
    if touch:
        os.utime(destination, ns=(there.st_atime_ns, here.st_mtime_ns))
    return True


def copy_if_changed(source: Path, destination: Path) -> bool:
    """Copy ``source`` to ``destination`` unless it holds the same bytes; True if copied."""
    if unchanged(source, destination, touch=True):
        return False
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".tmp"
    )
    os.close(fd)
    try:
        shutil.copy2(source, temporary)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless ``path`` already holds exactly it; True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, data)
    return True
