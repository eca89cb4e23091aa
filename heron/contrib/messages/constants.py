"""Message levels (ordered like logging levels) and their default CSS tags."""

from __future__ import annotations

__all__ = ["DEBUG", "DEFAULT_LEVELS", "DEFAULT_TAGS", "ERROR", "INFO", "SUCCESS", "WARNING"]

DEBUG = 10
INFO = 20
SUCCESS = 25
WARNING = 30
ERROR = 40

DEFAULT_TAGS: dict[int, str] = {
    DEBUG: "debug",
    INFO: "info",
    SUCCESS: "success",
    WARNING: "warning",
    ERROR: "error",
}
"""Level -> tag; ``MESSAGE_TAGS`` entries are merged over these."""

DEFAULT_LEVELS: dict[str, int] = {tag.upper(): level for level, tag in DEFAULT_TAGS.items()}
