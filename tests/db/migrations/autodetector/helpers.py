"""Build project states by hand and read the autodetector's answer as source lines."""

from __future__ import annotations

from typing import Any

from heron.db import models
from heron.db.migrations.autodetector import MigrationAutodetector
from heron.db.migrations.migration import Migration
from heron.db.migrations.questioner import InteractiveQuestioner, MigrationQuestioner
from heron.db.migrations.state import ModelState, ProjectState
from heron.db.migrations.writer import MigrationWriter


def model(
    app_label: str, name: str, fields: dict[str, Any] | None = None, **options: Any
) -> ModelState:
    """A model state with an ``id`` primary key followed by ``fields``."""
    all_fields = {"id": models.BigAutoField(primary_key=True), **(fields or {})}
    return ModelState(app_label, name, all_fields, options)


def state(*model_states: ModelState) -> ProjectState:
    return ProjectState({m.key: m for m in model_states})


def source(operation: Any) -> str:
    """The operation as one line of migration source."""
    writer = MigrationWriter(Migration("x", "x"))
    return writer.operation(operation).flat()


def detect(
    before: ProjectState,
    after: ProjectState,
    questioner: MigrationQuestioner | None = None,
) -> dict[str, list[str]]:
    """The optimized operations per app, as source lines."""
    found = MigrationAutodetector(before, after, questioner).operations()
    return {app: [source(op) for op in ops] for app, ops in found.items()}


def changes(
    before: ProjectState,
    after: ProjectState,
    leaves: dict[str, str | None] | None = None,
    questioner: MigrationQuestioner | None = None,
    **kwargs: Any,
) -> dict[str, list[Migration]]:
    detector = MigrationAutodetector(before, after, questioner)
    return detector.changes(leaves or {}, **kwargs)


def scripted(*answers: str) -> tuple[InteractiveQuestioner, list[str]]:
    """A questioner answering ``answers`` in turn; the list collects what it printed."""
    pending = list(answers)
    printed: list[str] = []

    def prompt(text: str) -> str:
        printed.append(f"? {text}")
        return pending.pop(0)

    return InteractiveQuestioner(prompt=prompt, echo=printed.append), printed
