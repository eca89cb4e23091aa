"""Relations: string targets, forward references, accessors, M2M join models, loader hooks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from heron.db import models
from heron.db.exceptions import SynchronousOnlyOperation
from heron.db.models import registry, related
from heron.db.models.exceptions import RelationLoaderMissing
from heron.db.models.registry import isolated_registry

from .basic.models import Choice, Question
from .relations.models import Author, Book, Group, Membership, Person, Place, Restaurant, Tag


def test_forward_references_resolve() -> None:
    assert Book._meta.get_field("author").related_model is Author
    assert Book._meta.get_field("editor").related_model is Author
    assert Author._meta.get_field("mentor").related_model is Author
    assert Book._meta.get_field("tags").related_model is Tag


def test_reverse_accessor_names() -> None:
    accessors = {r.accessor_name: r for r in Author._meta.related_objects}
    assert sorted(accessors) == ["author_set", "book_set", "edited"]
    assert accessors["book_set"].related_model is Book
    assert accessors["book_set"].query_name == "book"
    assert accessors["edited"].query_name == "edited"
    assert isinstance(Author.book_set, related.ReverseManyToOneDescriptor)
    assert Author._meta.get_field("book") is accessors["book_set"]
    assert [r.accessor_name for r in Question._meta.related_objects] == ["choices"]
    assert Restaurant._meta.get_field("place").one_to_one
    assert isinstance(Place.restaurant, related.ReverseOneToOneDescriptor)


def test_related_query_name_and_hidden() -> None:
    with isolated_registry():

        class Target(models.Model):
            class Meta:
                app_label = "x"

        class Pointer(models.Model):
            a = models.ForeignKey(Target, models.CASCADE, related_query_name="ptr")
            b = models.ForeignKey(Target, models.CASCADE, related_name="+")

            class Meta:
                app_label = "x"

        visible = Target._meta.related_objects
        assert [(r.accessor_name, r.query_name) for r in visible] == [("pointer_set", "ptr")]
        assert len(Target._meta.get_relations()) == 2  # the hidden one still cascades


def test_default_related_name_from_abstract_base() -> None:
    with isolated_registry():

        class Target(models.Model):
            class Meta:
                app_label = "x"

        class Base(models.Model):
            target = models.ForeignKey(
                Target, models.CASCADE, related_name="%(app_label)s_%(class)s_items"
            )

            class Meta:
                abstract = True

        class One(Base):
            class Meta:
                app_label = "x"

        class Two(Base):
            class Meta:
                app_label = "x"

        names = sorted(r.accessor_name for r in Target._meta.related_objects)
        assert names == ["x_one_items", "x_two_items"]


def test_accessor_clash_is_reported() -> None:
    with isolated_registry():

        class Target(models.Model):
            pointer_set = models.IntegerField()

            class Meta:
                app_label = "x"

        with pytest.raises(TypeError) as info:

            class Pointer(models.Model):
                target = models.ForeignKey(Target, models.CASCADE)

                class Meta:
                    app_label = "x"

        assert str(info.value) == (
            "The reverse accessor Target.pointer_set for x.Pointer.target clashes with the "
            "field Target.pointer_set. Give target a related_name=..."
        )


def test_unresolved_target_is_reported() -> None:
    with isolated_registry() as reg:

        class Lonely(models.Model):
            ghost = models.ForeignKey("Ghost", models.CASCADE)

            class Meta:
                app_label = "x"

        assert reg.pending_models() == ["x.ghost"]
        with pytest.raises(models.FieldDoesNotExist, match="points at 'Ghost', which has not"):
            _ = Lonely._meta.get_field("ghost").related_model


def test_auto_through_model() -> None:
    through = Book._meta.get_field("tags").through
    opts = through._meta
    assert through.__name__ == "Book_tags"
    assert opts.db_table == "relations_book_tags"
    assert opts.auto_created
    assert [f.name for f in opts.fields] == ["id", "book", "tag"]
    assert opts.unique_together == [("book", "tag")]
    assert through not in registry.get_models()
    assert through in registry.get_models(include_auto_created=True)
    # Self-referencing: from_/to_ keys.
    friends = Person._meta.get_field("friends")
    assert [f.name for f in friends.through._meta.fields] == ["id", "from_person", "to_person"]
    # The join model's keys have no reverse accessors.
    assert "book_tags+" not in {r.accessor_name for r in Book._meta.related_objects}


def test_explicit_through_model() -> None:
    field = Person._meta.get_field("groups")
    assert field.through is Membership
    assert (field.m2m_source_name, field.m2m_target_name) == ("person", "group")
    assert [r.accessor_name for r in Group._meta.related_objects] == ["members", "membership_set"]


def test_forward_assignment_sets_key_and_cache() -> None:
    question = Question(id=5, question_text="Q")
    choice = Choice(question=question)
    assert choice.question_id == 5
    assert choice.question is question
    choice.question = None  # type: ignore[assignment]
    assert choice.question_id is None and choice.question is None
    with pytest.raises(TypeError, match=r"Choice.question must be a Question instance"):
        choice.question = Book()  # type: ignore[assignment]
    with pytest.raises(TypeError, match="got both 'question' and 'question_id'"):
        Choice(question=question, question_id=5)


def test_forward_access_uses_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[Any] = []

    def loader(instance: Any, field: Any) -> Any:
        loaded.append((instance.pk, field.name))
        return Question(id=instance.question_id, question_text="loaded")

    choice = Choice.from_db(("id", "question_id"), (1, 9))
    monkeypatch.setattr(related, "lazy_loader", None)  # the QuerySet layer installs one
    with pytest.raises(RelationLoaderMissing, match=r"Choice.question is not loaded"):
        _ = choice.question
    monkeypatch.setattr(related, "lazy_loader", loader)
    assert choice.question.question_text == "loaded"
    assert choice.question.pk == 9
    assert loaded == [(1, "question")]  # cached after the first load
    choice.question_id = 10  # a changed key invalidates the cache
    assert choice.question.pk == 10 and len(loaded) == 2


def test_lazy_load_in_async_code_is_refused() -> None:
    choice = Choice.from_db(("id", "question_id"), (1, 9))

    async def main() -> None:
        _ = choice.question

    with pytest.raises(SynchronousOnlyOperation) as info:
        asyncio.run(main())
    message = str(info.value)
    assert "select_related('question')" in message and "prefetch_related" in message


def test_reverse_managers() -> None:
    question = Question(id=3)
    manager = question.choices  # type: ignore[attr-defined]
    assert isinstance(manager, models.RelatedManager)
    assert manager.model is Choice and manager.core_filters == {"question": question}
    with pytest.raises(TypeError, match=r"use choices.set"):
        question.choices = []  # type: ignore[attr-defined]

    book = Book(id=1)
    tags = book.tags
    assert isinstance(tags, models.ManyRelatedManager) and tags.model is Tag
    assert (tags.source_field_name, tags.target_field_name) == ("book", "tag")
    reverse = Tag(id=2).books  # type: ignore[attr-defined]
    assert reverse.model is Book and reverse.source_field_name == "tag"
    with pytest.raises(ValueError, match="needs a primary key value"):
        _ = Book().tags


def test_manager_class_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    class Richer(models.RelatedManager[Any]):
        def count_hint(self) -> str:
            return f"rows of {self.model.__name__}"

    monkeypatch.setattr(related, "reverse_manager_class", Richer)
    assert Question(id=1).choices.count_hint() == "rows of Choice"  # type: ignore[attr-defined]


def test_reverse_one_to_one() -> None:
    place = Place(id=1)
    restaurant = Restaurant(id=4)
    place.restaurant = restaurant  # type: ignore[attr-defined]
    assert place.restaurant is restaurant  # type: ignore[attr-defined]
    assert restaurant.place_id == 1  # type: ignore[attr-defined]
    empty = Place(id=2)
    empty._state.fields_cache["restaurant"] = None
    with pytest.raises(Restaurant.DoesNotExist, match="Place has no restaurant"):
        _ = empty.restaurant  # type: ignore[attr-defined]


def test_m2m_kwarg_in_init_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot set the many-to-many field 'tags'"):
        Book(tags=[])


def test_on_delete_markers() -> None:
    assert repr(models.SET(0)) == "SET(0)"
    assert models.SET(lambda: 5).resolve_value() == 5
    assert Book._meta.get_field("author").on_delete is models.PROTECT
    error = models.ProtectedError("refused", [Author(id=1)])
    assert error.protected_objects == {Author(id=1)}
