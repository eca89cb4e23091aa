"""Find the template behind an exception, for the technical 500 page shown in DEBUG.

Jinja2 rewrites tracebacks so that frames of compiled templates point at the template file
and line; a ``TemplateSyntaxError`` carries its template's name, line and source. From either,
``template_error_info(exc)`` builds what the page shows: the template name, the line, and the
source around it with that line marked.
"""

from __future__ import annotations

import linecache
import os
from dataclasses import dataclass, field
from types import TracebackType

import jinja2

from .engine import get_engine

__all__ = ["CONTEXT_LINES", "TemplateErrorInfo", "template_error_info"]

CONTEXT_LINES = 5


@dataclass
class TemplateErrorInfo:
    """Where in a template an error happened; ``lines`` are ``(number, text, is_error_line)``."""

    name: str
    filename: str
    lineno: int
    message: str
    during: str  # "compiling" (a syntax error) or "rendering"
    lines: list[tuple[int, str, bool]] = field(default_factory=list)

    @property
    def first_lineno(self) -> int:
        return self.lines[0][0] if self.lines else self.lineno


def _chain(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in found):
        found.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return found


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """Return ``(filename, line)`` of the innermost template frame of ``tb``."""
    found = None
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _name_for(filename: str) -> str:
    """Return the load name of the template file ``filename`` (its path as a last resort)."""
    try:
        dirs = get_engine().dirs
    except Exception:
        dirs = []
    for directory in dirs:
        root = os.path.abspath(directory)
        path = os.path.abspath(filename)
        if path.startswith(root + os.sep):
            return os.path.relpath(path, root).replace(os.sep, "/")
    return filename


def _excerpt(source_lines: list[str], lineno: int) -> list[tuple[int, str, bool]]:
    start = max(lineno - 1 - CONTEXT_LINES, 0)
    end = min(lineno + CONTEXT_LINES, len(source_lines))
    return [(n + 1, source_lines[n].rstrip("\r\n"), n + 1 == lineno) for n in range(start, end)]


def template_error_info(exc: BaseException) -> TemplateErrorInfo | None:
    """Describe the template ``exc`` (or an exception it chains to) came from, if any."""
    for error in _chain(exc):
        if isinstance(error, jinja2.TemplateSyntaxError) and error.lineno:
            filename = error.filename or error.name or "<template>"
            if error.source is not None:
                lines = error.source.splitlines()
            else:
                lines = linecache.getlines(filename)
            return TemplateErrorInfo(
                name=error.name or _name_for(filename),
                filename=filename,
                lineno=error.lineno,
                message=str(error.message or error),
                during="compiling",
                lines=_excerpt(lines, error.lineno),
            )
        where = _template_frame(error.__traceback__)
        if where is not None:
            filename, lineno = where
            linecache.checkcache(filename)
            return TemplateErrorInfo(
                name=_name_for(filename),
                filename=filename,
                lineno=lineno,
                message=f"{type(error).__name__}: {error}",
                during="rendering",
                lines=_excerpt(linecache.getlines(filename), lineno),
            )
    return None
