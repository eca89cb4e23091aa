"""alias() of an aggregate: filtered in HAVING and ordered by, never selected."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from heron.db.models import Count

from ..conftest import Db
from .models import Choice, Question

pytestmark = pytest.mark.usefixtures("tables")

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def test_aggregate_alias(run: Any) -> None:
    async def body(db: Db) -> None:
        async def create(model: Any, **kwargs: Any) -> Any:
            if db.is_async:
                return await model.objects.acreate(**kwargs)
            return model.objects.create(**kwargs)

        one = await create(Question, question_text="one", pub_date=NOW)
        two = await create(Question, question_text="two", pub_date=NOW)
        await create(Question, question_text="none", pub_date=NOW)
        for question, n in ((one, 1), (two, 2)):
            for i in range(n):
                await create(Choice, question=question, choice_text=f"c{i}")
        qs = Question.objects.alias(n=Count("choices")).filter(n__gte=1).order_by("-n")
        rows = [q async for q in qs] if db.is_async else list(qs)
        assert [q.question_text for q in rows] == ["two", "one"]
        assert "n" not in rows[0].__dict__
        texts = qs.values_list("question_text", flat=True)
        assert ([t async for t in texts] if db.is_async else list(texts)) == ["two", "one"]
        many = qs.filter(n__gte=2)
        if db.is_async:
            assert (await qs.acount(), await many.acount(), await many.aexists()) == (2, 1, True)
        else:
            assert (qs.count(), many.count(), many.exists()) == (2, 1, True)

    run(body)
