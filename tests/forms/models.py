"""Models of the ModelForm and model formset tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from heron.db import models
from heron.forms import ValidationError


class Author(models.Model):
    name = models.CharField(max_length=100, unique=True)
    email = models.EmailField(blank=True)
    born = models.DateField(null=True, blank=True)

    class Meta:
        app_label = "formstests"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        app_label = "formstests"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


STATUS = [("draft", "Draft"), ("live", "Published")]


class Article(models.Model):
    title = models.CharField(max_length=200, help_text="Keep it short.")
    slug = models.SlugField(unique=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=STATUS, default="draft")
    rating = models.PositiveIntegerField(default=0)
    price = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    featured = models.BooleanField(default=False)
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "formstests"
        constraints = [
            models.UniqueConstraint(fields=["author", "title"], name="uniq_author_title")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status == "live" and not self.body:
            raise ValidationError("A published article needs a body.")


class Event(models.Model):
    name = models.CharField(max_length=50)
    starts = models.DateTimeField()
    length = models.DurationField(null=True, blank=True)
    code = models.UUIDField(null=True, blank=True)
    data = models.JSONField(null=True, blank=True)
    doors = models.TimeField(null=True, blank=True)
    ratio = models.FloatField(default=1.0)

    class Meta:
        app_label = "formstests"


class Question(models.Model):
    text = models.CharField(max_length=200)

    class Meta:
        app_label = "formstests"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    choice_text = models.CharField(max_length=100)
    votes = models.IntegerField(default=0)

    class Meta:
        app_label = "formstests"
        ordering = ["id"]
        unique_together = [("question", "choice_text")]

    def __str__(self) -> str:
        return self.choice_text


ALL: list[Any] = [Author, Tag, Article, Event, Question, Choice]

__all__ = ["ALL", "Article", "Author", "Choice", "Event", "Question", "Tag", "dt"]


class Country(models.Model):
    code = models.CharField(max_length=2, primary_key=True)
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "formstests"


ALL.append(Country)
