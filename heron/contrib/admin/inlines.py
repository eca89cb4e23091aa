"""Inlines: rows of a related model edited on the parent's page (``TabularInline``,
``StackedInline``), built on ``heron.forms.inlineformset_factory``."""

from __future__ import annotations

from typing import Any

from heron.forms import fields_for_model, inlineformset_factory

from .options import BaseModelAdmin

__all__ = ["InlineModelAdmin", "StackedInline", "TabularInline"]


class InlineModelAdmin(BaseModelAdmin):
    """``model`` rows pointing at the parent through ``fk_name`` (or its only foreign key).

    ``extra`` blank rows, at least ``min_num`` and at most ``max_num`` rows, ``can_delete``
    adds a delete box per row. Permissions are the inline model's own: without ``add`` no
    blank rows, without ``delete`` no delete boxes, with only ``view`` the rows are shown
    read-only.
    """

    fk_name: str | None = None
    extra: int = 3
    min_num: int | None = None
    max_num: int | None = None
    can_delete: bool = True
    verbose_name: str | None = None
    verbose_name_plural: str | None = None
    template: str = "admin/edit_inline/tabular.html"

    def __init__(self, parent_model: Any, admin_site: Any) -> None:
        self.parent_model = parent_model
        super().__init__(self.model, admin_site)
        self.verbose_name = self.verbose_name or str(self.opts.verbose_name)
        self.verbose_name_plural = self.verbose_name_plural or str(self.opts.verbose_name_plural)

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return self._perm(request, "add")

    def get_formset(self, request: Any, obj: Any = None) -> Any:
        """The inline formset class for this user (rows, deletion and fields by permission)."""
        can_add = self.has_add_permission(request, obj)
        can_change = self.has_change_permission(request, obj)
        readonly = list(self.get_readonly_fields(request, obj))
        fields: Any = (
            self._flat_fields(request, obj) if (self.fields or self.fieldsets) else "__all__"
        )
        if not can_change and not can_add:
            readonly = [name for name in self.get_fields(request, obj)]
        exclude = [*(self.exclude or ()), *readonly]
        if fields == "__all__":
            # Named, not "__all__": with "__all__" the formset's hidden primary-key choice
            # field would be copied onto the row's AutoField.
            fields = list(fields_for_model(self.model, exclude=exclude))
        fields = [f for f in fields if f not in readonly]
        extra = self.extra if can_add else 0
        max_num = self.max_num
        formset = inlineformset_factory(
            self.parent_model,
            self.model,
            form=self.form,
            fk_name=self.fk_name,
            fields=fields,
            exclude=exclude,
            extra=extra,
            min_num=self.min_num if can_add else None,
            max_num=max_num,
            validate_min=self.min_num is not None and can_add,
            validate_max=max_num is not None,
            can_delete=self.can_delete and self.has_delete_permission(request, obj),
        )
        return formset


class TabularInline(InlineModelAdmin):
    """One table row per related object."""

    template = "admin/edit_inline/tabular.html"


class StackedInline(InlineModelAdmin):
    """One fieldset per related object."""

    template = "admin/edit_inline/stacked.html"
