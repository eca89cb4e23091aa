"""A cache of files in the directory ``LOCATION``, one file per key.

A file holds the expiry time and the serialized value; it is written to a temporary file and
renamed into place, so readers never see half a value. Beyond ``MAX_ENTRIES`` files, a set
removes the expired files and then the oldest ``1/CULL_FREQUENCY`` of the rest.

Processes share the directory, but ``add`` and ``incr`` are atomic only within one process
(a lock); use Redis or the database cache for counters several processes update (rate limits).
The directory is created private (mode 0700): values are pickles, and whoever can write
there can make this process run code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from heron.conf.exceptions import ImproperlyConfigured

from .base import MISSING, BaseCache, Op, dumps, loads

__all__ = ["FileBasedCache"]

_SUFFIX = ".hcache"


class FileBasedCache(BaseCache):
    """``heron.cache.backends.filebased.FileBasedCache``."""

    blocking = True

    def __init__(self, location: str, params: Mapping[str, Any]) -> None:
        super().__init__(location, params)
        if not location:
            raise ImproperlyConfigured(
                "FileBasedCache needs LOCATION: the directory to keep the cache files in."
            )
        self.directory = Path(location).resolve()
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path:
        return self.directory / (hashlib.sha256(key.encode()).hexdigest() + _SUFFIX)

    def _read(self, path: Path) -> tuple[Any, float | None]:
        """Return (value, expiry) of a live file, or (MISSING, None); expired files go."""
        try:
            with path.open("rb") as handle:
                expiry = pickle.load(handle)
                if self.expired(expiry):
                    handle.close()
                    path.unlink(missing_ok=True)
                    return MISSING, None
                return loads(handle.read()), expiry
        except FileNotFoundError:
            return MISSING, None
        except (EOFError, pickle.UnpicklingError, ValueError):
            path.unlink(missing_ok=True)  # a damaged file is a miss, never an error page
            return MISSING, None

    def _write(self, path: Path, value: Any, expiry: float | None) -> None:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(expiry, handle, pickle.HIGHEST_PROTOCOL)
                handle.write(dumps(value))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _files(self) -> list[Path]:
        try:
            return [p for p in self.directory.iterdir() if p.name.endswith(_SUFFIX)]
        except FileNotFoundError:
            return []

    def _cull(self) -> None:
        files = self._files()
        if len(files) < self.max_entries:
            return
        alive = []
        for path in files:
            value, _ = self._read(path)
            if value is not MISSING:
                alive.append(path)
        if len(alive) < self.max_entries:
            return

        def age(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except FileNotFoundError:
                return 0.0

        alive.sort(key=age)
        for path in alive[: max(1, len(alive) // self.cull_frequency)]:
            path.unlink(missing_ok=True)

    def _get(self, key: str) -> Op[Any]:
        value, _ = self._read(self._path(key))
        return value
        yield

    def _set(self, key: str, value: Any, timeout: float | None) -> Op[None]:
        self._cull()
        self._write(self._path(key), value, self.expiry(timeout))
        return
        yield

    def _add(self, key: str, value: Any, timeout: float | None) -> Op[bool]:
        path = self._path(key)
        with self._lock:
            current, _ = self._read(path)
            if current is not MISSING:
                return False
            self._cull()
            self._write(path, value, self.expiry(timeout))
        return True
        yield

    def _delete(self, key: str) -> Op[bool]:
        try:
            self._path(key).unlink()
        except FileNotFoundError:
            return False
        return True
        yield

    def _touch(self, key: str, timeout: float | None) -> Op[bool]:
        path = self._path(key)
        with self._lock:
            value, _ = self._read(path)
            if value is MISSING:
                return False
            self._write(path, value, self.expiry(timeout))
        return True
        yield

    def _incr(self, key: str, delta: int) -> Op[int]:
        path = self._path(key)
        with self._lock:
            value, expiry = self._read(path)
            if value is MISSING:
                raise ValueError(f"Key {key!r} is not in the cache.")
            value += delta
            self._write(path, value, expiry)
        return value  # type: ignore[no-any-return]
        yield

    def _clear(self) -> Op[None]:
        for path in self._files():
            path.unlink(missing_ok=True)
        return
        yield
