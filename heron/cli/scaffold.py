"""Create projects and apps from the templates in ``heron/cli/templates/``.

A template tree is copied file by file: ``*.tmpl`` files are filled in with
``string.Template`` (``$name``; ``$$`` for a literal dollar), path parts named
``project_name``/``app_name`` are renamed, and ``dot-<name>`` becomes ``.<name>``.
"""

from __future__ import annotations

import importlib.machinery
import keyword
import string
import sys
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from heron.core.exceptions import HeronError

__all__ = ["InvalidName", "check_target_directory", "render_tree", "validate_name"]


class InvalidName(HeronError, ValueError):
    """A project or app name that cannot be used; the message says why."""


def _shadowed_module(name: str, ignore: list[Path]) -> bool:
    if name in sys.stdlib_module_names or name in sys.builtin_module_names:
        return True
    ignored = {str(p.resolve()) for p in ignore} | {"", "."}
    search = [p for p in sys.path if p not in ignored and str(Path(p).resolve()) not in ignored]
    spec = importlib.machinery.PathFinder.find_spec(name, search)
    # A bare directory on sys.path (a namespace package) is not a real module.
    return spec is not None and spec.origin is not None


def validate_name(name: str, kind: str, *, ignore: list[Path] | None = None) -> None:
    """Raise ``InvalidName`` if ``name`` cannot be a Python package for a new ``kind``.

    ``ignore`` lists directories (the current one, the project) whose contents do not count
    as importable modules, so a folder that happens to exist there does not block the name.
    """
    a_kind = f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
    if not name.isidentifier():
        suggestion = "".join(c if c.isalnum() or c == "_" else "_" for c in name)
        if suggestion and suggestion[0].isdigit():
            suggestion = f"{kind}_{suggestion}"
        raise InvalidName(
            f"{name!r} is not a valid {kind} name: use a Python identifier (letters, digits "
            f"and underscores, not starting with a digit), e.g. {suggestion or 'my' + kind!r}."
        )
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        raise InvalidName(f"{name!r} is a Python keyword and cannot be {a_kind} name.")
    if name == "heron" or _shadowed_module(name, ignore or [Path.cwd()]):
        raise InvalidName(
            f"{name!r} cannot be {a_kind} name: it would shadow the importable module "
            f"{name!r}. Choose another name."
        )


def check_target_directory(target: Path) -> None:
    """Raise ``FileExistsError`` if ``target`` exists and is not an empty directory."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} already exists and is not empty.")


def _rename(part: str, context: Mapping[str, str]) -> str:
    if part.endswith(".tmpl"):
        part = part[: -len(".tmpl")]
    if part.startswith("dot-"):
        part = "." + part[len("dot-") :]
    return context.get(part, part) if part in ("project_name", "app_name") else part


def render_tree(template: str, target: Path, context: Mapping[str, str]) -> list[Path]:
    """Copy the template folder ``template`` into ``target``; return the files written."""
    root = resources.files("heron.cli").joinpath("templates", template)
    written: list[Path] = []
    _copy(root, target, context, written)
    return written


def _copy(source: Traversable, target: Path, context: Mapping[str, str], out: list[Path]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        destination = target / _rename(entry.name, context)
        if entry.is_dir():
            _copy(entry, destination, context, out)
            continue
        text = entry.read_text(encoding="utf-8")
        if entry.name.endswith(".tmpl"):
            text = string.Template(text).substitute(context)
        destination.write_text(text, encoding="utf-8")
        out.append(destination)
