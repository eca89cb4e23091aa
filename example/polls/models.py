"""Questions with choices people vote on, tagged for browsing."""

from __future__ import annotations

from datetime import timedelta

from heron import timezone
from heron.contrib import admin
from heron.db import models


class Tag(models.Model):
    name = models.SlugField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    question_text = models.CharField("question", max_length=200)
    pub_date = models.DateTimeField("date published", default=timezone.now, db_index=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="questions")

    class Meta:
        ordering = ["-pub_date"]
        get_latest_by = "pub_date"

    def __str__(self) -> str:
        return self.question_text

    def get_absolute_url(self) -> str:
        from heron.urls import reverse

        return reverse("polls:detail", args=[self.pk])

    @admin.display(boolean=True, ordering="pub_date", description="Published recently?")
    def was_published_recently(self) -> bool:
        now = timezone.now()
        return now - timedelta(days=1) <= self.pub_date <= now


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    choice_text = models.CharField("choice", max_length=200)
    votes = models.IntegerField(default=0)

    class Meta:
        ordering = ["-votes", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "choice_text"], name="uniq_choice")
        ]

    def __str__(self) -> str:
        return self.choice_text
