"""``Migration``: the class every migration file defines.

A migration file ``<app>/migrations/0002_add_author.py`` holds::

    from heron.db import migrations, models

    class Migration(migrations.Migration):
        dependencies = [("blog", "0001_initial")]
        operations = [
            migrations.AddField("Post", "author", models.CharField(max_length=100, default="")),
        ]

The loader makes one instance per file, naming it after the file (``name``) and its app
(``app_label``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from .operations.base import Operation
    from .state import ProjectState

__all__ = ["Migration", "swappable_dependency"]


class Migration:
    """One step of an app's schema history: dependencies plus operations."""

    dependencies: ClassVar[list[tuple[str, str]]] = []
    operations: ClassVar[list[Operation]] = []
    run_before: ClassVar[list[tuple[str, str]]] = []
    replaces: ClassVar[list[tuple[str, str]]] = []
    atomic: ClassVar[bool] = True
    initial: ClassVar[bool] = False

    def __init__(self, name: str, app_label: str) -> None:
        self.name = name
        self.app_label = app_label
        # Instances get their own lists, so editing one never changes the class.
        self.operations = list(type(self).operations)  # type: ignore[misc]
        self.dependencies = list(type(self).dependencies)  # type: ignore[misc]
        self.run_before = list(type(self).run_before)  # type: ignore[misc]
        self.replaces = list(type(self).replaces)  # type: ignore[misc]

    @property
    def key(self) -> tuple[str, str]:
        return (self.app_label, self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Migration) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"<Migration {self.app_label}.{self.name}>"

    def __str__(self) -> str:
        return f"{self.app_label}.{self.name}"

    def mutate_state(self, state: ProjectState, *, preserve: bool = True) -> ProjectState:
        """Return ``state`` with this migration's operations applied (a copy if ``preserve``)."""
        new = state.clone() if preserve else state
        for operation in self.operations:
            operation.state_forwards(self.app_label, new)
        return new

    def suggest_name(self) -> str:
        """A file name fragment describing the operations (``"add_author"``...)."""
        if self.initial:
            return "initial"
        fragments = [op.migration_name_fragment for op in self.operations]
        if not fragments or any(f is None for f in fragments):
            return "auto"
        name = "_".join(sorted(str(f) for f in fragments))
        if len(name) > 52:
            name = f"{fragments[0]}_and_more"
        return re.sub(r"\W+", "_", name)


def swappable_dependency(value: str) -> tuple[str, str]:
    """A dependency on the first migration of the app holding model ``"app_label.Model"``."""
    app_label = value.split(".", 1)[0]
    return (app_label, "__first__")
