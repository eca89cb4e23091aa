"""Content-hashed names and stylesheet reference rewriting (pure logic, no I/O).

A file's hashed name puts the first 12 hex digits of the MD5 of its content before its last
extension: ``css/site.css`` becomes ``css/site.3f2a9c1b7e4d.css``. A stylesheet's content
includes the hashed names of what it refers to (``url(...)`` and ``@import``), so its own
hash depends on theirs; :func:`hash_stylesheets` rewrites every stylesheet until no hashed
name changes any more (a fixed point), which settles chains of imports of any depth.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from .exceptions import MissingReference, ReferenceCycle

__all__ = [
    "HASH_LENGTH",
    "Reference",
    "digest",
    "hash_stylesheets",
    "hashed_name",
    "is_hashed",
    "resolve_reference",
    "rewrite_references",
]

HASH_LENGTH = 12
MAX_PASSES = 20

_HASHED = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}(?:\.[^./]+)?$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Comments are matched first so that references inside them are left alone.
_REFERENCES = re.compile(
    r"""
    (?P<comment>/\*.*?\*/)
    | (?<![\w-])url\(\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^"'()\s]*))\s*\)
    | @import\s+(?:"(?P<idq>[^"]*)"|'(?P<isq>[^']*)')
    """,
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_GROUPS = ("dq", "sq", "bare", "idq", "isq")


def digest(data: bytes) -> str:
    """Return the hash that goes into a hashed name."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest()[:HASH_LENGTH]


def _insert(path: str, file_hash: str) -> str:
    directory, slash, base = path.rpartition("/")
    stem, dot, extension = base.rpartition(".")
    base = f"{stem}.{file_hash}.{extension}" if dot and stem else f"{base}.{file_hash}"
    return f"{directory}{slash}{base}"


def hashed_name(name: str, file_hash: str) -> str:
    """``css/site.css`` with hash ``3f2a9c1b7e4d`` -> ``css/site.3f2a9c1b7e4d.css``."""
    return _insert(name, file_hash)


def is_hashed(name: str) -> bool:
    """Return True if ``name`` looks like a hashed name (12 hex digits before the extension)."""
    return _HASHED.search(name) is not None


def rewrite_references(css: str, replace: Callable[[str], str | None]) -> str:
    """Return ``css`` with each ``url()``/``@import`` reference passed through ``replace``.

    ``replace(reference)`` returns the new reference, or None to keep it as written.
    References inside comments are not touched.
    """

    def substitute(match: re.Match[str]) -> str:
        if match.group("comment") is not None:
            return match.group(0)
        group = next(name for name in _GROUPS if match.group(name) is not None)
        new = replace(match.group(group))
        if new is None:
            return match.group(0)
        start = match.start(group) - match.start()
        end = match.end(group) - match.start()
        whole = match.group(0)
        return whole[:start] + new + whole[end:]

    return _REFERENCES.sub(substitute, css)


@dataclass(frozen=True)
class Reference:
    """A reference to a collected file: its static name and how to write it back hashed."""

    target: str  # the static name it points to, e.g. "img/logo.png"
    path: str  # the reference's path part as written, e.g. "../img/logo.png"
    suffix: str  # "?query" and/or "#fragment", kept as written

    def hashed(self, file_hash: str) -> str:
        return _insert(self.path, file_hash) + self.suffix


def resolve_reference(stylesheet: str, reference: str, static_prefix: str) -> Reference | None:
    """Work out which static file ``reference`` in ``stylesheet`` points to.

    Returns None for references that are not to a static file: empty ones, fragments
    (``#id``), ``data:`` and other URLs with a scheme, protocol-relative ``//host/...`` and
    absolute paths outside ``static_prefix`` (``STATIC_URL``'s path). A relative path is
    resolved against the stylesheet's folder; one that climbs above the static root resolves
    to a target starting with ``../`` (which no collected file has).
    """
    stripped = reference.strip()
    if not stripped or stripped.startswith(("#", "//")) or _SCHEME.match(stripped):
        return None
    cut = min((i for i in (stripped.find("?"), stripped.find("#")) if i != -1), default=None)
    path, suffix = (stripped, "") if cut is None else (stripped[:cut], stripped[cut:])
    if not path or path.endswith("/"):
        return None
    if path.startswith("/"):
        if not static_prefix.startswith("/") or not path.startswith(static_prefix):
            return None
        target = unquote(path[len(static_prefix) :])
    else:
        joined = posixpath.join(posixpath.dirname(stylesheet), unquote(path))
        target = posixpath.normpath(joined)
    return Reference(target=target, path=path, suffix=suffix)


def _stylesheet_hashes(
    stylesheets: Mapping[str, str],
    hashes: dict[str, str],
    static_prefix: str,
    strict: bool,
) -> tuple[dict[str, str], list[str]]:
    """One pass: rewrite every stylesheet with the current hashes; return texts and changes."""
    texts: dict[str, str] = {}
    changed: list[str] = []
    for name in sorted(stylesheets):

        def replace(reference: str, name: str = name) -> str | None:
            found = resolve_reference(name, reference, static_prefix)
            if found is None:
                return None
            file_hash = hashes.get(found.target)
            if file_hash is None:
                if strict:
                    raise MissingReference(name, reference, found.target)
                return None
            return found.hashed(file_hash)

        text = rewrite_references(stylesheets[name], replace)
        texts[name] = text
        new_hash = digest(text.encode("utf-8", "surrogateescape"))
        if hashes.get(name) != new_hash:
            hashes[name] = new_hash
            changed.append(name)
    return texts, changed


def hash_stylesheets(
    stylesheets: Mapping[str, str],
    hashes: dict[str, str],
    static_prefix: str,
    *,
    strict: bool = True,
) -> dict[str, str]:
    """Rewrite ``stylesheets`` (name -> original text) to refer to hashed names.

    ``hashes`` maps every collected name to the hash of its content; the stylesheets' entries
    are updated in place to the hash of their rewritten text. Passes repeat until no hash
    changes. Returns name -> rewritten text. A reference to a file that is not in ``hashes``
    raises ``MissingReference`` when ``strict``, and is kept as written otherwise; stylesheets
    that never settle (a cycle of references) raise ``ReferenceCycle``.
    """
    for _ in range(MAX_PASSES):
        texts, changed = _stylesheet_hashes(stylesheets, hashes, static_prefix, strict)
        if not changed:
            return texts
    raise ReferenceCycle(changed)


def manifest_paths(hashes: Mapping[str, str], names: Iterable[str]) -> dict[str, str]:
    """Return the manifest's name -> hashed name mapping for ``names``."""
    return {name: hashed_name(name, hashes[name]) for name in sorted(names)}
