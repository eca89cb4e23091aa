"""Fail loudly when CI=true and a service the suite needs is not reachable.

Locally (CI unset) this only reports what it finds; the suite runs on SQLite and skips nothing
that needs a service it was not given.
"""

from __future__ import annotations

import os
import socket
import sys
from urllib.parse import urlsplit

SERVICES = {
    "PostgreSQL": "HERON_TEST_POSTGRES_URL",
    "MariaDB": "HERON_TEST_MYSQL_URL",
    "Redis": "HERON_TEST_REDIS_URL",
}
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306, "redis": 6379}


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=3):
            return True
    except OSError:
        return False


def main() -> int:
    in_ci = os.environ.get("CI") == "true"
    missing = []
    for name, var in SERVICES.items():
        url = os.environ.get(var)
        if not url:
            if in_ci:
                missing.append(f"{name}: {var} is not set")
            continue
        if not reachable(url):
            missing.append(f"{name}: nothing answers at {url}")
    if missing and in_ci:
        print("CI=true but these services are missing:", file=sys.stderr)
        for line in missing:
            print("  -", line, file=sys.stderr)
        return 1
    for line in missing:
        print("note:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
