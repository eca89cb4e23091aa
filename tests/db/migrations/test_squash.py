"""Squashing: replaces, outside dependencies, optimized operations, copied RunPython code."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from heron.db import models
from heron.db.migrations import operations as ops
from heron.db.migrations.squash import SquashError, select_range, squash, squashed_name
from heron.db.migrations.writer import MigrationWriter, new_migration

HISTORY = [
    new_migration(
        "polls",
        "0001_initial",
        operations=[ops.CreateModel("Question", [("id", models.BigAutoField(primary_key=True))])],
        dependencies=[("people", "0002_person_email")],
        initial=True,
    ),
    new_migration(
        "polls",
        "0002_question_text",
        operations=[ops.AddField("question", "text", models.CharField(max_length=20, default=""))],
        dependencies=[("polls", "0001_initial")],
    ),
    new_migration(
        "polls",
        "0003_alter_question_text",
        operations=[
            ops.AlterField("question", "text", models.CharField(max_length=50, default=""))
        ],
        dependencies=[("polls", "0002_question_text"), ("people", "0003_person_phone")],
    ),
]


def test_squash_whole_history() -> None:
    chosen = select_range(HISTORY, "polls", None, "0003")
    migration = squash(chosen, "polls", squashed_name(chosen[0], chosen[-1]))
    assert migration.name == "0001_squashed_0003_alter_question_text"
    assert migration.replaces == [
        ("polls", "0001_initial"),
        ("polls", "0002_question_text"),
        ("polls", "0003_alter_question_text"),
    ]
    assert migration.dependencies == [
        ("people", "0002_person_email"),
        ("people", "0003_person_phone"),
    ]
    assert migration.initial is True
    writer = MigrationWriter(migration)
    assert [writer.operation(op).flat() for op in migration.operations] == [
        'migrations.CreateModel(name="Question", fields=[("id", models.BigAutoField()), '
        '("text", models.CharField(default="", max_length=50))])'
    ]


def test_squash_a_later_range_keeps_the_earlier_dependency() -> None:
    chosen = select_range(HISTORY, "polls", "0002", "0003_alter")
    migration = squash(chosen, "polls", squashed_name(chosen[0], chosen[-1], "text"))
    assert migration.name == "0002_text"
    assert migration.dependencies == [("polls", "0001_initial"), ("people", "0003_person_phone")]
    assert not migration.initial
    assert len(migration.operations) == 1


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            None,
            "0009",
            "App 'polls' has no migration starting with '0009'. Its migrations: 0001_initial, ",
        ),
        ("0003", "0001", "0003_alter_question_text comes after 0001_initial in polls's history"),
        ("0002", "0002", "Only 0002_question_text is in that range; there is nothing to squash."),
        (None, "000", "'000' matches several migrations of 'polls'"),
    ],
)
def test_bad_ranges(start: str | None, end: str, message: str) -> None:
    with pytest.raises(SquashError) as caught:
        select_range(HISTORY, "polls", start, end)
    assert str(caught.value).startswith(message)


MIGRATION_WITH_CODE = """
from heron.db import migrations


def forwards(apps, schema_editor):
    return "forwards"


class Migration(migrations.Migration):
    operations = [migrations.RunPython(forwards)]
"""


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_run_python_code_is_copied_into_the_squashed_file(tmp_path: Path) -> None:
    source = tmp_path / "0002_fill.py"
    source.write_text(MIGRATION_WITH_CODE)
    module_name = "squashtest.migrations.0002_fill"
    try:
        module = _load(source, module_name)
        first = HISTORY[0]
        second = module.Migration("0002_fill", "polls")
        migration = squash([first, second], "polls", "0001_squashed_0002_fill")
        with pytest.raises(ValueError, match="migration modules cannot be imported by name"):
            MigrationWriter(migration).as_string()
        path = MigrationWriter(migration, copy_functions=True).write(tmp_path / "out")
        text = path.read_text()
        assert 'def forwards(apps, schema_editor):\n    return "forwards"\n' in text
        assert "migrations.RunPython(code=forwards)" in text
        squashed = _load(path, "squashtest_out").Migration("0001_squashed_0002_fill", "polls")
        assert squashed.operations[1].code(None, None) == "forwards"
    finally:
        sys.modules.pop(module_name, None)
        sys.modules.pop("squashtest_out", None)
