"""Models of the generic view tests."""

from __future__ import annotations

from heron.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        app_label = "generic_views"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/authors/{self.slug}/"


class Book(models.Model):
    title = models.CharField(max_length=100)
    pages = models.IntegerField(default=0)

    class Meta:
        app_label = "generic_views"

    def __str__(self) -> str:
        return self.title


ALL = [Author, Book]
