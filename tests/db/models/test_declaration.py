"""Declaring models: Meta, the registry, inheritance, instances (no database)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from heron.db import models
from heron.db.models import registry
from heron.db.models.registry import isolated_registry

from .basic.models import Choice, Contact, Question, Status


def test_meta_basics() -> None:
    opts = Question._meta
    assert (opts.app_label, opts.model_name, opts.object_name) == ("basic", "question", "Question")
    assert opts.label == "basic.Question"
    assert opts.db_table == "basic_question"
    assert [f.name for f in opts.fields] == ["id", "question_text", "pub_date", "status"]
    assert opts.pk is opts.get_field("id")
    assert isinstance(opts.pk, models.BigAutoField)
    assert opts.verbose_name == "question"
    assert opts.verbose_name_plural == "questions"
    assert opts.concrete_model is Question
    assert not opts.abstract and not opts.proxy
    assert Choice._meta.ordering == ["-votes"]
    assert [c.name for c in Choice._meta.constraints] == ["uniq_choice"]


def test_field_attributes() -> None:
    field = Choice._meta.get_field("question")
    assert (field.name, field.attname, field.column, field.model) == (
        "question",
        "question_id",
        "question_id",
        Choice,
    )
    assert Choice._meta.get_field("question_id") is field
    assert Question._meta.get_field("pub_date").verbose_name == "date published"
    assert Question.question_text is Question._meta.get_field("question_text")


def test_get_field_lists_choices() -> None:
    with pytest.raises(models.FieldDoesNotExist) as info:
        Question._meta.get_field("nope")
    assert str(info.value) == (
        "Question has no field named 'nope'. "
        "Choices are: id, question_text, pub_date, status, choices."
    )


def test_registry_lookups() -> None:
    assert registry.get_model("basic.Question") is Question
    assert registry.get_model("basic.question") is Question
    assert registry.get_model("basic", "Choice") is Choice
    assert Question in registry.get_models("basic")
    with pytest.raises(LookupError, match="App 'basic' has no model 'Nope'"):
        registry.get_model("basic.Nope")


def test_unknown_meta_option() -> None:
    with isolated_registry(), pytest.raises(TypeError) as info:

        class Broken(models.Model):
            class Meta:
                app_label = "x"
                orderin = ["id"]

    assert str(info.value) == (
        "Broken.Meta has an unknown option 'orderin'. Valid options: abstract, app_label, "
        "constraints, db_table, default_permissions, default_related_name, get_latest_by, "
        "indexes, managed, ordering, permissions, proxy, swappable, unique_together, "
        "verbose_name, verbose_name_plural."
    )


def test_meta_refers_to_unknown_field() -> None:
    with isolated_registry(), pytest.raises(models.FieldError) as info:

        class Broken(models.Model):
            name = models.CharField(max_length=5)

            class Meta:
                app_label = "x"
                ordering = ["-nam"]

    assert str(info.value) == (
        "Broken.Meta.ordering refers to 'nam', which is not a field of Broken. "
        "Choices are: id, name."
    )


def test_charfield_needs_max_length() -> None:
    with pytest.raises(TypeError) as info:
        models.CharField()  # type: ignore[call-overload]
    assert str(info.value) == (
        "CharField needs max_length, e.g. CharField(max_length=200); "
        "use TextField for unlimited text."
    )


def test_decimalfield_needs_digits() -> None:
    with pytest.raises(TypeError, match=re.escape("DecimalField needs max_digits")):
        models.DecimalField()  # type: ignore[call-overload]


def test_on_delete_checks() -> None:
    with pytest.raises(models.FieldError, match="on_delete=SET_NULL needs null=True"):
        models.ForeignKey(Question, on_delete=models.SET_NULL)
    with pytest.raises(models.FieldError, match="on_delete must be one of"):
        models.ForeignKey(Question, on_delete="cascade")  # type: ignore[call-overload]


def test_custom_primary_key_and_db_table() -> None:
    with isolated_registry():

        class Thing(models.Model):
            code = models.CharField(max_length=10, primary_key=True)

            class Meta:
                app_label = "shop"
                db_table = "things"
                verbose_name = "stock thing"

        opts = Thing._meta
        assert [f.name for f in opts.fields] == ["code"]
        assert opts.pk.name == "code"
        assert (opts.db_table, opts.verbose_name_plural) == ("things", "stock things")
        thing = Thing(code="A1")
        assert thing.pk == "A1"
        thing.pk = "B2"
        assert thing.code == "B2"


def test_id_field_without_primary_key_is_refused() -> None:
    with isolated_registry(), pytest.raises(TypeError, match="'id' can only be a field name"):

        class Broken(models.Model):
            id = models.IntegerField()

            class Meta:
                app_label = "x"


def test_app_label_derivation() -> None:
    from heron.db.models.base import _app_label_for

    assert _app_label_for("polls.models") == "polls"
    assert _app_label_for("polls.models.question") == "polls"
    assert _app_label_for("tests.db.models.basic.models") == "basic"
    assert _app_label_for("scripts.tool") == "tool"


def test_app_label_from_installed_apps(configured: None) -> None:
    from heron.apps import AppConfig, apps
    from heron.db.models.base import _app_label_for

    config = AppConfig("tests.db.models.basic")
    config.label = "the_basics"
    apps.app_configs, apps.ready = {"the_basics": config}, True
    assert _app_label_for("tests.db.models.basic.models") == "the_basics"
    assert _app_label_for("elsewhere.models") == "elsewhere"


def test_conflicting_models_are_refused() -> None:
    with isolated_registry():

        class Dup(models.Model):
            class Meta:
                app_label = "x"

        with pytest.raises(TypeError, match="Conflicting models in app 'x'"):
            Twin = type(  # noqa: F841
                "Dup",
                (models.Model,),
                {"__module__": "other", "Meta": type("Meta", (), {"app_label": "x"})},
            )


# -- inheritance --------------------------------------------------------------------------------


def test_abstract_multilevel_inheritance() -> None:
    with isolated_registry() as reg:

        class Stamped(models.Model):
            created = models.DateTimeField(auto_now_add=True)

            class Meta:
                abstract = True
                ordering = ["-created"]

        class Named(Stamped):
            name = models.CharField(max_length=20)

            class Meta:
                abstract = True

        class Post(Named):
            body = models.TextField()

            class Meta:
                app_label = "blog"

        assert reg.get_models() == [Post]
        assert Stamped._meta.abstract and not Post._meta.abstract
        assert [f.name for f in Post._meta.fields] == ["id", "created", "name", "body"]
        assert Post._meta.ordering == ["-created"]
        # Each child owns copies of the inherited fields.
        assert Post._meta.get_field("name") is not Named._meta.get_field("name")
        assert Post._meta.get_field("name").model is Post
        with pytest.raises(TypeError, match="Stamped is abstract"):
            Stamped()
        with pytest.raises(TypeError, match="Stamped is abstract: it has no table"):
            Stamped._meta.table()


def test_child_overrides_or_removes_abstract_field() -> None:
    with isolated_registry():

        class Base(models.Model):
            title = models.CharField(max_length=10)
            note = models.TextField()

            class Meta:
                abstract = True

        class Child(Base):
            title = models.CharField(max_length=99)  # type: ignore[assignment]
            note = None  # type: ignore[assignment]

            class Meta:
                app_label = "x"

        assert [f.name for f in Child._meta.fields] == ["id", "title"]
        assert Child._meta.get_field("title").max_length == 99


def test_proxy_model() -> None:
    with isolated_registry():

        class Animal(models.Model):
            name = models.CharField(max_length=20)

            class Meta:
                app_label = "zoo"
                ordering = ["name"]

        class Loud(Animal):
            class Meta:
                proxy = True

            def shout(self) -> str:
                return self.name.upper()

        opts = Loud._meta
        assert opts.proxy and opts.concrete_model is Animal
        assert opts.db_table == "zoo_animal"
        assert opts.fields == Animal._meta.fields
        assert opts.ordering == ["name"]
        assert opts.table() is Animal._meta.table()
        loud = Loud(name="rex")
        assert loud.shout() == "REX"
        assert issubclass(Loud.DoesNotExist, Animal.DoesNotExist)
        loud.pk = 1
        assert loud == Animal(id=1)


def test_proxy_rules() -> None:
    with isolated_registry():

        class Animal(models.Model):
            class Meta:
                app_label = "zoo"

        with pytest.raises(TypeError, match=r"Proxy model Bad cannot declare fields \(legs\)"):

            class Bad(Animal):
                legs = models.IntegerField()

                class Meta:
                    proxy = True

        with pytest.raises(TypeError, match="multi-table inheritance is not supported"):

            class Dog(Animal):
                pass


# -- instances ----------------------------------------------------------------------------------


def test_init_defaults_and_kwargs() -> None:
    contact = Contact(name="Ann", email="ann@example.com", slug="ann")
    assert contact.pk is None and contact.id is None
    assert contact.nickname is None
    assert contact.homepage == ""
    assert contact.balance == 0
    assert contact.priority == 1
    other = Contact(name="Bob")
    assert contact.token != other.token  # callable default called per instance
    assert contact._state.adding and contact._state.db is None


def test_init_positional() -> None:
    question = Question(None, "What?", None, Status.PUBLISHED)
    assert (question.question_text, question.status) == ("What?", "p")
    with pytest.raises(TypeError, match=r"at most 4 positional arguments \(5 given\)"):
        Question(None, "a", None, "d", "extra")
    with pytest.raises(TypeError, match="got multiple values for 'question_text'"):
        Question(None, "a", question_text="b")


def test_init_unknown_kwarg() -> None:
    with pytest.raises(TypeError) as info:
        Question(question_txt="x")
    assert str(info.value) == (
        "Question() got an unexpected keyword argument 'question_txt'. "
        "Valid fields: id, question_text, pub_date, status."
    )


def test_equality_and_hash() -> None:
    a, b = Question(id=1), Question(id=1)
    assert a == b and hash(a) == hash(b)
    assert a != Question(id=2)
    assert a != Choice(id=1)
    unsaved = Question()
    assert unsaved == unsaved and unsaved != Question()
    with pytest.raises(TypeError, match="Unsaved Question instances are unhashable"):
        hash(unsaved)


def test_repr_and_str() -> None:
    assert repr(Question(id=3, question_text="Why?")) == "<Question: Why?>"
    assert repr(Choice(id=3)) == "<Choice: 3>"
    assert repr(Choice()) == "<Choice: (unsaved)>"
    assert str(Choice(id=3)) == "Choice object (3)"


def test_per_model_exceptions() -> None:
    assert issubclass(Question.DoesNotExist, models.ObjectDoesNotExist)
    assert issubclass(Question.MultipleObjectsReturned, models.MultipleObjectsReturned)
    assert Question.DoesNotExist is not Choice.DoesNotExist
    assert Question.DoesNotExist.__qualname__ == "Question.DoesNotExist"
    with pytest.raises(models.ObjectDoesNotExist):
        raise Question.DoesNotExist("gone")


def test_from_db() -> None:
    names = ("id", "question_id", "choice_text", "votes")
    choice = Choice.from_db(names, (7, 3, "Yes", 2), db="replica")
    assert (choice.pk, choice.question_id, choice.choice_text, choice.votes) == (7, 3, "Yes", 2)
    assert not choice._state.adding and choice._state.db == "replica"
    # field names work as well as attnames, and lists as well as tuples
    same = Choice.from_db(["id", "question", "choice_text", "votes"], [7, 3, "Yes", 2])
    assert same == choice and same.question_id == 3
    rows = Choice.from_db_rows(names, [(1, 3, "a", 0), (2, 3, "b", 1)])
    assert [c.choice_text for c in rows] == ["a", "b"]


def test_deferred_field_without_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    from heron.db.models import related

    monkeypatch.setattr(related, "deferred_loader", None)  # the QuerySet layer installs one
    choice = Choice.from_db(("id",), (1,))
    with pytest.raises(AttributeError, match=r"Choice.votes has no value"):
        _ = choice.votes


def test_deferred_field_with_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    from heron.db.models import related

    calls: list[Any] = []

    def load(instance: Any, field: Any) -> None:
        calls.append(field.name)
        instance.__dict__[field.attname] = 42

    monkeypatch.setattr(related, "deferred_loader", load)
    choice = Choice.from_db(("id",), (1,))
    assert choice.votes == 42 and choice.votes == 42
    assert calls == ["votes"]


def test_deconstruct() -> None:
    assert Question._meta.get_field("question_text").deconstruct() == (
        "question_text",
        "heron.db.models.CharField",
        [],
        {"max_length": 200},
    )
    assert Question._meta.get_field("pub_date").deconstruct() == (
        "pub_date",
        "heron.db.models.DateTimeField",
        [],
        {"verbose_name": "date published", "db_index": True},
    )
    _, path, _, kwargs = Choice._meta.get_field("question").deconstruct()
    assert path == "heron.db.models.ForeignKey"
    assert kwargs == {
        "to": "basic.Question",
        "on_delete": models.CASCADE,
        "related_name": "choices",
    }
    assert Contact._meta.get_field("slug").deconstruct()[3] == {}
    assert Contact._meta.get_field("balance").deconstruct()[3] == {
        "default": 0,
        "max_digits": 5,
        "decimal_places": 2,
    }


def test_import_does_not_pull_sqlalchemy() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from heron.db import models; "
        "import tests.db.models.basic.models; "
        "print('sqlalchemy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
