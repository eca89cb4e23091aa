"""Errors raised while finding and rendering templates.

The tree::

    jinja2.TemplateNotFound
      TemplateDoesNotExist     no loader directory holds the template (lists the ones tried)
        BlockDoesNotExist      "page.html#name": the template has no block called ``name``
    RuntimeError
      ContentNotRenderedError  a TemplateResponse's content was read before it was rendered
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from heron.core.exceptions import HeronError

__all__ = ["BlockDoesNotExist", "ContentNotRenderedError", "TemplateDoesNotExist"]


class TemplateDoesNotExist(HeronError, jinja2.TemplateNotFound):
    """No template directory holds ``name``; ``tried`` lists the directories searched.

    A subclass of ``jinja2.TemplateNotFound``, so code catching Jinja's error catches it too.
    """

    def __init__(
        self,
        name: str,
        tried: Sequence[str] = (),
        *,
        names: Sequence[str] | None = None,
        message: str | None = None,
    ) -> None:
        self.tried: list[str] = [str(d) for d in tried]
        self.names: list[str] = list(names) if names is not None else [name]
        if message is None:
            message = self._default_message()
        super().__init__(name, message)
        # TemplateNotFound keeps the raw name in ``templates``; keep every candidate instead.
        self.templates = list(self.names)

    def _default_message(self) -> str:
        wanted = ", ".join(repr(n) for n in self.names)
        if self.tried:
            where = "".join(f"\n  {d}" for d in self.tried)
            return f"Template {wanted} not found. Searched these directories, in order:{where}"
        return (
            f"Template {wanted} not found: no template directories are configured. "
            "Add a directory to TEMPLATES_DIRS or a templates/ folder to an installed app."
        )

    def __str__(self) -> str:
        return str(self.message)


class BlockDoesNotExist(TemplateDoesNotExist):
    """``"page.html#results"`` named a block that neither the template nor its parents define."""

    def __init__(self, template_name: str, block: str, available: Sequence[str]) -> None:
        self.template_name = template_name
        self.block = block
        self.available = sorted(available)
        listed = ", ".join(self.available) if self.available else "none"
        super().__init__(
            f"{template_name}#{block}",
            message=(
                f"Template {template_name!r} has no block named {block!r} "
                f"(blocks it and its parents define: {listed})."
            ),
        )


class ContentNotRenderedError(HeronError, RuntimeError):
    """A ``TemplateResponse``'s content was read before ``render()`` ran."""
