"""``MigrationGraph``: migrations as nodes, dependencies as edges (pure logic, no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .exceptions import CircularDependencyError, NodeNotFoundError
from .state import ProjectState

if TYPE_CHECKING:
    from .migration import Migration
    from .state import ProjectState

__all__ = ["Key", "MigrationGraph"]

Key = tuple[str, str]


def _label(key: Key) -> str:
    return f"{key[0]}.{key[1]}"


class MigrationGraph:
    """Each node is ``(app_label, migration_name)``; a parent must be applied first."""

    def __init__(self) -> None:
        self.nodes: dict[Key, Migration] = {}
        self.parents: dict[Key, set[Key]] = {}
        self.children: dict[Key, set[Key]] = {}

    def add_node(self, key: Key, migration: Migration) -> None:
        self.nodes[key] = migration
        self.parents.setdefault(key, set())
        self.children.setdefault(key, set())

    def add_dependency(self, child: Key, parent: Key, origin: str | None = None) -> None:
        """Record that ``child`` needs ``parent``; both must be nodes."""
        for key in (child, parent):
            if key not in self.nodes:
                where = origin or _label(child)
                raise NodeNotFoundError(
                    f"Migration {where} depends on {_label(key)}, which does not exist. "
                    f"Check the dependencies of {where} (and that the app of "
                    f"{_label(key)} is installed).",
                    key,
                    origin,
                )
        self.parents[child].add(parent)
        self.children[parent].add(child)

    def remove_node(self, key: Key) -> None:
        for parent in self.parents.pop(key, set()):
            self.children[parent].discard(key)
        for child in self.children.pop(key, set()):
            self.parents[child].discard(key)
        self.nodes.pop(key, None)

    def replace_nodes(self, replacement: Key, replaced: list[Key]) -> None:
        """Let ``replacement`` stand for the ``replaced`` nodes (a squashed migration)."""
        gone = set(replaced)
        for key in replaced:
            if key not in self.nodes:
                continue
            for child in list(self.children[key]):
                if child not in gone and child != replacement:
                    self.parents[child].add(replacement)
                    self.children[replacement].add(child)
            for parent in list(self.parents[key]):
                if parent not in gone and parent != replacement:
                    self.parents[replacement].add(parent)
                    self.children[parent].add(replacement)
            self.remove_node(key)

    def _check(self, key: Key) -> None:
        if key not in self.nodes:
            raise NodeNotFoundError(f"Migration {_label(key)} does not exist.", key)

    def forwards_plan(self, target: Key) -> list[Key]:
        """Every node ``target`` needs, parents first, ending with ``target``."""
        self._check(target)
        return self._walk(target, self.parents)

    def backwards_plan(self, target: Key) -> list[Key]:
        """Every node depending on ``target``, dependents first, ending with ``target``."""
        self._check(target)
        return self._walk(target, self.children)

    def _walk(self, start: Key, edges: dict[Key, set[Key]]) -> list[Key]:
        order: list[Key] = []
        seen: set[Key] = set()
        stack: list[tuple[Key, list[Key]]] = [(start, sorted(edges[start], reverse=True))]
        path = [start]
        while stack:
            key, pending = stack[-1]
            if pending:
                nxt = pending.pop()
                if nxt in path:
                    cycle = [*path[path.index(nxt) :], nxt]
                    raise CircularDependencyError(
                        "Circular dependency between migrations: "
                        + " -> ".join(_label(k) for k in cycle)
                    )
                if nxt not in seen:
                    stack.append((nxt, sorted(edges[nxt], reverse=True)))
                    path.append(nxt)
                continue
            stack.pop()
            path.pop()
            if key not in seen:
                seen.add(key)
                order.append(key)
        return order

    def ensure_not_cyclic(self) -> None:
        for key in sorted(self.nodes):
            self.forwards_plan(key)

    def leaf_nodes(self, app_label: str | None = None) -> list[Key]:
        """Nodes no migration of their own app depends on (the latest of each app)."""
        return sorted(
            key
            for key in self.nodes
            if (app_label is None or key[0] == app_label)
            and not any(child[0] == key[0] for child in self.children[key])
        )

    def root_nodes(self, app_label: str | None = None) -> list[Key]:
        """Nodes depending on no migration of their own app (the first of each app)."""
        return sorted(
            key
            for key in self.nodes
            if (app_label is None or key[0] == app_label)
            and not any(parent[0] == key[0] for parent in self.parents[key])
        )

    def make_state(self, nodes: Key | list[Key] | None = None, at_end: bool = True) -> ProjectState:
        """The state after applying ``nodes`` and their dependencies (every leaf if None).

        With ``at_end=False`` the given nodes themselves are left out.
        """
        if nodes is None:
            nodes = self.leaf_nodes()
        if isinstance(nodes, tuple):
            nodes = [nodes]
        plan: list[Key] = []
        for node in nodes:
            for key in self.forwards_plan(node):
                if key not in plan and (at_end or key not in nodes):
                    plan.append(key)
        state = ProjectState()
        for key in plan:
            self.nodes[key].mutate_state(state, preserve=False)
        return state

    def __contains__(self, key: object) -> bool:
        return key in self.nodes

    def __repr__(self) -> str:
        edges = sum(len(p) for p in self.parents.values())
        return f"<MigrationGraph: nodes={len(self.nodes)}, edges={edges}>"
