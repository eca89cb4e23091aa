"""Precompressed variants: ``name.gz`` (gzip) and ``name.br`` (brotli, when installed).

A variant gets the modification time of its original; it counts as up to date while the two
times match, so a second ``collectstatic`` compresses nothing, and the server never sends a
variant older than its original.
"""

from __future__ import annotations

import gzip
import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .encoding import VARIANTS, is_compressible
from .files import atomic_write

__all__ = ["available_encodings", "compress_file"]

# A variant must save at least this share of the original to be worth keeping.
MIN_SAVING = 0.05


def _brotli() -> Any:
    try:
        return importlib.import_module("brotli")
    except ImportError:
        return None


def _compressor(encoding: str) -> Callable[[bytes], bytes] | None:
    if encoding == "gzip":
        return lambda data: gzip.compress(data, compresslevel=9, mtime=0)
    brotli = _brotli()
    if encoding == "br" and brotli is not None:
        return lambda data: bytes(brotli.compress(data, quality=11))
    return None


def available_encodings() -> list[str]:
    """The encodings ``compress_file`` can write here (``br`` needs the brotli package)."""
    return [encoding for encoding, _ in VARIANTS if _compressor(encoding) is not None]


def compress_file(path: Path, name: str) -> list[str]:
    """Write the missing or stale variants of ``path`` (static name ``name``).

    Returns the encodings written. Files that are not text-like or are too small get none;
    a variant that would not save ``MIN_SAVING`` is not kept.
    """
    info = path.stat()
    if not is_compressible(name, info.st_size):
        return []
    data: bytes | None = None
    written: list[str] = []
    for encoding, suffix in VARIANTS:
        variant = path.with_name(path.name + suffix)
        try:
            fresh = variant.stat().st_mtime_ns == info.st_mtime_ns
        except FileNotFoundError:
            fresh = None
        if fresh:
            continue
        compress = _compressor(encoding)
        if compress is None:
            if fresh is False:
                variant.unlink()  # written by an earlier run, now stale: never serve it
            continue
        if data is None:
            data = path.read_bytes()
        packed = compress(data)
        if len(packed) > len(data) * (1 - MIN_SAVING):
            variant.unlink(missing_ok=True)
            continue
        atomic_write(variant, packed)
        os.utime(variant, ns=(info.st_atime_ns, info.st_mtime_ns))
        written.append(encoding)
    return written
