"""Order the autodetector's steps and cut them into migrations.

A ``Step`` is one operation with what it provides (a model or field created, removed or
altered) and what it needs. ``sort_steps`` orders each app's steps so needs come first;
``chop`` cuts them into migrations where a step needs something another app has not provided
yet; ``build`` numbers and optimizes the migrations and sets their dependencies (on the new
migration that provides a need, else on the latest existing migration of that app).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .optimizer import optimize
from .writer import migration_filename, new_migration, next_number

if TYPE_CHECKING:
    from .migration import Migration

__all__ = ["ALTERED", "CREATED", "REMOVED", "Key", "Step", "build", "chop", "sort_steps", "trim"]

# What a step provides or needs: (app_label, model_name_lower, field_name | None, kind).
Key = tuple[str, str, str | None, str]
CREATED, REMOVED, ALTERED = "created", "removed", "altered"


@dataclass
class Step:
    """One operation of the autodetector, with what it provides and needs."""

    app_label: str
    operation: Any
    provides: set[Key] = field(default_factory=set)
    needs: set[Key] = field(default_factory=set)
    number: int = 0


def providers_of(steps: list[Step]) -> dict[Key, Step]:
    """Map each thing provided (a model or field created, removed...) to its first step."""
    providers: dict[Key, Step] = {}
    for step in steps:
        for key in step.provides:
            providers.setdefault(key, step)
    return providers


def sort_steps(steps: list[Step]) -> list[Step]:
    """Sort the steps of each app so that a step follows what it needs (stable)."""
    providers = providers_of(steps)
    result: list[Step] = []
    for app_label in dict.fromkeys(step.app_label for step in steps):
        own = [s for s in steps if s.app_label == app_label]
        before: dict[int, set[int]] = {s.number: set() for s in own}
        for step in own:
            for need in step.needs:
                provider = providers.get(need)
                if (
                    provider is not None
                    and provider.app_label == app_label
                    and provider is not step
                ):
                    before[step.number].add(provider.number)
        done: set[int] = set()
        pending = list(own)
        while pending:
            ready = next(
                (s for s in pending if before[s.number] <= done), pending[0]
            )  # a cycle cannot arise from the steps generated here; pending[0] is a guard
            pending.remove(ready)
            done.add(ready.number)
            result.append(ready)
    return result


def chop(steps: list[Step]) -> dict[str, list[list[Step]]]:
    """Cut each app's (sorted) steps into migrations so cross-app needs are met in order."""
    providers = providers_of(steps)
    remaining: dict[str, list[Step]] = {}
    for step in steps:
        remaining.setdefault(step.app_label, []).append(step)
    placed: dict[int, tuple[str, int]] = {}  # step number -> (app, chunk index)
    chunks: dict[str, list[list[Step]]] = {app: [] for app in remaining}
    while any(remaining.values()):
        # Apps whose remaining steps are all ready go whole; only when none is, one app
        # takes the part that is ready (two apps pointing at each other).
        progress = False
        for app_label, pending in remaining.items():
            taken = _ready_prefix(pending, providers, placed)
            if pending and len(taken) == len(pending):
                _place(app_label, taken, chunks, placed, pending)
                progress = True
        if progress:
            continue
        for app_label, pending in remaining.items():
            taken = _ready_prefix(pending, providers, placed)
            if taken:
                _place(app_label, taken, chunks, placed, pending)
                progress = True
                break
        if not progress:
            stuck = ", ".join(s.operation.describe() for p in remaining.values() for s in p[:1])
            raise ValueError(f"Cannot order the migration operations (a cycle): {stuck}.")
    return chunks


def _ready_prefix(
    pending: list[Step], providers: dict[Key, Step], placed: dict[int, tuple[str, int]]
) -> list[Step]:
    """The steps from the front of ``pending`` whose needs in other apps are placed."""
    taken: list[Step] = []
    for step in pending:
        for need in step.needs:
            provider = providers.get(need)
            if provider is None or provider.app_label == step.app_label:
                continue
            if provider.number not in placed:
                return taken
        taken.append(step)
    return taken


def _place(
    app_label: str,
    taken: list[Step],
    chunks: dict[str, list[list[Step]]],
    placed: dict[int, tuple[str, int]],
    pending: list[Step],
) -> None:
    index = len(chunks[app_label])
    chunks[app_label].append(taken)
    for step in taken:
        placed[step.number] = (app_label, index)
    del pending[: len(taken)]


def build(
    chunks: dict[str, list[list[Step]]],
    leaves: Mapping[str, str | None],
    name: str | None,
) -> dict[str, list[Migration]]:
    """Turn the chunks into numbered, optimized migrations with their dependencies."""
    providers = providers_of([step for app in chunks.values() for c in app for step in c])
    chunk_of: dict[int, tuple[str, int]] = {
        step.number: (app, index)
        for app, app_chunks in chunks.items()
        for index, chunk in enumerate(app_chunks)
        for step in chunk
    }
    result: dict[str, list[Migration]] = {}
    names: dict[tuple[str, int], str] = {}
    for app_label, app_chunks in chunks.items():
        leaf = leaves.get(app_label)
        number = next_number([leaf] if leaf else [])
        for index, chunk in enumerate(app_chunks):
            operations = optimize([s.operation for s in chunk], app_label)
            if not operations:
                continue
            first = leaf is None and not result.get(app_label)
            migration = new_migration(
                app_label, "draft", operations=operations, initial=first or None
            )
            migration.name = migration_filename(number, migration, name)
            names[(app_label, index)] = migration.name
            number += 1
            result.setdefault(app_label, []).append(migration)
            migration._chunk = index  # type: ignore[attr-defined]
    for app_label, migrations in result.items():
        leaf = leaves.get(app_label)
        previous = (app_label, leaf) if leaf else None
        for migration in migrations:
            index = migration._chunk  # type: ignore[attr-defined]
            del migration._chunk  # type: ignore[attr-defined]
            dependencies: list[tuple[str, str]] = []
            if previous is not None:
                dependencies.append(previous)
            for step in chunks[app_label][index]:
                for need in sorted(step.needs, key=str):
                    dependency = _dependency(need, step, providers, chunk_of, names, leaves)
                    if dependency is not None and dependency not in dependencies:
                        dependencies.append(dependency)
            migration.dependencies[:] = sorted(dependencies)
            previous = (app_label, migration.name)
    return result


def _dependency(
    need: Key,
    step: Step,
    providers: dict[Key, Step],
    chunk_of: dict[int, tuple[str, int]],
    names: dict[tuple[str, int], str],
    leaves: Mapping[str, str | None],
) -> tuple[str, str] | None:
    if need[0] == step.app_label:
        return None
    provider = providers.get(need)
    if provider is not None:
        where = chunk_of[provider.number]
        found = names.get(where)
        if found is not None:
            return (where[0], found)
        # Optimized away; the app's leaf (or its first new migration) holds the state.
    if need[3] != CREATED:
        return None  # nothing in this run removes or alters it: no ordering to keep
    leaf = leaves.get(need[0])
    if leaf:
        return (need[0], leaf)
    first = names.get((need[0], 0))
    return (need[0], first) if first else None


def trim(migrations: dict[str, list[Migration]], apps: set[str]) -> dict[str, list[Migration]]:
    """Keep the migrations of ``apps`` and of the apps they need new migrations from."""
    wanted = set(apps)
    changed = True
    while changed:
        changed = False
        for app_label in list(wanted):
            for migration in migrations.get(app_label, []):
                for dep_app, dep_name in migration.dependencies:
                    new_names = {m.name for m in migrations.get(dep_app, [])}
                    if dep_name in new_names and dep_app not in wanted:
                        wanted.add(dep_app)
                        changed = True
    return {app: found for app, found in migrations.items() if app in wanted}
