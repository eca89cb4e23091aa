"""Models for the declaration, validation and table tests (app label "basic")."""

from __future__ import annotations

import uuid

from heron.db import models


class Status(models.TextChoices):
    DRAFT = "d", "Draft"
    PUBLISHED = "p", "Published"
    ARCHIVED = "a"


class Priority(models.IntegerChoices):
    LOW = 1, "Low"
    HIGH = 2, "High"


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published", db_index=True)
    status = models.CharField(max_length=1, choices=Status, default=Status.DRAFT)

    def __str__(self) -> str:
        return self.question_text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)

    class Meta:
        ordering = ["-votes"]
        constraints = [
            models.UniqueConstraint(fields=["question", "choice_text"], name="uniq_choice")
        ]


class Contact(models.Model):
    name = models.CharField(max_length=20)
    nickname = models.CharField(max_length=20, null=True, blank=True)
    email = models.EmailField()
    homepage = models.URLField(blank=True)
    slug = models.SlugField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    balance = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    priority = models.IntegerField(choices=Priority, default=Priority.LOW)
    token = models.UUIDField(default=uuid.uuid4)


class Article(models.Model):
    """Every option the table generator renders."""

    code = models.UUIDField(primary_key=True)
    title = models.CharField(max_length=50, unique=True)
    body = models.TextField(db_default="")
    rank = models.PositiveIntegerField(db_default=0)
    ratio = models.FloatField(null=True)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    published = models.BooleanField(default=False, db_default=False)
    day = models.DateField(null=True)
    at = models.TimeField(null=True)
    took = models.DurationField(null=True)
    data = models.JSONField(default=dict)
    blob = models.BinaryField(null=True)
    ip = models.GenericIPAddressField(null=True)
    legacy = models.IntegerField(db_column="LegacyCol", null=True)

    class Meta:
        db_table = "articles"
        indexes = [models.Index(fields=["-rank", "title"], name="articles_rank_title")]
        constraints = [models.CheckConstraint(condition="price >= 0", name="price_positive")]
