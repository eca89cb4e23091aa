"""Models for the relation tests (app label "relations"), including forward references."""

from __future__ import annotations

from heron.db import models


class Book(models.Model):
    # "Author" is declared below: resolved when it registers.
    author: models.ForeignKey[Author] = models.ForeignKey("Author", on_delete=models.PROTECT)
    editor: models.ForeignKey[Author | None] = models.ForeignKey(
        "relations.Author", on_delete=models.SET_NULL, null=True, related_name="edited"
    )
    title = models.CharField(max_length=100)
    tags: models.ManyToManyField[Tag] = models.ManyToManyField("Tag", related_name="books")


class Author(models.Model):
    name = models.CharField(max_length=100)
    mentor = models.ForeignKey("self", on_delete=models.SET_NULL, null=True)


class Tag(models.Model):
    name = models.CharField(max_length=30)


class Place(models.Model):
    name = models.CharField(max_length=50)


class Restaurant(models.Model):
    place = models.OneToOneField(Place, on_delete=models.CASCADE)
    serves_pizza = models.BooleanField(default=False)


class Person(models.Model):
    name = models.CharField(max_length=50)
    friends = models.ManyToManyField("self")
    groups: models.ManyToManyField[Group] = models.ManyToManyField(
        "Group", through="Membership", related_name="members"
    )


class Group(models.Model):
    name = models.CharField(max_length=50)


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, blank=True)
