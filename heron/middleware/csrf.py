"""Cross-site request forgery protection: ``CsrfViewMiddleware``, ``get_token``, ``rotate_token``.

A browser sends a site's cookies with every request to it, including the form posts that
another site's page makes it send. To tell the site's own forms apart, each browser gets a
random *secret* (in the ``CSRF_COOKIE_NAME`` cookie, or in the session with
``CSRF_USE_SESSIONS``), and each page gets a *token*: the secret masked with fresh random
bytes, so the token differs on every page (BREACH-style compression attacks cannot recover
it). A request with an unsafe method (anything but GET, HEAD, OPTIONS and TRACE) is
accepted only when

1. its ``Origin`` header, if sent, is the site itself or a ``CSRF_TRUSTED_ORIGINS`` entry
   (``https://*.example.com`` allows every subdomain); over HTTPS without ``Origin``, the
   ``Referer`` must be such an HTTPS page; and
2. it carries a token made from the browser's secret: the ``csrfmiddlewaretoken`` field of
   a form post, or the ``X-CSRFToken`` header (``CSRF_HEADER_NAME``) for scripts. The bare
   secret (what a script reads from the cookie) is accepted as a token too.

Otherwise ``CSRF_FAILURE_VIEW`` answers (403; in DEBUG the page names the reason).

Safe requests cost one attribute: ``request.csrf_token`` is a ``CsrfTokenSource`` shared by
all requests, and the per-request state is made, the cookie read or set, only when a page
asks for the token (``{{ csrf_input }}``,
``get_token(request)``). ``@csrf_exempt`` views and the test clients (unless
``enforce_csrf_checks=True``) skip the check. The check itself, ``check_request()``, is
I/O-free; the decorators in ``heron.views.csrf`` reuse it for projects without the
middleware.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import inspect
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from heron._internal.imports import import_string
from heron.conf import settings
from heron.conf.exceptions import ImproperlyConfigured
from heron.http.cookies import parse_cookie

from .base import AsyncHandler, HookMiddleware

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = [
    "CSRF_SESSION_KEY",
    "CsrfConfig",
    "CsrfTokenSource",
    "CsrfViewMiddleware",
    "check_request",
    "csrf_state",
    "get_token",
    "rotate_token",
]

logger = logging.getLogger("heron.security.csrf")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORM_FIELD = "csrfmiddlewaretoken"
CSRF_SESSION_KEY = "_csrftoken"
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})

SECRET_BYTES = 24
SECRET_LENGTH = 32  # base64url of 24 bytes
TOKEN_LENGTH = 64  # base64url of mask + masked secret
_TOKEN_CHARS = re.compile(r"[A-Za-z0-9_-]+\Z")

# Why a request was refused; the DEBUG failure page shows them.
REASON_NO_COOKIE = "CSRF cookie not set."
REASON_BAD_COOKIE = "CSRF cookie has an incorrect format."
REASON_NO_SESSION_SECRET = "CSRF secret not found in the session."
REASON_NO_TOKEN = "CSRF token missing."
REASON_BAD_TOKEN_LENGTH = "CSRF token has an incorrect length."
REASON_BAD_TOKEN_CHARS = "CSRF token has invalid characters."
REASON_WRONG_TOKEN = "CSRF token incorrect."
REASON_NULL_ORIGIN = "Origin checking failed: the Origin header is 'null'."
REASON_BAD_ORIGIN = "Origin checking failed: {} is not this site and not a trusted origin."
REASON_NO_REFERER = "Referer checking failed: an HTTPS request with no Origin and no Referer."
REASON_MALFORMED_REFERER = "Referer checking failed: the Referer is not a URL."
REASON_INSECURE_REFERER = "Referer checking failed: an HTTP page posted to this HTTPS site."
REASON_BAD_REFERER = "Referer checking failed: {} is not this site and not a trusted origin."


class CsrfConfig:
    """The CSRF settings, read and checked once (the middleware builds one at start-up)."""

    __slots__ = (
        "cookie_age",
        "cookie_domain",
        "cookie_httponly",
        "cookie_name",
        "cookie_path",
        "cookie_samesite",
        "cookie_secure",
        "header_label",
        "header_name",
        "trusted_exact",
        "trusted_wildcards",
        "use_sessions",
    )

    def __init__(self, current: Any) -> None:
        self.cookie_name = str(current.CSRF_COOKIE_NAME)
        age = current.CSRF_COOKIE_AGE
        self.cookie_age: int | None = None if age is None else int(age)
        self.cookie_domain: str | None = current.CSRF_COOKIE_DOMAIN or None
        self.cookie_path = str(current.CSRF_COOKIE_PATH or "/")
        self.cookie_secure = bool(current.CSRF_COOKIE_SECURE)
        self.cookie_httponly = bool(current.CSRF_COOKIE_HTTPONLY)
        self.cookie_samesite: str | None = current.CSRF_COOKIE_SAMESITE or None
        self.use_sessions = bool(current.CSRF_USE_SESSIONS)
        self.header_name = _header_name(str(current.CSRF_HEADER_NAME))
        self.header_label = _header_label(str(current.CSRF_HEADER_NAME))
        origins = current.CSRF_TRUSTED_ORIGINS
        if isinstance(origins, str):
            raise ImproperlyConfigured(
                f"CSRF_TRUSTED_ORIGINS must be a list of origins, e.g. [{origins!r}], not a string."
            )
        exact: set[str] = set()
        wildcards: list[tuple[str, str, str]] = []  # (scheme, ".domain", port)
        for origin in origins:
            scheme, _, rest = str(origin).partition("://")
            if not _ or not scheme or not rest or "/" in rest:
                raise ImproperlyConfigured(
                    f"CSRF_TRUSTED_ORIGINS entry {origin!r} is not an origin: write the scheme "
                    "and host (and port if not the default), e.g. 'https://example.com' or "
                    "'https://*.example.com', with no path."
                )
            scheme, rest = scheme.lower(), rest.lower()
            if rest.startswith("*."):
                host, _, port = rest[1:].partition(":")
                wildcards.append((scheme, host, port))
            else:
                exact.add(f"{scheme}://{rest}")
        self.trusted_exact = frozenset(exact)
        self.trusted_wildcards = tuple(wildcards)

    @classmethod
    def from_settings(cls) -> CsrfConfig:
        """Read the current settings (used where no middleware built one)."""
        return cls(settings._setup_required())

    def is_trusted(self, scheme: str, netloc: str) -> bool:
        """Return whether ``scheme://netloc`` is a ``CSRF_TRUSTED_ORIGINS`` entry."""
        scheme, netloc = scheme.lower(), netloc.lower()
        if f"{scheme}://{netloc}" in self.trusted_exact:
            return True
        host, _, port = netloc.partition(":")
        return any(
            scheme == w_scheme and port == w_port and host.endswith(w_domain)
            for w_scheme, w_domain, w_port in self.trusted_wildcards
        )


def _header_label(name: str) -> str:
    # Django spells it as a WSGI META key (HTTP_X_CSRFTOKEN); accept that too.
    if name.upper().startswith("HTTP_"):
        name = name[5:].replace("_", "-")
    return name


def _header_name(name: str) -> str:
    return _header_label(name).lower()


# Secrets and masked tokens.


def _new_secret() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def _decode(text: str, length: int) -> bytes | None:
    if len(text) != length or not _TOKEN_CHARS.match(text):
        return None
    try:
        return base64.urlsafe_b64decode(text)
    except (binascii.Error, ValueError):
        return None


def _xor(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a) ^ int.from_bytes(b)).to_bytes(len(a))


def mask_secret(secret: str) -> str:
    """Return a fresh token for ``secret``: random mask + (secret XOR mask), base64url."""
    raw = _decode(secret, SECRET_LENGTH)
    if raw is None:
        raise ValueError("not a CSRF secret")
    mask = secrets.token_bytes(SECRET_BYTES)
    return base64.urlsafe_b64encode(mask + _xor(raw, mask)).decode("ascii")


def _token_secret(token: str) -> bytes | str:
    """Return the raw secret a token was made from, or the reason it is malformed."""
    if len(token) == TOKEN_LENGTH:
        raw = _decode(token, TOKEN_LENGTH)
        if raw is None:
            return REASON_BAD_TOKEN_CHARS
        return _xor(raw[SECRET_BYTES:], raw[:SECRET_BYTES])
    if len(token) == SECRET_LENGTH:
        raw = _decode(token, SECRET_LENGTH)
        return REASON_BAD_TOKEN_CHARS if raw is None else raw
    return REASON_BAD_TOKEN_LENGTH


# Per-request state.


class CsrfTokenSource:
    """``request.csrf_token``: gives templates a token for the request (``token_for``).

    The middleware sets one object, shared by every request, so that a request which never
    shows a form allocates nothing; ``from_middleware`` tells ``csrf_protect`` the check ran.
    """

    __slots__ = ("config", "from_middleware")

    def __init__(self, config: CsrfConfig, from_middleware: bool = False) -> None:
        self.config = config
        self.from_middleware = from_middleware

    def token_for(self, request: HttpRequest) -> str:
        """A fresh token for ``request`` (``get_token``)."""
        return csrf_state(request, self.config)()

    def __repr__(self) -> str:
        return "<CsrfTokenSource>"


class RequestCsrf:
    """A request's CSRF state (``request._csrf_state``); calling it gives a token.

    It keeps the scope, not the request, so that request and state form no reference cycle.
    The secret is read from the cookie (or session) on first use only.
    """

    _loaded = False
    _secret: str | None = None
    needs_update = False
    session: Any = None

    def __init__(self, config: CsrfConfig, scope: dict[str, Any], session: Any = None) -> None:
        self.config = config
        self.scope = scope
        if session is not None:
            self.session = session

    def stored_secret(self) -> str | None:
        """The secret the browser holds (as sent), or None; ``""`` if it is malformed."""
        if not self._loaded:
            self._loaded = True
            value: str | None
            if self.config.use_sessions:
                value = _session(self).get(CSRF_SESSION_KEY)
            else:
                value = _cookie(self.scope, self.config.cookie_name)
            if value is not None:
                value = str(value)
                self._secret = value if _decode(value, SECRET_LENGTH) is not None else ""
        return self._secret

    def secret(self) -> str:
        """The secret, created (and marked to be sent) if the browser has none yet."""
        secret = self.stored_secret()
        if not secret:
            self.set_secret(_new_secret())
            assert self._secret is not None
            return self._secret
        return secret

    def set_secret(self, secret: str) -> None:
        self._loaded = True
        self._secret = secret
        self.needs_update = True

    def __call__(self) -> str:
        return mask_secret(self.secret())

    def __str__(self) -> str:
        return self()

    def __html__(self) -> str:
        return self()  # base64url: nothing to escape

    def __repr__(self) -> str:
        return "<RequestCsrf>"


def _session(state: RequestCsrf) -> Any:
    session = state.session
    if session is None:
        raise ImproperlyConfigured(
            "CSRF_USE_SESSIONS is on but the request has no session: add "
            "'heron.contrib.sessions.middleware.SessionMiddleware' to MIDDLEWARE before "
            "'heron.middleware.csrf.CsrfViewMiddleware'."
        )
    return session


def _cookie(scope: dict[str, Any], name: str) -> str | None:
    headers = [bytes(v).decode("latin-1") for k, v in scope.get("headers", ()) if k == b"cookie"]
    if not headers:
        return None
    return parse_cookie("; ".join(headers)).get(name)


def csrf_state(request: HttpRequest, config: CsrfConfig | None = None) -> RequestCsrf:
    """The request's CSRF state, made on first use (from settings when no middleware ran)."""
    state: RequestCsrf | None = request.__dict__.get("_csrf_state")
    if state is not None:
        return state
    if config is None:
        source = request.__dict__.get("csrf_token")
        if source.__class__ is CsrfTokenSource:
            config = source.config
        else:
            config = CsrfConfig.from_settings()
            request.csrf_token = CsrfTokenSource(config)  # type: ignore[attr-defined]
    state = RequestCsrf(config, request.scope, _session_of(request, config))
    request.__dict__["_csrf_state"] = state
    return state


def _session_of(request: HttpRequest, config: CsrfConfig) -> Any:
    return getattr(request, "session", None) if config.use_sessions else None


def get_token(request: HttpRequest) -> str:
    """Return a CSRF token for ``request`` (new mask each call); the response sets the secret.

    Works with or without the middleware; calling it makes the response carry the CSRF cookie
    (or store the secret in the session) if the browser has none yet.
    """
    return csrf_state(request)()


def rotate_token(request: HttpRequest) -> None:
    """Give the browser a new secret (call it on sign-in); older tokens stop working."""
    csrf_state(request).set_secret(_new_secret())


def check_request(request: HttpRequest, config: CsrfConfig) -> str | None:
    """Check an unsafe request: return None to accept it, or the reason to refuse it.

    I/O-free apart from reading the (already received) body; with ``CSRF_USE_SESSIONS`` the
    session must be loaded. A malformed form body raises ``BadRequest`` (answered with 400).
    """
    state = csrf_state(request, config)
    reason = _check_origin(request, config)
    if reason is not None:
        return reason
    stored = state.stored_secret()
    if stored is None:
        return REASON_NO_SESSION_SECRET if config.use_sessions else REASON_NO_COOKIE
    if not stored:
        return REASON_BAD_COOKIE
    token = ""
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        token = request.POST.get(FORM_FIELD, "") or ""
    source = "the form field"
    if not token:
        token = request.headers.get(config.header_name) or ""
        source = f"the {config.header_label} header"
    if not token:
        return REASON_NO_TOKEN
    found = _token_secret(token.strip())
    if isinstance(found, str):
        return f"{found[:-1]} (from {source})."
    expected = _decode(stored, SECRET_LENGTH)
    if expected is None or not hmac.compare_digest(found, expected):
        return f"{REASON_WRONG_TOKEN[:-1]} (from {source})."
    return None


def _check_origin(request: HttpRequest, config: CsrfConfig) -> str | None:
    origin = request.headers.get("origin")
    host = request.get_host().lower()
    if origin is not None:
        if origin == "null":
            return REASON_NULL_ORIGIN
        if _origin(origin) == _origin(f"{request.scheme}://{host}"):
            return None
        parts = urlsplit(origin)
        if parts.scheme and parts.netloc and config.is_trusted(parts.scheme, parts.netloc):
            return None
        return REASON_BAD_ORIGIN.format(repr(origin))
    if not request.is_secure():
        # Plain HTTP: browsers without Origin support are rare, and an active attacker on
        # the network could forge a Referer anyway. The token check still applies.
        return None
    referer = request.headers.get("referer")
    if not referer:
        return REASON_NO_REFERER
    try:
        parts = urlsplit(referer)
        netloc = parts.netloc.lower()
    except ValueError:
        return REASON_MALFORMED_REFERER
    if not parts.scheme or not netloc:
        return REASON_MALFORMED_REFERER
    if parts.scheme.lower() != "https":
        return REASON_INSECURE_REFERER
    if _origin(f"https://{netloc}") == _origin(f"https://{host}"):
        return None
    if config.is_trusted("https", netloc):
        return None
    domain = config.cookie_domain
    if domain:
        # A cookie shared with sibling subdomains: forms on them may post here.
        bare = netloc.partition(":")[0]
        suffix = domain.lower() if domain.startswith(".") else "." + domain.lower()
        if bare == suffix[1:] or bare.endswith(suffix):
            return None
    return REASON_BAD_REFERER.format(repr(referer))


def _origin(url: str) -> str:
    """Lower-case ``scheme://host[:port]``, without the scheme's default port."""
    url = url.lower()
    if url.startswith("https://") and url.endswith(":443"):
        return url[:-4]
    if url.startswith("http://") and url.endswith(":80"):
        return url[:-3]
    return url


# Responses.


def finish_response(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Send a new or rotated secret with ``response`` (cookie, or session key), once."""
    state: RequestCsrf | None = request.__dict__.get("_csrf_state")
    if state is None or not state.needs_update:
        return response
    state.needs_update = False
    config: CsrfConfig = state.config
    secret = state._secret
    assert secret is not None  # needs_update is only set with a secret
    if config.use_sessions:
        _session(state)[CSRF_SESSION_KEY] = secret
        return response
    response.set_cookie(
        config.cookie_name,
        secret,
        max_age=config.cookie_age,
        path=config.cookie_path,
        domain=config.cookie_domain,
        secure=config.cookie_secure,
        httponly=config.cookie_httponly,
        samesite=config.cookie_samesite,
    )
    _vary_on_cookie(response)
    return response


def _vary_on_cookie(response: HttpResponseBase) -> None:
    vary = response.headers.get("vary")
    if not vary:
        response.headers["Vary"] = "Cookie"
    elif vary.strip() != "*" and "cookie" not in {v.strip().lower() for v in vary.split(",")}:
        response.headers["Vary"] = vary + ", Cookie"


FailureView = Callable[..., Any]


def failure_view() -> FailureView:
    """Import ``CSRF_FAILURE_VIEW``, with an error that names the setting."""
    path = str(settings.CSRF_FAILURE_VIEW)
    try:
        view = import_string(path, setting="CSRF_FAILURE_VIEW")
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"CSRF_FAILURE_VIEW {path!r} could not be imported: {exc}"
        ) from exc
    if not callable(view):
        raise ImproperlyConfigured(f"CSRF_FAILURE_VIEW {path!r} is not a view.")
    return view  # type: ignore[no-any-return]


def reject(request: HttpRequest, reason: str, view: FailureView) -> Any:
    """Log the refusal and return the failure view's response (or an awaitable of it)."""
    logger.warning(
        "Forbidden (%s): %s",
        reason,
        request.path,
        extra={"status_code": 403, "request": request},
    )
    return view(request, reason=reason)


class CsrfViewMiddleware(HookMiddleware):
    """Refuse unsafe requests without a valid token and origin; hand out tokens lazily.

    Put it after ``SessionMiddleware`` (needed with ``CSRF_USE_SESSIONS``) and before any
    middleware that acts on form posts.
    """

    unused_hooks = frozenset({"process_request"})

    def __init__(self, get_response: AsyncHandler) -> None:
        super().__init__(get_response)
        self.config = CsrfConfig.from_settings()
        self.use_sessions = self.config.use_sessions
        self.source = CsrfTokenSource(self.config, from_middleware=True)
        self.failure_view = failure_view()

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponseBase | Awaitable[HttpResponseBase | None] | None:
        if self.use_sessions:
            return self._with_session(request, view)
        request.csrf_token = self.source  # type: ignore[attr-defined]
        if request.method in SAFE_METHODS:
            return None
        return self._check(request, view)

    async def _with_session(self, request: HttpRequest, view: Any) -> HttpResponseBase | None:
        session = getattr(request, "session", None)
        load = getattr(session, "aload", None)
        if load is not None:
            await load()
        request.csrf_token = self.source  # type: ignore[attr-defined]
        if request.method in SAFE_METHODS:
            return None
        response = self._check(request, view)
        if inspect.isawaitable(response):
            response = await response
        return response

    def _check(
        self, request: HttpRequest, view: Any
    ) -> HttpResponseBase | Awaitable[HttpResponseBase] | None:
        if getattr(view, "csrf_exempt", False) or request.scope.get("heron.skip_csrf"):
            return None
        reason = check_request(request, self.config)
        if reason is None:
            return None
        refused: HttpResponseBase | Awaitable[HttpResponseBase] = reject(
            request, reason, self.failure_view
        )
        return refused

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        state = request.__dict__.get("_csrf_state")
        if state is not None and state.needs_update:
            finish_response(request, response)
        return response
