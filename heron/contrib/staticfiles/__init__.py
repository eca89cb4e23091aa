"""Static files: CSS, JavaScript and images, from app ``static/`` folders and
``STATICFILES_DIRS``, served in development and collected for production.

Add ``"heron.contrib.staticfiles"`` to ``INSTALLED_APPS``; see docs/static-files.md.

finders.py     where files come from (STATICFILES_DIRS first, then each app's static/)
storage.py     StaticFilesStorage, ManifestStaticFilesStorage (hashed names, manifest)
hashing.py     hashed names and stylesheet reference rewriting (pure)
collect.py     Collector: what `heron collectstatic` runs
compress.py    .gz and .br variants
handler.py     the ASGI handler serving files in development and production
checks.py      staticfiles.* system checks
"""

from .collect import Collected as Collected
from .collect import Collector as Collector
from .exceptions import ManifestMissing as ManifestMissing
from .exceptions import MissingManifestEntry as MissingManifestEntry
from .exceptions import MissingReference as MissingReference
from .exceptions import ReferenceCycle as ReferenceCycle
from .exceptions import StaticFilesError as StaticFilesError
from .finders import find as find
from .finders import find_all as find_all
from .storage import ManifestStaticFilesStorage as ManifestStaticFilesStorage
from .storage import StaticFilesStorage as StaticFilesStorage

__all__ = [
    "Collected",
    "Collector",
    "ManifestMissing",
    "ManifestStaticFilesStorage",
    "MissingManifestEntry",
    "MissingReference",
    "ReferenceCycle",
    "StaticFilesError",
    "StaticFilesStorage",
    "find",
    "find_all",
]
