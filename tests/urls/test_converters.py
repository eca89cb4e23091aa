"""Converters: the protocol, built-ins and register_converter()."""

from __future__ import annotations

import uuid

import pytest

from heron.conf import ImproperlyConfigured
from heron.urls import Converter, URLResolver, path, register_converter
from heron.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
    get_converters,
)

from .urlconfs import views


def test_builtins_satisfy_the_protocol() -> None:
    for converter in (IntConverter(), StringConverter(), SlugConverter(), UUIDConverter()):
        assert isinstance(converter, Converter)
    assert PathConverter().regex == ".+"
    assert UUIDConverter().to_url("12345678-1234-5678-1234-567812345678") == (
        "12345678-1234-5678-1234-567812345678"
    )
    with pytest.raises(ValueError):
        UUIDConverter().to_url("not-a-uuid")
    assert IntConverter().to_url("5") == "5"


class Hex:
    regex = "[0-9a-f]+"

    def to_python(self, value: str) -> int:
        return int(value, 16)

    def to_url(self, value: int) -> str:
        return f"{value:x}"


def test_register_and_use_custom_converter() -> None:
    register_converter(Hex, "hexnum")
    register_converter(Hex, "hexnum")  # the same class again is fine (re-imports)
    resolver = URLResolver([path("h/<hexnum:n>/", views.detail, name="hex")])
    assert resolver.resolve("/h/ff/").kwargs == {"n": 255}
    assert resolver.reverse("hex", args=[255]) == "/h/ff/"


def test_cannot_replace_a_registered_converter() -> None:
    with pytest.raises(
        ImproperlyConfigured,
        match=r"^Converter 'int' is already registered \(IntConverter\); pick another name\.$",
    ):
        register_converter(Hex, "int")


def test_invalid_converters() -> None:
    with pytest.raises(ImproperlyConfigured, match="is not a valid Python identifier"):
        register_converter(Hex, "not valid")

    class NoRegex:
        def to_python(self, value: str) -> str:
            return value

        def to_url(self, value: str) -> str:
            return value

    with pytest.raises(
        ImproperlyConfigured,
        match=r"^Converter test_invalid_converters\.<locals>\.NoRegex for 'noregex' needs a "
        r"`regex` string attribute and `to_python\(value\)` and `to_url\(value\)` methods\.$",
    ):
        register_converter(NoRegex, "noregex")
    assert "noregex" not in get_converters()


def test_converter_with_invalid_regex() -> None:
    class Broken(Hex):
        regex = "[0-9"

    register_converter(Broken, "broken_regex")
    with pytest.raises(ImproperlyConfigured, match="has an invalid regex"):
        path("<broken_regex:x>/", views.detail)


def test_converter_regex_with_groups_does_not_shift_captures() -> None:
    class Pair:
        regex = "([a-z]+)-([a-z]+)"

        def to_python(self, value: str) -> tuple[str, ...]:
            return tuple(value.split("-"))

        def to_url(self, value: tuple[str, str]) -> str:
            return "-".join(value)

    register_converter(Pair, "pair")
    resolver = URLResolver([path("<pair:p>/<int:n>/", views.detail, name="p")])
    assert resolver.resolve("/ab-cd/3/").kwargs == {"p": ("ab", "cd"), "n": 3}
    assert resolver.reverse("p", args=[("ab", "cd"), 3]) == "/ab-cd/3/"


def test_uuid_kwarg_type() -> None:
    resolver = URLResolver([path("<uuid:u>/", views.detail)])
    value = uuid.uuid4()
    assert resolver.resolve(f"/{value}/").kwargs["u"] == value
