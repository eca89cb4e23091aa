"""Turn the values inside a migration into readable Python source, collecting their imports.

``Serializer.serialize(value)`` returns a ``Node`` (a small expression tree); ``render(node)``
lays it out in the style ``ruff format`` produces with its default settings (88 columns): an
expression stays on one line when it fits; else its arguments move to one indented line of
their own when that fits; else they go one per line with a trailing comma.

Supported values: None, booleans, numbers (``inf``/``nan`` included), strings, bytes,
``Decimal``, dates and times (aware ones in UTC), ``timedelta``, ``UUID``, enums (``Choices``),
lists, tuples, sets, dicts, classes and module-level functions (by import path),
``functools.partial``, compiled regular expressions, paths, the ``on_delete`` markers,
``Q`` objects, Heron's validators, and anything with a ``deconstruct()`` method (fields, indexes,
constraints, operations). Anything else raises ``ValueError`` naming the value and the fix.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import functools
import math
import pathlib
import re
import types
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from heron.core import validators
from heron.db.models.deletion import OnDelete
from heron.db.models.query.expressions import Q

__all__ = ["Atom", "Call", "Node", "Seq", "Serializer", "render", "serialize"]

WIDTH = 88  # ruff's (and black's) default, so generated files need no reformatting
INDENT = "    "


# -- the expression tree ---------------------------------------------------------------------


@dataclass
class Atom:
    """Source text that is never split (a literal or a dotted name)."""

    text: str

    def flat(self) -> str:
        return self.text


@dataclass
class Call:
    """``func(arg, ..., key=value, ...)``; ``explode`` forces one argument per line."""

    func: str
    args: list[Node] = field(default_factory=list)
    kwargs: list[tuple[str, Node]] = field(default_factory=list)
    explode: bool = False

    def flat(self) -> str:
        parts = [a.flat() for a in self.args] + [f"{k}={v.flat()}" for k, v in self.kwargs]
        return f"{self.func}({', '.join(parts)})"


@dataclass
class Seq:
    """A list, tuple, set or dict display: ``items`` are nodes or ``(key, value)`` pairs."""

    open: str
    close: str
    items: list[Node | tuple[Node, Node]]
    explode: bool = False

    def _item(self, item: Node | tuple[Node, Node]) -> str:
        if isinstance(item, tuple):
            return f"{item[0].flat()}: {item[1].flat()}"
        return item.flat()

    def flat(self) -> str:
        body = ", ".join(self._item(item) for item in self.items)
        if self.open == "(" and len(self.items) == 1:
            body += ","
        return f"{self.open}{body}{self.close}"


Node = Atom | Call | Seq


def render(node: Node, indent: int = 0, suffix: int = 0) -> str:
    """Lay ``node`` out starting at column ``indent * 4``; ``suffix`` counts trailing text."""
    flat = node.flat()
    exploded = isinstance(node, Call | Seq) and node.explode and _has_children(node)
    if not exploded and (
        len(INDENT) * indent + len(flat) + suffix <= WIDTH or isinstance(node, Atom)
    ):
        return flat
    if isinstance(node, Atom):  # pragma: no cover - handled above
        return flat
    inner = INDENT * (indent + 1)
    if not exploded:
        body = _flat_body(node)
        if body and len(inner) + len(body) <= WIDTH:
            head = f"{node.func}(" if isinstance(node, Call) else node.open
            close = ")" if isinstance(node, Call) else node.close
            return f"{head}\n{inner}{body}\n{INDENT * indent}{close}"
    lines: list[str] = []
    if isinstance(node, Call):
        head, close = f"{node.func}(", ")"
        for arg in node.args:
            lines.append(f"{inner}{render(arg, indent + 1, 1)},")
        for key, value in node.kwargs:
            lines.append(f"{inner}{key}={render(value, indent + 1, len(key) + 2)},")
    else:
        head, close = node.open, node.close
        for item in node.items:
            if isinstance(item, tuple):
                key_text = item[0].flat()
                value_text = render(item[1], indent + 1, 1 + len(key_text) + 2)
                lines.append(f"{inner}{key_text}: {value_text},")
            else:
                lines.append(f"{inner}{render(item, indent + 1, 1)},")
    if not lines:
        return flat
    return "\n".join([head, *lines, f"{INDENT * indent}{close}"])


def _flat_body(node: Call | Seq) -> str:
    """The arguments (or items) on one line, as between the brackets."""
    flat = node.flat()
    opening = len(node.func) + 1 if isinstance(node, Call) else len(node.open)
    body = flat[opening:-1]
    if isinstance(node, Seq) and node.open == "(" and len(node.items) == 1:
        return ""  # a one-item tuple keeps its comma: explode it instead
    return body


def _has_children(node: Call | Seq) -> bool:
    return bool(node.args or node.kwargs) if isinstance(node, Call) else bool(node.items)


# -- literals --------------------------------------------------------------------------------


def string_literal(value: str | bytes) -> str:
    """Return ``value`` as a literal, double-quoted unless that needs more escapes."""
    text = repr(value)
    prefix = "b" if isinstance(value, bytes) else ""
    quote = text[len(prefix)]
    body = text[len(prefix) + 1 : -1]
    if quote == "'":
        body = body.replace("\\'", "'")
    if body.count('"') > body.count("'"):
        return prefix + "'" + body.replace("'", "\\'") + "'"
    return prefix + '"' + body.replace('"', '\\"') + '"'


def _float_literal(value: float) -> tuple[str, set[str]]:
    if math.isnan(value):
        return 'float("nan")', set()
    if math.isinf(value):
        return ('float("inf")' if value > 0 else 'float("-inf")'), set()
    return repr(value), set()


def _validator_arguments(value: Any) -> tuple[list[Any], dict[str, Any]]:
    """Return the constructor arguments of one of Heron's validators (from its ``_key()``)."""
    key = list(value._key())
    if type(value).__name__ == "RegexValidator":
        pattern, message, code, inverse = key
        kwargs = {
            name: given
            for name, given, default in (
                ("message", message, "Enter a valid value."),
                ("code", code, "invalid"),
                ("inverse_match", inverse, False),
            )
            if given != default
        }
        return [pattern], kwargs
    while key and key[-1] is None:
        key.pop()
    return key, {}


class Serializer:
    """Serialize values, remembering the imports the source needs in ``imports``.

    ``imports`` holds lines such as ``"import datetime"`` or ``"from heron.db import models"``.
    ``local_functions`` maps a name to the source of a function copied into the file (used
    when squashing migrations whose ``RunPython`` code lives in a migration module).
    """

    def __init__(self, *, copy_migration_functions: bool = False) -> None:
        self.imports: set[str] = set()
        self.local_functions: dict[str, str] = {}
        self.copy_migration_functions = copy_migration_functions
        self._copied: dict[tuple[str, str], str] = {}

    def serialize(self, value: Any) -> Node:
        for kind, method in self._dispatch():
            if isinstance(value, kind):
                return method(value)
        special = self._special(value)
        if special is not None:
            return special
        if hasattr(value, "deconstruct") and not isinstance(value, type):
            return self._deconstructible(value)
        if callable(value):
            return self._callable(value)
        raise ValueError(
            f"Cannot serialize {value!r} ({type(value).__name__}) into a migration file. "
            "Use a literal, a module-level function or class, or give the object a "
            "deconstruct() method returning (import path, args, kwargs)."
        )

    def _dispatch(self) -> Iterable[tuple[type | tuple[type, ...], Callable[[Any], Node]]]:
        return (
            (type(None), lambda v: Atom("None")),
            (bool, lambda v: Atom(repr(v))),
            (enum.Enum, self._enum),
            (int, lambda v: Atom(repr(v))),
            (float, self._float),
            (str, lambda v: Atom(string_literal(v))),
            (bytes, lambda v: Atom(string_literal(v))),
            (decimal.Decimal, self._decimal),
            (datetime.datetime, self._datetime),
            (datetime.date, self._date),
            (datetime.time, self._time),
            (datetime.timedelta, self._timedelta),
            (uuid.UUID, self._uuid),
            (re.Pattern, self._pattern),
            (pathlib.PurePath, self._path_value),
            (functools.partial, self._partial),
            (type, self._type),
            (list, lambda v: Seq("[", "]", [self.serialize(i) for i in v])),
            (tuple, self._tuple),
            ((set, frozenset), self._set),
            (dict, self._dict),
        )

    # -- scalars -------------------------------------------------------------------------

    def _float(self, value: float) -> Node:
        text, _ = _float_literal(value)
        return Atom(text)

    def _decimal(self, value: decimal.Decimal) -> Node:
        self.imports.add("import decimal")
        return Call("decimal.Decimal", [Atom(string_literal(str(value)))])

    def _datetime(self, value: datetime.datetime) -> Node:
        self.imports.add("import datetime")
        args: list[Node] = [Atom(str(part)) for part in _datetime_parts(value)]
        kwargs: list[tuple[str, Node]] = []
        if value.tzinfo is not None:
            if value.utcoffset() != datetime.timedelta(0):
                value = value.astimezone(datetime.UTC)
                args = [Atom(str(part)) for part in _datetime_parts(value)]
            kwargs.append(("tzinfo", Atom("datetime.UTC")))
        return Call("datetime.datetime", args, kwargs)

    def _date(self, value: datetime.date) -> Node:
        self.imports.add("import datetime")
        return Call(
            "datetime.date", [Atom(str(value.year)), Atom(str(value.month)), Atom(str(value.day))]
        )

    def _time(self, value: datetime.time) -> Node:
        self.imports.add("import datetime")
        parts = [value.hour, value.minute, value.second, value.microsecond]
        while len(parts) > 2 and parts[-1] == 0:
            parts.pop()
        return Call("datetime.time", [Atom(str(p)) for p in parts])

    def _timedelta(self, value: datetime.timedelta) -> Node:
        self.imports.add("import datetime")
        kwargs: list[tuple[str, Node]] = [
            (name, Atom(str(amount)))
            for name, amount in (
                ("days", value.days),
                ("seconds", value.seconds),
                ("microseconds", value.microseconds),
            )
            if amount
        ]
        return Call("datetime.timedelta", [], kwargs)

    def _uuid(self, value: uuid.UUID) -> Node:
        self.imports.add("import uuid")
        return Call("uuid.UUID", [Atom(string_literal(str(value)))])

    def _pattern(self, value: re.Pattern[Any]) -> Node:
        self.imports.add("import re")
        args = [self.serialize(value.pattern)]
        flags = value.flags & ~re.UNICODE if isinstance(value.pattern, str) else value.flags
        if flags:
            args.append(Atom(str(int(flags))))
        return Call("re.compile", args)

    def _path_value(self, value: pathlib.PurePath) -> Node:
        self.imports.add("import pathlib")
        kind = "PureWindowsPath" if isinstance(value, pathlib.PureWindowsPath) else "PurePosixPath"
        return Call(f"pathlib.{kind}", [Atom(string_literal(str(value)))])

    def _enum(self, value: enum.Enum) -> Node:
        path = self._importable(type(value))
        return Atom(f"{path}[{string_literal(value.name)}]")

    # -- containers ----------------------------------------------------------------------

    def _tuple(self, value: tuple[Any, ...]) -> Node:
        return Seq("(", ")", [self.serialize(i) for i in value])

    def _set(self, value: set[Any] | frozenset[Any]) -> Node:
        items = sorted(value, key=repr)
        if not items:
            return Atom("set()" if isinstance(value, set) else "frozenset()")
        node = Seq("{", "}", [self.serialize(i) for i in items])
        return node if isinstance(value, set) else Call("frozenset", [node])

    def _dict(self, value: dict[Any, Any]) -> Node:
        return Seq("{", "}", [(self.serialize(k), self.serialize(v)) for k, v in value.items()])

    # -- references to code --------------------------------------------------------------

    def _type(self, value: type) -> Node:
        if value.__module__ == "builtins":
            return Atom(value.__qualname__)
        return Atom(self._importable(value))

    def _callable(self, value: Any) -> Node:
        if isinstance(value, validators._Validator):
            args, kwargs = _validator_arguments(value)
            return self._call(self._importable(type(value)), args, kwargs)
        if isinstance(value, types.FunctionType | types.BuiltinFunctionType):
            return Atom(self._function(value))
        raise ValueError(
            f"Cannot serialize {value!r} ({type(value).__name__}); use a module-level function."
        )

    def _partial(self, value: functools.partial[Any]) -> Node:
        self.imports.add("import functools")
        args = [self.serialize(value.func), *(self.serialize(a) for a in value.args)]
        kwargs = [(k, self.serialize(v)) for k, v in value.keywords.items()]
        return Call("functools.partial", args, kwargs)

    def _function(self, value: Any) -> str:
        module = getattr(value, "__module__", None) or ""
        qualname = getattr(value, "__qualname__", "")
        if value.__name__ == "<lambda>":
            raise ValueError(
                "Cannot serialize a lambda into a migration file; define a module-level "
                "function and use it instead."
            )
        if "<locals>" in qualname:
            raise ValueError(
                f"Cannot serialize the nested function {qualname}; move it to module level."
            )
        last = module.rpartition(".")[2]
        if ".migrations." in f".{module}" and last[:1].isdigit():
            if not self.copy_migration_functions:
                raise ValueError(
                    f"Cannot reference {qualname} in {module}: migration modules cannot be "
                    "imported by name. Move the function into a regular module."
                )
            import inspect
            import textwrap

            key = (module, qualname)
            if key not in self._copied:
                name = qualname
                number = 1
                while name in self.local_functions:
                    number += 1
                    name = f"{qualname}_{number}"
                source = textwrap.dedent(inspect.getsource(value))
                if name != qualname:
                    source = source.replace(f"def {qualname}(", f"def {name}(", 1)
                self.local_functions[name] = source
                self._copied[key] = name
            return self._copied[key]
        if module == "builtins":
            return qualname
        return self._importable(value)

    def _importable(self, value: Any) -> str:
        module, qualname = value.__module__, value.__qualname__
        if "<locals>" in qualname:
            raise ValueError(f"Cannot serialize {qualname}: it is not defined at module level.")
        if module.startswith("heron.db.models") and _exported(module, "heron.db.models", qualname):
            self.imports.add("from heron.db import models")
            return f"models.{qualname}"
        if module.startswith("heron.db.migrations") and _exported(
            module, "heron.db.migrations", qualname
        ):
            self.imports.add("from heron.db import migrations")
            return f"migrations.{qualname}"
        self.imports.add(f"import {module}")
        return f"{module}.{qualname}"

    def _special(self, value: Any) -> Node | None:
        if isinstance(value, OnDelete):
            self.imports.add("from heron.db import models")
            if value.name == "SET":
                return Call("models.SET", [self.serialize(value.value)])
            return Atom(f"models.{value.name}")
        if isinstance(value, Q):
            return self._q(value)
        return None

    def _q(self, value: Any) -> Node:
        self.imports.add("from heron.db import models")
        args: list[Node] = []
        kwargs: list[tuple[str, Node]] = []
        for child in value.children:
            if isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str):
                kwargs.append((child[0], self.serialize(child[1])))
            else:
                args.append(self.serialize(child))
        if value.connector != "AND":
            kwargs.append(("_connector", self.serialize(value.connector)))
        if value.negated:
            kwargs.append(("_negated", Atom("True")))
        return Call("models.Q", args, kwargs)

    def _deconstructible(self, value: Any) -> Node:
        parts = value.deconstruct()
        if len(parts) == 4:  # fields: (name, path, args, kwargs); the target reads first
            _, path, args, kwargs = parts
            first = {k: kwargs[k] for k in ("to", "on_delete") if k in kwargs}
            kwargs = {**first, **kwargs}
        else:
            path, args, kwargs = parts
        return self._call(self._path(path), list(args), dict(kwargs))

    def _call(self, func: str, args: list[Any], kwargs: dict[str, Any]) -> Call:
        return Call(
            func,
            [self.serialize(a) for a in args],
            [(k, self.serialize(v)) for k, v in kwargs.items()],
        )

    def _path(self, path: str) -> str:
        """Turn a dotted import path into a name, adding the import it needs."""
        for package, alias in (
            ("heron.db.models", "models"),
            ("heron.db.migrations", "migrations"),
        ):
            if path.startswith(package + ".") and "." not in path[len(package) + 1 :]:
                self.imports.add(f"from heron.db import {alias}")
                return f"{alias}.{path[len(package) + 1 :]}"
        if "." not in path:  # an operation's bare class name
            self.imports.add("from heron.db import migrations")
            return f"migrations.{path}"
        module = path.rpartition(".")[0]
        self.imports.add(f"import {module}")
        return path


def _exported(module: str, package: str, name: str) -> bool:
    import importlib

    exported = importlib.import_module(package)
    return getattr(exported, name, None) is getattr(importlib.import_module(module), name, None)


def _datetime_parts(value: datetime.datetime) -> list[int]:
    parts = [value.year, value.month, value.day, value.hour, value.minute, value.second]
    parts.append(value.microsecond)
    while len(parts) > 3 and parts[-1] == 0:
        parts.pop()
    return parts


def serialize(value: Any) -> tuple[str, set[str]]:
    """Return ``(source, imports)`` for one value (a convenience for tests and tools)."""
    serializer = Serializer()
    node = serializer.serialize(value)
    return render(node), serializer.imports
