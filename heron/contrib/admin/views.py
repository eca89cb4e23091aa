"""The admin's model pages: changelist (with actions), add/change, delete, history.

Each view takes the ``ModelAdmin`` first; ``ModelAdmin.get_urls`` binds it. Permissions are
checked here on every request (403 for a signed-in staff user without them; the site's
``admin_view`` wrapper has already sent everybody else to the sign-in page).
"""

from __future__ import annotations

from typing import Any

from heron.db import models, transaction
from heron.forms import all_valid
from heron.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    PermissionDenied,
)
from heron.templates import render
from heron.urls import reverse

from .changelist import ChangeList, lookup_value
from .deletion import plan_deletion
from .history import change_message, log_action, log_deletions
from .models import ADDITION, CHANGE, LogEntry

__all__ = ["add_view", "change_view", "changelist_view", "delete_view", "history_view"]

ACTION_CHECKBOX = "_selected_action"


def _context(admin: Any, request: Any, **extra: Any) -> dict[str, Any]:
    return {
        **admin.admin_site.each_context(request),
        "opts": admin.opts,
        "model_admin": admin,
        "changelist_url": reverse(admin.url_name("changelist")),
        "has_view_permission": admin.has_view_or_change_permission(request),
        "has_add_permission": admin.has_add_permission(request),
        **extra,
    }


def _back_url(admin: Any, request: Any) -> str:
    if admin.has_view_or_change_permission(request):
        return str(reverse(admin.url_name("changelist")))
    return str(reverse(f"{admin.admin_site.name}:index"))


# -- changelist -------------------------------------------------------------------------------


def changelist_view(admin: Any, request: Any) -> Any:
    if not admin.has_view_or_change_permission(request):
        raise PermissionDenied
    actions = admin.get_actions(request)
    if request.method == "POST" and "action" in request.POST:
        return _run_action(admin, request, actions)
    changelist = ChangeList(request, admin)
    context = _context(
        admin,
        request,
        title=f"Select {admin.opts.verbose_name} to change"
        if admin.has_change_permission(request)
        else f"Select {admin.opts.verbose_name} to view",
        cl=changelist,
        actions=list(actions.values()),
        action_checkbox_name=ACTION_CHECKBOX,
    )
    return render(request, admin.change_list_template or "admin/change_list.html", context)


def _run_action(admin: Any, request: Any, actions: dict[str, Any]) -> Any:
    name = str(request.POST.get("action", ""))
    if name not in actions:
        if name in {
            admin._resolve_action(e)[1] for e in [*admin.admin_site.actions, *(admin.actions or ())]
        }:
            raise PermissionDenied
        return HttpResponseBadRequest(f"Unknown action {name[:100]!r}.")
    func = actions[name][0]
    selected = request.POST.getlist(ACTION_CHECKBOX)
    if not selected:
        admin.message_user(request, "Select the items to act on; nothing was changed.")
        return HttpResponseRedirect(request.get_full_path())
    try:
        pks = [admin.opts.pk.to_python(value) for value in selected]
    except (models.ValidationError, ValueError, TypeError):
        return HttpResponseBadRequest("The selected items' ids are malformed.")
    queryset = admin.get_queryset(request).filter(pk__in=pks)
    response = func(admin, request, queryset)
    return response or HttpResponseRedirect(request.get_full_path())


# -- add and change ---------------------------------------------------------------------------


def add_view(admin: Any, request: Any) -> Any:
    if not admin.has_add_permission(request):
        raise PermissionDenied
    return _changeform(admin, request, None)


def change_view(admin: Any, request: Any, object_id: str) -> Any:
    obj = admin.get_object(request, object_id)
    if obj is None:
        raise Http404(f"No {admin.opts.verbose_name} with id {object_id[:50]!r}.")
    if not admin.has_view_or_change_permission(request, obj):
        raise PermissionDenied
    if request.method == "POST" and not admin.has_change_permission(request, obj):
        raise PermissionDenied
    return _changeform(admin, request, obj)


def _changeform(admin: Any, request: Any, obj: Any) -> Any:
    add = obj is None
    editable = add or admin.has_change_permission(request, obj)
    form_class = admin.get_form(request, obj)
    if not editable:
        form_class = admin._form_class(request, obj, fields=[])
    inlines = admin.get_inline_instances(request, obj) if editable else []
    instance = admin.model() if add else obj
    prefixes: dict[str, int] = {}
    formsets: list[tuple[Any, Any]] = []
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, instance=instance)
        valid = form.is_valid()
        new_obj = form.instance
        for inline in inlines:
            formset_class = inline.get_formset(request, obj)
            prefix = _prefix(formset_class, prefixes)
            formset = formset_class(
                request.POST,
                request.FILES,
                instance=new_obj,
                prefix=prefix,
                queryset=inline.get_queryset(request),
            )
            formsets.append((inline, formset))
        if all_valid([fs for _, fs in formsets]) and valid:
            with transaction.atomic():
                admin.save_model(request, new_obj, form, not add)
                admin.save_related(request, form, [fs for _, fs in formsets], not add)
                message = change_message(form, [fs for _, fs in formsets], add)
                log_action(request, new_obj, ADDITION if add else CHANGE, message)
            return _after_save(admin, request, new_obj, add)
    else:
        form = form_class(instance=instance)
        for inline in inlines:
            formset_class = inline.get_formset(request, obj)
            prefix = _prefix(formset_class, prefixes)
            formset = formset_class(
                instance=instance, prefix=prefix, queryset=inline.get_queryset(request)
            )
            formsets.append((inline, formset))
    readonly = set(admin.get_readonly_fields(request, obj))
    fieldsets = _fieldsets(admin, request, obj, form, readonly, editable)
    errors = form.errors or any(fs.total_error_count() for _, fs in formsets)
    verb = "Add" if add else ("Change" if editable else "View")
    context = _context(
        admin,
        request,
        title=f"{verb} {admin.opts.verbose_name}",
        subtitle="" if add else str(obj),
        object=obj,
        add=add,
        editable=editable,
        form=form,
        fieldsets=fieldsets,
        inline_formsets=[_inline_context(inline, fs) for inline, fs in formsets],
        has_errors=bool(errors),
        has_delete_permission=not add and admin.has_delete_permission(request, obj),
        history_url="" if add else reverse(admin.url_name("history"), args=[obj.pk]),
        delete_url="" if add else reverse(admin.url_name("delete"), args=[obj.pk]),
    )
    return render(
        request,
        admin.change_form_template or "admin/change_form.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _prefix(formset_class: Any, seen: dict[str, int]) -> str:
    base = formset_class.get_default_prefix()
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def _after_save(admin: Any, request: Any, obj: Any, add: bool) -> Any:
    name = admin.opts.verbose_name
    if "_continue" in request.POST:
        admin.message_user(
            request,
            f"The {name} “{obj}” was {'added' if add else 'changed'}. You may edit it again below.",
        )
        return HttpResponseRedirect(admin.change_url(obj))
    if "_addanother" in request.POST:
        admin.message_user(
            request,
            f"The {name} “{obj}” was {'added' if add else 'changed'}. "
            f"You may add another {name} below.",
        )
        return HttpResponseRedirect(reverse(admin.url_name("add")))
    admin.message_user(request, f"The {name} “{obj}” was {'added' if add else 'changed'}.")
    return HttpResponseRedirect(_back_url(admin, request))


def readonly_value(admin: Any, obj: Any, name: str) -> Any:
    """What a read-only field shows: a model field's value (choices by label), or what an
    admin method or model attribute returns."""
    if obj is None:
        return admin.empty_value_display
    method = getattr(type(admin), name, None)
    if callable(method):
        value = getattr(admin, name)(obj)
    else:
        try:
            field = admin.opts.get_field(name)
        except models.FieldDoesNotExist:
            field = None
        if field is not None and getattr(field, "flatchoices", None):
            value = dict(field.flatchoices).get(getattr(obj, field.attname))
        else:
            value = lookup_value(obj, name)
            value = value() if callable(value) else value
    return admin.empty_value_display if value is None or value == "" else value


def _label_for(admin: Any, form: Any, name: str) -> str:
    if name in form.fields:
        return str(form.fields[name].label or name)
    method = getattr(type(admin), name, None)
    if method is not None and getattr(method, "short_description", None):
        return str(method.short_description)
    try:
        return str(admin.opts.get_field(name).verbose_name or name).capitalize()
    except models.FieldDoesNotExist:
        return name.replace("_", " ").capitalize()


def _fieldsets(
    admin: Any, request: Any, obj: Any, form: Any, readonly: set[str], editable: bool
) -> list[dict[str, Any]]:
    result = []
    for name, options in admin.get_fieldsets(request, obj):
        rows = []
        for entry in options.get("fields", ()):
            row = []
            for field_name in entry if isinstance(entry, list | tuple) else [entry]:
                if editable and field_name in form.fields and field_name not in readonly:
                    row.append({"bound": form[field_name]})
                else:
                    row.append(
                        {
                            "label": _label_for(admin, form, field_name),
                            "value": readonly_value(admin, obj, field_name),
                        }
                    )
            rows.append(row)
        classes = " ".join(options.get("classes", ()))
        result.append(
            {
                "name": name,
                "classes": classes,
                "rows": rows,
                "description": options.get("description", ""),
                "collapsed": "collapse" in classes,
            }
        )
    return result


def _inline_context(inline: Any, formset: Any) -> dict[str, Any]:
    return {"inline": inline, "formset": formset, "template": inline.template}


# -- delete and history -----------------------------------------------------------------------


def delete_view(admin: Any, request: Any, object_id: str) -> Any:
    obj = admin.get_object(request, object_id)
    if obj is None:
        raise Http404(f"No {admin.opts.verbose_name} with id {object_id[:50]!r}.")
    if not admin.has_delete_permission(request, obj):
        raise PermissionDenied
    plan = plan_deletion([obj])
    if request.method == "POST" and not plan.blocked:
        shown, pk = str(obj), str(obj.pk)
        try:
            with transaction.atomic():
                log_deletions(request, [(obj, pk)])
                admin.delete_model(request, obj)
        except (models.ProtectedError, models.RestrictedError) as exc:
            plan.protected.extend(str(o) for o in getattr(exc, "protected_objects", ()) or ())
            plan.protected = plan.protected or [str(exc)]
        else:
            admin.message_user(request, f"The {admin.opts.verbose_name} “{shown}” was deleted.")
            return HttpResponseRedirect(_back_url(admin, request))
    context = _context(
        admin,
        request,
        title="Cannot delete" if plan.blocked else "Are you sure?",
        object=obj,
        plan=plan,
        change_url=admin.change_url(obj),
    )
    status = 409 if request.method == "POST" else 200
    return render(
        request,
        admin.delete_confirmation_template or "admin/delete_confirmation.html",
        context,
        status=status,
    )


def history_view(admin: Any, request: Any, object_id: str) -> Any:
    obj = admin.get_object(request, object_id)
    if obj is None:
        raise Http404(f"No {admin.opts.verbose_name} with id {object_id[:50]!r}.")
    if not admin.has_view_or_change_permission(request, obj):
        raise PermissionDenied
    entries = LogEntry.objects.filter(
        app_label=admin.opts.app_label, model_name=admin.opts.model_name, object_id=str(obj.pk)
    ).order_by("action_time", "id")[:1000]
    context = _context(
        admin,
        request,
        title=f"Change history: {obj}",
        object=obj,
        entries=list(entries),
        change_url=admin.change_url(obj),
    )
    return render(request, admin.object_history_template or "admin/object_history.html", context)
