"""``ModelAdmin``: how one model shows in the admin (lists, forms, permissions, actions).

The attributes are Django's (``list_display``, ``search_fields``, ``fieldsets``, ...); each
has a ``get_*`` method taking the request, to override per user. The pages themselves are
in ``views`` (changelist, add/change, delete, history); this class only answers their
questions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from heron.conf import ImproperlyConfigured
from heron.contrib import messages
from heron.db import models
from heron.forms import ModelForm, modelform_factory
from heron.urls import path, reverse

from . import views
from .changelist import build_column, follow_path

__all__ = ["BaseModelAdmin", "ModelAdmin"]

Fieldsets = Sequence[tuple[str | None, dict[str, Any]]]


class BaseModelAdmin:
    """What a ModelAdmin and an inline share: the form and the permissions."""

    model: Any
    fields: Sequence[Any] | None = None
    exclude: Sequence[str] | None = None
    fieldsets: Fieldsets | None = None
    readonly_fields: Sequence[str] = ()
    form: type[Any] = ModelForm
    ordering: Sequence[str] | None = None

    def __init__(self, model: Any, admin_site: Any) -> None:
        self.model = model
        self.opts = model._meta
        self.admin_site = admin_site

    # -- permissions ------------------------------------------------------------------------

    def _perm(self, request: Any, action: str) -> bool:
        return bool(request.user.has_perm(f"{self.opts.app_label}.{action}_{self.opts.model_name}"))

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        """View (or change, which includes it) permission on the model."""
        return self._perm(request, "view") or self._perm(request, "change")

    def has_add_permission(self, request: Any, *args: Any) -> bool:
        return self._perm(request, "add")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return self._perm(request, "change")

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return self._perm(request, "delete")

    def has_view_or_change_permission(self, request: Any, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj) or self.has_change_permission(request, obj)

    # -- rows and forms ---------------------------------------------------------------------

    def get_queryset(self, request: Any) -> Any:
        """The rows this admin may show and edit; override to scope them per user."""
        qs = self.model.objects.all()
        ordering = self.get_ordering(request)
        return qs.order_by(*ordering) if ordering else qs

    def get_ordering(self, request: Any) -> Sequence[str]:
        return self.ordering or ()

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Sequence[str]:
        return tuple(self.readonly_fields)

    def get_fieldsets(self, request: Any, obj: Any = None) -> Fieldsets:
        if self.fieldsets:
            return self.fieldsets
        return [(None, {"fields": self.get_fields(request, obj)})]

    def get_fields(self, request: Any, obj: Any = None) -> list[Any]:
        if self.fields:
            return list(self.fields)
        form = self._form_class(request, obj, fields=None)
        readonly = [f for f in self.get_readonly_fields(request, obj) if f not in form.base_fields]
        return [*form.base_fields, *readonly]

    def _flat_fields(self, request: Any, obj: Any) -> list[str]:
        names: list[str] = []
        for _, options in self.get_fieldsets(request, obj):
            for entry in options.get("fields", ()):
                names.extend(entry if isinstance(entry, list | tuple) else [entry])
        return names

    def _form_class(self, request: Any, obj: Any, fields: Sequence[str] | None) -> Any:
        readonly = list(self.get_readonly_fields(request, obj))
        exclude = [*(self.exclude or ()), *readonly]
        if fields is None:
            return modelform_factory(self.model, form=self.form, fields="__all__", exclude=exclude)
        editable = [f for f in fields if f not in readonly]
        return modelform_factory(self.model, form=self.form, fields=editable, exclude=exclude)

    def get_form(self, request: Any, obj: Any = None) -> Any:
        """The ModelForm class for the add/change page (read-only fields left out)."""
        fields = self._flat_fields(request, obj) if (self.fields or self.fieldsets) else None
        return self._form_class(request, obj, fields)


class ModelAdmin(BaseModelAdmin):
    """Options for one registered model. Subclass it and pass it to ``site.register``."""

    list_display: Sequence[Any] = ("__str__",)
    list_display_links: Sequence[str] | None = ()
    list_filter: Sequence[Any] = ()
    list_select_related: bool | Sequence[str] = False
    list_per_page: int = 100
    list_count_limit: int = 10_000
    show_full_result_count: bool = False
    search_fields: Sequence[str] = ()
    empty_value_display: str = "—"
    actions: Sequence[Callable[..., Any] | str] | None = ()
    inlines: Sequence[type[Any]] = ()
    save_on_top: bool = False

    change_list_template: str | None = None
    change_form_template: str | None = None
    delete_confirmation_template: str | None = None
    object_history_template: str | None = None

    def __init__(self, model: Any, admin_site: Any) -> None:
        super().__init__(model, admin_site)
        if self.list_per_page < 1 or self.list_count_limit < 1:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__}: list_per_page and list_count_limit must be >= 1."
            )

        self.check()

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.opts.label}>"

    def check(self) -> None:
        """Refuse, at registration, list options that name nothing (a typo would otherwise
        be a 500 on the first list page)."""
        name = type(self).__qualname__
        for entry in self.list_display:
            try:
                build_column(self, entry)
            except AttributeError as exc:
                raise ImproperlyConfigured(str(exc)) from None
        for entry in self.list_filter:
            if isinstance(entry, str):
                try:
                    self.opts.get_field(entry)
                except models.FieldDoesNotExist as exc:
                    raise ImproperlyConfigured(
                        f"{name}.list_filter names {entry!r}: {exc}"
                    ) from None
        for entry in self.search_fields:
            path = entry[1:] if entry[:1] in "^=@" else entry
            try:
                follow_path(self.model, path)
            except models.FieldDoesNotExist as exc:
                raise ImproperlyConfigured(f"{name}.search_fields names {entry!r}: {exc}") from None

    # -- the list ---------------------------------------------------------------------------

    def get_list_display(self, request: Any) -> Sequence[Any]:
        return self.list_display

    def get_list_display_links(self, request: Any) -> Sequence[str] | None:
        return self.list_display_links

    def get_list_filter(self, request: Any) -> Sequence[Any]:
        return self.list_filter

    def get_search_fields(self, request: Any) -> Sequence[str]:
        return self.search_fields

    def get_actions(self, request: Any) -> dict[str, tuple[Callable[..., Any], str, str]]:
        """``{name: (function, name, description)}`` of the actions this user may run."""
        if self.actions is None:
            return {}
        found: dict[str, tuple[Callable[..., Any], str, str]] = {}
        for entry in [*self.admin_site.actions, *self.actions]:
            func, name = self._resolve_action(entry)
            allowed = getattr(func, "allowed_permissions", ())
            if all(getattr(self, f"has_{p}_permission")(request) for p in allowed):
                label = getattr(func, "short_description", None) or name.replace("_", " ")
                found[name] = (
                    func,
                    name,
                    str(label).replace(
                        "%(verbose_name_plural)s", str(self.opts.verbose_name_plural)
                    ),
                )
        return found

    def _resolve_action(self, entry: Any) -> tuple[Callable[..., Any], str]:
        if callable(entry):
            return entry, entry.__name__
        method = getattr(type(self), entry, None)
        if method is not None:
            bound = getattr(self, entry)
            return (lambda admin, request, qs: bound(request, qs)), entry
        func = self.admin_site.get_action(entry)
        if func is None:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__}.actions names {entry!r}: no such method on the "
                "ModelAdmin and no site-wide action of that name."
            )
        return func, entry

    # -- inlines ----------------------------------------------------------------------------

    def get_inline_instances(self, request: Any, obj: Any = None) -> list[Any]:
        instances = []
        for inline_class in self.inlines:
            inline = inline_class(self.model, self.admin_site)
            if inline.has_view_or_change_permission(request, obj) or inline.has_add_permission(
                request, obj
            ):
                instances.append(inline)
        return instances

    # -- saving -----------------------------------------------------------------------------

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        obj.save()

    def save_related(self, request: Any, form: Any, formsets: Sequence[Any], change: bool) -> None:
        if hasattr(form, "save_m2m"):
            form.save_m2m()
        for formset in formsets:
            formset.save()

    def delete_model(self, request: Any, obj: Any) -> None:
        obj.delete()

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        queryset.delete()

    def message_user(self, request: Any, message: str) -> None:
        messages.success(request, message, fail_silently=True)

    # -- URLs -------------------------------------------------------------------------------

    def url_name(self, page: str) -> str:
        return f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{page}"

    def change_url(self, obj: Any) -> str:
        return reverse(self.url_name("change"), args=[obj.pk])

    def get_urls(self) -> list[Any]:
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("", wrap(self._view(views.changelist_view)), name=f"{prefix}_changelist"),
            path("add/", wrap(self._view(views.add_view)), name=f"{prefix}_add"),
            path(
                "<path:object_id>/change/",
                wrap(self._view(views.change_view)),
                name=f"{prefix}_change",
            ),
            path(
                "<path:object_id>/delete/",
                wrap(self._view(views.delete_view)),
                name=f"{prefix}_delete",
            ),
            path(
                "<path:object_id>/history/",
                wrap(self._view(views.history_view)),
                name=f"{prefix}_history",
            ),
        ]

    def _view(self, func: Callable[..., Any]) -> Callable[..., Any]:
        def view(request: Any, **kwargs: Any) -> Any:
            return func(self, request, **kwargs)

        view.__name__ = func.__name__
        view.__qualname__ = f"{type(self).__qualname__}.{func.__name__}"
        return view

    @property
    def urls(self) -> list[Any]:
        return self.get_urls()

    def get_object(self, request: Any, object_id: str) -> Any:
        """The object ``object_id`` names within ``get_queryset``, or None (also for a
        malformed id)."""
        try:
            return self.get_queryset(request).get(pk=object_id)
        except (
            self.model.DoesNotExist,
            models.ValidationError,
            ValueError,
            TypeError,
            OverflowError,
        ):
            return None
