"""Serializer and writer: readable, ruff-formatted files that import back to the same thing."""

from __future__ import annotations

import datetime
import decimal
import enum
import functools
import importlib.util
import math
import pathlib
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from heron.core.validators import MaxValueValidator, RegexValidator
from heron.db import migrations as _migrations_package  # noqa: F401  (the package imports)
from heron.db import models
from heron.db.migrations import operations as ops
from heron.db.migrations.migration import Migration
from heron.db.migrations.serializer import Serializer, render, serialize, string_literal
from heron.db.migrations.writer import MigrationWriter, migration_filename, next_number


class Color(enum.Enum):
    RED = "r"


def double(value: int) -> int:
    return value * 2


@pytest.mark.parametrize(
    ("value", "expected", "imports"),
    [
        (None, "None", set()),
        (True, "True", set()),
        (42, "42", set()),
        (1.5, "1.5", set()),
        (float("inf"), 'float("inf")', set()),
        ("it's", '"it\'s"', set()),
        ('say "hi"', "'say \"hi\"'", set()),
        (b"\x00ab", 'b"\\x00ab"', set()),
        (decimal.Decimal("1.50"), 'decimal.Decimal("1.50")', {"import decimal"}),
        (
            datetime.datetime(
                2024, 5, 6, 7, 8, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
            ),
            "datetime.datetime(2024, 5, 6, 5, 8, tzinfo=datetime.UTC)",
            {"import datetime"},
        ),
        (datetime.date(2024, 1, 2), "datetime.date(2024, 1, 2)", {"import datetime"}),
        (datetime.time(9, 30), "datetime.time(9, 30)", {"import datetime"}),
        (
            datetime.timedelta(days=2, seconds=5),
            "datetime.timedelta(days=2, seconds=5)",
            {"import datetime"},
        ),
        (uuid.UUID(int=1), 'uuid.UUID("00000000-0000-0000-0000-000000000001")', {"import uuid"}),
        ([1, (2,), {3}], "[1, (2,), {3}]", set()),
        ({"a": frozenset()}, '{"a": frozenset()}', set()),
        (re.compile(r"^\d+$", re.I), 're.compile("^\\\\d+$", 2)', {"import re"}),
        (
            Color.RED,
            'tests.db.migrations.test_writer.Color["RED"]',
            {"import tests.db.migrations.test_writer"},
        ),
        (
            double,
            "tests.db.migrations.test_writer.double",
            {"import tests.db.migrations.test_writer"},
        ),
        (
            functools.partial(double, 3),
            "functools.partial(tests.db.migrations.test_writer.double, 3)",
            {"import functools", "import tests.db.migrations.test_writer"},
        ),
        (len, "len", set()),
        (
            pathlib.PurePosixPath("media/a b"),
            'pathlib.PurePosixPath("media/a b")',
            {"import pathlib"},
        ),
        (models.SET_NULL, "models.SET_NULL", {"from heron.db import models"}),
        (models.SET(0), "models.SET(0)", {"from heron.db import models"}),
        (
            ~models.Q(votes__lt=0) | models.Q(text=""),
            'models.Q(\n    models.Q(models.Q(votes__lt=0), _negated=True), models.Q(text=""), '
            '_connector="OR"\n)',
            {"from heron.db import models"},
        ),
        (
            MaxValueValidator(10),
            "heron.core.validators.MaxValueValidator(10)",
            {"import heron.core.validators"},
        ),
        (
            RegexValidator("^a", code="nope"),
            'heron.core.validators.RegexValidator("^a", code="nope")',
            {"import heron.core.validators"},
        ),
        (
            models.ForeignKey("polls.Question", on_delete=models.CASCADE, related_name="choices"),
            'models.ForeignKey(to="polls.Question", on_delete=models.CASCADE, '
            'related_name="choices")',
            {"from heron.db import models"},
        ),
    ],
)
def test_serialize(value: Any, expected: str, imports: set[str]) -> None:
    assert serialize(value) == (expected, imports)


def test_nan_round_trips() -> None:
    source, _ = serialize(float("nan"))
    assert math.isnan(eval(source))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            lambda: 1,
            "Cannot serialize a lambda into a migration file; define a module-level function",
        ),
        (object(), "Cannot serialize <object object at"),
    ],
)
def test_unserializable_values_are_explained(value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        serialize(value)


def test_string_literal_prefers_double_quotes() -> None:
    assert string_literal("a") == '"a"'
    assert string_literal("a'b\"c") == '"a\'b\\"c"'
    assert string_literal('""\'') == "'\"\"\\''"


def test_long_calls_break_one_argument_per_line() -> None:
    node = Serializer().serialize(
        models.CharField(max_length=200, help_text="x" * 60, verbose_name="the question text")
    )
    assert render(node, 1) == (
        "models.CharField(\n"
        '        verbose_name="the question text",\n'
        f'        help_text="{"x" * 60}",\n'
        "        max_length=200,\n"
        "    )"
    )


def _migration() -> Migration:
    migration = Migration("0002_question_author", "polls")
    migration.dependencies = [("polls", "0001_initial"), ("people", "0003_person_email")]
    migration.operations = [
        ops.CreateModel(
            name="Tag",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                (
                    "name",
                    models.CharField(max_length=50, help_text="Shown on every tagged post page"),
                ),
                (
                    "created",
                    models.DateTimeField(
                        default=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
                    ),
                ),
                (
                    "weight",
                    models.DecimalField(
                        max_digits=5, decimal_places=2, default=decimal.Decimal("1.00")
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "indexes": [models.Index(fields=["name"], name="tag_name_idx")],
            },
        ),
        ops.AddField(
            "question",
            "author",
            models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True),
        ),
        ops.AddField(
            model_name="question",
            name="votes",
            field=models.IntegerField(default=0),
            preserve_default=False,
        ),
        ops.AlterUniqueTogether(name="question", unique_together=[("author", "votes")]),
        ops.RunSQL("UPDATE polls_question SET votes = 1", reverse_sql=ops.RunSQL.noop)
        if hasattr(ops.RunSQL, "noop")
        else ops.RunSQL("UPDATE polls_question SET votes = 1"),
        ops.RunPython(double),
    ]
    return migration


def _import(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("written_migration", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_written_file_imports_back_to_the_same_migration(tmp_path: Path) -> None:
    migration = _migration()
    path = MigrationWriter(migration).write(tmp_path / "migrations")
    assert path == tmp_path / "migrations" / "0002_question_author.py"
    assert (tmp_path / "migrations" / "__init__.py").read_text() == ""
    loaded = _import(path).Migration("0002_question_author", "polls")
    assert loaded.dependencies == migration.dependencies
    writer_a, writer_b = MigrationWriter(migration), MigrationWriter(loaded)
    assert [writer_a.operation(op).flat() for op in migration.operations] == [
        writer_b.operation(op).flat() for op in loaded.operations
    ]


def test_written_file_layout(tmp_path: Path) -> None:
    text = MigrationWriter(_migration()).as_string()
    header, _, rest = text.partition("\n")
    assert re.fullmatch(r"# Generated by Heron \S+ on \d{4}-\d\d-\d\d \d\d:\d\d", header)
    assert rest.startswith(
        "\n"
        "import datetime\n"
        "import decimal\n"
        "\n"
        "import tests.db.migrations.test_writer\n"
        "from heron.db import migrations, models\n"
        "\n"
        "\n"
        "class Migration(migrations.Migration):\n"
        "    dependencies = [\n"
        '        ("polls", "0001_initial"),\n'
        '        ("people", "0003_person_email"),\n'
        "    ]\n"
        "\n"
        "    operations = [\n"
        "        migrations.CreateModel(\n"
        '            name="Tag",\n'
        "            fields=[\n"
        '                ("id", models.BigAutoField()),\n'
    )
    assert (
        "        migrations.AddField(\n"
        '            model_name="question",\n'
        '            name="author",\n'
        "            field=models.ForeignKey(\n"
        '                to="people.Person", on_delete=models.PROTECT, null=True\n'
        "            ),\n"
        "        ),\n"
    ) in text
    assert "preserve_default=False" in text
    assert "migrations.RunPython(code=tests.db.migrations.test_writer.double)" in text


def test_written_file_is_ruff_formatted(tmp_path: Path) -> None:
    path = MigrationWriter(_migration()).write(tmp_path)
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), "format", "--check", "--diff", "--isolated", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_empty_migration_and_attributes() -> None:
    migration = Migration("0001_squashed_0003_x", "polls")
    migration.replaces = [("polls", "0001_initial"), ("polls", "0002_x")]
    migration.initial = True  # type: ignore[misc]
    migration.atomic = False  # type: ignore[misc]
    text = MigrationWriter(migration).as_string()
    assert text.split("class Migration(migrations.Migration):\n")[1] == (
        "    replaces = [\n"
        '        ("polls", "0001_initial"),\n'
        '        ("polls", "0002_x"),\n'
        "    ]\n"
        "\n"
        "    initial = True\n"
        "\n"
        "    atomic = False\n"
        "\n"
        "    dependencies = []\n"
        "\n"
        "    operations = []\n"
    )


def test_names() -> None:
    assert next_number(["0001_initial", "0012_x"]) == 13
    assert next_number([]) == 1
    migration = Migration("draft", "polls")
    migration.operations = [ops.RemoveField("question", "x")]
    assert migration_filename(2, migration) == "0002_remove_question_x"
    assert migration_filename(2, migration, "tidy") == "0002_tidy"
    migration.operations = [ops.RunPython(double)]
    assert re.fullmatch(r"0002_auto_\d{8}_\d{4}", migration_filename(2, migration))
