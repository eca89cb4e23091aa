"""What a rate limit counts by: the client's address, the user, a header, a form field.

``key`` is one of

* ``"ip"``: the client's address (``request.client_ip``: the socket's peer, or the address a
  proxy listed in ``TRUSTED_PROXIES`` forwarded; X-Forwarded-For is never trusted
  otherwise). IPv6 addresses count per ``/RATELIMIT_IPV6_PREFIX`` network (default /64),
  because one client usually holds a whole /64;
* ``"user"``: ``request.user.pk`` when the user is authenticated, else the address as above;
* ``"header:<name>"``: the value of a request header (e.g. ``"header:x-api-key"``);
* ``"post:<field>"`` / ``"get:<field>"``: a form field or query parameter (e.g. the
  username being signed in);
* a callable ``key(request) -> str``.

A missing header or field counts as the empty string: all requests without it share one
counter.
"""

from __future__ import annotations

from collections.abc import Callable
from ipaddress import IPv6Address, IPv6Network, ip_address
from typing import Any

from heron.conf import settings
from heron.http import HttpRequest

__all__ = ["Key", "check_key", "client_address", "key_value"]

Key = str | Callable[[HttpRequest], str]


def client_address(request: HttpRequest) -> str:
    """The address a limit counts by: IPv6 reduced to its ``RATELIMIT_IPV6_PREFIX`` network."""
    address = request.client_ip or ""
    try:
        parsed = ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        prefix = int(settings.RATELIMIT_IPV6_PREFIX)
        return str(IPv6Network((parsed, prefix), strict=False))
    return str(parsed)


def _user(request: HttpRequest) -> str:
    # Duck-typed: any ``request.user`` with ``is_authenticated`` and ``pk`` will do.
    user: Any = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return f"ip:{client_address(request)}"


def check_key(key: Key) -> None:
    """Raise ``ValueError`` unless ``key`` is a kind of key ``key_value`` understands."""
    if callable(key):
        return
    kind, _, name = key.partition(":")
    if key in ("ip", "user") or (name and kind in ("header", "post", "get")):
        return
    raise ValueError(
        f"Rate limit key {key!r} is not understood: use 'ip', 'user', 'header:<name>', "
        "'post:<field>', 'get:<field>' or a callable taking the request."
    )


def key_value(request: HttpRequest, key: Key) -> str:
    """Return the string ``key`` selects from ``request``."""
    check_key(key)
    if callable(key):
        return str(key(request))
    if key == "ip":
        return client_address(request)
    if key == "user":
        return _user(request)
    kind, _, name = key.partition(":")
    if kind == "header":
        return request.headers.get(name) or ""
    source = request.POST if kind == "post" else request.GET
    return str(source.get(name) or "")
