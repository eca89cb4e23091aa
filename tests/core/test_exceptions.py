"""One exception tree: every error Heron defines is a HeronError, drawn in heron.core.exceptions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import heron.core.exceptions
from heron.core import HeronError, ImproperlyConfigured, ValidationError

ROOT = Path(__file__).resolve().parents[2]


def drawn_tree() -> list[str]:
    """The tree in the module docstring: the indented block after the ``::`` line."""
    doc = heron.core.exceptions.__doc__ or ""
    block = doc.split("::\n\n", 1)[1].split("\n\n", 1)[0]
    return [line.removeprefix("    ") for line in block.splitlines()]


def test_every_exception_is_a_heron_error_and_the_drawing_is_true() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.core.exception_tree"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        "Every exception class Heron defines must subclass heron.core.exceptions.HeronError "
        "(add the built-in base second, e.g. class X(HeronError, ValueError)):\n"
        + result.stdout
        + result.stderr
    )
    actual = result.stdout.rstrip("\n").splitlines()
    assert actual == drawn_tree(), (
        "The tree drawn in heron/core/exceptions.py is out of date; replace it with the "
        "output of `python -m tests.core.exception_tree`:\n" + result.stdout
    )


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("heron.conf", "ImproperlyConfigured"),
        ("heron.conf.exceptions", "ImproperlyConfigured"),
        ("heron.db.models", "ValidationError"),
        ("heron.db.models.exceptions", "ValidationError"),
        ("heron.forms", "ValidationError"),
        ("heron.forms.exceptions", "ValidationError"),
    ],
)
def test_old_import_paths_name_the_same_class(path: str, name: str) -> None:
    module = __import__(path, fromlist=[name])
    assert getattr(module, name) is getattr(heron.core.exceptions, name)


def test_builtin_second_bases_still_catch() -> None:
    from heron.db import ConnectionDoesNotExist
    from heron.http.exceptions import BadHeaderError

    with pytest.raises(LookupError):
        raise ConnectionDoesNotExist("nope")
    with pytest.raises(ValueError):
        raise BadHeaderError("bad")
    assert issubclass(ImproperlyConfigured, HeronError)
    assert issubclass(ValidationError, HeronError)
