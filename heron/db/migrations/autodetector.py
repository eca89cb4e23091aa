"""Compare two project states and write the operations that turn one into the other.

``MigrationAutodetector(from_state, to_state, questioner).changes(leaves)`` is pure: no
database, no files. ``from_state`` is what the migration files build
(``MigrationLoader.project_state()``), ``to_state`` today's models
(``ProjectState.from_apps()``); ``leaves`` maps each app label to its latest migration name
(None when the app has no migrations yet). The result maps app labels to new ``Migration``
objects, numbered after the leaves and depending on each other as needed.

How it works:

1. ``steps()`` generates operations in a safe order (renames; removals of indexes and
   constraints; new models, whose relation fields are added separately; removed fields and
   models; added and altered fields; new indexes, constraints and options). Each step records
   what it provides (a model or field created, removed or altered) and what it needs.
2. ``arrange`` sorts the steps per app so that needs come first, then cuts them into
   migrations: an app's migration ends where a step needs something another app has not
   provided yet (so two apps pointing at each other get two migrations in one of them).
3. Each migration is optimized (``optimizer.optimize``), which folds the separate relation
   fields back into their ``CreateModel`` where the order allows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from heron.db.models.fields.base import NOT_PROVIDED

from . import operations as ops
from .arrange import ALTERED, CREATED, REMOVED, Key, Step, build, chop, sort_steps, trim
from .operations.models import ALTER_OPTION_KEYS, index_name
from .optimizer import optimize
from .questioner import MigrationQuestioner
from .serializer import Serializer

if TYPE_CHECKING:
    from .migration import Migration
    from .state import ModelState, ProjectState

__all__ = ["MigrationAutodetector"]

SEPARATE_OPTIONS = ("indexes", "constraints", "unique_together")


def _relation_target(field: Any, app_label: str, model_name: str) -> tuple[str, str] | None:
    to = getattr(field, "to", None)
    if to is None or not getattr(field, "is_relation", False):
        return None
    return _label_key(to, app_label, model_name)


def _label_key(to: Any, app_label: str, model_name: str) -> tuple[str, str]:
    if isinstance(to, type):
        meta = getattr(to, "_meta")  # noqa: B009 - a model class
        return (meta.app_label, meta.model_name)
    if to == "self":
        return (app_label, model_name)
    if "." in to:
        target_app, _, name = to.rpartition(".")
        return (target_app, name.lower())
    return (app_label, to.lower())


def _comparable(value: Any) -> Any:
    """A stand-in that compares by meaning: the source a migration file would hold.

    Objects such as ``Q`` conditions have no equality of their own; two built from the same
    source are the same for migrations.
    """
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    try:
        return Serializer().serialize(value).flat()
    except ValueError:  # reported by the writer, with its message, if it gets that far
        return value


def _contains(items: Iterable[Any], item: Any) -> bool:
    wanted = _comparable(item)
    return any(_comparable(candidate) == wanted for candidate in items)


def _together(options: Mapping[str, Any]) -> set[tuple[str, ...]]:
    return {tuple(group) for group in options.get("unique_together") or ()}


def _field_operation(
    cls: type[ops.AddField | ops.AlterField], model_name: str, name: str, field: Any, preserve: bool
) -> ops.Operation:
    """``cls(...)``, naming ``preserve_default`` only when it is False (so files stay short)."""
    if preserve:
        return cls(model_name=model_name, name=name, field=field)
    return cls(model_name=model_name, name=name, field=field, preserve_default=False)


class MigrationAutodetector:
    """Find the changes between ``from_state`` and ``to_state``; see the module docstring."""

    def __init__(
        self,
        from_state: ProjectState,
        to_state: ProjectState,
        questioner: MigrationQuestioner | None = None,
    ) -> None:
        self.from_state = from_state
        self.to_state = to_state
        self.questioner = questioner or MigrationQuestioner()
        self.renamed_models: dict[tuple[str, str], str] = {}  # new key -> old model name
        self.renamed_fields: dict[tuple[str, str, str], str] = {}  # (app, model, new) -> old
        self._steps: list[Step] = []

    # -- public API --------------------------------------------------------------------------

    def changes(
        self,
        leaves: Mapping[str, str | None],
        *,
        trim_to_apps: Iterable[str] | None = None,
        name: str | None = None,
    ) -> dict[str, list[Migration]]:
        """Return the new migrations by app label (empty when nothing changed)."""
        migrations = build(chop(sort_steps(self.steps())), leaves, name)
        if trim_to_apps is not None:
            migrations = trim(migrations, set(trim_to_apps))
        return migrations

    def operations(self) -> dict[str, list[Any]]:
        """Return the optimized operations by app label, in order (one list per app)."""
        result: dict[str, list[Any]] = {}
        for step in sort_steps(self.steps()):
            result.setdefault(step.app_label, []).append(step.operation)
        return {app: optimize(found, app) for app, found in result.items()}

    # -- generating steps ------------------------------------------------------------------

    def _add(
        self,
        app_label: str,
        operation: Any,
        provides: Iterable[Key] = (),
        needs: Iterable[Key] = (),
    ) -> Step:
        step = Step(app_label, operation, set(provides), set(needs), len(self._steps))
        self._steps.append(step)
        return step

    def steps(self) -> list[Step]:
        """Generate the steps (unsorted, in generation order)."""
        if self._steps:
            return self._steps
        old_keys = set(self.from_state.models)
        new_keys = set(self.to_state.models)
        self._detect_renamed_models(old_keys - new_keys, new_keys - old_keys)
        self.kept = sorted(
            (k for k in new_keys if k in old_keys or k in self.renamed_models),
            key=self._order,
        )
        self.added = sorted(
            (k for k in new_keys - old_keys if k not in self.renamed_models), key=self._order
        )
        renamed_from = {(k[0], old.lower()) for k, old in self.renamed_models.items()}
        self.deleted = sorted(old_keys - new_keys - renamed_from, key=self._order_old)
        self._detect_renamed_fields()
        for key in self.kept:
            self._removed_indexes_and_constraints(key)
        for key in self.added:
            self._created_model(key)
        self._renamed_fields_steps()
        for key in self.kept:
            self._removed_fields(key)
        self._deleted_models()
        for key in self.kept:
            self._added_fields(key)
        for key in self.kept:
            self._altered_fields(key)
        for key in self.kept:
            self._added_indexes_and_constraints(key)
            self._altered_options(key)
        return self._steps

    def _order(self, key: tuple[str, str]) -> int:
        return list(self.to_state.models).index(key)

    def _order_old(self, key: tuple[str, str]) -> int:
        return list(self.from_state.models).index(key)

    def _old_state(self, key: tuple[str, str]) -> ModelState:
        old_name = self.renamed_models.get(key)
        old_key = (key[0], old_name.lower()) if old_name else key
        return self.from_state.models[old_key]

    # Field definitions are compared by deconstruct(), with relation targets normalized to
    # lower-case labels and with the renames already decided applied.
    def _definition(self, field: Any, app_label: str, model_name: str, *, old: bool) -> Any:
        _, path, args, kwargs = field.deconstruct()
        kwargs = dict(kwargs)
        for option in ("to", "through"):
            if option in kwargs and kwargs[option] is not None:
                target = _label_key(kwargs[option], app_label, model_name)
                if old:
                    target = self._renamed_target(target)
                kwargs[option] = f"{target[0]}.{target[1]}"
        values = sorted((key, _comparable(value)) for key, value in kwargs.items())
        return (path, [_comparable(a) for a in args], values)

    def _renamed_target(self, target: tuple[str, str]) -> tuple[str, str]:
        for new_key, old_name in self.renamed_models.items():
            if (new_key[0], old_name.lower()) == target:
                return new_key
        return target

    def _detect_renamed_models(
        self, removed: set[tuple[str, str]], added: set[tuple[str, str]]
    ) -> None:
        for new_key in sorted(added, key=self._order):
            new = self.to_state.models[new_key]
            for old_key in sorted(removed, key=self._order_old):
                old = self.from_state.models[old_key]
                if old_key[0] != new_key[0] or list(old.fields) != list(new.fields):
                    continue
                if old.is_proxy or new.is_proxy:
                    continue  # no fields to compare: a proxy is only ever created or deleted
                same = all(
                    self._definition(f, *old_key, old=True)
                    == self._definition(new.fields[n], *new_key, old=False)
                    for n, f in old.fields.items()
                )
                if same and self.questioner.ask_rename_model(new_key[0], old.name, new.name):
                    self.renamed_models[new_key] = old.name
                    removed.discard(old_key)
                    self._add(
                        new_key[0],
                        ops.RenameModel(old_name=old.name, new_name=new.name),
                        provides={(*new_key, None, CREATED), (*old_key, None, REMOVED)},
                    )
                    break

    def _detect_renamed_fields(self) -> None:
        for key in self.kept:
            old, new = self._old_state(key), self.to_state.models[key]
            removed = [n for n in old.fields if n not in new.fields]
            for name, new_field in new.fields.items():
                if name in old.fields:
                    continue
                definition = self._definition(new_field, *key, old=False)
                for old_name in removed:
                    old_definition = self._definition(old.fields[old_name], *key, old=True)
                    if old_definition != definition:
                        continue
                    label = f"{new.app_label}.{new.name}"
                    if self.questioner.ask_rename_field(label, old_name, name, new_field):
                        self.renamed_fields[(*key, name)] = old_name
                        removed.remove(old_name)
                        break

    def _renamed_fields_steps(self) -> None:
        for (app_label, model, new_name), old_name in self.renamed_fields.items():
            name = self.to_state.models[(app_label, model)].name_lower
            self._add(
                app_label,
                ops.RenameField(model_name=name, old_name=old_name, new_name=new_name),
                provides={
                    (app_label, model, new_name, CREATED),
                    (app_label, model, old_name, REMOVED),
                },
                needs={(app_label, model, None, CREATED)},
            )

    def _field_pairs(self, key: tuple[str, str]) -> dict[str, str]:
        """Map today's name of each field the old state also has to its old name."""
        old, new = self._old_state(key), self.to_state.models[key]
        pairs = {name: name for name in new.fields if name in old.fields}
        for (app_label, model, new_name), old_name in self.renamed_fields.items():
            if (app_label, model) == key:
                pairs[new_name] = old_name
        return pairs

    # -- models ----------------------------------------------------------------------------

    def _field_needs(self, app_label: str, model: str, field: Any) -> set[Key]:
        needs: set[Key] = {(app_label, model, None, CREATED)}
        target = _relation_target(field, app_label, model)
        if target is not None:
            needs.add((*target, None, CREATED))
        through = getattr(field, "through_spec", None)
        if through is not None:
            needs.add((*_label_key(through, app_label, model), None, CREATED))
        return needs

    def _created_model(self, key: tuple[str, str]) -> None:
        state = self.to_state.models[key]
        app_label, model = key
        plain = [(n, f) for n, f in state.fields.items() if not getattr(f, "is_relation", False)]
        related = [(n, f) for n, f in state.fields.items() if getattr(f, "is_relation", False)]
        options = {k: v for k, v in state.options.items() if k not in SEPARATE_OPTIONS and v != []}
        needs: set[Key] = set()
        for base in state.bases:
            if isinstance(base, str) and "." in base:
                needs.add((*_label_key(base, app_label, model), None, CREATED))
        self._add(
            app_label,
            ops.CreateModel(name=state.name, fields=plain, options=options, bases=state.bases),
            provides={(*key, None, CREATED), *((*key, n, CREATED) for n, _ in plain)},
            needs=needs,
        )
        for name, related_field in related:
            self._add(
                app_label,
                ops.AddField(model_name=state.name_lower, name=name, field=related_field),
                provides={(*key, name, CREATED)},
                needs=self._field_needs(app_label, model, related_field),
            )
        self._add_separate_options(key, state, [], [], set())

    def _deleted_models(self) -> None:
        for key in self.deleted:
            state = self.from_state.models[key]
            for name, old_field in state.fields.items():
                if getattr(old_field, "is_relation", False):
                    self._add(
                        key[0],
                        ops.RemoveField(model_name=state.name_lower, name=name),
                        provides={(*key, name, REMOVED)},
                    )
        for key in self.deleted:
            state = self.from_state.models[key]
            needs: set[Key] = {
                (*key, n, REMOVED)
                for n, f in state.fields.items()
                if getattr(f, "is_relation", False)
            }
            needs |= self._references_to(key)
            self._add(
                key[0],
                ops.DeleteModel(name=state.name),
                provides={(*key, None, REMOVED)},
                needs=needs,
            )

    def _references_to(self, target: tuple[str, str]) -> set[Key]:
        """What must happen before model ``target`` is dropped: its referrers go first."""
        needs: set[Key] = set()
        for key, state in self.from_state.models.items():
            if key == target:
                continue
            if state.is_proxy and any(
                _label_key(base, *key) == target for base in state.proxied_labels()
            ):
                needs.add((*key, None, REMOVED))  # its proxies go first
            for name, old_field in state.fields.items():
                if _relation_target(old_field, *key) == target:
                    needs.add((*key, name, REMOVED))
                    needs.add((*key, name, ALTERED))
        return needs

    # -- fields ----------------------------------------------------------------------------

    def _removed_fields(self, key: tuple[str, str]) -> None:
        old, new = self._old_state(key), self.to_state.models[key]
        kept = set(self._field_pairs(key).values())
        for name in old.fields:
            if name in kept:
                continue
            self._add(
                key[0],
                ops.RemoveField(model_name=new.name_lower, name=name),
                provides={(*key, name, REMOVED)},
                needs={(*key, None, CREATED)},
            )

    def _added_fields(self, key: tuple[str, str]) -> None:
        new = self.to_state.models[key]
        pairs = self._field_pairs(key)
        for name, new_field in new.fields.items():
            if name in pairs:
                continue
            added = new_field
            preserve = True
            if self._needs_one_off_default(new_field):
                label = f"{new.app_label}.{new.name}"
                value = self.questioner.ask_not_null_addition(label, name, new_field)
                added = new_field.clone()
                added.default = value
                preserve = False
            self._add(
                key[0],
                _field_operation(ops.AddField, new.name_lower, name, added, preserve),
                provides={(*key, name, CREATED)},
                needs=self._field_needs(*key, new_field),
            )

    @staticmethod
    def _needs_one_off_default(field: Any) -> bool:
        if field.null or field.many_to_many or field.has_default():
            return False
        if field.db_default is not NOT_PROVIDED or field.primary_key:
            return False
        return not (field.blank and field.empty_strings_allowed)

    def _altered_fields(self, key: tuple[str, str]) -> None:
        old, new = self._old_state(key), self.to_state.models[key]
        for name, old_name in self._field_pairs(key).items():
            old_field, new_field = old.fields[old_name], new.fields[name]
            before = self._definition(old_field, *key, old=True)
            after = self._definition(new_field, *key, old=False)
            if before == after:
                continue
            if old_field.many_to_many != new_field.many_to_many:
                self._add(
                    key[0],
                    ops.RemoveField(model_name=new.name_lower, name=name),
                    provides={(*key, name, REMOVED)},
                )
                self._add(
                    key[0],
                    ops.AddField(model_name=new.name_lower, name=name, field=new_field),
                    provides={(*key, name, CREATED)},
                    needs=self._field_needs(*key, new_field),
                )
                continue
            altered, preserve = new_field, True
            if old_field.null and not new_field.null and self._needs_one_off_default(new_field):
                label = f"{new.app_label}.{new.name}"
                value = self.questioner.ask_not_null_alteration(label, name, new_field)
                if value is not NOT_PROVIDED:
                    altered = new_field.clone()
                    altered.default = value
                    preserve = False
            self._add(
                key[0],
                _field_operation(ops.AlterField, new.name_lower, name, altered, preserve),
                provides={(*key, name, ALTERED)},
                needs=self._field_needs(*key, new_field),
            )

    # -- indexes, constraints and options --------------------------------------------------

    def _renamed_old_options(self, key: tuple[str, str]) -> tuple[list[Any], list[Any], set[Any]]:
        """The old indexes, constraints and unique_together, with field renames applied."""
        old = self._old_state(key)
        back = {old_name: new for new, old_name in self._field_pairs(key).items()}

        def rename(names: Iterable[str]) -> tuple[str, ...]:
            return tuple(
                ("-" if n.startswith("-") else "") + back.get(n.removeprefix("-"), n) for n in names
            )

        indexes = []
        for index in old.options.get("indexes", []):
            fields = rename(index.fields)
            if fields != tuple(index.fields):
                index = type(index)(fields=fields, name=index_name(index, old))
            indexes.append(index)
        constraints = list(old.options.get("constraints", []))
        together = {rename(group) for group in _together(old.options)}
        return indexes, constraints, together

    def _removed_indexes_and_constraints(self, key: tuple[str, str]) -> None:
        old = self._old_state(key)
        new = self.to_state.models[key]
        indexes, constraints, together = self._renamed_old_options(key)
        new_indexes = list(new.options.get("indexes", []))
        for index in indexes:
            if _contains(new_indexes, index):
                continue
            if self._renamed_index(index, new_indexes) is not None:
                continue
            self._add(
                key[0],
                ops.RemoveIndex(model_name=new.name_lower, name=index_name(index, old)),
                provides={(*key, None, ALTERED)},
            )
        for constraint in constraints:
            if not _contains(new.options.get("constraints", []), constraint):
                self._add(
                    key[0],
                    ops.RemoveConstraint(model_name=new.name_lower, name=constraint.name),
                    provides={(*key, None, ALTERED)},
                )
        kept = together & _together(new.options)
        if kept != together:
            self._add(
                key[0],
                ops.AlterUniqueTogether(name=new.name_lower, unique_together=sorted(kept)),
                provides={(*key, None, ALTERED)},
            )

    def _renamed_index(self, index: Any, candidates: list[Any]) -> Any:
        for candidate in candidates:
            if tuple(candidate.fields) == tuple(index.fields) and candidate.name and index.name:
                return candidate
        return None

    def _added_indexes_and_constraints(self, key: tuple[str, str]) -> None:
        indexes, constraints, together = self._renamed_old_options(key)
        self._add_separate_options(
            key,
            self.to_state.models[key],
            indexes,
            constraints,
            together & _together(self.to_state.models[key].options),
        )

    def _add_separate_options(
        self,
        key: tuple[str, str],
        new: ModelState,
        old_indexes: list[Any],
        old_constraints: list[Any],
        old_together: set[tuple[str, ...]],
    ) -> None:
        for index in new.options.get("indexes", []):
            if _contains(old_indexes, index):
                continue
            previous = self._renamed_index(
                index, [i for i in old_indexes if not _contains(new.options.get("indexes", []), i)]
            )
            needs = {(*key, name.removeprefix("-"), CREATED) for name in index.fields}
            if previous is not None:
                operation: Any = ops.RenameIndex(
                    model_name=new.name_lower, new_name=index.name, old_name=previous.name
                )
            else:
                operation = ops.AddIndex(model_name=new.name_lower, index=index)
            self._add(key[0], operation, provides={(*key, None, ALTERED)}, needs=needs)
        for constraint in new.options.get("constraints", []):
            if _contains(old_constraints, constraint):
                continue
            names = constraint.field_names() if hasattr(constraint, "field_names") else []
            self._add(
                key[0],
                ops.AddConstraint(model_name=new.name_lower, constraint=constraint),
                provides={(*key, None, ALTERED)},
                needs={(*key, n, CREATED) for n in names} | {(*key, None, CREATED)},
            )
        together = _together(new.options)
        if together != old_together:
            self._add(
                key[0],
                ops.AlterUniqueTogether(name=new.name_lower, unique_together=sorted(together)),
                provides={(*key, None, ALTERED)},
                needs={(*key, n, CREATED) for group in together for n in group}
                | {(*key, None, CREATED)},
            )

    def _altered_options(self, key: tuple[str, str]) -> None:
        old, new = self._old_state(key), self.to_state.models[key]
        if old.options.get("db_table") != new.options.get("db_table"):
            renamed_default = key in self.renamed_models and not new.options.get("db_table")
            if not renamed_default or old.options.get("db_table"):
                self._add(
                    key[0],
                    ops.AlterModelTable(name=new.name_lower, table=new.options.get("db_table")),
                    provides={(*key, None, ALTERED)},
                    needs={(*key, None, CREATED)},
                )
        before = {k: old.options[k] for k in ALTER_OPTION_KEYS if k in old.options}
        after = {k: new.options[k] for k in ALTER_OPTION_KEYS if k in new.options}
        if before != after:
            self._add(
                key[0],
                ops.AlterModelOptions(name=new.name_lower, options=after),
                provides={(*key, None, ALTERED)},
                needs={(*key, None, CREATED)},
            )
