"""Models created, deleted and renamed, and the order relations impose."""

from __future__ import annotations

from heron.db import models

from .helpers import changes, detect, model, scripted, state

QUESTION = model("polls", "Question", {"text": models.CharField(max_length=200)})


def test_no_changes() -> None:
    assert detect(state(QUESTION), state(QUESTION)) == {}
    assert changes(state(QUESTION), state(QUESTION)) == {}


def test_new_model_is_an_initial_migration() -> None:
    found = changes(state(), state(QUESTION))
    [migration] = found["polls"]
    assert (migration.name, migration.initial, migration.dependencies) == (
        "0001_initial",
        True,
        [],
    )
    assert detect(state(), state(QUESTION)) == {
        "polls": [
            'migrations.CreateModel(name="Question", fields=[("id", models.BigAutoField()), '
            '("text", models.CharField(max_length=200))])'
        ]
    }


def test_options_go_into_create_model() -> None:
    tag = model(
        "polls",
        "Tag",
        {"name": models.CharField(max_length=20)},
        ordering=["name"],
        db_table="tags",
        indexes=[models.Index(fields=["name"], name="tag_name_idx")],
        constraints=[models.UniqueConstraint(fields=["name"], name="uniq_tag")],
    )
    assert detect(state(), state(tag)) == {
        "polls": [
            'migrations.CreateModel(name="Tag", fields=[("id", models.BigAutoField()), '
            '("name", models.CharField(max_length=20))], options={"ordering": ["name"], '
            '"db_table": "tags", "indexes": [models.Index(fields=("name",), '
            'name="tag_name_idx")], "constraints": [models.UniqueConstraint(name="uniq_tag", '
            'fields=("name",))]})'
        ]
    }


def test_target_model_is_created_first_whatever_the_declaration_order() -> None:
    choice = model(
        "polls",
        "Choice",
        {"question": models.ForeignKey("polls.Question", on_delete=models.CASCADE)},
    )
    assert detect(state(), state(choice, QUESTION)) == {
        "polls": [
            'migrations.CreateModel(name="Question", fields=[("id", models.BigAutoField()), '
            '("text", models.CharField(max_length=200))])',
            'migrations.CreateModel(name="Choice", fields=[("id", models.BigAutoField()), '
            '("question", models.ForeignKey(to="polls.Question", on_delete=models.CASCADE))])',
        ]
    }


def test_self_reference_stays_in_create_model() -> None:
    node = model(
        "tree", "Node", {"parent": models.ForeignKey("self", null=True, on_delete=models.CASCADE)}
    )
    assert detect(state(), state(node)) == {
        "tree": [
            'migrations.CreateModel(name="Node", fields=[("id", models.BigAutoField()), '
            '("parent", models.ForeignKey(to="self", on_delete=models.CASCADE, null=True))])'
        ]
    }


def test_many_to_many_in_a_new_model() -> None:
    tag = model("polls", "Tag")
    post = model("polls", "Post", {"tags": models.ManyToManyField("polls.Tag", blank=True)})
    assert detect(state(), state(post, tag))["polls"][1] == (
        'migrations.CreateModel(name="Post", fields=[("id", models.BigAutoField()), '
        '("tags", models.ManyToManyField(to="polls.Tag", blank=True))])'
    )


def test_cross_app_dependency_on_a_new_migration() -> None:
    book = model(
        "library", "Book", {"author": models.ForeignKey("people.Author", on_delete=models.PROTECT)}
    )
    author = model("people", "Author")
    found = changes(state(), state(book, author))
    assert [(m.name, m.dependencies) for m in found["library"]] == [
        ("0001_initial", [("people", "0001_initial")])
    ]
    assert [(m.name, m.dependencies) for m in found["people"]] == [("0001_initial", [])]


def test_cross_app_dependency_on_the_latest_existing_migration() -> None:
    author = model("people", "Author")
    book = model(
        "library", "Book", {"author": models.ForeignKey("people.Author", on_delete=models.CASCADE)}
    )
    found = changes(
        state(author), state(author, book), leaves={"people": "0003_author_email", "library": None}
    )
    assert list(found) == ["library"]
    assert found["library"][0].dependencies == [("people", "0003_author_email")]


def test_apps_pointing_at_each_other_get_split() -> None:
    a = model("alpha", "A", {"b": models.ForeignKey("beta.B", on_delete=models.CASCADE)})
    b = model("beta", "B", {"a": models.ForeignKey("alpha.A", on_delete=models.CASCADE)})
    found = changes(state(), state(a, b))
    summary = {
        app: [(m.name, m.dependencies, [type(op).__name__ for op in m.operations]) for m in ms]
        for app, ms in found.items()
    }
    assert summary == {
        "alpha": [
            ("0001_initial", [], ["CreateModel"]),
            ("0002_a_b", [("alpha", "0001_initial"), ("beta", "0001_initial")], ["AddField"]),
        ],
        "beta": [("0001_initial", [("alpha", "0001_initial")], ["CreateModel"])],
    }


def test_trim_to_apps_keeps_what_the_app_needs() -> None:
    book = model(
        "library", "Book", {"author": models.ForeignKey("people.Author", on_delete=models.CASCADE)}
    )
    author = model("people", "Author")
    other = model("other", "Thing")
    found = changes(state(), state(book, author, other), trim_to_apps=["library"])
    assert sorted(found) == ["library", "people"]


def test_deleted_models_drop_referrers_first() -> None:
    choice = model(
        "polls",
        "Choice",
        {"question": models.ForeignKey("polls.Question", on_delete=models.CASCADE)},
    )
    assert detect(state(QUESTION, choice), state()) == {
        "polls": [
            'migrations.DeleteModel(name="Choice")',
            'migrations.DeleteModel(name="Question")',
        ]
    }


def test_deleting_a_target_kept_elsewhere_removes_the_field_first() -> None:
    choice = model(
        "polls",
        "Choice",
        {"question": models.ForeignKey("polls.Question", on_delete=models.CASCADE)},
    )
    plain_choice = model("polls", "Choice")
    assert detect(state(QUESTION, choice), state(plain_choice)) == {
        "polls": [
            'migrations.RemoveField(model_name="choice", name="question")',
            'migrations.DeleteModel(name="Question")',
        ]
    }


def test_rename_model_when_confirmed() -> None:
    renamed = model("polls", "Poll", {"text": models.CharField(max_length=200)})
    questioner, printed = scripted("y")
    assert detect(state(QUESTION), state(renamed), questioner) == {
        "polls": ['migrations.RenameModel(old_name="Question", new_name="Poll")']
    }
    assert printed == ["? Was the model polls.Question renamed to Poll? [y/N]"]


def test_rename_model_refused_or_noinput_is_delete_and_create() -> None:
    renamed = model("polls", "Poll", {"text": models.CharField(max_length=200)})
    questioner, _ = scripted("n")
    for asked in (questioner, None):
        assert [
            line.split("(")[0] for line in detect(state(QUESTION), state(renamed), asked)["polls"]
        ] == [
            "migrations.CreateModel",
            "migrations.DeleteModel",
        ]


def test_renamed_model_relations_follow() -> None:
    choice = model(
        "polls",
        "Choice",
        {"question": models.ForeignKey("polls.Question", on_delete=models.CASCADE)},
    )
    poll = model("polls", "Poll", {"text": models.CharField(max_length=200)})
    new_choice = model(
        "polls", "Choice", {"question": models.ForeignKey("polls.Poll", on_delete=models.CASCADE)}
    )
    questioner, _ = scripted("y")
    assert detect(state(QUESTION, choice), state(poll, new_choice), questioner) == {
        "polls": ['migrations.RenameModel(old_name="Question", new_name="Poll")']
    }


def test_deleting_a_model_waits_for_the_other_app_to_drop_its_key() -> None:
    author = model("people", "Author")
    book = model(
        "library", "Book", {"author": models.ForeignKey("people.Author", on_delete=models.CASCADE)}
    )
    leaves = {"people": "0001_initial", "library": "0001_initial"}
    found = changes(state(author, book), state(model("library", "Book")), leaves=leaves)
    summary = {
        app: [(m.name, m.dependencies) for m in migrations] for app, migrations in found.items()
    }
    assert summary == {
        "library": [("0002_remove_book_author", [("library", "0001_initial")])],
        "people": [
            (
                "0002_delete_author",
                [("library", "0002_remove_book_author"), ("people", "0001_initial")],
            )
        ],
    }
