"""What every template sees besides the view's context: the per-request values.

``request``, ``csrf_token``, ``csrf_input``, ``csp_nonce``, ``user``, ``perms`` and ``messages`` are
added to
each render (``url()`` and ``static()`` are environment globals). Then the context processors
named in ``TEMPLATES_CONTEXT_PROCESSORS`` run, when there is a request, and the view's own
context goes on top, so a view always wins over a processor and a processor over a built-in.

Everything here is lazy: the CSRF token is read, the CSP nonce made, the messages fetched and
the permissions asked only when the template uses them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from heron._internal.imports import import_string
from heron.conf.exceptions import ImproperlyConfigured

__all__ = [
    "ContextProcessor",
    "CspNonceValue",
    "CsrfInput",
    "CsrfToken",
    "LazyMessages",
    "PermWrapper",
    "load_context_processors",
    "request_values",
]

ContextProcessor = Callable[[Any], Mapping[str, Any]]
MESSAGES_APP = "heron.contrib.messages"


def _token_of(request: Any) -> str:
    token = getattr(request, "csrf_token", None)
    token_for = getattr(token, "token_for", None)
    if token_for is not None:  # the CSRF middleware's shared source
        token = token_for(request)
    elif callable(token):
        token = token()
    return "" if token is None else str(token)


class CsrfToken:
    """The request's CSRF token, read on first use; renders as the bare (escaped) token."""

    __slots__ = ("_request", "_value")

    def __init__(self, request: Any) -> None:
        self._request = request
        self._value: str | None = None

    @property
    def value(self) -> str:
        if self._value is None:
            self._value = _token_of(self._request) if self._request is not None else ""
        return self._value

    def __str__(self) -> str:
        return self.value

    def __html__(self) -> str:
        return str(escape(self.value))

    def __bool__(self) -> bool:
        return bool(self.value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CsrfToken):
            return self.value == other.value
        return self.value == other

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return "<CsrfToken>"


class CsrfInput:
    """``<input type="hidden" name="csrfmiddlewaretoken" ...>`` for forms; empty without a token."""

    __slots__ = ("_token",)

    def __init__(self, token: CsrfToken) -> None:
        self._token = token

    def __html__(self) -> str:
        value = self._token.value
        if not value:
            return ""
        return str(
            Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(value)
        )

    def __str__(self) -> str:
        return self.__html__()

    def __bool__(self) -> bool:
        return bool(self._token)

    def __repr__(self) -> str:
        return "<CsrfInput>"


class CspNonceValue:
    """``csp_nonce``: the request's Content-Security-Policy nonce, read on first use.

    Rendering it (``<script nonce="{{ csp_nonce }}">``) is what makes the CSP middleware add
    the nonce to the page's policy (``request.csp_nonce`` is made on first read); empty
    without a request.
    """

    __slots__ = ("_request",)

    def __init__(self, request: Any) -> None:
        self._request = request

    @property
    def value(self) -> str:
        nonce = getattr(self._request, "csp_nonce", None) if self._request is not None else None
        return "" if nonce is None else str(nonce)

    def __str__(self) -> str:
        return self.value

    def __html__(self) -> str:
        return str(escape(self.value))

    def __bool__(self) -> bool:
        return bool(self.value)

    def __eq__(self, other: object) -> bool:
        return self.value == (other.value if isinstance(other, CspNonceValue) else other)

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return "<CspNonceValue>"


class _AppPerms:
    """``perms.polls``: true when the user has any permission in the app."""

    __slots__ = ("_app_label", "_user")

    def __init__(self, user: Any, app_label: str) -> None:
        self._user = user
        self._app_label = app_label

    def __getattr__(self, codename: str) -> bool:
        if codename.startswith("_"):
            raise AttributeError(codename)
        return _has_perm(self._user, f"{self._app_label}.{codename}")

    def __getitem__(self, codename: str) -> bool:
        return _has_perm(self._user, f"{self._app_label}.{codename}")

    def __contains__(self, codename: object) -> bool:
        return _has_perm(self._user, f"{self._app_label}.{codename}")

    def __bool__(self) -> bool:
        return _has_module_perms(self._user, self._app_label)

    def __iter__(self) -> Iterator[Any]:
        raise TypeError("perms.<app> cannot be iterated; test one permission: perms.app.codename")

    def __repr__(self) -> str:
        return f"<AppPerms {self._app_label!r}>"


def _has_perm(user: Any, perm: str) -> bool:
    check = getattr(user, "has_perm", None)
    return bool(check(perm)) if callable(check) else False


def _has_module_perms(user: Any, app_label: str) -> bool:
    check = getattr(user, "has_module_perms", None)
    return bool(check(app_label)) if callable(check) else False


class PermWrapper:
    """``perms`` in templates: ``perms.polls.add_question`` and ``"polls.add_question" in perms``.

    Each question goes to ``user.has_perm`` (``user.has_module_perms`` for ``perms.polls`` on
    its own); without a user, every answer is False.
    """

    __slots__ = ("_request",)

    def __init__(self, request: Any) -> None:
        self._request = request

    @property
    def user(self) -> Any:
        return getattr(self._request, "user", None) if self._request is not None else None

    def __getattr__(self, app_label: str) -> _AppPerms:
        if app_label.startswith("_"):
            raise AttributeError(app_label)
        return _AppPerms(self.user, app_label)

    def __getitem__(self, app_label: str) -> _AppPerms:
        return _AppPerms(self.user, app_label)

    def __contains__(self, perm: object) -> bool:
        name = str(perm)
        if "." in name:
            return _has_perm(self.user, name)
        return _has_module_perms(self.user, name)

    def __iter__(self) -> Iterator[Any]:
        raise TypeError("perms cannot be iterated; test one: perms.app.codename")

    def __repr__(self) -> str:
        return "<PermWrapper>"


class LazyMessages:
    """``messages``: fetched from ``heron.contrib.messages`` only when the template reads them."""

    __slots__ = ("_loaded", "_request")

    def __init__(self, request: Any) -> None:
        self._request = request
        self._loaded: Any = None

    def _load(self) -> Any:
        if self._loaded is None:
            # Imported late: the messages app is optional, and only used when installed.
            module = importlib.import_module(MESSAGES_APP)
            self._loaded = module.get_messages(self._request)
        return self._loaded

    def __iter__(self) -> Iterator[Any]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._load(), name)

    def __repr__(self) -> str:
        return "<LazyMessages>"


def request_values(request: Any, with_messages: bool) -> dict[str, Any]:
    """Return the built-in per-render values for ``request``.

    Without a request, ``request`` and ``user`` stay undefined (they render as ``""`` and
    are false), the CSRF values and the CSP nonce are empty, ``perms`` answers False and
    ``messages`` is empty.
    """
    token = CsrfToken(request)
    values: dict[str, Any] = {
        "csrf_token": token,
        "csrf_input": CsrfInput(token),
        "csp_nonce": CspNonceValue(request),
        "perms": PermWrapper(request),
        "messages": LazyMessages(request) if with_messages and request is not None else [],
    }
    if request is not None:
        values["request"] = request
        values["user"] = getattr(request, "user", None)
    return values


def load_context_processors(paths: Sequence[str]) -> list[ContextProcessor]:
    """Import each ``TEMPLATES_CONTEXT_PROCESSORS`` entry, with errors that name it."""
    if isinstance(paths, str):
        raise ImproperlyConfigured(
            "TEMPLATES_CONTEXT_PROCESSORS must be a list of dotted paths, not a string."
        )
    processors: list[ContextProcessor] = []
    for path in paths:
        try:
            processor = import_string(path, setting="TEMPLATES_CONTEXT_PROCESSORS")
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"TEMPLATES_CONTEXT_PROCESSORS entry {path!r} could not be imported: {exc}"
            ) from exc
        if not callable(processor):
            raise ImproperlyConfigured(
                f"TEMPLATES_CONTEXT_PROCESSORS entry {path!r} is not callable; a context "
                "processor is a function taking the request and returning a dict."
            )
        processors.append(processor)
    return processors


def run_context_processors(
    processors: Sequence[ContextProcessor], request: Any, values: dict[str, Any]
) -> None:
    """Add what each processor returns for ``request`` to ``values``, in order."""
    for processor in processors:
        extra = processor(request)
        if not isinstance(extra, Mapping):
            name = getattr(processor, "__qualname__", repr(processor))
            module = getattr(processor, "__module__", "")
            raise TypeError(
                f"The context processor {module}.{name} returned {type(extra).__name__}; "
                "a context processor must return a dict."
            )
        values.update(extra)
