"""System checks of the static files settings (run only when the app is installed).

staticfiles.E001   STATIC_URL does not end with "/"
staticfiles.E002   STATIC_URL is "/" (every request would be a static file)
staticfiles.E003   a STATICFILES_DIRS entry is not a directory or a (prefix, directory) pair
staticfiles.E004   STATIC_ROOT is (inside) one of the STATICFILES_DIRS
staticfiles.E005   STATICFILES_STORAGE does not name a storage class
staticfiles.W001   a STATICFILES_DIRS directory does not exist
staticfiles.W002   (deploy) STATIC_ROOT is not set, so nothing can be collected or served
staticfiles.W003   (deploy) the manifest storage has no manifest yet: run collectstatic
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from heron.apps import apps
from heron.checks import CheckMessage, Error, Tags, Warning, register
from heron.conf import ImproperlyConfigured, settings

from .finders import parse_dirs_entry
from .storage import ManifestStaticFilesStorage, configured_storage

__all__ = ["check_deployment", "check_settings"]


def _installed() -> bool:
    return apps.ready and apps.is_installed("heron.contrib.staticfiles")


def _check_url(url: Any) -> list[CheckMessage]:
    if not isinstance(url, str) or not url.endswith("/"):
        return [
            Error(
                f"STATIC_URL must end with a slash; it is {url!r}.",
                hint="Write it like '/static/' or 'https://cdn.example.com/static/'.",
                obj="STATIC_URL",
                id="staticfiles.E001",
            )
        ]
    if url == "/":
        return [
            Error(
                "STATIC_URL is '/', so every request would be answered as a static file.",
                hint="Give static files their own prefix, e.g. STATIC_URL = '/static/'.",
                obj="STATIC_URL",
                id="staticfiles.E002",
            )
        ]
    return []


def _check_dirs(dirs: Any, root: Any) -> list[CheckMessage]:
    if isinstance(dirs, str | Path) or not isinstance(dirs, list | tuple):
        dirs = [dirs]
    messages: list[CheckMessage] = []
    root_path = Path(root).resolve() if root else None
    for entry in dirs:
        try:
            source = parse_dirs_entry(entry)
        except ImproperlyConfigured as exc:
            messages.append(Error(str(exc), obj="STATICFILES_DIRS", id="staticfiles.E003"))
            continue
        directory = source.directory.resolve()
        if root_path is not None and root_path.is_relative_to(directory):
            messages.append(
                Error(
                    f"STATIC_ROOT ({str(root)!r}) is inside the STATICFILES_DIRS directory "
                    f"{str(source.directory)!r}, so collected files would be collected again.",
                    hint="Keep STATIC_ROOT apart, e.g. STATIC_ROOT = BASE_DIR / 'staticfiles' "
                    "and STATICFILES_DIRS = [BASE_DIR / 'static'].",
                    obj="STATIC_ROOT",
                    id="staticfiles.E004",
                )
            )
        if not directory.is_dir():
            messages.append(
                Warning(
                    f"The STATICFILES_DIRS directory {str(source.directory)!r} does not exist.",
                    hint="Create it, or remove it from STATICFILES_DIRS.",
                    obj="STATICFILES_DIRS",
                    id="staticfiles.W001",
                )
            )
    return messages


@register(Tags.staticfiles)
def check_settings(**kwargs: Any) -> list[CheckMessage]:
    """STATIC_URL, STATICFILES_DIRS, STATIC_ROOT and STATICFILES_STORAGE make sense."""
    if not _installed():
        return []

    messages = _check_url(settings.STATIC_URL)
    messages += _check_dirs(settings.STATICFILES_DIRS, settings.STATIC_ROOT)
    try:
        configured_storage()
    except (ImportError, ImproperlyConfigured) as exc:
        messages.append(
            Error(
                f"STATICFILES_STORAGE is unusable: {exc}",
                hint="Name a storage class, e.g. "
                "'heron.contrib.staticfiles.storage.ManifestStaticFilesStorage'.",
                obj="STATICFILES_STORAGE",
                id="staticfiles.E005",
            )
        )
    return messages


@register(Tags.staticfiles, deploy=True)
def check_deployment(**kwargs: Any) -> list[CheckMessage]:
    """STATIC_ROOT is set, and the manifest exists when the manifest storage is used."""
    if not _installed():
        return []

    if not settings.STATIC_ROOT:
        return [
            Warning(
                "STATIC_ROOT is not set, so `heron collectstatic` has nowhere to put files and "
                "`heron serve` serves no static files.",
                hint="Set STATIC_ROOT = BASE_DIR / 'staticfiles' and run `heron collectstatic`.",
                obj="STATIC_ROOT",
                id="staticfiles.W002",
            )
        ]
    try:
        storage = configured_storage()
    except (ImportError, ImproperlyConfigured):
        return []  # reported by check_settings
    if isinstance(storage, ManifestStaticFilesStorage) and not storage.manifest_path.is_file():
        return [
            Warning(
                f"The static files manifest {str(storage.manifest_path)!r} does not exist, so "
                "static() cannot answer hashed names and pages will fail to render.",
                hint="Run `heron collectstatic` as part of each deployment.",
                obj="STATICFILES_STORAGE",
                id="staticfiles.W003",
            )
        ]
    return []
