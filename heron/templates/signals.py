"""Hooks fired while rendering, for the test client and debugging tools.

``connect(cb)`` (or ``template_rendered.connect(cb)``) registers ``cb(template_name, context)``,
called after each template render; ``disconnect(cb)`` removes it. With no listener
connected, rendering pays only one truthiness check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Hook", "TemplateRenderedCallback", "connect", "disconnect", "template_rendered"]

TemplateRenderedCallback = Callable[[str, Mapping[str, Any]], None]


class Hook:
    """A list of callbacks; ``send`` calls each in the order they were connected."""

    def __init__(self) -> None:
        self.receivers: list[TemplateRenderedCallback] = []

    def connect(self, callback: TemplateRenderedCallback) -> TemplateRenderedCallback:
        """Register ``callback`` (once; connecting it again does nothing) and return it."""
        if callback not in self.receivers:
            self.receivers.append(callback)
        return callback

    def disconnect(self, callback: TemplateRenderedCallback) -> bool:
        """Unregister ``callback``; return whether it was connected."""
        try:
            self.receivers.remove(callback)
        except ValueError:
            return False
        return True

    def send(self, template_name: str, context: Mapping[str, Any]) -> None:
        """Call every connected callback with the template name and its context."""
        for callback in list(self.receivers):
            callback(template_name, context)

    def __bool__(self) -> bool:
        return bool(self.receivers)


template_rendered = Hook()
connect = template_rendered.connect
disconnect = template_rendered.disconnect
