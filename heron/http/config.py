"""``RequestConfig``: the settings a request needs, read once instead of on every request.

The ASGI application builds one with ``RequestConfig.from_settings(settings)`` at start-up
and passes it to every ``HttpRequest``. Code that builds requests without one (tests,
scripts) gets ``current_config()``: built from ``heron.conf.settings`` when they are
configured, else ``RequestConfig.default()``, and rebuilt whenever settings change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import Any

from heron.conf import defaults, settings
from heron.conf.exceptions import ImproperlyConfigured
from heron.conf.settings import on_change

__all__ = ["RequestConfig", "current_config"]

IPNetwork = IPv4Network | IPv6Network

# Allowed when DEBUG is on and ALLOWED_HOSTS is empty (".localhost" covers its subdomains).
DEBUG_HOSTS = (".localhost", "127.0.0.1", "[::1]")

_RELEVANT = frozenset(
    {
        "DEBUG",
        "ALLOWED_HOSTS",
        "TRUSTED_PROXIES",
        "DATA_UPLOAD_MAX_MEMORY_SIZE",
        "DATA_UPLOAD_MAX_NUMBER_FIELDS",
        "DATA_UPLOAD_MAX_NUMBER_FILES",
        "FILE_UPLOAD_MAX_MEMORY_SIZE",
        "FILE_UPLOAD_MAX_SIZE",
        "FILE_UPLOAD_TEMP_DIR",
        "DEFAULT_CHARSET",
    }
)


def parse_trusted_proxies(entries: Any) -> tuple[IPNetwork, ...]:
    """Parse TRUSTED_PROXIES entries (addresses or CIDR networks) into networks."""
    if isinstance(entries, str):
        entries = [entries]
    networks: list[IPNetwork] = []
    for entry in entries:
        try:
            networks.append(ip_network(str(entry).strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES entry {entry!r} is not an IP address or network; "
                "write e.g. '10.0.0.1' or '10.0.0.0/8'."
            ) from None
    return tuple(networks)


def _normalize_host(pattern: str) -> str:
    pattern = pattern.strip().lower()
    return pattern[:-1] if pattern.endswith(".") and pattern != "." else pattern


@dataclass(frozen=True, slots=True)
class RequestConfig:
    """What requests need from settings, frozen so no request looks settings up.

    ``allowed_hosts`` holds the patterns as configured; ``host_patterns`` the ones enforced
    (with DEBUG on and nothing configured: localhost, 127.0.0.1 and [::1]). Size limits of
    ``None`` mean "no limit".
    """

    debug: bool = False
    allowed_hosts: tuple[str, ...] = ()
    trusted_proxies: tuple[IPNetwork, ...] = ()
    data_upload_max_memory_size: int | None = defaults.DATA_UPLOAD_MAX_MEMORY_SIZE
    data_upload_max_number_fields: int | None = defaults.DATA_UPLOAD_MAX_NUMBER_FIELDS
    data_upload_max_number_files: int | None = defaults.DATA_UPLOAD_MAX_NUMBER_FILES
    file_upload_max_memory_size: int = defaults.FILE_UPLOAD_MAX_MEMORY_SIZE
    file_upload_max_size: int | None = defaults.FILE_UPLOAD_MAX_SIZE
    file_upload_temp_dir: str | None = defaults.FILE_UPLOAD_TEMP_DIR
    default_charset: str = defaults.DEFAULT_CHARSET
    host_patterns: tuple[str, ...] = field(init=False, repr=False, compare=False)
    # Host header values already checked and allowed (bounded; see HttpRequest.get_host).
    allowed_host_cache: dict[bytes, str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        hosts = tuple(_normalize_host(h) for h in self.allowed_hosts)
        object.__setattr__(self, "allowed_hosts", hosts)
        if isinstance(self.trusted_proxies, str) or any(
            not isinstance(n, IPv4Network | IPv6Network) for n in self.trusted_proxies
        ):
            object.__setattr__(self, "trusted_proxies", parse_trusted_proxies(self.trusted_proxies))
        patterns = hosts if hosts or not self.debug else DEBUG_HOSTS
        object.__setattr__(self, "host_patterns", patterns)

    @classmethod
    def from_settings(cls, settings_obj: Any) -> RequestConfig:
        """Read the request settings from a ``Settings`` object (or ``heron.conf.settings``)."""
        return cls(
            debug=bool(settings_obj.DEBUG),
            allowed_hosts=tuple(settings_obj.ALLOWED_HOSTS),
            trusted_proxies=parse_trusted_proxies(settings_obj.TRUSTED_PROXIES),
            data_upload_max_memory_size=settings_obj.DATA_UPLOAD_MAX_MEMORY_SIZE,
            data_upload_max_number_fields=settings_obj.DATA_UPLOAD_MAX_NUMBER_FIELDS,
            data_upload_max_number_files=settings_obj.DATA_UPLOAD_MAX_NUMBER_FILES,
            file_upload_max_memory_size=settings_obj.FILE_UPLOAD_MAX_MEMORY_SIZE,
            file_upload_max_size=settings_obj.FILE_UPLOAD_MAX_SIZE,
            file_upload_temp_dir=settings_obj.FILE_UPLOAD_TEMP_DIR,
            default_charset=settings_obj.DEFAULT_CHARSET,
        )

    @classmethod
    def default(cls) -> RequestConfig:
        """Return the framework defaults with DEBUG on (so localhost hosts are allowed)."""
        return cls(debug=True)


_current: RequestConfig | None = None


def current_config() -> RequestConfig:
    """Return the config for the settings in force (cached until settings change)."""
    global _current
    config = _current
    if config is None:
        if settings.configured:
            config = RequestConfig.from_settings(settings)
        else:
            config = RequestConfig.default()
        _current = config
    return config


@on_change
def _forget(names: set[str]) -> None:
    global _current
    if names & _RELEVANT:
        _current = None
