"""Type-checked by mypy in tests/typing/test_reverse_typing.py; never imported by pytest.

A reverse accessor is added to the target model at run time, so a type checker cannot see
it unless the model declares it: a bare annotation ``choices: models.ReverseManager[Choice]``
(no value; Heron installs the accessor) types ``question.choices`` with no plugin.
"""

from __future__ import annotations

from typing import reveal_type

from heron.db import models


class Question(models.Model):
    question_text = models.CharField(max_length=200)

    choices: models.ReverseManager[Choice]  # declared for type checkers


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    votes = models.IntegerField(default=0)


async def main() -> None:
    question = Question.objects.get(pk=1)
    reveal_type(question.choices)
    reveal_type(question.choices.filter(votes__gt=0))
    reveal_type(question.choices.create(votes=1))
    reveal_type(await question.choices.aget(pk=1))
    reveal_type(Choice.objects.filter(question=question).first())
    question.choices.add(Choice.objects.get(pk=1))
    await question.choices.aset([])
    bad: Question = question.choices.get(pk=1)  # E: a Choice is not a Question
    print(bad)
