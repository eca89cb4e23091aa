"""Models of the QuerySet tests: the tutorial's Question/Choice, and a many-types model."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from heron.db import models


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published")

    choices: models.ReverseManager[Choice]  # for type checkers; the ForeignKey installs it

    class Meta:
        app_label = "queries"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.question_text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)

    class Meta:
        app_label = "queries"


class Vote(models.Model):
    """A PROTECT foreign key: a choice with votes cannot be deleted (nor its question)."""

    choice = models.ForeignKey(Choice, on_delete=models.PROTECT)

    class Meta:
        app_label = "queries"


class PublishedManager(models.Manager["Article"]):
    def get_queryset(self) -> models.QuerySet[Article]:
        return super().get_queryset().filter(published=True)


class Article(models.Model):
    title = models.CharField(max_length=100)
    published = models.BooleanField(default=False)
    updated = models.DateTimeField(auto_now=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = models.Manager["Article"]()
    live = PublishedManager()

    class Meta:
        app_label = "queries"


class Note(models.Model):
    """Points at Question with PROTECT/SET_NULL to exercise the delete collector."""

    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True)
    text = models.CharField(max_length=50, default="")

    class Meta:
        app_label = "queries"


def _uuid() -> uuid.UUID:
    return uuid.uuid4()


class Everything(models.Model):
    uid = models.UUIDField(default=_uuid, unique=True)
    name = models.CharField(max_length=50, unique=True)
    text = models.TextField(default="")
    small = models.SmallIntegerField(default=0)
    big = models.BigIntegerField(default=0)
    ratio = models.FloatField(default=0.0)
    price = models.DecimalField(max_digits=8, decimal_places=2, default=decimal.Decimal("0"))
    flag = models.BooleanField(default=False)
    day = models.DateField(null=True, blank=True)
    at = models.DateTimeField(null=True, blank=True)
    clock = models.TimeField(null=True, blank=True)
    span = models.DurationField(null=True, blank=True)
    data: models.JSONField[Any] = models.JSONField(null=True, blank=True)
    blob = models.BinaryField(null=True, blank=True)

    class Meta:
        app_label = "queries"


ALL = [Question, Choice, Vote, Article, Note, Everything]

__all__ = ["ALL", "Article", "Choice", "Everything", "Note", "Question", "Vote", "dt"]
