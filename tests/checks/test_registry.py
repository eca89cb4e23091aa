from __future__ import annotations

from typing import Any

import pytest

from heron.checks import CheckMessage, CheckRegistry, Error, Tags, Warning


def test_register_bare_with_tags_and_deploy() -> None:
    registry = CheckRegistry()

    @registry.register
    def plain(**kwargs: Any) -> list[CheckMessage]:
        return [Warning("plain", id="t.W001")]

    @registry.register("urls", "extra")
    def tagged(**kwargs: Any) -> list[CheckMessage]:
        return [Warning("tagged", id="t.W002")]

    @registry.register(deploy=True)
    def deploy(**kwargs: Any) -> list[CheckMessage]:
        return [Warning("deploy", id="t.W003")]

    def ids(messages: list[CheckMessage]) -> list[str | None]:
        return [m.id for m in messages]

    assert ids(registry.run_checks()) == ["t.W001", "t.W002"]
    assert ids(registry.run_checks(include_deployment_checks=True)) == [
        "t.W001",
        "t.W002",
        "t.W003",
    ]
    assert ids(registry.run_checks(tags=["extra"])) == ["t.W002"]
    assert registry.tags_available() == {"urls", "extra"}


def test_register_call_form_and_unregister() -> None:
    registry = CheckRegistry()

    def check(**kwargs: Any) -> list[CheckMessage]:
        return [Error("x")]

    assert registry.register(check, Tags.urls) is check
    registry.register(check)  # registering twice keeps one entry
    assert len(registry.run_checks()) == 1
    registry.unregister(check)
    assert registry.run_checks() == []


def test_checks_receive_keyword_arguments() -> None:
    registry = CheckRegistry()
    seen: dict[str, Any] = {}

    @registry.register
    def check(**kwargs: Any) -> list[CheckMessage]:
        seen.update(kwargs)
        return []

    registry.run_checks()
    assert seen == {"app_configs": None}


def test_a_check_returning_something_else_is_reported() -> None:
    registry = CheckRegistry()

    @registry.register
    def bad(**kwargs: Any) -> list[str]:
        return ["not a message"]

    with pytest.raises(TypeError, match="returned 'not a message'"):
        registry.run_checks()


def test_register_rejects_non_tags() -> None:
    with pytest.raises(TypeError):
        CheckRegistry().register(42)


def test_silenced_checks(configure: Any) -> None:
    registry = CheckRegistry()

    @registry.register
    def check(**kwargs: Any) -> list[CheckMessage]:
        return [Warning("a", id="t.W001"), Warning("b", id="t.W002")]

    configure(SILENCED_SYSTEM_CHECKS=["t.W001"])
    assert [m.id for m in registry.run_checks()] == ["t.W002"]


def test_global_register_is_the_cli_registry() -> None:
    from heron.checks import register, registry, run_checks

    assert register == registry.register
    assert run_checks == registry.run_checks
