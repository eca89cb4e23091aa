"""System checks: catch configuration mistakes at start-up, each with a stable ID.

messages.py   CheckMessage and its levels (Debug, Info, Warning, Error, Critical)
registry.py   register(), run_checks(), Tags
builtin/      the checks Heron ships (urls, settings, security); see docs/checks.md
"""

from .messages import CRITICAL as CRITICAL
from .messages import DEBUG as DEBUG
from .messages import ERROR as ERROR
from .messages import INFO as INFO
from .messages import WARNING as WARNING
from .messages import CheckMessage as CheckMessage
from .messages import Critical as Critical
from .messages import Debug as Debug
from .messages import Error as Error
from .messages import Info as Info
from .messages import Warning as Warning
from .registry import CheckRegistry as CheckRegistry
from .registry import Tags as Tags
from .registry import register as register
from .registry import registry as registry
from .registry import run_checks as run_checks

__all__ = [
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
    "CheckMessage",
    "CheckRegistry",
    "Critical",
    "Debug",
    "Error",
    "Info",
    "Tags",
    "Warning",
    "register",
    "registry",
    "run_checks",
]
