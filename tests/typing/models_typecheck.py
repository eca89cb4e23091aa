"""Type-checked by mypy in tests/typing/test_models_typing.py; never imported by pytest.

Each ``reveal_type`` line is pinned by that test.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import reveal_type

from heron.db import models


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    subtitle = models.CharField(max_length=200, null=True)
    pub_date = models.DateTimeField("date published")
    closes = models.DateField(null=True)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    backup = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, related_name="+")
    later: models.ForeignKey[Poll] = models.ForeignKey("Poll", on_delete=models.CASCADE)
    votes = models.IntegerField(default=0)
    weight = models.DecimalField(max_digits=5, decimal_places=2)
    token = models.UUIDField(default=uuid.uuid4)
    flag = models.BooleanField(null=True)
    data = models.JSONField(default=dict)
    tags: models.ManyToManyField[Tag] = models.ManyToManyField("Tag")


class Poll(models.Model):
    title = models.TextField()


class Tag(models.Model):
    name = models.SlugField()


choice = Choice()
reveal_type(choice.votes)
reveal_type(choice.question)
reveal_type(choice.backup)
reveal_type(choice.later)
reveal_type(choice.weight)
reveal_type(choice.token)
reveal_type(choice.flag)
reveal_type(choice.tags)
reveal_type(Question().subtitle)
reveal_type(Question().pub_date)
reveal_type(Question().closes)
reveal_type(Question.question_text)
reveal_type(Choice.question)
reveal_type(Tag().name)

# Assignments are checked against the value type.
choice.votes = 3
choice.question = Question()
question = Question()
question.subtitle = None
question.pub_date = dt.datetime.now(dt.UTC)
choice.weight = Decimal("1.5")
choice.votes = "three"  # E: wrong type
question.question_text = None  # E: not nullable
