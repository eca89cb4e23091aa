"""Processes sharing Redis or a database server share the counts (the scale-out case)."""

from __future__ import annotations

import json
import subprocess
import sys

from heron.conf import settings
from tests.cache.conftest import CacheSetup

WORKER = """
import json, sys
from heron.conf import settings
from heron.ratelimit import hit

settings.configure(DEBUG=True, SECRET_KEY="test", **json.loads(sys.argv[1]))
allowed = sum(hit("shared-client", "12/h").allowed for _ in range(10))
print(allowed)
"""


def test_two_processes_count_as_one(shared_setup: CacheSetup) -> None:
    shared_setup.configure()
    shared = json.dumps({"CACHES": settings.CACHES, "DATABASES": settings.DATABASES})
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, shared], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    allowed = [int(worker.communicate(timeout=120)[0]) for worker in workers]
    assert sum(allowed) == 12  # 20 attempts, one limit of 12 across both processes
