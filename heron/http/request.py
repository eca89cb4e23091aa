"""``HttpRequest``: one HTTP request, built from an ASGI scope and its body.

Construction only stores the scope: headers, ``GET``, ``POST``, ``FILES`` and ``COOKIES`` are
parsed the first time they are read. Proxy headers (X-Forwarded-For/-Proto/-Host/-Port) are
honoured only when the direct peer, ``scope["client"]``, is in TRUSTED_PROXIES; of a
comma-separated list, the right-most value (the one the trusted proxy added) is used.
"""

from __future__ import annotations

import re
import secrets
from ipaddress import ip_address
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import orjson

from heron._internal.cached import cached_attr

from .body import RequestBody
from .config import RequestConfig, current_config
from .cookies import parse_cookie
from .datastructures import MultiValueDict, QueryDict
from .exceptions import BadRequest, DisallowedHost, RequestDataTooBig
from .headers import Headers, parse_header_value
from .uploads import UploadedFile

__all__ = ["HttpRequest"]

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# A host name (RFC 1034/1035 letters, digits, '-', '.', and '_' seen in the wild) or an IP
# literal in brackets, then an optional port.
_HOST_RE = re.compile(r"(?P<domain>[a-z0-9_.-]+|\[[a-f0-9:.]+\])(?::(?P<port>[0-9]{1,5}))?\Z")
# Characters left unescaped when a decoded path is turned back into a URL (RFC 3986 pchar).
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _empty_files() -> MultiValueDict[UploadedFile]:
    return MultiValueDict()


def split_host(host: str) -> tuple[str, str] | None:
    """Split ``host[:port]`` into lower-cased ``(domain, port)``, or None if it is malformed."""
    match = _HOST_RE.match(host.lower())
    if match is None:
        return None
    domain = match.group("domain")
    if domain.endswith("."):
        domain = domain[:-1]
    return domain, match.group("port") or ""


def host_allowed(domain: str, patterns: tuple[str, ...]) -> bool:
    """Return whether ``domain`` matches an ALLOWED_HOSTS pattern.

    ``*`` matches anything; ``.example.com`` matches example.com and every subdomain; other
    patterns match exactly (case-insensitive).
    """
    for pattern in patterns:
        if pattern == "*" or pattern == domain:
            return True
        if pattern.startswith(".") and (domain.endswith(pattern) or domain == pattern[1:]):
            return True
    return False


class HttpRequest:
    """An HTTP request: the ASGI ``scope`` plus the body, parsed on demand.

    Any attribute may be added (middleware sets ``request.user`` and ``request.session``).
    ``path`` is the full path including the ASGI ``root_path``; ``path_info`` is the part the
    URL resolver matches. Call ``close()`` when the response has been sent, to release
    temporary files of large bodies and uploads.
    """

    resolver_match: Any = None
    # The validated host, cached by get_host(); the ASGI application fills it in when the
    # Host header is one an earlier request already validated.
    _host: str | None = None
    # An error found before the view (a malformed path, a body over the limit), set by the
    # ASGI application: the request cycle raises it in place of the view, so it is answered
    # through the middleware like any other error.
    _early_error: BaseException | None = None

    def __init__(
        self,
        scope: dict[str, Any],
        body: RequestBody | bytes = b"",
        config: RequestConfig | None = None,
    ) -> None:
        self.scope = scope
        self._body = body
        self.config = config if config is not None else current_config()
        self.method: str = scope.get("method", "GET").upper()
        path: str = scope.get("path", "/")
        root = scope.get("root_path", "")
        if not root:
            self.path = self.path_info = path
        elif path.startswith(root):
            # Servers that follow the newer ASGI reading include root_path in path.
            self.path, self.path_info = path, path[len(root) :] or "/"
        else:
            self.path, self.path_info = root + path, path

    @property
    def url_kwargs(self) -> dict[str, Any]:
        """The keyword arguments the URL pattern captured (empty before resolving)."""
        match = self.resolver_match
        return dict(match.kwargs) if match is not None else {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.method} {self.get_full_path()!r}>"

    # Headers and parsed parts, all lazy.

    @cached_attr
    def headers(self) -> Headers:
        """The request headers (case-insensitive, read-only)."""
        return Headers(self.scope.get("headers", ()))

    @cached_attr
    def GET(self) -> QueryDict:
        """The query string parameters."""
        return QueryDict.from_query_string(
            self.scope.get("query_string", b""),
            max_fields=self.config.data_upload_max_number_fields,
        )

    @cached_attr
    def POST(self) -> QueryDict:
        """Form fields of an urlencoded or multipart body; empty for other content types."""
        self._load_form()
        return self.__dict__["POST"]  # type: ignore[no-any-return]

    @cached_attr
    def FILES(self) -> MultiValueDict[UploadedFile]:
        """Uploaded files of a multipart body."""
        self._load_form()
        return self.__dict__["FILES"]  # type: ignore[no-any-return]

    @cached_attr
    def COOKIES(self) -> dict[str, str]:
        """The cookies sent by the client (malformed pairs are skipped)."""
        return parse_cookie(self.headers.get("cookie") or "")

    @cached_attr
    def csp_nonce(self) -> str:
        """A random value for this request's inline ``<script>``/``<style>`` (``nonce=...``).

        Made on first read, so requests that never read it pay nothing;
        ``ContentSecurityPolicyMiddleware`` adds it to the response's policy only when it
        was read (see docs/security.md). ``{{ csp_nonce }}`` in templates.
        """
        return secrets.token_urlsafe(18)

    @cached_attr
    def _content_type(self) -> tuple[str, dict[str, str]]:
        return parse_header_value(self.headers.get("content-type") or "")

    @property
    def content_type(self) -> str:
        """The media type of the body, lower-cased, e.g. ``"application/json"``."""
        return self._content_type[0]

    @property
    def content_params(self) -> dict[str, str]:
        """The Content-Type parameters, e.g. ``{"charset": "utf-8"}``."""
        return self._content_type[1]

    @property
    def encoding(self) -> str:
        """The charset used to decode form data: the Content-Type charset, else the default.

        Setting it discards the parsed ``GET`` and ``POST`` so they are decoded again.
        """
        explicit: str | None = self.__dict__.get("_encoding")
        if explicit is not None:
            return explicit
        return self.content_params.get("charset") or self.config.default_charset

    @encoding.setter
    def encoding(self, value: str) -> None:
        self.__dict__["_encoding"] = value
        self.__dict__.pop("GET", None)
        self.__dict__.pop("POST", None)

    # The body.

    @property
    def body(self) -> bytes:
        """The raw body (read into memory even if it was spooled to disk)."""
        data = self._body if isinstance(self._body, bytes) else self._body.read()
        limit = self.config.data_upload_max_memory_size
        if (
            limit is not None
            and len(data) > limit
            and not self.content_type.startswith("multipart/")
        ):
            raise RequestDataTooBig(
                f"The request body is {len(data)} bytes, over DATA_UPLOAD_MAX_MEMORY_SIZE "
                f"({limit})."
            )
        return data

    def json(self) -> Any:
        """Parse the body as JSON (with orjson); an empty or invalid body raises ``BadRequest``."""
        data = self.body
        if not data:
            raise BadRequest("The request body is empty; expected JSON.")
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise BadRequest(f"The request body is not valid JSON: {exc}") from None

    def _load_form(self) -> None:
        content_type = self.content_type
        files: MultiValueDict[UploadedFile]
        if content_type == "multipart/form-data":
            # lazy: python-multipart loads only when a multipart body arrives
            from .multipart import parse_multipart

            raw = self._body
            stream = RequestBody(raw).file if isinstance(raw, bytes) else raw.file
            post, files = parse_multipart(stream, self.content_params, self.config)
        elif content_type == "application/x-www-form-urlencoded":
            post = QueryDict.from_query_string(
                self.body,
                max_fields=self.config.data_upload_max_number_fields,
                encoding=self.encoding,
                source="form body",
            )
            files = _empty_files()
        else:
            post, files = QueryDict(), _empty_files()
        self.__dict__["POST"] = post
        self.__dict__["FILES"] = files

    def close(self) -> None:
        """Close uploaded files and the body's temporary file, if any."""
        files: MultiValueDict[UploadedFile] | None = self.__dict__.get("FILES")
        if files is not None:
            for _, uploads in files.lists():
                for upload in uploads:
                    upload.close()
        if isinstance(self._body, RequestBody):
            self._body.close()

    # Where the request came from.

    @cached_attr
    def _from_trusted_proxy(self) -> bool:
        networks = self.config.trusted_proxies
        client = self.scope.get("client")
        if not networks or not client:
            return False
        try:
            peer = ip_address(client[0])
        except ValueError:
            return False
        return any(peer in network for network in networks)

    def _forwarded(self, name: str) -> str | None:
        """Return the right-most value of X-Forwarded-``name`` if the peer is trusted."""
        if not self.config.trusted_proxies or not self._from_trusted_proxy:
            return None
        value = self.headers.get(name)
        if not value:
            return None
        return value.rsplit(",", 1)[-1].strip() or None

    @cached_attr
    def scheme(self) -> str:
        """``"http"`` or ``"https"`` (X-Forwarded-Proto from a trusted proxy wins)."""
        forwarded = self._forwarded("x-forwarded-proto")
        if forwarded and forwarded.lower() in ("http", "https"):
            return forwarded.lower()
        return str(self.scope.get("scheme", "http"))

    def is_secure(self) -> bool:
        """Return whether the request came over HTTPS."""
        return self.scheme == "https"

    @cached_attr
    def client_ip(self) -> str | None:
        """The client's IP address.

        Behind trusted proxies, this is the right-most X-Forwarded-For address that is not
        itself a trusted proxy; without them, the direct peer. None when the server does not
        say.
        """
        client = self.scope.get("client")
        peer: str | None = client[0] if client else None
        if not self._from_trusted_proxy:
            return peer
        forwarded = self.headers.get("x-forwarded-for")
        if not forwarded:
            return peer
        networks = self.config.trusted_proxies
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        for hop in reversed(hops):
            try:
                address = ip_address(hop)
            except ValueError:
                return hop
            if not any(address in network for network in networks):
                return hop
        return hops[0] if hops else peer

    def _raw_host(self) -> str:
        if self.config.trusted_proxies and self._from_trusted_proxy:
            host = self._forwarded("x-forwarded-host") or self.headers.get("host")
        elif "headers" in self.__dict__:
            host = self.headers.get("host")
        else:
            # The common case, on every request: find Host without building Headers.
            host = None
            for name, value in self.scope.get("headers", ()):
                if name == b"host":
                    text = bytes(value).decode("latin-1")
                    # Two Host headers join into a value that fails validation, as they should.
                    host = text if host is None else f"{host}, {text}"
        if host:
            return host
        server = self.scope.get("server")
        if not server:
            return ""
        name, port = server[0], server[1]
        if port is None or _DEFAULT_PORTS.get(self.scheme) == port:
            return str(name)
        return f"{name}:{port}"

    def get_host(self) -> str:
        """Return the host (with port if sent), checked against ALLOWED_HOSTS.

        Raises ``DisallowedHost`` when the host is malformed or not allowed.
        """
        cached = self._host
        if cached is not None:
            return cached
        state = self.__dict__
        config = self.config
        known = config.allowed_host_cache
        if not config.trusted_proxies:
            # Fast path, taken on nearly every request: one Host header already seen
            # and allowed; no Headers object, no decoding.
            raw: bytes | None = None
            for name, value in self.scope.get("headers", ()):
                if name == b"host":
                    if raw is not None:
                        raw = None  # two Host headers: let the full check refuse them
                        break
                    raw = value
            if raw is not None:
                cached = known.get(raw)
                if cached is not None:
                    state["_host"] = cached
                    return cached
        host = self._raw_host()
        parts = split_host(host)
        if parts is None:
            raise DisallowedHost(
                f"Invalid HTTP_HOST header: {host!r}. The domain name provided is not valid "
                "according to RFC 1034/1035."
            )
        domain = parts[0]
        allowed = host_allowed(domain, self.config.host_patterns)
        if not allowed and not (
            # Heron's in-process test client (only ASGI callers can set scope keys) uses
            # "testserver", which every test run accepts, as Django's test runner does.
            domain == "testserver" and self.scope.get("heron.test_client")
        ):
            raise DisallowedHost(
                f"Invalid HTTP_HOST header: {host!r}. You may need to add {domain!r} to "
                "ALLOWED_HOSTS."
            )
        if allowed and len(known) < 64:  # bounded: clients choose Host values
            known[host.encode("latin-1")] = host
        self.__dict__["_host"] = host
        return host

    def get_port(self) -> str:
        """Return the port the client connected to, as a string."""
        forwarded = self._forwarded("x-forwarded-port")
        if forwarded and forwarded.isdigit():
            return forwarded
        server = self.scope.get("server")
        if server and server[1] is not None:
            return str(server[1])
        return str(_DEFAULT_PORTS.get(self.scheme, 80))

    # URLs.

    def get_full_path(self) -> str:
        """Return the path with the query string, escaped as a URL (``/a%20b?x=1``)."""
        path = quote(self.path, safe=_PATH_SAFE)
        query: bytes = self.scope.get("query_string", b"")
        return f"{path}?{query.decode('latin-1')}" if query else path

    def build_absolute_uri(self, location: str | None = None) -> str:
        """Return an absolute URL for ``location`` (default: this request's full path).

        Relative locations are joined to the current URL; absolute ones are returned as is.
        """
        if location is None:
            location = self.get_full_path()
        parts = urlsplit(location)
        if parts.scheme and parts.netloc:
            return location
        current = f"{self.scheme}://{self.get_host()}{quote(self.path, safe=_PATH_SAFE)}"
        return urljoin(current, location)
