"""Check that the server's port can be bound before a command announces its URL."""

from __future__ import annotations

import errno
import socket

import click

__all__ = ["ensure_port_free"]

_SUGGESTIONS = 20
"""Ports after the taken one tried when suggesting a free one."""


def _bind(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # The same option the server sets, so a port in TIME_WAIT is not reported as taken.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))


def _free_port_after(host: str, port: int) -> int:
    for candidate in range(port + 1, min(port + 1 + _SUGGESTIONS, 65536)):
        try:
            _bind(host, candidate)
        except OSError:
            continue
        return candidate
    return port + 1


def ensure_port_free(host: str, port: int) -> None:
    """Raise a CLI error that says how to fix it when ``host:port`` cannot be bound.

    Port 0 (any free port) is not checked. The check leaves a small window before the server
    binds; it is there so that the common mistake (another server still running) is told
    before the URL is announced, with the fix.
    """
    if port == 0:
        return
    try:
        _bind(host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            other = _free_port_after(host, port)
            raise click.ClickException(
                f"port {port} is in use: stop the other server or use --port {other}"
            ) from None
        if exc.errno == errno.EACCES:
            raise click.ClickException(
                f"port {port} needs extra privileges on this system: use a port above 1023, "
                "e.g. --port 8000"
            ) from None
        if exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(
            exc, socket.gaierror
        ):
            raise click.ClickException(
                f"cannot listen on {host}: it is not an address of this machine ({exc.strerror}); "
                "use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface)"
            ) from None
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc}") from None
