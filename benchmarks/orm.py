"""Heron's ORM benchmark: raw drivers, Heron's ORM and Django's ORM, in one run.

Run it with ``make bench`` (after the HTTP benchmark) or ``.venv/bin/python benchmarks/orm.py``
(``--help`` for options). Django runs in ``benchmarks/.venv-peers`` (made by ``run.py``'s
helper on first use, never in the project's venv) as ``benchmarks/django_orm_peer.py``, a
child process that takes commands over a pipe, so its measurements interleave with Heron's.

Every number is µs per operation, the best of ``--rounds`` rounds (each round measures every
variant back to back, so drift in machine load hits them alike):

1. fetch by primary key on SQLite: raw sqlite3 (``execute(sql, (pk,)).fetchone()``, the row
   is a tuple) vs ``Item.objects.get(pk=n)`` vs Django's ``Item.objects.get(pk=n)``, all on
   the same file and table (1,000 rows);
2. fetch 100 rows: raw ``fetchall()`` vs ``list(Item.objects.all()[:100])`` vs Django;
3. ``bulk_create`` of 10,000 unsaved instances into a freshly created table: Heron vs Django
   (and raw ``executemany`` in one transaction, for scale);
4. async fetch by primary key on PostgreSQL: raw psycopg ``AsyncConnection`` (one cursor,
   ``await cur.execute(...)``, ``await cur.fetchone()``) vs ``await Item.objects.aget(pk=n)``
   on the ``pg`` alias. It creates and drops its own database (``heron_bench``) and is
   skipped with a note when PostgreSQL does not answer.

Results go to stdout as a table with the issue's targets and to
``benchmarks/results/orm.json``. See docs/benchmarks.md, section "ORM".
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from run import PEERS_BIN, RESULTS_DIR, BenchError, ensure_peers_venv, log, shown

BENCH_DIR = Path(__file__).resolve().parent
PEER_SCRIPT = BENCH_DIR / "django_orm_peer.py"

ROWS = 1_000
CREATED = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
COLUMNS = "id, name, n, created"
SQL_GET = f"SELECT {COLUMNS} FROM bench_item WHERE id = ?"
SQL_FETCH100 = f"SELECT {COLUMNS} FROM bench_item LIMIT 100"
PG_DATABASE = "heron_bench"

# (ratio key, label, comparison, target): the performance targets
TARGETS = [
    ("get_heron_vs_raw", "get by pk: Heron / raw sqlite3", "<=", 3.0),
    ("get_django_vs_heron", "get by pk: Django / Heron", ">=", 10.0),
    ("fetch100_heron_vs_raw", "100 rows: Heron / raw sqlite3", "<=", 3.0),
    ("bulk_django_vs_heron", "bulk_create 10k: Django / Heron", ">=", 2.0),
    ("pg_aget_heron_vs_raw", "async get by pk (PG): Heron / raw psycopg", "<=", 1.5),
]


def per_op(start: float, n: int) -> float:
    return (time.perf_counter() - start) / n * 1e6


# --- Heron -----------------------------------------------------------------------------------


def setup_heron(sqlite_path: str, pg: dict[str, Any] | None) -> tuple[type[Any], type[Any]]:
    """Configure Heron in-process and declare the two benchmark models."""
    import heron

    databases: dict[str, Any] = {"default": {"ENGINE": "sqlite", "NAME": sqlite_path}}
    if pg is not None:
        databases["pg"] = {"ENGINE": "postgresql", "NAME": PG_DATABASE, **pg}
    heron.setup(DEBUG=False, SECRET_KEY="bench-only", DATABASES=databases, INSTALLED_APPS=[])

    from heron.db import models

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
            db_table = "bench_heronbulk"

    return Item, BulkItem


def seed(item: type[Any], alias: str) -> None:
    from heron.db.models.schema import create_tables, drop_tables

    drop_tables(alias, [item])
    create_tables(alias, [item])
    rows = [item(id=i, name=f"row {i}", n=i, created=CREATED) for i in range(1, ROWS + 1)]
    item.objects.using(alias).bulk_create(rows)
    check = item.objects.using(alias).get(pk=1)
    if (check.name, check.n, check.created) != ("row 1", 1, CREATED):
        raise BenchError(f"unexpected row read back from {alias}: {vars(check)}")


def heron_get(item: type[Any], n: int) -> float:
    get = item.objects.get
    start = time.perf_counter()
    for i in range(n):
        get(pk=i % ROWS + 1)
    return per_op(start, n)


def heron_fetch100(item: type[Any], n: int) -> float:
    objects = item.objects
    start = time.perf_counter()
    for _ in range(n):
        list(objects.all()[:100])
    return per_op(start, n)


def heron_bulk(bulk_item: type[Any], rows: int) -> float:
    from heron.db.models.schema import create_tables, drop_tables

    drop_tables("default", [bulk_item])
    create_tables("default", [bulk_item])
    objs = [bulk_item(name=f"row {i}", n=i, created=CREATED) for i in range(rows)]
    start = time.perf_counter()
    bulk_item.objects.bulk_create(objs)
    elapsed = time.perf_counter() - start
    if bulk_item.objects.count() != rows:
        raise BenchError("Heron's bulk_create did not insert every row")
    return elapsed * 1e6


# --- raw sqlite3 -----------------------------------------------------------------------------


def raw_get(conn: sqlite3.Connection, n: int) -> float:
    execute = conn.execute
    start = time.perf_counter()
    for i in range(n):
        execute(SQL_GET, (i % ROWS + 1,)).fetchone()
    return per_op(start, n)


def raw_fetch100(conn: sqlite3.Connection, n: int) -> float:
    execute = conn.execute
    start = time.perf_counter()
    for _ in range(n):
        execute(SQL_FETCH100).fetchall()
    return per_op(start, n)


def raw_bulk(conn: sqlite3.Connection, rows: int) -> float:
    conn.execute("DROP TABLE IF EXISTS bench_rawbulk")
    conn.execute(
        "CREATE TABLE bench_rawbulk (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL,"
        " n INTEGER NOT NULL, created DATETIME NOT NULL)"
    )
    stamp = CREATED.strftime("%Y-%m-%d %H:%M:%S")
    data = [(f"row {i}", i, stamp) for i in range(rows)]
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO bench_rawbulk (name, n, created) VALUES (?, ?, ?)", data)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.execute("DROP TABLE bench_rawbulk")
    return elapsed * 1e6


# --- Django peer -----------------------------------------------------------------------------


class DjangoPeer:
    """``django_orm_peer.py`` in the peers venv, driven one JSON line at a time."""

    def __init__(self, sqlite_path: str) -> None:
        env = {
            k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE")
        }
        self.proc = subprocess.Popen(
            [str(PEERS_BIN / "python"), str(PEER_SCRIPT), sqlite_path, str(ROWS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.version = str(self._read().get("django", "unknown"))

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            raise BenchError(f"the Django peer exited with code {code} (its error is above)")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run(self, op: str, **kwargs: int) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"op": op, **kwargs}) + "\n")
        self.proc.stdin.flush()
        return float(self._read()["us"])

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# --- PostgreSQL ------------------------------------------------------------------------------


def pg_params(args: argparse.Namespace) -> dict[str, Any]:
    return {"HOST": args.pg_host, "PORT": args.pg_port, "USER": args.pg_user}


def pg_connect_kwargs(pg: dict[str, Any], dbname: str) -> dict[str, Any]:
    return {
        "host": pg["HOST"],
        "port": pg["PORT"],
        "user": pg["USER"],
        "dbname": dbname,
        "autocommit": True,
        "connect_timeout": 3,
    }


def pg_available(pg: dict[str, Any]) -> str | None:
    """None when PostgreSQL answers and a database can be created; else why not."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed in this venv"
    try:
        with psycopg.connect(**pg_connect_kwargs(pg, "postgres")) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return f"PostgreSQL at {pg['HOST']}:{pg['PORT']} is unreachable ({reason})"
    return None


@contextlib.contextmanager
def pg_database(pg: dict[str, Any]) -> Iterator[str]:
    """Create a fresh ``heron_bench`` database, yield the server version, drop it."""
    import psycopg

    with psycopg.connect(**pg_connect_kwargs(pg, "postgres")) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")
        row = conn.execute("SHOW server_version").fetchone()
        version = str(row[0]) if row else "unknown"
    try:
        yield version
    finally:
        with psycopg.connect(**pg_connect_kwargs(pg, "postgres")) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def bench_pg(item: type[Any], pg: dict[str, Any], n: int, rounds: int) -> dict[str, list[float]]:
    """Raw psycopg async vs ``aget`` on the ``pg`` alias, interleaved, on one event loop."""
    import psycopg

    from heron.db import connections

    sql = f"SELECT {COLUMNS} FROM bench_item WHERE id = %s"

    async def main() -> dict[str, list[float]]:
        runs: dict[str, list[float]] = {"raw": [], "heron": []}
        conn = await psycopg.AsyncConnection.connect(**pg_connect_kwargs(pg, PG_DATABASE))
        objects = item.objects.using("pg")  # what Item.objects is when "pg" is the default
        try:
            cur = conn.cursor()

            async def raw(count: int) -> float:
                start = time.perf_counter()
                for i in range(count):
                    await cur.execute(sql, (i % ROWS + 1,))
                    await cur.fetchone()
                return per_op(start, count)

            async def orm(count: int) -> float:
                aget = objects.aget
                start = time.perf_counter()
                for i in range(count):
                    await aget(pk=i % ROWS + 1)
                return per_op(start, count)

            await raw(200)  # warm up: connections, the pool, prepared statements
            await orm(200)
            for _ in range(rounds):
                runs["raw"].append(await raw(n))
                runs["heron"].append(await orm(n))
            await cur.close()
        finally:
            await conn.close()
            await connections["pg"].aclose()
        return runs

    return asyncio.run(main())


# --- the run ---------------------------------------------------------------------------------


def best(runs: list[float]) -> float:
    return min(runs)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    pg = None if args.no_postgres else pg_params(args)
    pg_skip = "--no-postgres given" if pg is None else pg_available(pg)
    if pg_skip:
        log(f"skipping the PostgreSQL benchmark: {pg_skip}")
        pg = None
    runs: dict[str, dict[str, list[float]]] = {
        "get": {"raw": [], "heron": [], "django": []},
        "fetch100": {"raw": [], "heron": [], "django": []},
        "bulk": {"raw": [], "heron": [], "django": []},
    }
    meta: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="heron-orm-bench-") as tmp:
        path = os.path.join(tmp, "bench.sqlite3")
        item, bulk_item = setup_heron(path, pg)
        from heron.db import connections

        seed(item, "default")
        conn = sqlite3.connect(path, isolation_level=None)
        peer = DjangoPeer(path)
        meta["django"] = peer.version
        try:
            log("warming up")
            raw_get(conn, 500)
            heron_get(item, 500)
            peer.run("get", n=500)
            raw_fetch100(conn, 20)
            heron_fetch100(item, 20)
            peer.run("fetch100", n=20)
            for number in range(1, args.rounds + 1):
                log(f"round {number} of {args.rounds}: get by pk x{args.gets:,}")
                runs["get"]["raw"].append(raw_get(conn, args.gets))
                runs["get"]["heron"].append(heron_get(item, args.gets))
                runs["get"]["django"].append(peer.run("get", n=args.gets))
                log(f"round {number} of {args.rounds}: fetch 100 rows x{args.fetches:,}")
                runs["fetch100"]["raw"].append(raw_fetch100(conn, args.fetches))
                runs["fetch100"]["heron"].append(heron_fetch100(item, args.fetches))
                runs["fetch100"]["django"].append(peer.run("fetch100", n=args.fetches))
                log(f"round {number} of {args.rounds}: bulk_create {args.bulk_rows:,} rows")
                runs["bulk"]["raw"].append(raw_bulk(conn, args.bulk_rows))
                runs["bulk"]["heron"].append(heron_bulk(bulk_item, args.bulk_rows))
                runs["bulk"]["django"].append(peer.run("bulk", rows=args.bulk_rows))
        finally:
            peer.close()
            conn.close()
            connections["default"].close()
        if pg is not None:
            log(f"PostgreSQL: async get by pk x{args.pg_gets:,}, {args.rounds} rounds")
            with pg_database(pg) as server_version:
                meta["postgresql"] = server_version
                seed(item, "pg")
                connections["pg"].close()
                runs["pg_aget"] = bench_pg(item, pg, args.pg_gets, args.rounds)
    meta["postgres_skipped"] = pg_skip
    return {"runs": runs, "meta": meta}


def ratios(runs: dict[str, dict[str, list[float]]]) -> dict[str, float | None]:
    def ratio(op: str, top: str, bottom: str) -> float | None:
        if op not in runs or not runs[op][top] or not runs[op][bottom]:
            return None
        return best(runs[op][top]) / best(runs[op][bottom])

    return {
        "get_heron_vs_raw": ratio("get", "heron", "raw"),
        "get_django_vs_heron": ratio("get", "django", "heron"),
        "get_django_vs_raw": ratio("get", "django", "raw"),
        "fetch100_heron_vs_raw": ratio("fetch100", "heron", "raw"),
        "fetch100_django_vs_heron": ratio("fetch100", "django", "heron"),
        "bulk_django_vs_heron": ratio("bulk", "django", "heron"),
        "bulk_heron_vs_raw": ratio("bulk", "heron", "raw"),
        "pg_aget_heron_vs_raw": ratio("pg_aget", "heron", "raw"),
    }


def verdicts(values: dict[str, float | None]) -> list[dict[str, Any]]:
    out = []
    for key, label, op, target in TARGETS:
        value = values.get(key)
        met = None if value is None else (value <= target if op == "<=" else value >= target)
        out.append(
            {"key": key, "label": label, "value": value, "target": f"{op} {target:g}x", "met": met}
        )
    return out


def fmt_us(value: float) -> str:
    return f"{value:,.1f}" if value < 10_000 else f"{value / 1000:,.1f} ms"


def print_report(result: dict[str, Any], args: argparse.Namespace) -> None:
    runs = result["runs"]
    labels = [
        ("get", f"get by pk (SQLite), x{args.gets:,}"),
        ("fetch100", f"fetch 100 rows (SQLite), x{args.fetches:,}"),
        ("bulk", f"bulk_create {args.bulk_rows:,} rows (SQLite)"),
        ("pg_aget", f"async get by pk (PostgreSQL), x{args.pg_gets:,}"),
    ]
    print()
    print(f"µs per operation, best of {args.rounds} interleaved rounds")
    print(f"{'operation':<42} {'raw':>12} {'Heron':>12} {'Django':>12}")
    for op, label in labels:
        if op not in runs:
            print(f"{label:<42} skipped: {result['meta']['postgres_skipped']}")
            continue
        cells = []
        for variant in ("raw", "heron", "django"):
            series = runs[op].get(variant)
            cells.append(fmt_us(best(series)) if series else "-")
        print(f"{label:<42} {cells[0]:>12} {cells[1]:>12} {cells[2]:>12}")
    print()
    print(f"{'ratio':<46} {'value':>8}  target    verdict")
    for row in result["targets"]:
        value = "n/a" if row["value"] is None else f"{row['value']:.2f}x"
        verdict = {True: "met", False: "NOT met", None: "skipped"}[row["met"]]
        print(f"{row['label']:<46} {value:>8}  {row['target']:<8}  {verdict}")
    extra = result["ratios"]
    print()
    print(
        "also: get Django / raw {:.2f}x, 100 rows Django / Heron {:.2f}x, "
        "bulk_create Heron / raw executemany {:.2f}x".format(
            extra["get_django_vs_raw"],
            extra["fetch100_django_vs_heron"],
            extra["bulk_heron_vs_raw"],
        )
    )


def versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "heron": md.version("heron"),
        "sqlalchemy": md.version("sqlalchemy"),
    }
    with contextlib.suppress(md.PackageNotFoundError):
        out["psycopg"] = md.version("psycopg")
    return out


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--gets", type=int, default=5_000, help="gets per round (default 5000)")
    parser.add_argument("--fetches", type=int, default=500, help="100-row fetches per round")
    parser.add_argument("--bulk-rows", type=int, default=10_000, help="rows per bulk_create")
    parser.add_argument("--pg-gets", type=int, default=5_000, help="async PG gets per round")
    parser.add_argument("--quick", action="store_true", help="a fifth of the iterations")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL part")
    parser.add_argument("--pg-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("PGPORT", "5432")))
    parser.add_argument("--pg-user", default=os.environ.get("PGUSER", "postgres"))
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "orm.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.gets, args.fetches, args.pg_gets = args.gets // 5, args.fetches // 5, args.pg_gets // 5
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        ensure_peers_venv()
        load = os.getloadavg()[0]
        if load > 0.5:
            log(f"WARNING: 1-minute load average is {load:.2f}; other work skews the numbers")
        started = time.perf_counter()
        gc.collect()
        result = measure(args)
        result["ratios"] = ratios(result["runs"])
        result["targets"] = verdicts(result["ratios"])
        result["meta"].update(
            versions(),
            date=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            machine=platform.platform(),
            cpus=os.cpu_count(),
            load_average_1m=load,
            settings={k: str(v) for k, v in vars(args).items()},
            seconds=round(time.perf_counter() - started, 1),
        )
        print_report(result, args)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=2) + "\n")
        log(f"wrote {shown(args.output.resolve())} ({result['meta']['seconds']} s)")
    except BenchError as exc:
        print(f"[bench] error: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"[bench] error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n[bench] interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
