"""Indexes, constraints, unique_together, Meta options and table names."""

from __future__ import annotations

from typing import Any

from heron.db import models
from heron.db.migrations.autodetector import MigrationAutodetector

from .helpers import detect, model, scripted, state


def tag(**options: Any) -> Any:
    fields = {"name": models.CharField(max_length=20), "slug": models.SlugField()}
    return model("blog", "Tag", fields, **options)


def test_add_and_remove_named_index() -> None:
    index = models.Index(fields=["name"], name="tag_name_idx")
    assert detect(state(tag()), state(tag(indexes=[index]))) == {
        "blog": [
            'migrations.AddIndex(model_name="tag", index=models.Index(fields=("name",), '
            'name="tag_name_idx"))'
        ]
    }
    assert detect(state(tag(indexes=[index])), state(tag())) == {
        "blog": ['migrations.RemoveIndex(model_name="tag", name="tag_name_idx")']
    }


def test_removing_an_unnamed_index_uses_its_derived_name() -> None:
    index = models.Index(fields=["-name", "slug"])
    assert detect(state(tag(indexes=[index])), state(tag())) == {
        "blog": ['migrations.RemoveIndex(model_name="tag", name="blog_tag_name_slug_idx")']
    }


def test_unnamed_index_on_a_one_to_one_field_is_named_after_its_column() -> None:
    def profile(**options: Any) -> Any:
        owner = models.OneToOneField("blog.Tag", on_delete=models.CASCADE)
        return model("blog", "Profile", {"owner": owner}, **options)

    before = state(tag(), profile(indexes=[models.Index(fields=["owner"])]))
    after = state(tag(), profile())
    assert detect(before, after) == {
        "blog": ['migrations.RemoveIndex(model_name="profile", name="blog_profile_owner_id_idx")']
    }
    # The name it writes is the one the migration state knows the index by.
    (operation,) = MigrationAutodetector(before, after).operations()["blog"]
    operation.state_forwards("blog", before)
    assert before.get_model_state("blog", "profile").options["indexes"] == []


def test_rename_index() -> None:
    before = tag(indexes=[models.Index(fields=["name"], name="old_idx")])
    after = tag(indexes=[models.Index(fields=["name"], name="new_idx")])
    assert detect(state(before), state(after)) == {
        "blog": ['migrations.RenameIndex(model_name="tag", new_name="new_idx", old_name="old_idx")']
    }


def test_constraints_added_removed_and_changed() -> None:
    unique = models.UniqueConstraint(fields=["name"], name="uniq_name")
    check = models.CheckConstraint(condition=models.Q(name__gt=""), name="name_not_empty")
    assert detect(state(tag()), state(tag(constraints=[unique, check]))) == {
        "blog": [
            'migrations.AddConstraint(model_name="tag", '
            'constraint=models.UniqueConstraint(name="uniq_name", fields=("name",)))',
            'migrations.AddConstraint(model_name="tag", '
            'constraint=models.CheckConstraint(name="name_not_empty", '
            'condition=models.Q(name__gt="")))',
        ]
    }
    wider = models.UniqueConstraint(fields=["name", "slug"], name="uniq_name")
    assert detect(state(tag(constraints=[unique])), state(tag(constraints=[wider]))) == {
        "blog": [
            'migrations.RemoveConstraint(model_name="tag", name="uniq_name")',
            'migrations.AddConstraint(model_name="tag", '
            'constraint=models.UniqueConstraint(name="uniq_name", fields=("name", "slug")))',
        ]
    }


def test_unique_together_and_removed_field_order() -> None:
    before = state(tag(unique_together=[("name", "slug")]))
    after = state(model("blog", "Tag", {"name": models.CharField(max_length=20)}))
    assert detect(before, after) == {
        "blog": [
            'migrations.AlterUniqueTogether(name="tag", unique_together=[])',
            'migrations.RemoveField(model_name="tag", name="slug")',
        ]
    }
    assert detect(state(tag()), state(tag(unique_together=[("name", "slug")]))) == {
        "blog": ['migrations.AlterUniqueTogether(name="tag", unique_together=[("name", "slug")])']
    }


def test_renamed_field_inside_unique_together_needs_nothing_more() -> None:
    before = state(tag(unique_together=[("name", "slug")]))
    after = state(
        model(
            "blog",
            "Tag",
            {"title": models.CharField(max_length=20), "slug": models.SlugField()},
            unique_together=[("title", "slug")],
        )
    )
    questioner, _ = scripted("y")
    assert detect(before, after, questioner) == {
        "blog": ['migrations.RenameField(model_name="tag", old_name="name", new_name="title")']
    }


def test_model_options_and_table() -> None:
    before = state(tag(ordering=["name"]))
    after = state(tag(ordering=["-name"], verbose_name="label", db_table="labels"))
    assert detect(before, after) == {
        "blog": [
            'migrations.AlterModelTable(name="tag", table="labels")',
            'migrations.AlterModelOptions(name="tag", options={"ordering": ["-name"], '
            '"verbose_name": "label"})',
        ]
    }
    assert detect(after, state(tag())) == {
        "blog": [
            'migrations.AlterModelTable(name="tag", table=None)',
            'migrations.AlterModelOptions(name="tag", options={})',
        ]
    }


def test_managed_is_an_option_that_alter_model_options_keeps() -> None:
    before = state(tag(managed=False, ordering=["name"]))
    after = state(tag(managed=False, ordering=["-name"]))
    assert detect(before, after) == {
        "blog": [
            'migrations.AlterModelOptions(name="tag", options={"managed": False, '
            '"ordering": ["-name"]})'
        ]
    }
    assert detect(after, state(tag(ordering=["-name"]))) == {
        "blog": ['migrations.AlterModelOptions(name="tag", options={"ordering": ["-name"]})']
    }
    # Applied to the old state, the operations give the new one (managed is not lost).
    for old, new in [(before, after), (after, state(tag()))]:
        for operation in MigrationAutodetector(old, new).operations()["blog"]:
            operation.state_forwards("blog", old)
        assert (
            old.get_model_state("blog", "tag").options == new.get_model_state("blog", "tag").options
        )


def test_conditions_compare_by_meaning_not_identity() -> None:
    def checked() -> Any:
        condition = models.Q(name__gt="") | models.Q(slug="x")
        return tag(constraints=[models.CheckConstraint(condition=condition, name="c")])

    assert detect(state(checked()), state(checked())) == {}
