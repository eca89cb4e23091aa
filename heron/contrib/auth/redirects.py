"""Safe redirects after sign-in: only to this site, never to another host or a script.

``next`` comes from the query string or a form field, so an attacker can set it; a
redirect to ``https://evil.example/`` or ``//evil.example`` would send a freshly signed-in
user to their site (an open redirect). ``url_is_safe`` accepts only relative URLs and
absolute ones whose host is allowed, with http(s) schemes (https only when required).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from heron.conf import settings
from heron.http import HttpResponseRedirect
from heron.shortcuts import resolve_url

__all__ = ["redirect_to_login", "safe_next_url", "url_is_safe"]


def url_is_safe(
    url: str | None, allowed_hosts: Iterable[str], *, require_https: bool = False
) -> bool:
    """Whether redirecting to ``url`` stays on one of ``allowed_hosts``."""
    if not url:
        return False
    url = url.strip()
    if any(unicodedata.category(ch)[0] == "C" for ch in url):
        return False  # control characters: browsers strip some and read the rest differently
    hosts = {h for h in allowed_hosts if h}
    # Browsers treat backslashes as slashes: "/\\evil.example" is "//evil.example".
    return _safe(url, hosts, require_https) and _safe(url.replace("\\", "/"), hosts, require_https)


def _safe(url: str, hosts: set[str], require_https: bool) -> bool:
    if url.startswith("///"):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if not parts.netloc and parts.scheme:
        return False  # "javascript:alert(1)", "data:...", "http:evil"
    scheme = parts.scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return False
    if require_https and scheme == "http":
        return False
    if parts.netloc:
        return parts.netloc.lower() in {h.lower() for h in hosts}
    return True


def safe_next_url(request: Any, url: str | None, *, default: str = "") -> str:
    """``url`` when safe for ``request`` (its own host, https if the request was), else
    ``default``."""
    hosts = {request.get_host()}
    if url_is_safe(url, hosts, require_https=request.is_secure()):
        return str(url)
    return default


def redirect_to_login(
    next_url: str, login_url: str | None = None, redirect_field_name: str = "next"
) -> HttpResponseRedirect:
    """A redirect to the sign-in page that comes back to ``next_url`` afterwards."""
    target = resolve_url(login_url or settings.LOGIN_URL)
    parts = list(urlsplit(target))
    if redirect_field_name:
        query = parts[3]
        extra = urlencode({redirect_field_name: next_url}, safe="/", quote_via=quote)
        parts[3] = f"{query}&{extra}" if query else extra
    return HttpResponseRedirect(urlunsplit(parts))
