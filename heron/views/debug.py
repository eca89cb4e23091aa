"""The technical error pages shown when ``DEBUG`` is on.

``technical_500_response`` shows the exception, its chain, each traceback frame with source
context and local variables, the request and the settings; ``technical_404_response``
shows the path and the URL patterns tried. Frames are listed innermost last, as Python
prints them. Browsers (``Accept`` naming ``text/html``) get HTML; other clients get plain
text. Values whose names look secret (passwords, tokens, keys, cookies, ...) are masked.

The pages are rendered with a private Jinja2 environment (autoescape on) from templates in
this package, so they work even when the project's templates are broken; if that fails
too, a minimal, escaped traceback page is returned.
"""

from __future__ import annotations

import functools
import html
import linecache
import platform
import pprint
import re
import reprlib
import sys
import traceback
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote_plus

import jinja2

from heron import __version__ as heron_version
from heron.conf import settings
from heron.http import HttpRequest, HttpResponse

__all__ = [
    "CLEANSED",
    "SENSITIVE_NAMES",
    "ExceptionInfo",
    "FrameInfo",
    "cleanse",
    "safe_repr",
    "technical_404_response",
    "technical_500_response",
]

CLEANSED = "********************"
SENSITIVE_NAMES = re.compile(r"pass|secret|token|key|signature|csrf|auth|cookie", re.IGNORECASE)
# Cookies hold session identifiers under names the pattern above does not catch.
_SENSITIVE_COOKIES = re.compile(SENSITIVE_NAMES.pattern + r"|session", re.IGNORECASE)
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@/\s]+@", re.IGNORECASE)

CONTEXT_LINES = 5
MAX_REPR = 4096
_TEMPLATE_DIR = Path(__file__).parent / "templates_debug"
_HERON_DIR = str(Path(__file__).resolve().parent.parent)
# Frames from these trees are the framework's, the standard library's or a dependency's.
_LIBRARY_DIRS = tuple({_HERON_DIR, sys.prefix, sys.base_prefix, sys.exec_prefix})


# -- safe representations ------------------------------------------------------------------


class _Repr(reprlib.Repr):
    """A ``reprlib`` that bounds the work for big containers and survives broken ``__repr__``."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 4
        self.maxdict = self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = 60
        self.maxdeque = self.maxarray = 60
        self.maxstring = self.maxother = MAX_REPR
        self.maxlong = 400

    def repr1(self, x: Any, level: int) -> str:
        if isinstance(x, HttpRequest):
            # The default repr shows the query string, which may carry secrets.
            return f"<{type(x).__name__}: {x.method} {_cleanse_url(_full_path(x))!r}>"
        return super().repr1(x, level)

    def repr_instance(self, x: Any, level: int) -> str:
        try:
            text = repr(x)
        except Exception as exc:
            return _repr_failed(exc)
        return _truncate(text)


_repr = _Repr()


def _repr_failed(exc: BaseException) -> str:
    try:
        detail = f"{type(exc).__name__}: {exc}"
    except Exception:
        detail = type(exc).__name__
    return f"<repr failed: {_truncate(detail, 200)}>"


def _truncate(text: str, limit: int = MAX_REPR) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"… ({len(text) - limit} more characters)"


def safe_repr(value: Any) -> str:
    """Return ``repr(value)`` cut to about 4 KB, or ``<repr failed: ...>`` if repr raises."""
    try:
        return _truncate(_repr.repr(value))
    except Exception as exc:
        return _repr_failed(exc)


def _safe_str(value: Any) -> str:
    try:
        return _truncate(str(value))
    except Exception as exc:
        return _repr_failed(exc)


# -- cleansing -----------------------------------------------------------------------------


def cleanse(name: str, value: Any, pattern: re.Pattern[str] = SENSITIVE_NAMES) -> Any:
    """Return ``value`` with secrets masked: the whole value when ``name`` looks secret,
    else recursively inside dicts and lists, and passwords inside URLs."""
    if pattern.search(name):
        return CLEANSED
    if isinstance(value, Mapping):
        return {k: cleanse(str(k), v, pattern) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(cleanse("", v, pattern) for v in value)
    if isinstance(value, str):
        return _URL_PASSWORD.sub(rf"\g<head>{CLEANSED}@", value)
    return value


def _cleansed_pairs(
    pairs: Iterable[tuple[str, Any]], pattern: re.Pattern[str] = SENSITIVE_NAMES
) -> list[tuple[str, str]]:
    out = []
    for name, value in pairs:
        cleansed = cleanse(name, value, pattern)
        out.append((name, cleansed if isinstance(cleansed, str) else safe_repr(cleansed)))
    return out


# -- exceptions and frames -----------------------------------------------------------------


@dataclass
class FrameInfo:
    """One traceback frame: where it is, its source around the line, its local variables."""

    filename: str
    lineno: int
    function: str
    pre_context: list[tuple[int, str]]
    context_line: str
    post_context: list[tuple[int, str]]
    locals: list[tuple[str, str]]
    is_framework: bool

    @property
    def first_lineno(self) -> int:
        return self.pre_context[0][0] if self.pre_context else self.lineno


@dataclass
class ExceptionInfo:
    """One exception of a chain, with the sentence Python prints before the next one."""

    type_name: str
    message: str
    frames: list[FrameInfo] = field(default_factory=list)
    leads_to: str = ""


_CAUSE = "The above exception was the direct cause of the following exception:"
_CONTEXT = "During handling of the above exception, another exception occurred:"


def exception_chain(exc: BaseException) -> list[ExceptionInfo]:
    """Describe ``exc`` and the exceptions it chains to, oldest first (as Python prints)."""
    chain: list[ExceptionInfo] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    leads_to = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(
            ExceptionInfo(
                type_name=_type_name(current),
                message=_safe_str(current),
                frames=list(_frames(current.__traceback__)),
                leads_to=leads_to,
            )
        )
        if current.__cause__ is not None:
            current, leads_to = current.__cause__, _CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, leads_to = current.__context__, _CONTEXT
        else:
            current = None
    chain.reverse()
    return chain


def _type_name(exc: BaseException) -> str:
    cls = type(exc)
    module = cls.__module__
    if module in ("builtins", "__main__"):
        return cls.__qualname__
    return f"{module}.{cls.__qualname__}"


def _frames(tb: TracebackType | None) -> Iterator[FrameInfo]:
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_locals.get("__traceback_hide__"):
            continue
        code = frame.f_code
        filename = code.co_filename
        linecache.checkcache(filename)
        lines = linecache.getlines(filename, frame.f_globals)
        start = max(lineno - 1 - CONTEXT_LINES, 0)
        end = min(lineno + CONTEXT_LINES, len(lines))
        numbered = [(n + 1, lines[n].rstrip("\r\n")) for n in range(start, end)]
        pre = [(n, text) for n, text in numbered if n < lineno]
        current = next((text for n, text in numbered if n == lineno), "")
        post = [(n, text) for n, text in numbered if n > lineno]
        # At module level the "locals" are the module's globals: too many to be useful.
        variables = (
            []
            if code.co_name == "<module>"
            else [(name, safe_repr(value)) for name, value in sorted(frame.f_locals.items())]
        )
        yield FrameInfo(
            filename=filename,
            lineno=lineno,
            function=code.co_qualname,
            pre_context=pre,
            context_line=current,
            post_context=post,
            locals=variables,
            is_framework=_is_framework(filename),
        )


def _is_framework(filename: str) -> bool:
    return filename.startswith((*_LIBRARY_DIRS, "<")) or "site-packages" in filename


# -- request data --------------------------------------------------------------------------


def _pairs(data: Any) -> list[tuple[str, Any]]:
    """Flatten a dict or multi-dict into (name, value) pairs, one per value."""
    if data is None:
        return []
    if hasattr(data, "lists"):
        return [(str(k), v) for k, values in data.lists() for v in values]
    items = data.items() if hasattr(data, "items") else data
    out: list[tuple[str, Any]] = []
    for key, value in items:
        if isinstance(value, list):
            out.extend((str(key), v) for v in value)
        else:
            out.append((str(key), value))
    return out


def _request_section(request: HttpRequest, name: str) -> list[tuple[str, Any]] | str:
    """Read one attribute of the request; reading it may fail (e.g. a bad body)."""
    try:
        return _pairs(getattr(request, name))
    except Exception as exc:
        return f"<unavailable: {type(exc).__name__}: {_safe_str(exc)}>"


def _request_info(request: HttpRequest) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for title, attr, pattern in (
        ("GET", "GET", SENSITIVE_NAMES),
        ("POST", "POST", SENSITIVE_NAMES),
        ("Headers", "headers", SENSITIVE_NAMES),
        ("Cookies", "COOKIES", _SENSITIVE_COOKIES),
    ):
        pairs = _request_section(request, attr)
        sections[title] = pairs if isinstance(pairs, str) else _cleansed_pairs(pairs, pattern)
    return {
        "method": _safe_str(getattr(request, "method", "")),
        "path": _safe_str(getattr(request, "path", "")),
        "url": _full_url(request),
        "sections": sections,
    }


def _full_path(request: HttpRequest) -> str:
    try:
        return request.get_full_path()
    except Exception:
        return _safe_str(getattr(request, "path", ""))


def _full_url(request: HttpRequest) -> str:
    try:
        url = request.build_absolute_uri()
    except Exception:  # e.g. DisallowedHost: the path alone is still useful
        url = _full_path(request)
    return _cleanse_url(url)


def _cleanse_url(url: str) -> str:
    """Mask a password in the authority and the values of secret-looking query parameters."""
    url = _URL_PASSWORD.sub(rf"\g<head>{CLEANSED}@", url)
    base, sep, rest = url.partition("?")
    if not sep:
        return url
    query, hash_sep, fragment = rest.partition("#")
    params = []
    for param in query.split("&"):
        name, eq, _value = param.partition("=")
        if eq and SENSITIVE_NAMES.search(unquote_plus(name)):
            param = f"{name}={CLEANSED}"
        params.append(param)
    return f"{base}?{'&'.join(params)}{hash_sep}{fragment}"


def _settings_info() -> list[tuple[str, str]]:
    wrapped = getattr(settings, "_wrapped", None)
    if wrapped is None:
        return []
    rows = []
    for name, value in sorted(wrapped.as_dict().items()):
        cleansed = cleanse(name, value)
        if cleansed == CLEANSED:
            rows.append((name, CLEANSED))
            continue
        try:
            text = pprint.pformat(cleansed, width=100, compact=True)
        except Exception:
            text = safe_repr(cleansed)
        rows.append((name, _truncate(text)))
    return rows


def _header(request: HttpRequest, name: str) -> str:
    try:
        return str(request.headers.get(name, ""))
    except Exception:
        return ""


def _wants_html(request: HttpRequest) -> bool:
    accept = _header(request, "accept").lower()
    return "text/html" in accept or "application/xhtml+xml" in accept


# -- rendering -----------------------------------------------------------------------------


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
    )


def _render(name: str, context: dict[str, Any]) -> str:
    return _environment().get_template(name).render(context)


def _response(body: str, status: int, *, html_page: bool) -> HttpResponse:
    content_type = "text/html" if html_page else "text/plain"
    response = HttpResponse(body, status=status, content_type=f"{content_type}; charset=utf-8")
    # Never let a browser sniff the text variant into HTML, and never cache a debug page.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def _common_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "csp_nonce": _csp_nonce(request),
        "request": _request_info(request),
        "python_version": platform.python_version(),
        "heron_version": heron_version,
        "now": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
    }


def _csp_nonce(request: HttpRequest) -> str:
    # The page's <style> carries the nonce, so a Content-Security-Policy lets it apply.
    try:
        return str(getattr(request, "csp_nonce", None) or "")
    except Exception:
        return ""


def technical_500_response(
    request: HttpRequest, exc: BaseException, *, status_code: int = 500
) -> HttpResponse:
    """Return the debug page for an unhandled exception (HTML, or text for non-browsers)."""
    html_page = _wants_html(request)
    try:
        if not html_page:
            return _response(technical_500_text(request, exc), status_code, html_page=False)
        chain = exception_chain(exc)
        context = _common_context(request)
        context.update(
            exception=chain[-1],
            chain=chain,
            traceback_text="".join(traceback.format_exception(exc)),
            settings=_settings_info(),
            status_code=status_code,
            template_error=_template_error(exc),
        )
        return _response(_render("technical_500.html", context), status_code, html_page=True)
    except Exception as render_error:
        return _response(_fallback_page(exc, render_error), status_code, html_page=True)


def _template_error(exc: BaseException) -> Any:
    """The template name, line and source excerpt when ``exc`` came from a template."""
    try:
        # lazy: templates (Jinja2) load on first render, not when the app imports this room
        from heron.templates.debuginfo import template_error_info

        return template_error_info(exc)
    except Exception:  # the page must render even if this lookup fails
        return None


def technical_500_text(request: HttpRequest, exc: BaseException) -> str:
    """Return the plain-text debug report: request line, then the Python traceback."""
    method = _safe_str(getattr(request, "method", ""))
    lines = [
        f"{_type_name(exc)} at {_safe_str(getattr(request, 'path', ''))}",
        _safe_str(exc),
        "",
        f"Request: {method} {_full_url(request)}",
        f"Python {platform.python_version()}",
        "",
        "".join(traceback.format_exception(exc)).rstrip("\n"),
        "",
        "You see this report because DEBUG = True in your settings. Turn DEBUG off in "
        "production to answer with a plain 500 page instead.",
        "",
    ]
    template_error = _template_error(exc)
    if template_error is not None:
        lines[2:2] = [
            f"Template {template_error.name}, line {template_error.lineno} "
            f"(while {template_error.during})",
            *(
                f"{'>' if is_error else ' '} {n:4d} | {text}"
                for n, text, is_error in template_error.lines
            ),
            "",
        ]
    return "\n".join(lines)


def technical_404_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """Return the debug page for ``Http404``: the path and, if any, the URL patterns tried."""
    path = _safe_str(getattr(exc, "path", None) or getattr(request, "path", ""))
    tried_raw = getattr(exc, "tried", None)
    tried = [_safe_str(p) for p in tried_raw] if isinstance(tried_raw, Iterable) else None
    raised_by = ""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        func = getattr(match, "func", None)
        raised_by = _safe_str(
            getattr(match, "view_name", None) or getattr(func, "__qualname__", "") or ""
        )
    context = {
        "path": path,
        "message": _safe_str(exc),
        "tried": tried,
        "raised_by": raised_by,
        "urlconf": _safe_str(getattr(settings, "ROOT_URLCONF", "") if settings.configured else ""),
        "method": _safe_str(getattr(request, "method", "")),
    }
    html_page = _wants_html(request)
    try:
        if html_page:
            context.update(_common_context(request))
            return _response(_render("technical_404.html", context), 404, html_page=True)
        return _response(_technical_404_text(context), 404, html_page=False)
    except Exception as render_error:
        return _response(_fallback_page(exc, render_error), 404, html_page=True)


def _technical_404_text(context: dict[str, Any]) -> str:
    lines = [f"Page not found (404): {context['method']} {context['path']}", context["message"]]
    if context["raised_by"]:
        lines.append(f"Raised by: {context['raised_by']}")
    tried = context["tried"]
    if tried is not None:
        if context["urlconf"]:
            lines += [
                "",
                f"Using the URLconf {context['urlconf']}, Heron tried these URL "
                "patterns, in this order:",
            ]
        else:
            lines += ["", "Heron tried these URL patterns, in this order:"]
        lines += [f"  {n}. {p}" for n, p in enumerate(tried, 1)] or ["  (none)"]
        lines.append(f"The path {context['path']!r} matched none of these.")
    lines += ["", "You see this report because DEBUG = True in your settings.", ""]
    return "\n".join(lines)


def _fallback_page(exc: BaseException, render_error: BaseException) -> str:
    """Return a bare page when the debug templates themselves fail."""
    original = "".join(traceback.format_exception(exc))
    failure = "".join(traceback.format_exception(render_error))
    return (
        "<!doctype html><meta charset=utf-8><title>Server Error</title>"
        f"<h1>{html.escape(_type_name(exc))}</h1>"
        f"<pre>{html.escape(original)}</pre>"
        "<h2>The debug page could not be rendered</h2>"
        f"<pre>{html.escape(failure)}</pre>"
    )
