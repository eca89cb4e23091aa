"""Errors of the static files app.

The tree::

    StaticFilesError               something about static files cannot be done
      MissingReference             a stylesheet refers to a file no finder has
      ReferenceCycle               stylesheets import each other, so names cannot settle
      ManifestMissing              the manifest storage has no staticfiles.json to read
      MissingManifestEntry         static() asked for a name the manifest does not list
"""

from __future__ import annotations

from heron.core.exceptions import HeronError

__all__ = [
    "ManifestMissing",
    "MissingManifestEntry",
    "MissingReference",
    "ReferenceCycle",
    "StaticFilesError",
]


class StaticFilesError(HeronError):
    """A static files operation failed; the message says what to fix."""


class MissingReference(StaticFilesError):
    """A stylesheet's ``url()`` or ``@import`` names a file that was not collected."""

    def __init__(self, stylesheet: str, reference: str, target: str) -> None:
        self.stylesheet = stylesheet
        self.reference = reference
        self.target = target
        super().__init__(
            f"The stylesheet {stylesheet!r} refers to {reference!r} (the static file "
            f"{target!r}), which no finder has. Add the file to an app's static/ folder or to "
            "STATICFILES_DIRS, or fix the reference."
        )


class ReferenceCycle(StaticFilesError):
    """Stylesheets refer to one another in a loop, so their hashed names never settle."""

    def __init__(self, stylesheets: list[str]) -> None:
        self.stylesheets = stylesheets
        names = ", ".join(repr(name) for name in stylesheets)
        super().__init__(
            f"The stylesheets {names} refer to each other in a cycle, so their hashed names "
            "cannot be computed. Break the cycle of url()/@import references."
        )


class ManifestMissing(StaticFilesError):
    """The manifest storage found no manifest in ``STATIC_ROOT``."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"The static files manifest {path!r} does not exist. Run `heron collectstatic` "
            "before serving with DEBUG off (or set DEBUG = True during development)."
        )


class MissingManifestEntry(StaticFilesError):
    """``static()`` asked for a file the manifest does not list."""

    def __init__(self, name: str, manifest: str) -> None:
        self.name = name
        self.manifest = manifest
        super().__init__(
            f"The static file {name!r} is not in the manifest {manifest!r}. Check the name, "
            "make sure the file is in an app's static/ folder or in STATICFILES_DIRS, and "
            "run `heron collectstatic` again."
        )
