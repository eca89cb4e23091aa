"""``heron serve``: the production server, with worker processes and no reload.

DEBUG is forced off (``HERON_DEBUG=0`` in the environment, inherited by the workers), so
a real ``SECRET_KEY`` must be configured. Forwarded headers are left to Heron's
``TRUSTED_PROXIES`` handling, so uvicorn's ``proxy_headers`` is off.
"""

from __future__ import annotations

import importlib.util
import os

import click

from heron.checks import run_checks
from heron.cli.checkreport import print_messages
from heron.cli.ports import ensure_port_free
from heron.cli.project import load_project

APP = "heron.asgi:get_application"


def _default_workers() -> int:
    return os.cpu_count() or 1


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@click.command("serve")
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes  [default: the number of CPUs]",
)
@click.option("--no-access-log", is_flag=True, help="Do not log each request.")
@click.option(
    "--graceful-timeout",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Seconds to let requests finish on shutdown.",
)
def command(
    host: str, port: int, workers: int | None, no_access_log: bool, graceful_timeout: int
) -> None:
    """Run the production server (DEBUG off, N worker processes)."""
    os.environ["HERON_DEBUG"] = "0"
    load_project()
    if print_messages(run_checks(include_deployment_checks=True)):
        raise click.ClickException("Fix the errors above before serving.")
    ensure_port_free(host, port)
    count = workers or _default_workers()
    click.echo(f"Heron serving on http://{host}:{port}/ with {count} worker(s).")

    import uvicorn

    uvicorn.run(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=count,
        reload=False,
        access_log=not no_access_log,
        proxy_headers=False,
        server_header=False,
        http="httptools" if _available("httptools") else "h11",
        loop="uvloop" if _available("uvloop") else "asyncio",
        timeout_graceful_shutdown=graceful_timeout,
    )
