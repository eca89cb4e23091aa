"""Errors raised while finding templates.

The tree::

    jinja2.TemplateNotFound
      TemplateDoesNotExist     no loader directory holds the template (lists the ones tried)
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

__all__ = ["TemplateDoesNotExist"]


class TemplateDoesNotExist(jinja2.TemplateNotFound):
    """No template directory holds ``name``; ``tried`` lists the directories searched.

    A subclass of ``jinja2.TemplateNotFound``, so code catching Jinja's error catches it too.
    """

    def __init__(
        self, name: str, tried: Sequence[str] = (), *, names: Sequence[str] | None = None
    ) -> None:
        self.tried: list[str] = [str(d) for d in tried]
        self.names: list[str] = list(names) if names is not None else [name]
        wanted = ", ".join(repr(n) for n in self.names)
        if self.tried:
            where = "".join(f"\n  {d}" for d in self.tried)
            message = f"Template {wanted} not found. Searched these directories, in order:{where}"
        else:
            message = (
                f"Template {wanted} not found: no template directories are configured. "
                "Add a directory to TEMPLATES_DIRS or a templates/ folder to an installed app."
            )
        super().__init__(name, message)
        # TemplateNotFound keeps the raw name in ``templates``; keep every candidate instead.
        self.templates = list(self.names)

    def __str__(self) -> str:
        return str(self.message)
