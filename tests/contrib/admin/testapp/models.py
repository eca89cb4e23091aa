from __future__ import annotations

import datetime

from heron import timezone
from heron.contrib import admin
from heron.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    STATUS = [("draft", "Draft"), ("live", "Live")]

    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published")
    featured = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=STATUS, default="draft")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, null=True, blank=True)

    def __str__(self) -> str:
        return self.question_text

    @admin.display(boolean=True, ordering="pub_date", description="Published recently?")
    def was_published_recently(self) -> bool:
        return self.pub_date >= timezone.now() - datetime.timedelta(days=1)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)

    def __str__(self) -> str:
        return self.choice_text


class Vote(models.Model):
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="vote_rows")
    voter = models.CharField(max_length=50)

    def __str__(self) -> str:
        return f"vote by {self.voter}"
