"""This machine's fully qualified name, looked up once per process."""

from __future__ import annotations

import functools
import socket

__all__ = ["local_hostname"]


@functools.cache
def local_hostname() -> str:
    """Return ``socket.getfqdn()``, cached: it can ask DNS, which is slow on some hosts.

    Used as the domain of Message-ID headers and in the SMTP greeting (EHLO).
    """
    return socket.getfqdn()
