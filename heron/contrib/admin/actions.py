"""Site-wide changelist actions: ``delete_selected`` (with a confirmation page)."""

from __future__ import annotations

from typing import Any

from heron.http import HttpResponseRedirect
from heron.templates import render

from .decorators import action
from .deletion import plan_deletion
from .history import log_deletions

__all__ = ["delete_selected"]


@action(permissions=["delete"], description="Delete selected %(verbose_name_plural)s")
def delete_selected(modeladmin: Any, request: Any, queryset: Any) -> Any:
    """Show what would be removed; delete once the page is confirmed (``post=yes``).

    A PROTECT/RESTRICT foreign key pointing at any selected row refuses the whole delete.
    """
    objs = list(queryset)
    plan = plan_deletion(objs)
    if request.POST.get("post") == "yes" and not plan.blocked and objs:
        log_deletions(request, [(obj, str(obj.pk)) for obj in objs])
        modeladmin.delete_queryset(request, queryset)
        n = len(objs)
        noun = modeladmin.opts.verbose_name if n == 1 else modeladmin.opts.verbose_name_plural
        modeladmin.message_user(request, f"Deleted {n} {noun}.")
        return HttpResponseRedirect(request.get_full_path())
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Are you sure?" if not plan.blocked else "Cannot delete",
        "opts": modeladmin.opts,
        "objects": objs,
        "plan": plan,
        "action_name": "delete_selected",
        "changelist_url": request.get_full_path(),
    }
    return render(request, "admin/delete_selected_confirmation.html", context)
