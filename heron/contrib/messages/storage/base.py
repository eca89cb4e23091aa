"""``Message`` and ``BaseStorage``: what every message storage shares.

A storage holds the messages left by earlier requests (loaded lazily from its backend)
and those added during this one. Iterating over it marks everything as shown; at the end
of the request ``update(response)`` writes back only what must survive: the messages not
yet shown, or, once shown, just those added after.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from heron.conf import settings

from .. import constants

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["BaseStorage", "Message", "decode_messages", "encode_messages"]


def _tags() -> dict[int, str]:
    tags = dict(constants.DEFAULT_TAGS)
    tags.update(getattr(settings, "MESSAGE_TAGS", None) or {})
    return tags


class Message:
    """One message: ``level``, ``message`` (the text) and ``extra_tags``.

    ``str(message)`` is the text; ``message.tags`` is ``"extra_tags level_tag"`` for CSS
    classes; ``level_tag`` is the level's tag from ``MESSAGE_TAGS`` (``"success"``).
    """

    __slots__ = ("extra_tags", "level", "message")

    def __init__(self, level: int, message: Any, extra_tags: str = "") -> None:
        self.level = int(level)
        self.message = message
        self.extra_tags = extra_tags or ""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.level, str(self.message), self.extra_tags) == (
            other.level,
            str(other.message),
            other.extra_tags,
        )

    def __hash__(self) -> int:
        return hash((self.level, str(self.message), self.extra_tags))

    def __str__(self) -> str:
        return str(self.message)

    def __html__(self) -> str:
        # Markup stays markup (mark_safe / format_html); plain text is escaped by Jinja2.
        html = getattr(self.message, "__html__", None)
        if callable(html):
            return str(html())
        from markupsafe import escape

        return str(escape(self.message))

    def __repr__(self) -> str:
        return f"Message(level={self.level}, message={str(self.message)!r})"

    @property
    def level_tag(self) -> str:
        return _tags().get(self.level, "")

    @property
    def tags(self) -> str:
        return " ".join(tag for tag in (self.extra_tags, self.level_tag) if tag)


def encode_messages(messages: list[Message]) -> list[list[Any]]:
    """Messages as JSON-friendly lists; a fourth item 1 marks markup (kept safe)."""
    encoded: list[list[Any]] = []
    for m in messages:
        item: list[Any] = [m.level, str(m.message), m.extra_tags]
        if callable(getattr(m.message, "__html__", None)):
            item.append(1)
        encoded.append(item)
    return encoded


def decode_messages(data: Any) -> list[Message]:
    """The inverse of ``encode_messages``; ``ValueError`` on anything malformed."""
    if not isinstance(data, list):
        raise ValueError("Stored messages must be a list.")
    messages: list[Message] = []
    for item in data:
        if (
            not isinstance(item, list)
            or len(item) not in (3, 4)
            or not isinstance(item[0], int)
            or not isinstance(item[1], str)
            or not isinstance(item[2], str)
        ):
            raise ValueError(f"Malformed stored message {item!r}.")
        text: Any = item[1]
        if len(item) == 4 and item[3] == 1:
            from markupsafe import Markup

            text = Markup(text)
        messages.append(Message(item[0], text, item[2]))
    return messages


class BaseStorage(ABC):
    """The message store of one request; subclasses implement ``_get`` and ``_store``."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._queued: list[Message] = []
        self._loaded: list[Message] | None = None
        self.used = False
        self.added_new = False

    # -- reading --------------------------------------------------------------------------

    @property
    def _loaded_messages(self) -> list[Message]:
        if self._loaded is None:
            self._loaded = self._get()
        return self._loaded

    def __len__(self) -> int:
        return len(self._loaded_messages) + len(self._queued)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[Message]:
        """Every message, oldest first; marks them all as shown."""
        self.used = True
        if self._queued:
            self._loaded_messages.extend(self._queued)
            self._queued = []
        return iter(self._loaded_messages)

    def __contains__(self, item: object) -> bool:
        return item in self._loaded_messages or item in self._queued

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: request={self.request!r}>"

    # -- writing --------------------------------------------------------------------------

    def add(self, level: int, message: Any, extra_tags: str = "") -> None:
        """Queue a message unless it is empty or below ``self.level``."""
        if not message:
            return
        level = int(level)
        if level < self.level:
            return
        self.added_new = True
        self._queued.append(Message(level, message, extra_tags))

    @property
    def level(self) -> int:
        """The lowest level recorded: ``MESSAGE_LEVEL`` unless set for this request."""
        own = getattr(self, "_level", None)
        if own is not None:
            return int(own)
        return int(getattr(settings, "MESSAGE_LEVEL", constants.INFO))

    @level.setter
    def level(self, value: int | None) -> None:
        self._level = None if value is None else int(value)

    def update(self, response: HttpResponseBase) -> list[Message]:
        """Persist what the next request must see; return messages that did not fit."""
        if self.used:
            return self._store(self._queued, response)
        if self.added_new:
            return self._store(self._loaded_messages + self._queued, response)
        return []

    async def aupdate(self, response: HttpResponseBase) -> list[Message]:
        """``update`` for async code: a backend with I/O to do first overrides it."""
        return self.update(response)

    # -- backends -------------------------------------------------------------------------

    @abstractmethod
    def _get(self) -> list[Message]:
        """Load the stored messages (an empty list when there are none or they are bad)."""

    @abstractmethod
    def _store(self, messages: list[Message], response: HttpResponseBase) -> list[Message]:
        """Write ``messages`` (replacing what was stored); return those that did not fit."""
