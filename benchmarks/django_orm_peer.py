"""Django's side of ``benchmarks/orm.py``; runs in ``benchmarks/.venv-peers``, never in .venv.

``orm.py`` starts it as ``django_orm_peer.py DB_PATH ROWS`` and talks to it over pipes, one
JSON object per line, so Django's measurements interleave with Heron's in the same run:

* on start-up it prints ``{"ready": true, "django": VERSION}``;
* ``{"op": "get", "n": N}`` times ``Item.objects.get(pk=...)`` N times;
* ``{"op": "fetch100", "n": N}`` times ``list(Item.objects.all()[:100])`` N times;
* ``{"op": "bulk", "rows": R}`` drops and recreates its own table and times one
  ``bulk_create`` of R unsaved instances (built before the clock starts);

and answers each with ``{"us": MICROSECONDS_PER_OPERATION}``. EOF on stdin ends it.

The model maps onto the ``bench_item`` table that ``orm.py`` creates and fills with Heron in
the same SQLite file; settings mirror Heron's (``DEBUG = False``, ``USE_TZ = True``, UTC).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import django
from django.conf import settings


def configure(path: str) -> None:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-only",
        USE_TZ=True,
        TIME_ZONE="UTC",
        INSTALLED_APPS=[],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": path}},
    )
    django.setup()


def main() -> int:
    path, rows = sys.argv[1], int(sys.argv[2])
    configure(path)

    from datetime import UTC, datetime

    from django.db import connection, models

    class Item(models.Model):
        name = models.CharField(max_length=100)
        n = models.IntegerField()
        created = models.DateTimeField()

        class Meta:
            app_label = "bench"
            db_table = "bench_item"

    class BulkItem(models.Model):
        name = models.CharField(max_length=100)
        n = models.IntegerField()
        created = models.DateTimeField()

        class Meta:
            app_label = "bench"
            db_table = "bench_djangobulk"

    created = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

    def bench_get(n: int) -> float:
        get = Item.objects.get
        start = time.perf_counter()
        for i in range(n):
            get(pk=i % rows + 1)
        return (time.perf_counter() - start) / n * 1e6

    def bench_fetch100(n: int) -> float:
        objects = Item.objects
        start = time.perf_counter()
        for _ in range(n):
            list(objects.all()[:100])
        return (time.perf_counter() - start) / n * 1e6

    def bench_bulk(count: int) -> float:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {BulkItem._meta.db_table}")
        with connection.schema_editor() as editor:
            editor.create_model(BulkItem)
        objs = [BulkItem(name=f"row {i}", n=i, created=created) for i in range(count)]
        start = time.perf_counter()
        BulkItem.objects.bulk_create(objs)
        elapsed = time.perf_counter() - start
        if BulkItem.objects.count() != count:
            raise RuntimeError("bulk_create did not insert every row")
        return elapsed * 1e6

    # Check the shared table reads back as expected before anything is timed.
    first = Item.objects.get(pk=1)
    if first.created != created or first.n != 1:
        raise RuntimeError(f"unexpected row from bench_item: {first.__dict__}")

    ops: dict[str, Any] = {
        "get": lambda cmd: bench_get(cmd["n"]),
        "fetch100": lambda cmd: bench_fetch100(cmd["n"]),
        "bulk": lambda cmd: bench_bulk(cmd["rows"]),
    }
    print(json.dumps({"ready": True, "django": django.get_version()}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        print(json.dumps({"us": ops[command["op"]](command)}), flush=True)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {BulkItem._meta.db_table}")
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
