from __future__ import annotations

import pytest

from heron.checks import (
    CRITICAL,
    DEBUG,
    ERROR,
    INFO,
    WARNING,
    CheckMessage,
    Critical,
    Debug,
    Error,
    Info,
    Warning,
)
from heron.checks.messages import level_from_name


@pytest.mark.parametrize(
    ("cls", "level"),
    [(Debug, DEBUG), (Info, INFO), (Warning, WARNING), (Error, ERROR), (Critical, CRITICAL)],
)
def test_levels_follow_logging(cls: type[CheckMessage], level: int) -> None:
    import logging

    message = cls("msg")  # type: ignore[call-arg]
    assert message.level == level
    assert logging.getLevelName(level) == message.level_name


def test_str_with_object_id_and_hint() -> None:
    message = Error("It broke.", hint="Fix it.", obj="ROOT_URLCONF", id="urls.E001")
    assert str(message) == "ROOT_URLCONF: (urls.E001) It broke.\n\tHINT: Fix it."


def test_str_without_object_or_hint() -> None:
    assert str(Warning("Careful.", id="x.W001")) == "?: (x.W001) Careful."


def test_is_serious() -> None:
    assert Error("e").is_serious()
    assert Critical("c").is_serious()
    assert not Warning("w").is_serious()
    assert Warning("w").is_serious(WARNING)


def test_equality() -> None:
    assert Error("e", id="a.E001") == Error("e", id="a.E001")
    assert Error("e", id="a.E001") != Warning("e", id="a.E001")


def test_level_must_be_an_int() -> None:
    with pytest.raises(TypeError, match="must be an int"):
        CheckMessage("ERROR", "msg")  # type: ignore[arg-type]


def test_level_from_name() -> None:
    assert level_from_name("warning") == WARNING
    with pytest.raises(ValueError, match="Unknown check level 'LOUD'"):
        level_from_name("LOUD")
