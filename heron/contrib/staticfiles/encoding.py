"""Which files are worth compressing, and which encoding a client accepts (pure logic)."""

from __future__ import annotations

import mimetypes
import posixpath

__all__ = [
    "COMPRESSIBLE_EXTENSIONS",
    "COMPRESS_MIN_SIZE",
    "VARIANTS",
    "choose_encoding",
    "content_type",
    "is_compressible",
]

# Text-like formats; images, fonts in woff/woff2 and archives are compressed already.
COMPRESSIBLE_EXTENSIONS = frozenset(
    {
        ".css", ".csv", ".eot", ".htm", ".html", ".ico", ".js", ".json", ".map", ".md",
        ".mjs", ".otf", ".svg", ".ttf", ".txt", ".wasm", ".webmanifest", ".xml",
    }
)  # fmt: skip
# Files smaller than this gain nothing worth a second file.
COMPRESS_MIN_SIZE = 256
# Precompressed variants, in order of preference: (Content-Encoding, file suffix).
VARIANTS = (("br", ".br"), ("gzip", ".gz"))

_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".svg": "image/svg+xml",
    ".avif": "image/avif",
    ".webp": "image/webp",
}


def _extension(name: str) -> str:
    return posixpath.splitext(name)[1].lower()


def is_compressible(name: str, size: int) -> bool:
    """Return True if ``name`` is a text-like file of at least ``COMPRESS_MIN_SIZE`` bytes."""
    return size >= COMPRESS_MIN_SIZE and _extension(name) in COMPRESSIBLE_EXTENSIONS


def content_type(name: str) -> str:
    """The Content-Type of a static file (text types carry ``charset=utf-8``)."""
    guessed = _TYPES.get(_extension(name))
    if guessed is None:
        guessed, encoding = mimetypes.guess_type(name, strict=False)
        if encoding or guessed is None:
            return "application/octet-stream"
    if guessed.startswith("text/") or guessed in ("application/json", "image/svg+xml"):
        return f"{guessed}; charset=utf-8"
    return guessed


def _quality(value: str) -> float:
    for param in value.split(";")[1:]:
        key, _, number = param.strip().partition("=")
        if key.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(number.strip())))
            except ValueError:
                return 0.0
    return 1.0


def choose_encoding(accept_encoding: str, available: tuple[str, ...]) -> str | None:
    """Pick one of ``available`` (e.g. ``("br", "gzip")``, best first) for ``accept_encoding``.

    The highest quality wins; ties go to the earlier entry of ``available``. ``*`` stands for
    every encoding not named; ``q=0`` refuses. Returns None for the file as it is (identity).
    """
    qualities: dict[str, float] = {}
    star: float | None = None
    for item in accept_encoding.split(","):
        coding = item.split(";", 1)[0].strip().lower()
        if not coding:
            continue
        if coding == "*":
            star = _quality(item)
        else:
            qualities[coding] = _quality(item)
    best: str | None = None
    best_quality = 0.0
    for encoding in available:
        quality = qualities.get(encoding, star if star is not None else 0.0)
        if quality > best_quality:
            best, best_quality = encoding, quality
    return best
