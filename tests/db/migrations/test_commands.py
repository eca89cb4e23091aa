"""``heron migrate``, ``showmigrations`` and ``sqlmigrate`` in a generated project."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from tests.cli import conftest as cli

isolated = cli.isolated  # autouse: settings, apps, sys.path and cwd restored after each test
heron = cli.heron
Heron = cli.Heron


@pytest.fixture
def project(heron: Heron, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A generated project without its account apps: the plans below hold one app."""
    assert heron("new", "mysite").exit_code == 0
    root = isolated / "mysite"
    monkeypatch.chdir(root)
    return cli.without_accounts(root)


INITIAL = """
from heron.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            "Post",
            [
                ("id", models.BigAutoField(verbose_name="ID")),
                ("title", models.CharField(max_length=100)),
            ],
        ),
    ]
"""

SECOND = """
from heron.db import migrations, models


def noop(apps, schema_editor):
    for _ in schema_editor.progress(range(3), label="Counting"):
        pass


class Migration(migrations.Migration):
    dependencies = [("blog", "0001_initial")]

    operations = [
        migrations.AddField("Post", "views", models.IntegerField(default=0)),
        migrations.RunPython(noop),
    ]
"""


MODELS = """
from heron.db import models


class Post(models.Model):
    title = models.CharField(max_length=100)
    views = models.IntegerField(default=0)
"""


@pytest.fixture
def blog(project: Path) -> Path:
    """An app ``blog`` with its model and two migrations, installed in the project."""
    app = project / "blog"
    (app / "migrations").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(textwrap.dedent(MODELS))
    (app / "migrations" / "__init__.py").write_text("")
    (app / "migrations" / "0001_initial.py").write_text(textwrap.dedent(INITIAL))
    (app / "migrations" / "0002_post_views.py").write_text(textwrap.dedent(SECOND))
    cli.install_app(project, "blog")
    return app


def timings(output: str) -> str:
    return re.sub(r"\(\d+\.\d{3}s\)", "(T)", output)


def test_migrate_without_migrations_is_a_friendly_no_op(heron: Heron, project: Path) -> None:
    result = heron("migrate")
    assert result.exit_code == 0, result.output
    assert result.output == "No app has migrations yet: the database is up to date.\n"


def test_migrate_forwards_backwards_and_show(heron: Heron, blog: Path) -> None:
    result = heron("showmigrations", "blog")
    assert result.output == "blog\n [ ] 0001_initial\n [ ] 0002_post_views\n"

    result = heron("migrate", "--plan")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Planned operations:\n"
        "blog.0001_initial\n"
        "    Create model Post\n"
        "blog.0002_post_views\n"
        "    Add field views to Post\n"
        "    Run Python code noop\n"
    )

    result = heron("migrate", "blog", "0001")
    assert result.exit_code == 0, result.output
    assert timings(result.output) == (
        "Operations to perform:\n"
        "  Target specific migration: 0001_initial, from blog\n"
        "Running migrations:\n"
        "  Applying blog.0001_initial... OK (T)\n"
    )
    result = heron("migrate")
    # The data migration's progress bar (only its label without a terminal).
    assert timings(result.output).endswith(
        "  Applying blog.0002_post_views...\n    Counting\n  blog.0002_post_views OK (T)\n"
    )
    result = heron("showmigrations")
    assert "blog\n [X] 0001_initial\n [X] 0002_post_views\n" in result.output

    result = heron("migrate")
    assert result.output.endswith("Running migrations:\n  No migrations to apply.\n")

    result = heron("migrate", "blog", "0001", "--plan")
    assert result.output == (
        "Planned operations:\n"
        "blog.0002_post_views\n"
        "    Undo Add field views to Post\n"
        "    Undo Run Python code noop -> IRREVERSIBLE\n"
    )
    result = heron("migrate", "blog", "0001")
    assert result.exit_code == 1
    assert result.output.endswith(
        "Error: Operation 'Run Python code noop' in blog.0002_post_views is not reversible, "
        "so blog.0002_post_views cannot be unapplied.\n"
    )
    result = heron("migrate", "blog", "0001", "--fake")
    assert timings(result.output).endswith("  Unapplying blog.0002_post_views... FAKED (T)\n")
    result = heron("migrate", "blog", "zero")
    assert timings(result.output) == (
        "Operations to perform:\n"
        "  Unapply all migrations: blog\n"
        "Running migrations:\n"
        "  Unapplying blog.0001_initial... OK (T)\n"
    )
    assert "blog\n [ ] 0001_initial\n" in heron("showmigrations").output


def test_migrate_names_model_changes_without_migration_up_front(heron: Heron, blog: Path) -> None:
    (blog / "models.py").write_text(
        textwrap.dedent(MODELS) + "    body = models.TextField(default='')\n"
    )
    result = heron("migrate")
    assert result.exit_code == 0, result.output
    assert timings(result.output).startswith(
        "blog: (migrations.W001) The models of app 'blog' have changes that are not in a "
        "migration (Add field body to post).\n"
        "\tHINT: Run 'heron makemigrations blog', then 'heron migrate'.\n"
        "Operations to perform:\n"
    )


def test_migrate_names_an_app_with_models_and_no_migrations(heron: Heron, project: Path) -> None:
    app = project / "store"
    (app / "migrations").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "migrations" / "__init__.py").write_text("")
    (app / "models.py").write_text(
        "from heron.db import models\n\n\nclass Author(models.Model):\n"
        "    name = models.CharField(max_length=100)\n"
    )
    cli.install_app(project, "store")
    result = heron("migrate")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "store: (migrations.W001) The models of app 'store' have changes that are not in a "
        "migration (Create model Author).\n"
        "\tHINT: Run 'heron makemigrations store', then 'heron migrate'.\n"
    )


def test_fake_initial_skips_existing_tables(heron: Heron, blog: Path) -> None:
    assert heron("migrate", "blog", "0001").exit_code == 0
    assert heron("migrate", "blog", "zero", "--fake").exit_code == 0
    result = heron("migrate", "blog", "0001", "--fake-initial")
    assert timings(result.output).endswith("  Applying blog.0001_initial... FAKED (T)\n")


def test_migrate_errors(heron: Heron, blog: Path) -> None:
    result = heron("migrate", "nope")
    assert result.exit_code == 1
    assert "Error: No installed app with label 'nope'." in result.output
    result = heron("migrate", "blog", "0009")
    assert result.output.endswith(
        "Error: Cannot find a migration matching '0009' from app 'blog'.\n"
    )
    result = heron("migrate", "blog", "000")
    assert "Error: More than one migration of app 'blog' matches '000'" in result.output
    result = heron("sqlmigrate", "blog", "0009")
    assert result.exit_code == 1
    assert result.output.endswith(
        "Error: Cannot find a migration matching '0009' from app 'blog'.\n"
    )
    result = heron("sqlmigrate", "blog", "000")
    assert "Error: More than one migration of app 'blog' matches '000'" in result.output


def test_unknown_database_alias_is_a_clean_error(heron: Heron, blog: Path) -> None:
    message = "Error: The database alias 'nope' is not in DATABASES (configured: 'default').\n"
    result = heron("migrate", "--database", "nope")
    assert result.exit_code == 1
    assert result.output == message  # no "Applying ..." line was open: no blank line
    for command in (["showmigrations"], ["sqlmigrate", "blog", "0001"]):
        result = heron(*command, "--database", "nope")
        assert result.exit_code == 1
        assert result.output == message


def test_sqlmigrate_prints_the_sql(heron: Heron, blog: Path) -> None:
    result = heron("sqlmigrate", "blog", "0001")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "BEGIN IMMEDIATE;\n"
        "-- Create model Post\n"
        "CREATE TABLE blog_post (\n"
        "    id INTEGER NOT NULL, \n"
        "    title VARCHAR(100) NOT NULL, \n"
        "    PRIMARY KEY (id)\n"
        ");\n"
        "COMMIT;\n"
    )
    result = heron("sqlmigrate", "blog", "0001", "--backwards")
    assert result.output == (
        "BEGIN IMMEDIATE;\n-- Undo Create model Post\nDROP TABLE blog_post;\nCOMMIT;\n"
    )
    result = heron("sqlmigrate", "blog", "0002")
    assert result.output == (
        "BEGIN IMMEDIATE;\n"
        "-- Add field views to Post\n"
        # SQLite adds the column in place, filling the rows with the default, then
        # rebuilds the table without the one-off default.
        "ALTER TABLE blog_post ADD COLUMN views INTEGER DEFAULT '0' NOT NULL;\n"
        "CREATE TABLE _alembic_tmp_blog_post (\n"
        "    id INTEGER NOT NULL, \n"
        "    title VARCHAR(100) NOT NULL, \n"
        "    views INTEGER NOT NULL, \n"
        "    PRIMARY KEY (id)\n"
        ");\n"
        "INSERT INTO _alembic_tmp_blog_post (id, title, views) SELECT blog_post.id, "
        "blog_post.title, blog_post.views \nFROM blog_post;\n"
        "DROP TABLE blog_post;\n"
        "ALTER TABLE _alembic_tmp_blog_post RENAME TO blog_post;\n"
        "-- Run Python code noop\n"
        "-- RunPython: noop (Python code; no SQL to show)\n"
        "COMMIT;\n"
    )
    # Nothing ran.
    assert "[ ] 0001_initial" in heron("showmigrations").output


def test_migrate_waits_for_another_run_then_honours_lock_timeout(
    heron: Heron, blog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    monkeypatch.setattr("heron.cli.commands.migrate.LOCK_NOTICE_AFTER", 0.0)
    # Another process's migrate, as SQLite sees it: a write transaction on the lock file.
    holder = sqlite3.connect(f"{blog.parent / 'db.sqlite3'}.migrate-lock", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = heron("migrate", "--lock-timeout", "0.2")
    finally:
        holder.close()
    assert result.exit_code == 1
    assert result.output == (
        "Operations to perform:\n"
        "  Apply all migrations: blog\n"
        "  Waiting for another migrate to finish…\n"
        "Error: Another 'heron migrate' still holds the migration lock of database "
        "'default' after 0.2 seconds. Wait for it to finish (or stop it), then migrate again.\n"
    )
    assert "[ ] 0001_initial" in heron("showmigrations").output
    result = heron("migrate")
    assert result.exit_code == 0, result.output
    assert "No migrations to apply" not in result.output


RENAME = """
from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("blog", "0002_post_views")]

    operations = [
        migrations.RenameField("Post", "title", "headline"),
        migrations.AlterField("Post", "views", models.IntegerField(default=0, db_column="hits")),
    ]
"""


def test_sqlmigrate_shows_sqlite_renaming_columns_in_place(heron: Heron, blog: Path) -> None:
    (blog / "migrations" / "0003_rename.py").write_text(textwrap.dedent(RENAME))
    result = heron("sqlmigrate", "blog", "0003")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "BEGIN IMMEDIATE;\n"
        "-- Rename field title on Post to headline\n"
        "ALTER TABLE blog_post RENAME COLUMN title TO headline;\n"
        "-- Alter field views on Post\n"
        "ALTER TABLE blog_post RENAME COLUMN views TO hits;\n"
        "COMMIT;\n"
    )
    result = heron("sqlmigrate", "blog", "0003", "--backwards")
    assert result.output == (
        "BEGIN IMMEDIATE;\n"
        "-- Undo Alter field views on Post\n"
        "ALTER TABLE blog_post RENAME COLUMN hits TO views;\n"
        "-- Undo Rename field title on Post to headline\n"
        "ALTER TABLE blog_post RENAME COLUMN headline TO title;\n"
        "COMMIT;\n"
    )
