"""Micro-benchmark: µs per model instance built by ``Model.from_db`` from 1,000 rows.

Run: ``python benchmarks/bench_from_db.py``. Compares ``from_db`` per row, ``from_db_rows``
for the whole batch, a plain ``__init__``, and a bare ``dict(zip(...))`` as the floor.
"""

from __future__ import annotations

import datetime as dt
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from heron.db import models
from heron.db.models.registry import isolated_registry

ROWS = 1_000
REPEAT = 7

with isolated_registry():

    class Question(models.Model):
        question_text = models.CharField(max_length=200)
        pub_date = models.DateTimeField()
        votes = models.IntegerField(default=0)
        closed = models.BooleanField(default=False)

        class Meta:
            app_label = "bench"


NAMES = ("id", "question_text", "pub_date", "votes", "closed")
NOW = dt.datetime.now(dt.UTC)
DATA = [(i, f"question {i}", NOW, i % 7, False) for i in range(ROWS)]


def per_row() -> None:
    from_db = Question.from_db
    for row in DATA:
        from_db(NAMES, row)


def batch() -> None:
    Question.from_db_rows(NAMES, DATA)


def init() -> None:
    for i, text, when, votes, closed in DATA:
        Question(id=i, question_text=text, pub_date=when, votes=votes, closed=closed)


def floor() -> None:
    for row in DATA:
        dict(zip(NAMES, row))  # noqa: B905 - the floor, as from_db does it


def main() -> None:
    for label, func in [
        ("from_db (per row)", per_row),
        ("from_db_rows (batch)", batch),
        ("Model(**kwargs)", init),
        ("dict(zip()) floor", floor),
    ]:
        best = min(timeit.repeat(func, number=20, repeat=REPEAT)) / 20
        print(f"{label:<22} {best / ROWS * 1e6:6.3f} µs per instance ({ROWS:,} rows)")


if __name__ == "__main__":
    main()
