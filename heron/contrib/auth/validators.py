"""Username validators: which characters a username may hold."""

from __future__ import annotations

import re
from typing import Any

from heron.db.models.validators import RegexValidator

__all__ = ["ASCIIUsernameValidator", "UnicodeUsernameValidator"]

_MESSAGE = "Enter a valid username: letters, digits and @ . + - _ only."


class UnicodeUsernameValidator(RegexValidator):
    """Letters and digits of any script, plus ``@ . + - _``."""

    pattern = r"\A[\w.@+-]+\Z"
    flags = 0

    def __init__(self) -> None:
        super().__init__(re.compile(self.pattern, self.flags), _MESSAGE, "invalid")

    def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        """Migrations name the class, not its pattern."""
        return (f"{type(self).__module__}.{type(self).__qualname__}", (), {})


class ASCIIUsernameValidator(UnicodeUsernameValidator):
    """ASCII letters and digits, plus ``@ . + - _``."""

    flags = re.ASCII
