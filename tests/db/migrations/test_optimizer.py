"""The optimizer's merge rules, and what may and may not move across what."""

from __future__ import annotations

from typing import Any

from heron.db import models
from heron.db.migrations import operations as ops
from heron.db.migrations.migration import Migration
from heron.db.migrations.optimizer import RULES, optimize
from heron.db.migrations.writer import MigrationWriter


def lines(operations: list[Any]) -> list[str]:
    writer = MigrationWriter(Migration("x", "x"))
    return [writer.operation(op).flat() for op in optimize(operations, "polls")]


def create(name: str = "Question", *fields: tuple[str, Any], **options: Any) -> Any:
    return ops.CreateModel(
        name=name, fields=[("id", models.BigAutoField(primary_key=True)), *fields], options=options
    )


def text(length: int = 10, **kwargs: Any) -> Any:
    return models.CharField(max_length=length, **kwargs)


def test_rules_are_a_table_keyed_on_type_pairs() -> None:
    assert RULES[(ops.CreateModel, ops.AddField)].__name__ == "create_add_field"
    assert all(isinstance(a, type) and isinstance(b, type) for a, b in RULES)


def test_create_then_add_alter_rename_remove_field() -> None:
    assert lines(
        [
            create(),
            ops.AddField("question", "text", text()),
            ops.AlterField("question", "text", text(20)),
            ops.RenameField("question", "text", "title"),
            ops.AddField("question", "gone", text()),
            ops.RemoveField("question", "gone"),
        ]
    ) == [
        'migrations.CreateModel(name="Question", fields=[("id", models.BigAutoField()), '
        '("title", models.CharField(max_length=20))])'
    ]


def test_create_then_delete_is_nothing() -> None:
    assert (
        lines([create(), ops.AddField("question", "x", text()), ops.DeleteModel("Question")]) == []
    )


def test_create_absorbs_options_table_indexes_constraints_and_rename() -> None:
    index = models.Index(fields=["id"], name="q_idx")
    unique = models.UniqueConstraint(fields=["id"], name="q_uniq")
    assert lines(
        [
            create(),
            ops.AlterModelOptions("question", {"ordering": ["id"]}),
            ops.AlterModelTable("question", "questions"),
            ops.AddIndex("question", index),
            ops.AddConstraint("question", unique),
            ops.RemoveConstraint("question", "q_uniq"),
            ops.AlterUniqueTogether("question", [("id",)]),
            ops.RenameModel("Question", "Poll"),
        ]
    ) == [
        'migrations.CreateModel(name="Poll", fields=[("id", models.BigAutoField())], '
        'options={"ordering": ["id"], "db_table": "questions", "indexes": '
        '[models.Index(fields=("id",), name="q_idx")], '
        '"unique_together": [("id",)]})'
    ]


def test_create_then_alter_options_replaces_managed_too() -> None:
    # AlterModelOptions sets every option it manages, so an unset ``managed`` is dropped.
    assert lines(
        [create(managed=False), ops.AlterModelOptions("question", {"ordering": ["id"]})]
    ) == [
        'migrations.CreateModel(name="Question", fields=[("id", models.BigAutoField())], '
        'options={"ordering": ["id"]})'
    ]
    assert lines(
        [create(ordering=["id"]), ops.AlterModelOptions("question", {"managed": False})]
    ) == [
        'migrations.CreateModel(name="Question", fields=[("id", models.BigAutoField())], '
        'options={"managed": False})'
    ]


def test_field_chains() -> None:
    assert lines([ops.AddField("question", "x", text()), ops.RemoveField("question", "x")]) == []
    assert lines(
        [ops.AddField("question", "x", text()), ops.AlterField("question", "x", text(5))]
    ) == [
        'migrations.AddField(model_name="question", name="x", field=models.CharField(max_length=5))'
    ]
    assert lines(
        [ops.AddField("question", "x", text()), ops.RenameField("question", "x", "y")]
    ) == [
        'migrations.AddField(model_name="question", name="y", '
        "field=models.CharField(max_length=10))"
    ]
    assert lines(
        [ops.AlterField("question", "x", text(1)), ops.AlterField("question", "x", text(2))]
    ) == [
        'migrations.AlterField(model_name="question", name="x", '
        "field=models.CharField(max_length=2))"
    ]
    assert lines([ops.AlterField("question", "x", text(1)), ops.RemoveField("question", "x")]) == [
        'migrations.RemoveField(model_name="question", name="x")'
    ]
    assert lines(
        [ops.RenameField("question", "a", "b"), ops.RenameField("question", "b", "c")]
    ) == ['migrations.RenameField(model_name="question", old_name="a", new_name="c")']
    assert (
        lines([ops.RenameField("question", "a", "b"), ops.RenameField("question", "b", "a")]) == []
    )
    assert lines([ops.RenameField("question", "a", "b"), ops.RemoveField("question", "b")]) == [
        'migrations.RemoveField(model_name="question", name="a")'
    ]


def test_model_chains() -> None:
    assert lines([ops.RenameModel("A", "B"), ops.RenameModel("B", "C")]) == [
        'migrations.RenameModel(old_name="A", new_name="C")'
    ]
    assert lines([ops.RenameModel("A", "B"), ops.DeleteModel("B")]) == [
        'migrations.DeleteModel(name="A")'
    ]
    assert lines(
        [ops.AddField("a", "x", text()), ops.AlterModelOptions("a", {}), ops.DeleteModel("A")]
    ) == ['migrations.DeleteModel(name="A")']
    assert (
        lines([ops.AddIndex("a", models.Index(fields=["x"], name="i")), ops.RemoveIndex("a", "i")])
        == []
    )
    assert lines([ops.AlterModelTable("a", "t1"), ops.AlterModelTable("a", "t2")]) == [
        'migrations.AlterModelTable(name="a", table="t2")'
    ]


def test_merges_across_independent_operations_only() -> None:
    other = ops.AddField("choice", "y", text())
    assert lines(
        [ops.AddField("question", "x", text()), other, ops.RemoveField("question", "x")]
    ) == [
        'migrations.AddField(model_name="choice", name="y", field=models.CharField(max_length=10))'
    ]
    # A foreign key to a model created in between: the create moves after it instead.
    fk = models.ForeignKey("polls.Author", on_delete=models.CASCADE)
    assert [
        line.split(",")[0]
        for line in lines([create(), create("Author"), ops.AddField("question", "author", fk)])
    ] == [
        'migrations.CreateModel(name="Author"',
        'migrations.CreateModel(name="Question"',
    ]
    # Nothing moves across code.
    code = ops.RunSQL("SELECT 1")
    assert (
        len(lines([ops.AddField("question", "x", text()), code, ops.RemoveField("question", "x")]))
        == 3
    )


def test_removed_relation_stays_before_a_dropped_table() -> None:
    assert lines(
        [
            ops.RemoveField("choice", "question"),
            ops.DeleteModel("Question"),
            ops.DeleteModel("Choice"),
        ]
    ) == ['migrations.DeleteModel(name="Choice")', 'migrations.DeleteModel(name="Question")']


def test_remove_field_used_by_an_index_is_not_folded() -> None:
    index = models.Index(fields=["x"], name="x_idx")
    kept = lines(
        [create("Question", ("x", text()), indexes=[index]), ops.RemoveField("question", "x")]
    )
    assert len(kept) == 2
