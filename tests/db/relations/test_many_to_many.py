"""Many-to-many managers, ``m2m_changed``, through models and filters across the join."""

from __future__ import annotations

from typing import Any

import pytest

from heron.db.models import FieldError, m2m_changed

from ..conftest import Db
from .helpers import Run, call, fetch, names
from .models import Choice, Group, Membership, Person, Question, Tag

pytestmark = pytest.mark.usefixtures("tables")


async def tags(db: Db, *labels: str) -> list[Tag]:
    return [await call(db, Tag.objects, "create", name=label) for label in labels]


def test_add_remove_set_clear(run: Run) -> None:
    async def body(db: Db) -> None:
        py, web, orm, sql = await tags(db, "python", "web", "orm", "sql")
        q = await call(db, Question.objects, "create", question_text="Why?")
        await call(db, q.tags, "add", py, web.pk)
        await call(db, q.tags, "add", py)  # already linked: nothing happens
        assert await names(db, q.tags.all()) == ["python", "web"]
        assert await call(db, q.tags, "count") == 2
        assert await call(db, q.tags.filter(name__startswith="p"), "count") == 1
        assert (await call(db, q.tags, "get", name="web")) == web
        assert await call(db, q.tags.filter(name="orm"), "exists") is False
        assert await call(db, Membership.objects, "count") == 0  # other through untouched
        assert await names(db, py.question_set.all(), "question_text") == ["Why?"]

        await call(db, q.tags, "remove", web)
        assert await names(db, q.tags.all()) == ["python"]
        await call(db, q.tags, "set", [orm, sql, py])
        assert await names(db, q.tags.all()) == ["orm", "python", "sql"]
        await call(db, q.tags, "set", [sql.pk], clear=True)
        assert await names(db, q.tags.all()) == ["sql"]
        await call(db, sql.question_set, "clear")
        assert await call(db, q.tags, "count") == 0
        assert await call(db, Tag.objects, "count") == 4  # the far rows stay
        await call(db, q.tags, "add", py, web)
        through = Question.tags.through
        assert await call(db, through.objects, "count") == 2
        deleted = await call(db, q, "delete")
        assert deleted == (3, {"m2mtests.Question_tags": 2, "m2mtests.Question": 1})
        assert await call(db, through.objects, "count") == 0
        assert await call(db, Tag.objects, "count") == 4

    run(body)


def test_create_and_get_or_create(run: Run) -> None:
    async def body(db: Db) -> None:
        q = await call(db, Question.objects, "create", question_text="Why?")
        made = await call(db, q.tags, "create", name="new")
        assert made.pk is not None
        assert await names(db, q.tags.all()) == ["new"]
        tag, created = await call(db, q.tags, "get_or_create", name="other")
        assert created and await names(db, q.tags.all()) == ["new", "other"]
        again, created = await call(db, q.tags, "get_or_create", name="other")
        assert again == tag and not created
        back = await call(db, tag.question_set, "create", question_text="Reverse")
        assert await names(db, back.tags.all()) == ["other"]

    run(body)


def test_related_managers_use_the_model_queryset(run: Run) -> None:
    async def body(db: Db) -> None:
        py, web, _ = await tags(db, "python", "web", "pypy")
        q = await call(db, Question.objects, "create", question_text="Why?")
        await call(db, q.tags, "add", py, web)
        assert await names(db, q.tags.starting("py")) == ["python"]
        await call(db, Choice.objects, "create", question=q, choice_text="a", votes=2)
        await call(db, Choice.objects, "create", question=q, choice_text="b")
        assert await names(db, q.choices.popular(), "choice_text") == ["a"]
        with pytest.raises(AttributeError, match="has no attribute 'nope'"):
            q.tags.nope  # noqa: B018

    run(body)


def test_bad_arguments(run: Run) -> None:
    async def body(db: Db) -> None:
        q = await call(db, Question.objects, "create", question_text="Why?")
        with pytest.raises(ValueError, match="has no primary key yet; save it first"):
            await call(db, q.tags, "add", Tag(name="unsaved"))
        with pytest.raises(TypeError, match=r"tags.add\(\) takes Tag instances or their keys"):
            await call(db, q.tags, "add", q)
        with pytest.raises(ValueError, match="needs a primary key value before its many-to"):
            Question(question_text="unsaved").tags  # noqa: B018
        with pytest.raises(TypeError, match=r"use tags.set\(...\) instead"):
            q.tags = []  # type: ignore[assignment]

    run(body)


def test_m2m_changed(run: Run) -> None:
    seen: list[tuple[Any, ...]] = []

    def on_change(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
        seen.append(
            (sender, instance, action, kwargs["reverse"], kwargs["model"], kwargs["pk_set"])
        )

    async def on_change_async(sender: Any, action: str, using: str, **kwargs: Any) -> None:
        seen.append(("async", action, using))

    through = Question.tags.through
    m2m_changed.connect(on_change, sender=through, weak=False)
    m2m_changed.connect(on_change_async, sender=through, weak=False)

    async def body(db: Db) -> None:
        seen.clear()
        py, web = await tags(db, "python", "web")
        q = await call(db, Question.objects, "create", question_text="Why?")
        await call(db, q.tags, "add", py, web)
        await call(db, py.question_set, "remove", q)
        await call(db, q.tags, "clear")
        sync_events = [e for e in seen if e[0] is through]
        assert sync_events == [
            (through, q, "pre_add", False, Tag, {py.pk, web.pk}),
            (through, q, "post_add", False, Tag, {py.pk, web.pk}),
            (through, py, "pre_remove", True, Question, {q.pk}),
            (through, py, "post_remove", True, Question, {q.pk}),
            (through, q, "pre_clear", False, Tag, None),
            (through, q, "post_clear", False, Tag, None),
        ]
        assert [e[1] for e in seen if e[0] == "async"] == [
            "pre_add",
            "post_add",
            "pre_remove",
            "post_remove",
            "pre_clear",
            "post_clear",
        ]
        assert {e[2] for e in seen if e[0] == "async"} == {"default"}

    try:
        run(body)
    finally:
        m2m_changed.disconnect(on_change, sender=through)
        m2m_changed.disconnect(on_change_async, sender=through)


def test_through_model(run: Run) -> None:
    async def body(db: Db) -> None:
        ann = await call(db, Person.objects, "create", name="Ann")
        bob = await call(db, Person.objects, "create", name="Bob")
        band = await call(db, Group.objects, "create", name="Band")
        await call(db, Membership.objects, "create", person=ann, group=band, role="lead")
        await call(db, band.members, "add", bob, through_defaults={"role": "drums"})
        assert await names(db, band.members.all()) == ["Ann", "Bob"]
        assert await names(db, ann.groups.all()) == ["Band"]
        roles = Membership.objects.order_by("role").values_list("person__name", "role")
        assert await fetch(db, roles) == [("Bob", "drums"), ("Ann", "lead")]
        leads = Person.objects.filter(membership__role="lead")
        assert await names(db, leads) == ["Ann"]
        assert await names(db, Person.objects.filter(groups__name="Band")) == ["Ann", "Bob"]
        in_band = Group.objects.filter(members__name="Bob").values_list("name", flat=True)
        assert await fetch(db, in_band) == ["Band"]
        await call(db, band.members, "remove", ann)
        assert await call(db, Membership.objects, "count") == 1

    run(body)


def test_symmetrical_self_links(run: Run) -> None:
    async def body(db: Db) -> None:
        ann, bob, cid = [
            await call(db, Person.objects, "create", name=n) for n in ("Ann", "Bob", "Cid")
        ]
        assert Person.friends.symmetrical and not Person.follows.symmetrical
        await call(db, ann.friends, "add", bob, cid)
        assert await names(db, bob.friends.all()) == ["Ann"]  # the link goes both ways
        assert await names(db, ann.friends.all()) == ["Bob", "Cid"]
        await call(db, bob.friends, "add", ann)  # already there, both ways
        assert await call(db, Person.friends.through.objects, "count") == 4
        await call(db, bob.friends, "remove", ann)
        assert await names(db, ann.friends.all()) == ["Cid"]
        await call(db, cid.friends, "clear")
        assert await call(db, Person.friends.through.objects, "count") == 0
        await call(db, ann.follows, "add", bob)
        assert await names(db, bob.follows.all()) == []
        assert await names(db, bob.followers.all()) == ["Ann"]

    run(body)


def test_filter_across_both_ways(run: Run) -> None:
    async def body(db: Db) -> None:
        py, web, orm = await tags(db, "python", "web", "orm")
        one = await call(db, Question.objects, "create", question_text="One")
        two = await call(db, Question.objects, "create", question_text="Two")
        await call(db, Question.objects, "create", question_text="Three")
        await call(db, one.tags, "add", py, web)
        await call(db, two.tags, "add", py)

        async def texts(**lookups: Any) -> list[str]:
            qs = Question.objects.filter(**lookups).distinct()
            return await names(db, qs, "question_text")

        assert await texts(tags__name="web") == ["One"]
        assert await texts(tags__name__in=["python", "web"]) == ["One", "Two"]
        assert await texts(tags=py) == ["One", "Two"]
        assert await texts(tags__pk=web.pk) == ["One"]
        assert await texts(tags__in=[web, orm]) == ["One"]
        assert await texts(tags__isnull=True) == ["Three"]
        joined = Question.objects.filter(tags__name__in=["python", "web"])
        assert await call(db, joined, "count") == 3  # one row per link without distinct()
        assert await call(db, joined.distinct(), "count") == 2
        assert await names(db, Tag.objects.filter(question__question_text="Two")) == ["python"]
        assert await names(db, Tag.objects.filter(question__isnull=True)) == ["orm"]
        # exclude() drops a question when *any* of its tags matches (One has web and python).
        assert await texts_excluding(db, tags__name="python") == ["Three"]
        assert await texts_excluding(db, tags__name="web") == ["Two", "Three"]
        assert await names(db, Tag.objects.exclude(question__question_text="One")) == ["orm"]
        pairs = Tag.objects.filter(question__isnull=False).order_by("name", "question__id")
        assert await fetch(db, pairs.values_list("name", "question__question_text")) == [
            ("python", "One"),
            ("python", "Two"),
            ("web", "One"),
        ]

    run(body)


async def texts_excluding(db: Db, **lookups: Any) -> list[str]:
    return await names(db, Question.objects.exclude(**lookups), "question_text")


def test_unknown_names_list_the_choices() -> None:
    with pytest.raises(FieldError, match=r"Choices are: .*tags"):
        Question.objects.filter(tagz__name="x")
    with pytest.raises(FieldError, match="Cannot resolve 'nam' into a field of Tag"):
        Question.objects.filter(tags__nam="x")
    with pytest.raises(FieldError, match="Cannot resolve 'nam' into a field of Tag"):
        Question.objects.exclude(tags__nam="x")
