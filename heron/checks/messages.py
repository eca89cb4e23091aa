"""Messages that system checks return, with severity levels that mirror ``logging``.

    CheckMessage(level, msg, hint=None, obj=None, id=None)
      Debug      DEBUG     10
      Info       INFO      20
      Warning    WARNING   30
      Error      ERROR     40    ``heron check`` fails at this level by default
      Critical   CRITICAL  50

IDs are stable and searchable (``urls.E001``); docs/checks.md lists the built-in ones.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "LEVEL_NAMES",
    "WARNING",
    "CheckMessage",
    "Critical",
    "Debug",
    "Error",
    "Info",
    "Warning",
    "level_from_name",
]

DEBUG = 10
INFO = 20
WARNING = 30
ERROR = 40
CRITICAL = 50

LEVEL_NAMES = {
    DEBUG: "DEBUG",
    INFO: "INFO",
    WARNING: "WARNING",
    ERROR: "ERROR",
    CRITICAL: "CRITICAL",
}


def level_from_name(name: str) -> int:
    """Return the level for ``"ERROR"``, ``"warning"``, ...; raise ``ValueError`` otherwise."""
    for level, level_name in LEVEL_NAMES.items():
        if level_name == name.strip().upper():
            return level
    known = ", ".join(LEVEL_NAMES.values())
    raise ValueError(f"Unknown check level {name!r}; use one of {known}.")


class CheckMessage:
    """One finding of a system check: what is wrong (``msg``), how to fix it (``hint``)."""

    def __init__(
        self,
        level: int,
        msg: str,
        hint: str | None = None,
        obj: Any = None,
        id: str | None = None,
    ) -> None:
        if not isinstance(level, int):
            raise TypeError(f"The level of a check message must be an int, not {level!r}.")
        self.level = level
        self.msg = msg
        self.hint = hint
        self.obj = obj
        self.id = id

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES.get(self.level, f"LEVEL {self.level}")

    def is_serious(self, level: int = ERROR) -> bool:
        """Return True if this message is at or above ``level``."""
        return self.level >= level

    def is_silenced(self, silenced: list[str] | tuple[str, ...] | set[str]) -> bool:
        return self.id is not None and self.id in silenced

    def __str__(self) -> str:
        obj = "?" if self.obj is None else str(self.obj)
        ident = f"({self.id}) " if self.id else ""
        hint = f"\n\tHINT: {self.hint}" if self.hint else ""
        return f"{obj}: {ident}{self.msg}{hint}"

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__}: level={self.level!r}, msg={self.msg!r}, "
            f"hint={self.hint!r}, obj={self.obj!r}, id={self.id!r}>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckMessage):
            return NotImplemented
        return (self.level, self.msg, self.hint, self.obj, self.id) == (
            other.level,
            other.msg,
            other.hint,
            other.obj,
            other.id,
        )

    def __hash__(self) -> int:
        return hash((self.level, self.msg, self.hint, self.id))


class _Leveled(CheckMessage):
    default_level = INFO

    def __init__(
        self,
        msg: str,
        hint: str | None = None,
        obj: Any = None,
        id: str | None = None,
    ) -> None:
        super().__init__(self.default_level, msg, hint=hint, obj=obj, id=id)


class Debug(_Leveled):
    default_level = DEBUG


class Info(_Leveled):
    default_level = INFO


class Warning(_Leveled):
    default_level = WARNING


class Error(_Leveled):
    default_level = ERROR


class Critical(_Leveled):
    default_level = CRITICAL
