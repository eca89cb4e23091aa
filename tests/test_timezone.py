"""heron.timezone: aware "now", conversion to the current zone, activation per context."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from heron import timezone
from heron.conf import ImproperlyConfigured, override_settings

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _settings(configured: None) -> None:
    timezone.deactivate()


def test_now_is_aware_utc_with_use_tz() -> None:
    value = timezone.now()
    assert value.tzinfo is timezone.UTC


def test_now_is_naive_without_use_tz() -> None:
    with override_settings(USE_TZ=False):
        assert timezone.is_naive(timezone.now())


def test_localtime_uses_time_zone_setting() -> None:
    moment = dt.datetime(2026, 7, 1, 12, 0, tzinfo=timezone.UTC)
    with override_settings(TIME_ZONE="Europe/Paris"):
        assert timezone.localtime(moment) == moment
        assert timezone.localtime(moment).hour == 14
        assert timezone.get_current_timezone_name() == "Europe/Paris"
        assert timezone.localdate(moment) == dt.date(2026, 7, 1)


def test_activate_and_override_change_the_current_zone() -> None:
    moment = dt.datetime(2026, 1, 1, 23, 30, tzinfo=timezone.UTC)
    timezone.activate("Europe/Paris")
    assert timezone.localtime(moment).day == 2
    with timezone.override("UTC"):
        assert timezone.localtime(moment).day == 1
    assert timezone.get_current_timezone() == PARIS
    timezone.deactivate()
    assert timezone.get_current_timezone() is timezone.UTC


def test_make_aware_and_naive_round_trip() -> None:
    naive = dt.datetime(2026, 3, 4, 5, 6)
    aware = timezone.make_aware(naive, "Europe/Paris")
    assert aware.utcoffset() == dt.timedelta(hours=1)
    assert timezone.make_naive(aware, "UTC") == dt.datetime(2026, 3, 4, 4, 6)


def test_mistakes_are_explained() -> None:
    with pytest.raises(ValueError, match="naive datetime; make it aware first"):
        timezone.localtime(dt.datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="expects a naive datetime"):
        timezone.make_aware(timezone.now())
    with pytest.raises(ImproperlyConfigured, match="Unknown time zone 'Mars/Olympus'"):
        timezone.activate("Mars/Olympus")
