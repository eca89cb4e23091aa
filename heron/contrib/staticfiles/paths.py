"""Turn a request path into a safe static name (pure logic, no I/O)."""

from __future__ import annotations

__all__ = ["safe_name"]


def safe_name(path: str) -> str | None:
    """Return ``path`` (what follows STATIC_URL) if it may name a static file, else None.

    Refused: empty paths and directories (a trailing ``/``), absolute paths (``/etc/passwd``
    from ``/static//etc/passwd``), ``.`` and ``..`` segments (also when the client wrote them
    as ``%2e%2e``: the server has decoded the path by now), empty segments, backslashes,
    NUL and other control characters, and Windows drive letters.
    """
    if not path or path.startswith("/") or path.endswith("/"):
        return None
    if "\\" in path or any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
        return None
    segments = path.split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        return None
    if ":" in segments[0]:
        return None
    return path
