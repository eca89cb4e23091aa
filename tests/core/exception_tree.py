"""Draw the tree of every exception class Heron defines (run in a fresh interpreter).

``python -m tests.core.exception_tree`` prints it; ``test_exceptions.py`` compares it with
the drawing in ``heron/core/exceptions.py`` and lists the classes outside ``HeronError``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path

import heron


def heron_modules() -> list[str]:
    """Every importable heron module except the CLI's project templates and ``__main__``."""
    names = []
    for info in pkgutil.walk_packages(heron.__path__, "heron."):
        if ".cli.templates" in info.name or info.name.endswith("__main__"):
            continue
        names.append(info.name)
    return names


def exception_classes() -> set[type[BaseException]]:
    """Import every heron module (with every contrib app installed) and collect its errors."""
    contrib = Path(heron.__file__).parent / "contrib"
    installed = sorted(
        f"heron.contrib.{p.name}" for p in contrib.iterdir() if (p / "apps.py").exists()
    )
    heron.setup(SECRET_KEY="exception-tree", INSTALLED_APPS=installed)
    found: set[type[BaseException]] = set()
    for name in heron_modules():
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and obj.__module__.startswith("heron.")
            ):
                found.add(obj)
    return found


def _room(cls: type) -> str:
    return cls.__module__.removeprefix("heron.")


def draw(classes: set[type[BaseException]]) -> list[str]:
    """The tree under ``HeronError``: one line per class, with its module and extra bases."""
    from heron.core.exceptions import HeronError

    children: dict[type, list[type]] = {}
    for cls in classes:
        if cls is HeronError or not issubclass(cls, HeronError):
            continue
        parent = next(b for b in cls.__bases__ if issubclass(b, HeronError))
        children.setdefault(parent, []).append(cls)
    lines = ["HeronError" + " " * 36 + _room(HeronError)]

    def walk(parent: type, prefix: str) -> None:
        kids = sorted(children.get(parent, []), key=lambda c: (c.__name__, c.__module__))
        for i, cls in enumerate(kids):
            last = i == len(kids) - 1
            extra = [b.__name__ for b in cls.__bases__ if not issubclass(b, HeronError)]
            label = cls.__name__ + (f" (+{', '.join(extra)})" if extra else "")
            head = f"{prefix}{'└── ' if last else '├── '}{label}"
            lines.append(f"{head:<46}{_room(cls)}")
            walk(cls, prefix + ("    " if last else "│   "))

    walk(HeronError, " ")
    return [line.rstrip() for line in lines]


def outside(classes: set[type[BaseException]]) -> list[str]:
    """Classes that are not ``HeronError`` subclasses, as ``module.Name``."""
    from heron.core.exceptions import HeronError

    return sorted(
        f"{c.__module__}.{c.__qualname__}" for c in classes if not issubclass(c, HeronError)
    )


if __name__ == "__main__":
    found = exception_classes()
    print("\n".join(draw(found)))
    strays = outside(found)
    if strays:
        print("OUTSIDE:", *strays, sep="\n  ")
        sys.exit(1)
