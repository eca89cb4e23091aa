"""Storages: where collected files go and which URL each one has.

``StaticFilesStorage`` copies files to ``STATIC_ROOT`` under their own names and serves them
at ``STATIC_URL + name``. ``ManifestStaticFilesStorage`` also writes a copy under a
content-hashed name (``css/site.3f2a9c1b7e4d.css``), rewrites stylesheets to refer to hashed
names, and records name -> hashed name in ``STATIC_ROOT/staticfiles.json``. With DEBUG off,
its ``url()`` (and so ``static()`` in templates) answers the hashed name, which browsers and
CDNs may cache forever because a new content gets a new name.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from heron._internal.imports import import_string
from heron.conf import ImproperlyConfigured, settings
from heron.conf.settings import on_change

from .exceptions import ManifestMissing, MissingManifestEntry, StaticFilesError
from .files import copy_if_changed, file_digest, write_if_changed
from .hashing import hash_stylesheets, hashed_name

__all__ = [
    "ManifestStaticFilesStorage",
    "PostProcessed",
    "StaticFilesStorage",
    "configured_storage",
    "static_url",
]

MANIFEST_VERSION = 1
_STATIC_SETTINGS = frozenset({"DEBUG", "STATIC_URL", "STATIC_ROOT", "STATICFILES_STORAGE"})


@dataclass
class PostProcessed:
    """What ``post_process`` did: files written (to be compressed) and files left as they were."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


class StaticFilesStorage:
    """Files in ``location`` (default ``STATIC_ROOT``) served at ``base_url`` (``STATIC_URL``)."""

    def __init__(self, location: str | Path | None = None, base_url: str | None = None) -> None:
        self._location = location
        self._base_url = base_url

    @property
    def location(self) -> Path:
        value = self._location if self._location is not None else settings.STATIC_ROOT
        if not value:
            raise ImproperlyConfigured(
                "STATIC_ROOT is not set. Set it to the directory `heron collectstatic` copies "
                "static files to, e.g. STATIC_ROOT = BASE_DIR / 'staticfiles'."
            )
        return Path(value).absolute()

    @property
    def base_url(self) -> str:
        value = self._base_url if self._base_url is not None else settings.STATIC_URL
        value = str(value or "/static/")
        return value if value.endswith("/") else value + "/"

    def path(self, name: str) -> Path:
        """The file that ``name`` is stored as."""
        return self.location.joinpath(*name.split("/"))

    def url(self, name: str) -> str:
        """The public URL of the static file ``name``."""
        return self.base_url + quote(name.lstrip("/"))

    def url_resolver(self) -> Callable[[str], str]:
        """A fast ``url()`` for the current settings (``static()`` uses it; rebuilt on change)."""
        base = self.base_url

        def resolve(name: str) -> str:
            return base + quote(name.lstrip("/"))

        return resolve

    def save(self, name: str, source: Path) -> bool:
        """Copy ``source`` to ``name`` unless it is already there unchanged; True if copied."""
        return copy_if_changed(source, self.path(name))

    def post_process(self, files: Mapping[str, Path], *, dry_run: bool = False) -> PostProcessed:
        """Run after every file is saved; ``files`` maps each name to its source file."""
        return PostProcessed()


_manifest_lock = threading.Lock()
_manifests: dict[Path, dict[str, str]] = {}


class ManifestStaticFilesStorage(StaticFilesStorage):
    """Also store each file under a content-hashed name, listed in a JSON manifest.

    ``strict_references = False`` keeps a stylesheet reference to a missing file as written
    instead of failing ``collectstatic``.
    """

    manifest_name = "staticfiles.json"
    strict_references = True

    @property
    def manifest_path(self) -> Path:
        return self.location / self.manifest_name

    def load_manifest(self) -> dict[str, str]:
        """Name -> hashed name, read once per manifest file and then cached."""
        path = self.manifest_path
        cached = _manifests.get(path)
        if cached is not None:
            return cached
        with _manifest_lock:
            cached = _manifests.get(path)
            if cached is None:
                cached = self._read_manifest(path)
                _manifests[path] = cached
        return cached

    @staticmethod
    def _read_manifest(path: Path) -> dict[str, str]:
        try:
            data: Any = json.loads(path.read_bytes())
        except FileNotFoundError:
            raise ManifestMissing(str(path)) from None
        except ValueError as exc:
            raise StaticFilesError(
                f"The static files manifest {str(path)!r} is not valid JSON ({exc}). "
                "Run `heron collectstatic` again to rewrite it."
            ) from None
        paths = data.get("paths") if isinstance(data, dict) else None
        if not isinstance(paths, dict) or data.get("version") != MANIFEST_VERSION:
            raise StaticFilesError(
                f"The static files manifest {str(path)!r} is not one Heron wrote (version "
                f"{MANIFEST_VERSION}). Run `heron collectstatic` again to rewrite it."
            )
        return {str(k): str(v) for k, v in paths.items()}

    def hashed_name(self, name: str) -> str:
        """The hashed name of ``name``, from the manifest."""
        name = name.lstrip("/")
        hashed = self.load_manifest().get(name)
        if hashed is None:
            raise MissingManifestEntry(name, str(self.manifest_path))
        return hashed

    def url(self, name: str) -> str:
        """With DEBUG on, the plain URL; otherwise the URL of the hashed name."""
        if settings.DEBUG:
            return super().url(name)
        return self.base_url + quote(self.hashed_name(name))

    def url_resolver(self) -> Callable[[str], str]:
        if settings.DEBUG:
            return super().url_resolver()
        base = self.base_url
        urls: dict[str, str] = {}

        def resolve(name: str) -> str:
            url = urls.get(name)
            if url is None:
                url = urls[name] = base + quote(self.hashed_name(name))
            return url

        return resolve

    def post_process(self, files: Mapping[str, Path], *, dry_run: bool = False) -> PostProcessed:
        """Write hashed copies (stylesheets rewritten) and the manifest."""
        hashes = {name: file_digest(path) for name, path in files.items()}
        stylesheets = {
            name: path.read_bytes().decode("utf-8", "surrogateescape")
            for name, path in files.items()
            if name.endswith(".css")
        }
        prefix = urlsplit(self.base_url).path
        texts = hash_stylesheets(stylesheets, hashes, prefix, strict=self.strict_references)
        paths = {name: hashed_name(name, hashes[name]) for name in sorted(files)}
        done = PostProcessed()
        for name, hashed in paths.items():
            target = self.path(hashed)
            if dry_run:
                (done.unchanged if target.exists() else done.written).append(hashed)
                continue
            if name in texts:
                changed = write_if_changed(target, texts[name].encode("utf-8", "surrogateescape"))
            else:
                changed = copy_if_changed(files[name], target)
            (done.written if changed else done.unchanged).append(hashed)
        if not dry_run:
            self.save_manifest(paths)
        return done

    def save_manifest(self, paths: Mapping[str, str]) -> None:
        payload = {"version": MANIFEST_VERSION, "paths": dict(sorted(paths.items()))}
        data = json.dumps(payload, indent=1, sort_keys=True).encode("utf-8") + b"\n"
        path = self.manifest_path
        if not write_if_changed(path, data):
            return
        with _manifest_lock:
            _manifests.pop(path, None)


_configured: StaticFilesStorage | None = None


def configured_storage() -> StaticFilesStorage:
    """The storage named by ``STATICFILES_STORAGE`` (built once, rebuilt when settings change)."""
    global _configured
    storage = _configured
    if storage is None:
        value: Any = settings.STATICFILES_STORAGE
        cls = value
        if isinstance(value, str):
            cls = import_string(value, setting="STATICFILES_STORAGE")
        if not (isinstance(cls, type) and issubclass(cls, StaticFilesStorage)):
            raise ImproperlyConfigured(
                f"STATICFILES_STORAGE must name a StaticFilesStorage subclass, not {value!r}."
            )
        storage = _configured = cls()
    return storage


_configured_url: Callable[[str], str] | None = None


def static_url(name: str) -> str:
    """The URL of ``name`` from the configured storage: what ``static()`` in templates answers."""
    global _configured_url
    resolve = _configured_url
    if resolve is None:
        resolve = _configured_url = configured_storage().url_resolver()
    return resolve(name)


def _forget(names: set[str]) -> None:
    global _configured, _configured_url
    if names & _STATIC_SETTINGS:
        _configured = None
        _configured_url = None
        with _manifest_lock:
            _manifests.clear()


on_change(_forget)
