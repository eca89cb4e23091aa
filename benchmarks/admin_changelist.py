"""Heron's admin changelist with a big table: bounded count versus an exact COUNT(*).

Run it with ``.venv/bin/python benchmarks/admin_changelist.py [--rows N] [--url DB_URL]``.
It builds the admin test site (tests/contrib/admin) on a scratch database, inserts ``--rows``
questions and times the first changelist page (100 rows, the search/filter columns of the
test app) through the in-process test client: the default (``list_count_limit`` rows
counted at most) and with ``show_full_result_count = True`` (an exact count every page).
Each figure is the median of ``--n`` requests, in milliseconds, with the queries per page.
"""

from __future__ import annotations

import argparse
import statistics
import time

from heron.apps import apps
from heron.conf import env, settings
from heron.test import Client, databases
from heron.test.queries import CaptureQueries
from tests.contrib.admin.conftest import SITE, make_user


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--url", default="sqlite:///heron-admin-bench.sqlite3")
    parser.add_argument("--query", default="", help="query string, e.g. ?o=-1")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one page")
    args = parser.parse_args()
    import datetime

    apps.reset()
    configured = settings.configure(
        **{**SITE, "DEBUG": False}, DATABASES={"default": env.db("URL", default=args.url)}
    )
    apps.populate(configured.INSTALLED_APPS)
    from heron import timezone
    from tests.contrib.admin.testapp.admin import QuestionAdmin
    from tests.contrib.admin.testapp.models import Author, Question

    databases.setup_test_databases()
    try:
        with databases.database_transactions():
            author = Author.objects.create(name="Ann")
            now = timezone.now()
            for start in range(0, args.rows, 5000):
                Question.objects.bulk_create(
                    [
                        Question(question_text=f"Question {n}", author=author,
                                 pub_date=now - datetime.timedelta(minutes=n))
                        for n in range(start, min(args.rows, start + 5000))
                    ]
                )  # fmt: skip
            client = Client()
            client.force_login(make_user("boss", superuser=True))
            QuestionAdmin.list_per_page = 100
            for exact in (False, True):
                QuestionAdmin.show_full_result_count = exact
                url = "/admin/testapp/question/" + args.query
                client.get(url)
                with CaptureQueries() as queries:
                    client.get(url)
                if args.sql:
                    for query in queries.captured:
                        print("   ", query.sql[:300])
                times = []
                for _ in range(args.n):
                    begin = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - begin) * 1000)
                    assert response.status_code == 200
                label = "exact COUNT(*)" if exact else "bounded count "
                print(
                    f"{args.rows:>9,} rows  {label}  median {statistics.median(times):7.2f} ms"
                    f"  ({len(queries)} queries)"
                )
    finally:
        databases.teardown_test_databases()


if __name__ == "__main__":
    main()
