"""Model states, historical models and operations used directly (no migration files)."""

from __future__ import annotations

import pytest

from heron.db import IntegrityError, models
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.migrations import (
    AddConstraint,
    AddIndex,
    AlterField,
    CreateModel,
    DeleteModel,
    RemoveConstraint,
    RemoveIndex,
    RenameField,
    RenameModel,
)
from heron.db.migrations.editor import SchemaEditor
from heron.db.migrations.exceptions import InvalidBasesError
from heron.db.migrations.state import ModelState, ProjectState
from heron.db.models.registry import get_registry, isolated_registry

from .conftest import foreign_keys, rows, tables


def test_state_from_models_renders_separate_historical_classes() -> None:
    with isolated_registry():

        class Author(models.Model):
            name = models.CharField(max_length=50, unique=True)

            class Meta:
                app_label = "hist"
                ordering = ["name"]

        class Post(models.Model):
            author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="posts")
            tags = models.ManyToManyField("hist.Author", related_name="tagged")

            class Meta:
                app_label = "hist"

        state = ProjectState.from_apps([Author, Post])
        registry = get_registry()
    post = state.models[("hist", "post")]
    assert list(post.fields) == ["id", "author", "tags"]
    assert post.fields["author"].deconstruct() == (
        "",
        "heron.db.models.ForeignKey",
        [],
        {"to": "hist.Author", "on_delete": models.PROTECT, "related_name": "posts"},
    )
    assert state.models[("hist", "author")].options == {
        "ordering": ["name"],
        "indexes": [],
        "constraints": [],
    }
    historical = state.apps.get_model("hist", "Post")
    assert historical is not Post
    assert historical.__module__ == "__heron_historical__"
    assert historical._meta.get_field("author").related_model is state.apps.get_model(
        "hist", "Author"
    )
    assert historical._meta.get_field("tags").through._meta.db_table == "hist_post_tags"
    assert "hist" not in registry.all_models or registry.all_models["hist"]["post"] is Post
    assert state.clone() == state


def test_state_operations_and_their_errors() -> None:
    state = ProjectState()
    CreateModel("Item", [("name", models.CharField(max_length=5))]).state_forwards("x", state)
    RenameField("Item", "name", "title").state_forwards("x", state)
    assert list(state.get_model_state("x", "item").fields) == ["title"]
    with pytest.raises(LookupError) as missing_field:
        RenameField("Item", "name", "label").state_forwards("x", state)
    assert str(missing_field.value) == (
        "x.Item has no field 'name' in the migration state. Its fields: title."
    )
    DeleteModel("Item").state_forwards("x", state)
    with pytest.raises(LookupError) as missing_model:
        DeleteModel("Item").state_forwards("x", state)
    assert str(missing_model.value) == (
        "The migration state of app 'x' has no model 'Item' (models: none). Check the "
        "migration's dependencies."
    )
    with isolated_registry():

        class Bound(models.Model):
            class Meta:
                app_label = "x"

    # A field attached to a model class is copied, unbound.
    copied = ModelState("x", "Other", {"id": Bound._meta.pk}).fields["id"]
    assert copied is not Bound._meta.pk and getattr(copied, "model", None) is None


def test_index_and_constraint_operations_on_the_state() -> None:
    state = ProjectState()
    CreateModel("Item", [("name", models.CharField(max_length=5))]).state_forwards("x", state)
    AddIndex("Item", models.Index(fields=["-name"])).state_forwards("x", state)
    unique = models.UniqueConstraint(fields=["name"], name="item_name_uniq")
    AddConstraint("Item", unique).state_forwards("x", state)
    options = state.get_model_state("x", "item").options
    assert [index.fields for index in options["indexes"]] == [("-name",)]
    assert [constraint.name for constraint in options["constraints"]] == ["item_name_uniq"]
    with pytest.raises(LookupError) as missing_index:
        RemoveIndex("Item", "item_title_idx").state_forwards("x", state)
    assert str(missing_index.value) == (
        "x.Item has no index 'item_title_idx' in the migration state (indexes: x_item_name_idx)."
    )
    with pytest.raises(LookupError) as missing_constraint:
        RemoveConstraint("Item", "item_title_uniq").state_forwards("x", state)
    assert str(missing_constraint.value) == (
        "x.Item has no constraint 'item_title_uniq' in the migration state "
        "(constraints: item_name_uniq)."
    )
    RemoveIndex("Item", "x_item_name_idx").state_forwards("x", state)
    RemoveConstraint("Item", "item_name_uniq").state_forwards("x", state)
    assert state.get_model_state("x", "item").options["indexes"] == []
    assert state.get_model_state("x", "item").options["constraints"] == []
    with pytest.raises(LookupError) as none_left:
        RemoveIndex("Item", "x_item_name_idx").state_forwards("x", state)
    assert str(none_left.value).endswith("(indexes: none).")


def test_dangling_relation_in_state_is_explained() -> None:
    state = ProjectState()
    CreateModel(
        "Loan",
        [("book", models.ForeignKey("library.Book", on_delete=models.CASCADE))],
    ).state_forwards("x", state)
    with pytest.raises(InvalidBasesError) as info:
        state.apps  # noqa: B018
    assert str(info.value) == (
        "The migration state has relations to models it does not contain: library.book. Add a "
        "dependency on the migration that creates them (their app must have migrations)."
    )


def test_unmanaged_model_gets_no_table(db: DatabaseWrapper) -> None:
    before = ProjectState()
    operation = CreateModel(
        "External",
        [("id", models.BigAutoField(primary_key=True))],
        options={"managed": False, "db_table": "legacy_external"},
    )
    after = before.clone()
    operation.state_forwards("ext", after)
    editor = SchemaEditor(db)
    operation.database_forwards("ext", editor, before, after)
    assert editor.executed_sql == []
    assert "legacy_external" not in tables(db)
    assert after.apps.get_model("ext", "External")._meta.db_table == "legacy_external"


def test_rename_model_with_a_self_reference(db: DatabaseWrapper) -> None:
    states = [ProjectState()]
    operations = [
        CreateModel(
            "Node",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("parent", models.ForeignKey("self", on_delete=models.CASCADE, null=True)),
            ],
        ),
        RenameModel("Node", "Vertex"),
    ]
    with SchemaEditor(db) as editor:
        for operation in operations:
            after = states[-1].clone()
            operation.state_forwards("graph", after)
            operation.database_forwards("graph", editor, states[-1], after)
            states.append(after)
            if len(states) == 2:
                db.execute("INSERT INTO graph_node (parent_id) VALUES (NULL)", None, fetch="none")
                db.execute("INSERT INTO graph_node (parent_id) VALUES (1)", None, fetch="none")
    assert "graph_node" not in tables(db)
    assert foreign_keys(db, "graph_vertex") == {("parent_id", "graph_vertex")}
    assert rows(db, "SELECT id, parent_id FROM graph_vertex ORDER BY id") == [(1, None), (2, 1)]
    with SchemaEditor(db) as editor:
        operations[1].database_backwards("graph", editor, states[2], states[1])
    assert foreign_keys(db, "graph_node") == {("parent_id", "graph_node")}
    assert rows(db, "SELECT id, parent_id FROM graph_node ORDER BY id") == [(1, None), (2, 1)]
    with SchemaEditor(db) as editor:
        operations[0].database_backwards("graph", editor, states[1], states[0])
    assert tables(db) == set()


def test_alter_field_renaming_its_column_keeps_the_data(db: DatabaseWrapper) -> None:
    create = CreateModel(
        "Item",
        [("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=5))],
    )
    alter = AlterField("Item", "code", models.CharField(max_length=8, db_column="item_code"))
    states = [ProjectState()]
    for operation in (create, alter):
        after = states[-1].clone()
        operation.state_forwards("inv", after)
        states.append(after)
    with SchemaEditor(db) as editor:
        create.database_forwards("inv", editor, states[0], states[1])
    db.execute("INSERT INTO inv_item (code) VALUES ('a1')", None, fetch="none")
    with SchemaEditor(db) as editor:
        alter.database_forwards("inv", editor, states[1], states[2])
    assert rows(db, "SELECT id, item_code FROM inv_item") == [(1, "a1")]
    with SchemaEditor(db) as editor:
        alter.database_backwards("inv", editor, states[2], states[1])
    assert rows(db, "SELECT id, code FROM inv_item") == [(1, "a1")]


def test_making_a_column_required_fills_nulls_with_the_default(db: DatabaseWrapper) -> None:
    create = CreateModel(
        "Item",
        [
            ("id", models.BigAutoField(primary_key=True)),
            ("size", models.IntegerField(null=True)),
        ],
    )
    alter = AlterField("Item", "size", models.IntegerField(default=7))
    states = [ProjectState()]
    for operation in (create, alter):
        after = states[-1].clone()
        operation.state_forwards("inv", after)
        states.append(after)
    with SchemaEditor(db) as editor:
        create.database_forwards("inv", editor, states[0], states[1])
    db.execute("INSERT INTO inv_item (size) VALUES (NULL), (3)", None, fetch="none")
    with SchemaEditor(db) as editor:
        alter.database_forwards("inv", editor, states[1], states[2])
    assert rows(db, "SELECT id, size FROM inv_item ORDER BY id") == [(1, 7), (2, 3)]
    with pytest.raises(IntegrityError):
        db.execute("INSERT INTO inv_item (size) VALUES (NULL)", None, fetch="none")


def test_text_column_becomes_an_integer_column(db: DatabaseWrapper) -> None:
    create = CreateModel(
        "Item",
        [("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=5))],
    )
    alter = AlterField("Item", "code", models.IntegerField())
    states = [ProjectState()]
    for operation in (create, alter):
        after = states[-1].clone()
        operation.state_forwards("inv", after)
        states.append(after)
    with SchemaEditor(db) as editor:
        create.database_forwards("inv", editor, states[0], states[1])
    db.execute("INSERT INTO inv_item (code) VALUES ('12'), ('007')", None, fetch="none")
    with SchemaEditor(db) as editor:
        alter.database_forwards("inv", editor, states[1], states[2])
    assert rows(db, "SELECT code FROM inv_item ORDER BY id") == [(12,), (7,)]
    with SchemaEditor(db) as editor:
        alter.database_backwards("inv", editor, states[2], states[1])
    assert rows(db, "SELECT code FROM inv_item ORDER BY id") == [("12",), ("7",)]
