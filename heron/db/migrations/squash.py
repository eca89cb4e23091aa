"""Squash a run of an app's migrations into one that ``replaces`` them.

``squash(migrations, app_label, name)`` takes the migrations to replace (in order), joins
their operations, optimizes them and returns the new ``Migration``: its ``replaces`` lists
the originals (those of an earlier squash expanded), and its dependencies are those of the
originals that point outside the run. Databases where the originals are applied keep
working: the loader uses the squashed migration only where none of them, or all of them, are
applied.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from heron.core.exceptions import HeronError

if TYPE_CHECKING:
    from .migration import Migration

from .optimizer import optimize
from .writer import new_migration

__all__ = ["SquashError", "select_range", "squash", "squashed_name"]


class SquashError(HeronError):
    """The migrations asked for cannot be squashed (unknown name, wrong order...)."""


def find_by_prefix(names: Sequence[str], app_label: str, prefix: str) -> str:
    """Return the migration of ``names`` that ``prefix`` (``"0002"``, a full name) names."""
    if prefix in names:
        return prefix
    found = [n for n in names if n.startswith(prefix)]
    if not found:
        raise SquashError(
            f"App {app_label!r} has no migration starting with {prefix!r}. "
            f"Its migrations: {', '.join(names) or '(none)'}."
        )
    if len(found) > 1:
        raise SquashError(
            f"{prefix!r} matches several migrations of {app_label!r}: {', '.join(found)}; "
            "give more of the name."
        )
    return found[0]


def select_range(
    ordered: Sequence[Migration], app_label: str, start: str | None, end: str
) -> list[Migration]:
    """Return the migrations from ``start`` (default: the first) to ``end``, both included."""
    names = [m.name for m in ordered]
    end_name = find_by_prefix(names, app_label, end)
    start_name = find_by_prefix(names, app_label, start) if start else names[0]
    first, last = names.index(start_name), names.index(end_name)
    if first > last:
        raise SquashError(
            f"{start_name} comes after {end_name} in {app_label}'s history; squash from the "
            "earlier migration to the later one."
        )
    chosen = list(ordered[first : last + 1])
    if len(chosen) < 2:
        raise SquashError(f"Only {end_name} is in that range; there is nothing to squash.")
    return chosen


def squashed_name(first: Migration, last: Migration, name: str | None = None) -> str:
    """``0001_squashed_0004_add_author`` (or ``0001_<name>`` when ``name`` is given)."""
    number = re.match(r"\d+", first.name)
    prefix = number[0] if number else "0001"
    if name:
        return f"{prefix}_{name}"
    return f"{prefix}_squashed_{last.name}"


def squash(
    migrations: Sequence[Migration], app_label: str, name: str, *, optimize_operations: bool = True
) -> Migration:
    """Return one migration equivalent to ``migrations`` (consecutive, in order)."""
    keys = {(m.app_label, m.name) for m in migrations}
    replaces: list[tuple[str, str]] = []
    operations: list[Any] = []
    dependencies: list[tuple[str, str]] = []
    for migration in migrations:
        replaced = migration.replaces or [(migration.app_label, migration.name)]
        replaces.extend(tuple(r) for r in replaced)  # type: ignore[misc]
        keys.update(tuple(r) for r in replaced)  # type: ignore[misc]
        operations.extend(migration.operations)
    for migration in migrations:
        for dependency in migration.dependencies:
            dependency = (dependency[0], dependency[1])
            if dependency in keys or dependency in dependencies:
                continue
            dependencies.append(dependency)
    first = migrations[0]
    initial = bool(first.initial) or not any(dep[0] == app_label for dep in first.dependencies)
    return new_migration(
        app_label,
        name,
        operations=optimize(operations, app_label) if optimize_operations else operations,
        dependencies=dependencies,
        replaces=replaces,
        initial=initial or None,
        atomic=all(m.atomic for m in migrations),
    )
