"""Create each model's ``add``/``change``/``delete``/``view`` permissions after ``migrate``.

Connected to ``heron.db.models.signals.post_migrate`` by the auth app. ``Meta.permissions``
adds more (``[("close_question", "Can close a question"), ...]``) and
``Meta.default_permissions`` changes the four defaults (``()`` for none). Permissions are
only added, never removed (a model deleted later keeps its rows until you delete them).
"""

from __future__ import annotations

from typing import Any

from heron.db.models.registry import get_models
from heron.db.routers import router

from .models import Permission

__all__ = [
    "DEFAULT_ACTIONS",
    "builtin_permissions",
    "create_permissions",
    "get_permission_codename",
]

DEFAULT_ACTIONS = ("add", "change", "delete", "view")


def get_permission_codename(action: str, model: Any) -> str:
    """``get_permission_codename("change", Question)`` -> ``"change_question"``."""
    return f"{action}_{model._meta.model_name}"


def builtin_permissions(model: Any) -> list[tuple[str, str]]:
    """``(codename, name)`` for each permission ``model`` should have."""
    opts = model._meta
    found = [
        (get_permission_codename(action, model), f"Can {action} {opts.verbose_name}")
        for action in opts.default_permissions
    ]
    found.extend((str(code), str(name)) for code, name in opts.permissions)
    return found


def _wanted_models() -> list[Any]:
    return [model for model in get_models() if not model._meta.abstract and not model._meta.swapped]


def create_permissions(sender: Any = None, *, using: str = "default", **kwargs: Any) -> int:
    """Add the missing permissions on database ``using``; return how many were added."""
    applied = kwargs.get("applied")
    if applied is not None and not any(key[0] == "auth" for key in applied):
        return 0  # the auth tables are not there (yet) on this database
    if not router.allow_migrate_model(using, Permission):
        return 0
    existing = set(Permission.objects.using(using).values_list("app_label", "model", "codename"))
    missing = []
    for model in _wanted_models():
        opts = model._meta
        for codename, name in builtin_permissions(model):
            key = (opts.app_label, opts.model_name, codename)
            if key not in existing:
                existing.add(key)
                missing.append(
                    Permission(
                        app_label=opts.app_label,
                        model=opts.model_name,
                        codename=codename,
                        name=name[:255],
                    )
                )
    if missing:
        Permission.objects.using(using).bulk_create(missing)
    return len(missing)
