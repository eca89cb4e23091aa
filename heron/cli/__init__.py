"""The ``heron`` command line; see ``heron.cli.main``."""

from .main import cli as cli
from .main import main as main

__all__ = ["cli", "main"]
