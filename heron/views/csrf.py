"""CSRF view decorators and the page shown when a request fails the CSRF check.

``csrf_exempt``          the middleware does not check this view (in ``.decorators``)
``csrf_protect``         check this view even without ``CsrfViewMiddleware``
``ensure_csrf_cookie``   always send the CSRF cookie with this view's pages (for pages whose
                         scripts post with ``X-CSRFToken`` but render no form)
``requires_csrf_token``  make ``csrf_input``/``get_token`` work in this view without checking
                         (e.g. a custom failure view, or a project without the middleware)
``csrf_failure``         the default ``CSRF_FAILURE_VIEW``: 403, with the reason in DEBUG

Every decorator keeps the view's colour: the wrapper of an ``async def`` view is itself a
coroutine function. The check is ``heron.middleware.csrf.check_request``, the one the
middleware runs.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from html import escape
from typing import Any, TypeVar, cast

from heron.conf import settings
from heron.http import HttpRequest, HttpResponse, HttpResponseBase
from heron.middleware.csp import nonce_attribute
from heron.middleware.csrf import (
    SAFE_METHODS,
    CsrfTokenSource,
    RequestCsrf,
    check_request,
    csrf_state,
    failure_view,
    finish_response,
    get_token,
    reject,
)

from .decorators import csrf_exempt as csrf_exempt

__all__ = [
    "csrf_exempt",
    "csrf_failure",
    "csrf_protect",
    "ensure_csrf_cookie",
    "requires_csrf_token",
]

_F = TypeVar("_F", bound=Callable[..., Any])

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>403 Forbidden</title>
<style{nonce}>
body {{ font: 16px/1.5 system-ui, sans-serif; color: #222; max-width: 44em;
       margin: 4em auto; padding: 0 1em; }}
h1 {{ font-size: 1.6em; font-weight: 600; }}
code {{ background: #f3f3f3; padding: 0 .25em; }}
.reason {{ background: #fdecea; border-left: 4px solid #b3261e; padding: .5em 1em; }}
</style>
</head>
<body>
<h1>Forbidden (403)</h1>
<p>CSRF verification failed. The request was refused.</p>
{details}</body>
</html>
"""

_DEBUG_DETAILS = """<p class="reason"><strong>Reason:</strong> {reason}</p>
<p>Heron refuses a POST (or PUT, PATCH, DELETE) that does not prove it comes from this
site's own pages. Usual causes:</p>
<ul>
<li>The form's template lacks <code>{{{{ csrf_input }}}}</code> inside the
<code>&lt;form method="post"&gt;</code>.</li>
<li>The page was rendered without the request (use <code>render(request, ...)</code>), so no
token could be made.</li>
<li>The browser does not keep cookies for this site, or the <code>{cookie}</code> cookie
changed since the page was loaded (e.g. after signing in: reload the form).</li>
<li>A script posts without the <code>{header}</code> header set to the token.</li>
<li>The form is on another origin (or behind a proxy that rewrites the Host header): add
that origin to <code>CSRF_TRUSTED_ORIGINS</code>, e.g. <code>["https://example.com"]</code>.</li>
<li>The view is meant to be posted to by other sites (a webhook): decorate it with
<code>@csrf_exempt</code>.</li>
</ul>
<p>You see this explanation because <code>DEBUG = True</code>. With <code>DEBUG</code> off
visitors get a short page, which a <code>403_csrf.html</code> template replaces.</p>
"""

_GENERIC_DETAILS = "<p>Reload the page you came from and try again.</p>\n"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Answer 403: the reason and the usual causes in DEBUG; a short page (or ``403_csrf.html``)."""
    if settings.DEBUG:
        details = _DEBUG_DETAILS.format(
            reason=escape(reason),
            cookie=escape(str(settings.CSRF_COOKIE_NAME)),
            header=escape(str(settings.CSRF_HEADER_NAME)),
        )
    else:
        body = _render_template(request, reason)
        if body is not None:
            return HttpResponse(body, status=403, content_type="text/html; charset=utf-8")
        details = _GENERIC_DETAILS
    page = _PAGE.format(nonce=nonce_attribute(request), details=details)
    return HttpResponse(page, status=403, content_type="text/html; charset=utf-8")


def _render_template(request: HttpRequest, reason: str) -> str | None:
    # lazy: templates (Jinja2) load on first render, not when the app imports this room
    from heron.templates import TemplateDoesNotExist, get_template

    try:
        template = get_template("403_csrf.html")
    except TemplateDoesNotExist:
        return None
    return template.render({"reason": reason}, request)


def _finish(request: HttpRequest, response: Any) -> Any:
    if isinstance(response, HttpResponseBase):
        finish_response(request, response)
    return response


def _attached(request: HttpRequest) -> bool:
    source = request.__dict__.get("csrf_token")
    return isinstance(source, CsrfTokenSource) and source.from_middleware


async def _aattach(request: HttpRequest) -> RequestCsrf:
    """``csrf_state``, loading the session first (without blocking) when the secret lives there."""
    if not _attached(request) and settings.CSRF_USE_SESSIONS:
        load = getattr(getattr(request, "session", None), "aload", None)
        if load is not None:
            await load()
    return csrf_state(request)


def _refusal(request: HttpRequest, state: RequestCsrf) -> Any:
    """The failure response if this unchecked request fails the check, else None."""
    if request.method in SAFE_METHODS or request.scope.get("heron.skip_csrf"):
        return None
    reason = check_request(request, state.config)
    return None if reason is None else reject(request, reason, failure_view())


def csrf_protect(view: _F) -> _F:
    """Check the CSRF token and origin for this view, as ``CsrfViewMiddleware`` would.

    Under the middleware the check has already run, so this adds nothing.
    """
    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_protected(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if _attached(request):  # the middleware has checked the request
                return await view(request, *args, **kwargs)
            refused = _refusal(request, await _aattach(request))
            if refused is not None:
                return await refused if inspect.isawaitable(refused) else refused
            return _finish(request, await view(request, *args, **kwargs))

        return cast(_F, async_protected)

    @functools.wraps(view)
    def protected(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if _attached(request):  # the middleware has checked the request
            return view(request, *args, **kwargs)
        refused = _refusal(request, csrf_state(request))
        if refused is not None:
            return refused
        return _finish(request, view(request, *args, **kwargs))

    return cast(_F, protected)


def requires_csrf_token(view: _F) -> _F:
    """Make ``request.csrf_token`` (and ``{{ csrf_input }}``) work here, without any check."""
    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_with_token(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            await _aattach(request)
            return _finish(request, await view(request, *args, **kwargs))

        return cast(_F, async_with_token)

    @functools.wraps(view)
    def with_token(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        csrf_state(request)
        return _finish(request, view(request, *args, **kwargs))

    return cast(_F, with_token)


def ensure_csrf_cookie(view: _F) -> _F:
    """Send the CSRF cookie with this view's responses, even if the page shows no form."""
    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_ensured(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            await _aattach(request)
            response = await view(request, *args, **kwargs)
            get_token(request)
            return _finish(request, response)

        return cast(_F, async_ensured)

    @functools.wraps(view)
    def ensured(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        csrf_state(request)
        response = view(request, *args, **kwargs)
        get_token(request)
        return _finish(request, response)

    return cast(_F, ensured)
