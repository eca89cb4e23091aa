"""Redirect responses: ``HttpResponseRedirect`` (302) and ``HttpResponsePermanentRedirect`` (301).

The target may be relative (``/polls/``) or absolute with an http, https, ftp or mailto
scheme; any other scheme (``javascript:``, ``data:``) raises ``DisallowedRedirect``. Checking
that an absolute target is on an allowed *host* (against open redirects) is the caller's
job.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from .exceptions import DisallowedRedirect
from .response import HeadersArg, HttpResponse

__all__ = ["HttpResponsePermanentRedirect", "HttpResponseRedirect", "HttpResponseRedirectBase"]

ALLOWED_SCHEMES = frozenset({"http", "https", "ftp", "mailto"})
# Reserved and unreserved characters, plus '%' so existing escapes survive (as IRI-to-URI).
_URL_SAFE = "/#%[]=:;$&()+,!?*@'~-._"


def _check_redirect(url: str) -> str:
    if any(char in url for char in "\r\n\x00"):
        raise DisallowedRedirect(f"Unsafe redirect to a URL containing a newline: {url!r}.")
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in ALLOWED_SCHEMES:
        raise DisallowedRedirect(
            f"Unsafe redirect to URL with scheme {scheme!r}: only http, https, ftp and mailto "
            "(or a relative URL) are allowed."
        )
    return quote(url, safe=_URL_SAFE)


class HttpResponseRedirectBase(HttpResponse):
    """A redirect to ``redirect_to``, in the Location header (non-ASCII characters escaped)."""

    def __init__(
        self,
        redirect_to: str,
        content: object = b"",
        content_type: str | None = None,
        status: int | None = None,
        headers: HeadersArg = None,
    ) -> None:
        super().__init__(content, content_type=content_type, status=status, headers=headers)
        self.headers["Location"] = _check_redirect(str(redirect_to))

    @property
    def url(self) -> str:
        """The redirect target, as sent in the Location header."""
        return self.headers["location"]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} status_code={self.status_code}, url={self.url!r}>"


class HttpResponseRedirect(HttpResponseRedirectBase):
    """302 Found: a temporary redirect."""

    status_code = 302


class HttpResponsePermanentRedirect(HttpResponseRedirectBase):
    """301 Moved Permanently."""

    status_code = 301
