"""Models of the advanced QuerySet tests (app label "advanced")."""

from __future__ import annotations

from typing import Any

from heron.db import models


class EventQuerySet(models.QuerySet["Event"]):
    def in_year(self, year: int) -> EventQuerySet:
        return self.filter(at__year=year)  # type: ignore[return-value]

    def titled(self, prefix: str) -> EventQuerySet:
        return self.filter(title__startswith=prefix)  # type: ignore[return-value]


class PrefixManager(models.Manager["Event"]):
    def get_queryset(self) -> models.QuerySet[Event]:
        return super().get_queryset().filter(title__startswith="A")


class Event(models.Model):
    title = models.CharField(max_length=50)
    at = models.DateTimeField()
    day = models.DateField(null=True, blank=True)
    rank = models.IntegerField(default=0)

    objects = EventQuerySet.as_manager()
    a_only = PrefixManager.from_queryset(EventQuerySet)()

    class Meta:
        app_label = "advanced"
        get_latest_by = "at"
        ordering = ["id"]


class Item(models.Model):
    code = models.CharField(max_length=20, unique=True)
    qty = models.IntegerField(default=0)
    note = models.CharField(max_length=50, default="")

    class Meta:
        app_label = "advanced"
        ordering = ["code"]


class Legacy(models.Model):
    """A table Heron must not create or drop (``managed = False``)."""

    id = models.IntegerField(primary_key=True)
    name = models.CharField(max_length=20)

    class Meta:
        app_label = "advanced"
        db_table = "advanced_legacy"
        managed = False


ALL: list[Any] = [Event, Item, Legacy]
