"""``@admin.display`` and ``@admin.action``: attributes the changelist reads from callables.

Both only set attributes on the function, so a models module may use them without a
database, settings or the admin app being ready.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar, overload

__all__ = ["action", "display"]

_F = TypeVar("_F", bound=Callable[..., Any])


@overload  # @admin.display
def display(function: _F) -> _F: ...
@overload  # @admin.display(description=..., boolean=..., ordering=..., empty_value=...)
def display(
    function: None = None,
    *,
    boolean: bool | None = None,
    ordering: str | None = None,
    description: str | None = None,
    empty_value: str | None = None,
) -> Callable[[_F], _F]: ...
def display(
    function: _F | None = None,
    *,
    boolean: bool | None = None,
    ordering: str | None = None,
    description: str | None = None,
    empty_value: str | None = None,
) -> _F | Callable[[_F], _F]:
    """Describe a ``list_display`` callable: its column title, sort field, how it renders.

    ``boolean=True`` shows a yes/no icon, ``ordering`` names the field the column sorts by
    (``"-pub_date"`` or ``"question__text"``), ``empty_value`` replaces ``None``/``""``.
    """

    def decorate(func: _F) -> _F:
        if boolean is not None and empty_value is not None:
            raise ValueError(
                "@admin.display: boolean=True already shows an icon for None; "
                "drop empty_value= or boolean=."
            )
        if boolean is not None:
            func.boolean = boolean  # type: ignore[attr-defined]
        if ordering is not None:
            func.admin_order_field = ordering  # type: ignore[attr-defined]
        if description is not None:
            func.short_description = description  # type: ignore[attr-defined]
        if empty_value is not None:
            func.empty_value_display = empty_value  # type: ignore[attr-defined]
        return func

    return decorate if function is None else decorate(function)


@overload  # @admin.action
def action(function: _F) -> _F: ...
@overload  # @admin.action(permissions=[...], description=...)
def action(
    function: None = None,
    *,
    permissions: Sequence[str] | None = None,
    description: str | None = None,
) -> Callable[[_F], _F]: ...
def action(
    function: _F | None = None,
    *,
    permissions: Sequence[str] | None = None,
    description: str | None = None,
) -> _F | Callable[[_F], _F]:
    """Describe a changelist action ``func(modeladmin, request, queryset)``.

    ``permissions=["change"]`` offers the action only to users for whom every
    ``modeladmin.has_<name>_permission(request)`` is true, and refuses it (403) otherwise.
    """

    def decorate(func: _F) -> _F:
        if permissions is not None:
            func.allowed_permissions = tuple(permissions)  # type: ignore[attr-defined]
        if description is not None:
            func.short_description = description  # type: ignore[attr-defined]
        return func

    return decorate if function is None else decorate(function)
