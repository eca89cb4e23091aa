"""Fields added, removed, altered and renamed; the NOT NULL questions."""

from __future__ import annotations

import pytest

from heron.db import models
from heron.db.migrations.questioner import QuestionerError

from .helpers import changes, detect, model, scripted, state


def question(**fields: models.Field) -> object:  # type: ignore[type-arg]
    return model("polls", "Question", {"text": models.CharField(max_length=200), **fields})


def test_add_nullable_field_and_the_migration_name() -> None:
    before, after = state(question()), state(question(note=models.TextField(null=True)))
    assert detect(before, after) == {
        "polls": [
            'migrations.AddField(model_name="question", name="note", '
            "field=models.TextField(null=True))"
        ]
    }
    [migration] = changes(before, after, leaves={"polls": "0001_initial"})["polls"]
    assert (migration.name, migration.dependencies, migration.initial) == (
        "0002_question_note",
        [("polls", "0001_initial")],
        None,
    )


def test_add_field_with_default_asks_nothing() -> None:
    after = state(question(votes=models.IntegerField(default=0)))
    assert detect(state(question()), after) == {
        "polls": [
            'migrations.AddField(model_name="question", name="votes", '
            "field=models.IntegerField(default=0))"
        ]
    }


def test_not_null_without_default_fails_under_noinput() -> None:
    after = state(question(votes=models.IntegerField()))
    with pytest.raises(QuestionerError) as caught:
        detect(state(question()), after)
    assert str(caught.value) == (
        "Cannot add the NOT NULL field polls.Question.votes without a default: the table may "
        "already have rows, and each needs a value. Give the field a default=..., or make it "
        "null=True, or run makemigrations without --noinput to type a one-off default for the "
        "existing rows."
    )


def test_not_null_one_off_default_interactively() -> None:
    questioner, printed = scripted("3", "1", "oops(", "41 + 1")
    after = state(question(votes=models.IntegerField()))
    assert detect(state(question()), after, questioner) == {
        "polls": [
            'migrations.AddField(model_name="question", name="votes", '
            "field=models.IntegerField(default=42), preserve_default=False)"
        ]
    }
    assert printed[:4] == [
        "You are adding the NOT NULL field polls.Question.votes without a default; the "
        "existing rows need a value for it. Choose:",
        " 1) Provide a one-off default now (used for existing rows only)",
        " 2) Quit, and add a default=... (or null=True) to the field in models.py",
        "? Select an option",
    ]
    assert "Please select a number between 1 and 2." in printed
    assert any(line.startswith("Could not evaluate 'oops(':") for line in printed)


def test_not_null_interactive_quit() -> None:
    questioner, _ = scripted("2")
    with pytest.raises(
        QuestionerError, match=r"give polls\.Question\.votes a default or null=True"
    ):
        detect(state(question()), state(question(votes=models.IntegerField())), questioner)


def test_blank_text_needs_no_default() -> None:
    after = state(question(slug=models.CharField(max_length=20, blank=True)))
    assert detect(state(question()), after)["polls"][0].startswith("migrations.AddField(")


def test_remove_field() -> None:
    assert detect(state(question(note=models.TextField(null=True))), state(question())) == {
        "polls": ['migrations.RemoveField(model_name="question", name="note")']
    }


def test_alter_field() -> None:
    before = state(question())
    after = state(model("polls", "Question", {"text": models.CharField(max_length=300)}))
    assert detect(before, after) == {
        "polls": [
            'migrations.AlterField(model_name="question", name="text", '
            "field=models.CharField(max_length=300))"
        ]
    }


def test_alter_to_not_null_noinput_leaves_it_to_a_data_migration() -> None:
    before = state(question(votes=models.IntegerField(null=True)))
    after = state(question(votes=models.IntegerField()))
    assert detect(before, after) == {
        "polls": [
            'migrations.AlterField(model_name="question", name="votes", '
            "field=models.IntegerField())"
        ]
    }
    questioner, _ = scripted("1", "0")
    assert detect(before, after, questioner) == {
        "polls": [
            'migrations.AlterField(model_name="question", name="votes", '
            "field=models.IntegerField(default=0), preserve_default=False)"
        ]
    }


def test_rename_field_when_confirmed() -> None:
    before = state(question(note=models.TextField(null=True)))
    after = state(question(comment=models.TextField(null=True)))
    questioner, printed = scripted("y")
    assert detect(before, after, questioner) == {
        "polls": [
            'migrations.RenameField(model_name="question", old_name="note", new_name="comment")'
        ]
    }
    assert printed == [
        "? Was polls.Question.note renamed to polls.Question.comment (a TextField)? [y/N]"
    ]


def test_rename_field_never_guessed_without_input() -> None:
    before = state(question(note=models.TextField(null=True)))
    after = state(question(comment=models.TextField(null=True)))
    assert detect(before, after) == {
        "polls": [
            'migrations.RemoveField(model_name="question", name="note")',
            'migrations.AddField(model_name="question", name="comment", '
            "field=models.TextField(null=True))",
        ]
    }


def test_rename_field_and_alter_another() -> None:
    before = state(question(note=models.TextField(null=True)))
    after = state(
        model(
            "polls",
            "Question",
            {"text": models.CharField(max_length=50), "comment": models.TextField(null=True)},
        )
    )
    questioner, _ = scripted("yes")
    assert detect(before, after, questioner) == {
        "polls": [
            'migrations.RenameField(model_name="question", old_name="note", new_name="comment")',
            'migrations.AlterField(model_name="question", name="text", '
            "field=models.CharField(max_length=50))",
        ]
    }


def test_foreign_key_to_a_new_model_comes_after_it() -> None:
    author = model("polls", "Author")
    after = state(
        question(author=models.ForeignKey("polls.Author", null=True, on_delete=models.SET_NULL)),
        author,
    )
    assert detect(state(question()), after) == {
        "polls": [
            'migrations.CreateModel(name="Author", fields=[("id", models.BigAutoField())])',
            'migrations.AddField(model_name="question", name="author", field=models.ForeignKey('
            'to="polls.Author", on_delete=models.SET_NULL, null=True))',
        ]
    }


def test_many_to_many_added_and_changed_into_a_foreign_key() -> None:
    tag = model("polls", "Tag")
    before = state(question(), tag)
    after = state(question(tags=models.ManyToManyField("polls.Tag")), tag)
    assert detect(before, after) == {
        "polls": [
            'migrations.AddField(model_name="question", name="tags", '
            'field=models.ManyToManyField(to="polls.Tag"))'
        ]
    }
    fk = state(
        question(tags=models.ForeignKey("polls.Tag", null=True, on_delete=models.CASCADE)), tag
    )
    assert detect(after, fk) == {
        "polls": [
            'migrations.RemoveField(model_name="question", name="tags")',
            'migrations.AddField(model_name="question", name="tags", field=models.ForeignKey('
            'to="polls.Tag", on_delete=models.CASCADE, null=True))',
        ]
    }
