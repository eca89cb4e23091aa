"""Custom converters used by the test URLconfs."""

from __future__ import annotations

from heron.urls import register_converter


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


class EvenNumber:
    """Matches digits, but only even numbers: odd ones fall through to the next pattern."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number % 2:
            raise ValueError("odd")
        return number

    def to_url(self, value: int) -> str:
        if value % 2:
            raise ValueError("odd")
        return str(value)


register_converter(FourDigitYear, "yyyy")
register_converter(EvenNumber(), "even")
