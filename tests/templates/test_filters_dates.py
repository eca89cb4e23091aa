"""date, time, timesince, timeuntil and naturaltime."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from .helpers import render

WHEN = datetime(2026, 3, 7, 14, 5, 9, 123456)  # a Saturday


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("Y-m-d H:i", "2026-03-07 14:05"),
        ("N j, Y", "March 7, 2026"),
        ("D d M Y", "Sat 07 Mar 2026"),
        ("l jS \\o\\f F", "Saturday 7th of March"),
        ("y n b w z W t L o", "26 3 mar 6 66 10 31 False 2026"),
        ("g G h H i s u v", "2 14 02 14 05 09 123456 123"),
        ("a A f P", "p.m. PM 2:05 2:05 p.m."),
        ("c", "2026-03-07T14:05:09.123456"),
        ("r", "Sat, 07 Mar 2026 14:05:09 +0000"),
        ("U", "1772892309"),
    ],
)
def test_date_format_characters(fmt: str, expected: str) -> None:
    assert render("{{ v|date(f) }}", v=WHEN, f=fmt) == expected


def test_date_defaults_and_empty_values() -> None:
    assert render("{{ v|date }}", v=WHEN) == "March 7, 2026"
    assert render("{{ v|date }}", v=date(2026, 9, 1)) == "Sept. 1, 2026"
    assert render("[{{ v|date }}][{{ missing|date }}][{{ e|date }}]", v=None, e="") == "[][][]"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(0, 0), "midnight"),
        (time(12, 0), "noon"),
        (time(9, 0), "9 a.m."),
        (time(21, 30), "9:30 p.m."),
    ],
)
def test_time_default_format(value: time, expected: str) -> None:
    assert render("{{ v|time }}", v=value) == expected


def test_time_of_a_datetime_and_ordinal_suffixes() -> None:
    assert render("{{ v|time('H:i:s') }}", v=WHEN) == "14:05:09"
    days = [date(2026, 1, d) for d in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31)]
    assert render("{% for d in days %}{{ d|date('jS') }} {% endfor %}", days=days) == (
        "1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 31st "
    )


def test_aware_datetimes_are_shown_in_time_zone(configure: Any) -> None:
    moment = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    configure(TIME_ZONE="Europe/Paris")
    assert render("{{ v|date('Y-m-d H:i O T e I') }}", v=moment) == (
        "2026-07-02 00:30 +0200 CEST Europe/Paris 1"
    )
    assert render("{{ v|time('H:i') }}", v=moment) == "00:30"
    configure(TIME_ZONE="America/New_York", USE_TZ=False)
    assert render("{{ v|date('H:i e') }}", v=moment) == "22:30 UTC"
    configure(TIME_ZONE="Asia/Kolkata")
    fixed = datetime(2026, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=-3)))
    assert render("{{ v|date('Y-m-d H:i Z') }}", v=fixed) == "2026-01-01 08:30 19800"
    naive = datetime(2026, 1, 1, 8, 0)
    assert render("{{ v|date('H:i O') }}", v=naive) == "08:00 "
    assert render("{{ v|date('e') }}", v=datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC"))) == (
        "Asia/Kolkata"
    )


def test_date_filter_errors() -> None:
    with pytest.raises(TypeError) as info:
        render("{{ v|date('H:i') }}", v=date(2026, 1, 2))
    assert str(info.value) == (
        "The format 'H:i' asks for 'H', a time part, but datetime.date(2026, 1, 2) is a "
        "date without a time."
    )
    with pytest.raises(TypeError, match=r"asks for 'Y', a date part"):
        render("{{ v|time('Y') }}", v=time(1, 2))
    with pytest.raises(TypeError) as info:
        render("{{ v|date }}", v="2026-01-01")
    assert str(info.value) == "The 'date' filter takes a date, not str ('2026-01-01')."


NOW = datetime(2026, 3, 7, 12, 0)


@pytest.mark.parametrize(
    ("then", "expected"),
    [
        (NOW, "0 minutes"),
        (NOW - timedelta(seconds=59), "0 minutes"),
        (NOW - timedelta(minutes=1), "1 minute"),
        (NOW - timedelta(hours=2, minutes=5), "2 hours, 5 minutes"),
        (NOW - timedelta(days=1, hours=3), "1 day, 3 hours"),
        (NOW - timedelta(days=9), "1 week, 2 days"),
        (NOW - timedelta(days=14, minutes=3), "2 weeks"),
        (NOW - timedelta(days=400), "1 year, 1 month"),
        (NOW + timedelta(days=1), "0 minutes"),
    ],
)
def test_timesince(then: datetime, expected: str) -> None:
    assert render("{{ then|timesince(now) }}", then=then, now=NOW) == expected


def test_timeuntil_and_mixed_awareness() -> None:
    later = NOW + timedelta(days=3, hours=1)
    assert render("{{ v|timeuntil(now) }}", v=later, now=NOW) == "3 days, 1 hour"
    assert render("{{ v|timeuntil(now) }}", v=NOW - timedelta(days=1), now=NOW) == "0 minutes"
    aware = NOW.replace(tzinfo=UTC) - timedelta(hours=5)
    assert render("{{ v|timesince(now) }}", v=aware, now=NOW) == "5 hours"
    assert render("{{ v|timesince(now) }}", v=date(2026, 3, 6), now=NOW) == "1 day, 12 hours"


def test_timesince_against_the_clock() -> None:
    posted = datetime.now(UTC) - timedelta(days=2, minutes=1)
    assert render("{{ v|timesince }}", v=posted) == "2 days"
    due = datetime.now() + timedelta(days=8, minutes=1)
    assert render("{{ v|timeuntil }}", v=due) == "1 week, 1 day"
    assert render("[{{ v|timesince }}][{{ v|timeuntil }}]", v=None) == "[][]"


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(0), "now"),
        (timedelta(seconds=1), "a second ago"),
        (timedelta(seconds=30), "30 seconds ago"),
        (timedelta(minutes=1), "a minute ago"),
        (timedelta(minutes=59, seconds=59), "59 minutes ago"),
        (timedelta(hours=1), "an hour ago"),
        (timedelta(hours=23), "23 hours ago"),
        (timedelta(days=2, hours=3), "2 days, 3 hours ago"),
        (-timedelta(seconds=10), "10 seconds from now"),
        (-timedelta(minutes=1), "a minute from now"),
        (-timedelta(hours=3), "3 hours from now"),
        (-timedelta(days=30), "1 month from now"),
    ],
)
def test_naturaltime(delta: timedelta, expected: str) -> None:
    assert render("{{ v|naturaltime(now) }}", v=NOW - delta, now=NOW) == expected


def test_naturaltime_against_the_clock() -> None:
    assert render("{{ v|naturaltime }}", v=datetime.now(UTC) - timedelta(hours=3, seconds=5)) == (
        "3 hours ago"
    )
    assert render("[{{ v|naturaltime }}]", v=None) == "[]"
    with pytest.raises(TypeError, match="The 'naturaltime' filter takes a date, not int"):
        render("{{ 3|naturaltime }}")


def test_activated_time_zone_wins() -> None:
    from heron import timezone

    moment = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    with timezone.override("Asia/Tokyo"):
        assert render("{{ v|date('H:i e') }}", v=moment) == "21:00 Asia/Tokyo"
    assert render("{{ v|date('H:i e') }}", v=moment) == "12:00 UTC"
