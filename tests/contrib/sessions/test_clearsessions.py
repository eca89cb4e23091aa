"""``heron clearsessions`` and the app's migration."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from heron.contrib.sessions.commands.clearsessions import command
from heron.contrib.sessions.models import Session
from heron.db import connection
from heron.timezone import now

from .conftest import Site

SETTINGS = """
SECRET_KEY = "x"
INSTALLED_APPS = ["heron.contrib.sessions"]
DATABASES = {"default": {"ENGINE": "sqlite", "NAME": "db.sqlite3"}}
"""


def test_command_deletes_expired_sessions(site: Site) -> None:
    past, future = now() - dt.timedelta(seconds=1), now() + dt.timedelta(days=1)
    Session.objects.create(session_key="o" * 32, session_data="x", expire_date=past)
    Session.objects.create(session_key="l" * 32, session_data="x", expire_date=future)
    result = CliRunner().invoke(command, [])
    assert result.exit_code == 0, result.output
    engine = f"heron.contrib.sessions.backends.{site.engine}"
    assert result.output == f"Expired sessions cleared ({engine}).\n"
    left = sorted(Session.objects.values_list("session_key", flat=True))
    assert left == (["l" * 32] if site.stores_rows else ["l" * 32, "o" * 32])


def test_migration_makes_the_table_with_an_index_on_expire_date(site: Site) -> None:
    vendor = connection.vendor
    if vendor == "sqlite":
        rows = connection.execute("PRAGMA index_list(heron_session)")
        indexed = [connection.execute(f"PRAGMA index_info({row[1]!r})") for row in rows]
        columns = {info[0][2] for info in indexed}
    elif vendor == "postgresql":
        rows = connection.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'heron_session'"
        )
        columns = {"expire_date" for (text,) in rows if "(expire_date)" in text}
    else:
        rows = connection.execute("SHOW INDEX FROM heron_session")
        columns = {row[4] for row in rows}
    assert "expire_date" in columns


def test_heron_clearsessions_in_a_project(tmp_path: Path) -> None:
    (tmp_path / "proj_settings.py").write_text(SETTINGS)
    env = {**os.environ, "HERON_SETTINGS_MODULE": "proj_settings", "PYTHONPATH": str(tmp_path)}
    heron = [sys.executable, "-m", "heron"]

    def run(*args: str) -> str:
        done = subprocess.run(
            [*heron, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("migrate")
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        db.execute(
            "INSERT INTO heron_session VALUES ('old', 'x', '2000-01-01 00:00:00'), "
            "('new', 'x', '2999-01-01 00:00:00')"
        )
    assert run("clearsessions") == (
        "Expired sessions cleared (heron.contrib.sessions.backends.db).\n"
    )
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        assert db.execute("SELECT session_key FROM heron_session").fetchall() == [("new",)]
