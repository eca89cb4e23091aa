"""Type-checked by mypy in tests/typing/test_queries_typing.py; never imported by pytest.

Managers and QuerySets carry the model type with no plugin: each ``reveal_type`` line is
pinned by that test, and only the lines marked as errors may fail.
"""

from __future__ import annotations

from typing import reveal_type

from heron.db import models


class Tag(models.Model):
    name = models.SlugField()


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    tags = models.ManyToManyField(Tag)


class ArticleQuerySet(models.QuerySet["Article"]):
    def live(self) -> ArticleQuerySet:
        return self  # a real one would filter


class PublishedManager(models.Manager["Article"]):
    def recent(self) -> models.QuerySet[Article]:
        return self.get_queryset()


class Article(models.Model):
    title = models.CharField(max_length=100)

    objects = models.Manager["Article"]()
    published = PublishedManager()


async def main() -> None:
    reveal_type(Question.objects)
    reveal_type(Question.objects.get(pk=1))
    reveal_type(await Question.objects.aget(pk=1))
    reveal_type(Question.objects.filter(question_text="x").first())
    reveal_type(Question.objects.earliest("id"))
    reveal_type(Question.objects.all()[0])
    reveal_type(Question.objects.create(question_text="x").tags)
    reveal_type(Question.objects.get(pk=1).tags.all())
    reveal_type(Article.published.recent().get())
    reveal_type(Article.objects.latest("id"))
    for question in Question.objects.all():
        reveal_type(question)
    async for article in Article.objects.all():
        reveal_type(article)
    question = Question.objects.get(pk=1)
    question.tags.add(Tag.objects.get(pk=1))
    await question.tags.aset([1, 2])
    text: str = Question.objects.get(pk=1).question_text
    bad: Article = Question.objects.get(pk=1)  # E: a Question is not an Article
    Question.objects.get(pk=1).nope  # E: no such attribute  # noqa: B018
    print(text, bad)
