"""Models of the relation tests: tags on questions (auto through table), memberships (an
explicit through model), and a chain of foreign keys for select_related / prefetch_related."""

from __future__ import annotations

import datetime as dt

from heron.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "m2mtests"
        ordering = ["name"]


class TagQuerySet(models.QuerySet["Tag"]):
    def starting(self, prefix: str) -> models.QuerySet[Tag]:
        return self.filter(name__startswith=prefix)


class Tag(models.Model):
    name = models.CharField(max_length=30, unique=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        app_label = "m2mtests"
        ordering = ["name"]


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.SET_NULL, null=True, blank=True)
    tags = models.ManyToManyField(Tag)

    class Meta:
        app_label = "m2mtests"
        ordering = ["id"]


class ChoiceQuerySet(models.QuerySet["Choice"]):
    def popular(self) -> models.QuerySet[Choice]:
        return self.filter(votes__gt=0)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)

    objects = ChoiceQuerySet.as_manager()

    class Meta:
        app_label = "m2mtests"
        ordering = ["choice_text"]


class Group(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "m2mtests"


class Person(models.Model):
    name = models.CharField(max_length=50)
    groups: models.ManyToManyField[Group] = models.ManyToManyField(
        Group, through="Membership", related_name="members"
    )
    friends: models.ManyToManyField[Person] = models.ManyToManyField("self")
    follows: models.ManyToManyField[Person] = models.ManyToManyField(
        "self", symmetrical=False, related_name="followers"
    )

    class Meta:
        app_label = "m2mtests"
        ordering = ["name"]


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, default="member")
    joined = models.DateField(default=dt.date(2026, 1, 1))

    class Meta:
        app_label = "m2mtests"


ALL = [Author, Tag, Question, Choice, Group, Person, Membership]
