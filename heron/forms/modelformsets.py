"""Formsets of model forms: ``modelformset_factory`` and ``inlineformset_factory``.

A model formset edits the rows of ``queryset`` (one pre-filled form each) plus ``extra``
blank forms for new rows. Each pre-filled form carries the row's primary key in a hidden
field that only accepts keys from the queryset, so a forged key is a form error, never an
edit of some other row. An inline formset edits the rows pointing at one parent instance
through a foreign key (``question.choices``) and sets that key on new rows itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from heron.db.models.fields.related import ForeignKey
from heron.db.models.query import QuerySet

from .exceptions import ValidationError
from .fields.base import Field
from .forms import BaseForm
from .formsets import BaseFormSet, formset_factory
from .modelfields import ModelChoiceField
from .models import BaseModelForm, ModelForm, modelform_factory
from .unique import unique_checks
from .widgets.base import HiddenInput

__all__ = [
    "BaseInlineFormSet",
    "BaseModelFormSet",
    "inlineformset_factory",
    "modelformset_factory",
]


class BaseModelFormSet(BaseFormSet):
    """A formset of ``ModelForm``s over ``queryset``; ``save()`` writes the changes."""

    model: ClassVar[type[Any]]
    form: ClassVar[type[BaseModelForm]]
    edit_only: ClassVar[bool] = False

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        auto_id: str | bool = "id_%s",
        prefix: str | None = None,
        queryset: Any = None,
        *,
        initial: Sequence[Mapping[str, Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        self.queryset = queryset
        self.initial_extra = list(initial) if initial is not None else None
        super().__init__(data, files, auto_id, prefix, **kwargs)
        self._rows: list[Any] | None = None
        self._by_pk: dict[str, Any] | None = None

    @classmethod
    def get_default_prefix(cls) -> str:
        opts = cls.model._meta
        return f"{opts.app_label}-{opts.model_name}"

    def get_queryset(self) -> list[Any]:
        """The rows the pre-filled forms edit (queried once)."""
        if self._rows is None:
            qs = self.queryset if self.queryset is not None else QuerySet(self.model)
            if not qs.query.ordering and not self.model._meta.ordering:
                qs = qs.order_by("pk")
            self._rows = list(qs)
        return self._rows

    def _pk_name(self) -> str:
        return str(self.model._meta.pk.name)

    def initial_form_count(self) -> int:
        if not self.is_bound:
            return len(self.get_queryset())
        return super().initial_form_count()

    def _existing_object(self, pk: Any) -> Any:
        if self._by_pk is None:
            self._by_pk = {str(obj.pk): obj for obj in self.get_queryset()}
        return self._by_pk.get(str(pk))

    def _construct_form(self, index: int, **kwargs: Any) -> BaseForm:
        pk_required = index < self.initial_form_count()
        if pk_required:
            if self.is_bound:
                pk_key = f"{self.add_prefix(index)}-{self._pk_name()}"
                instance = self._existing_object(self.data.get(pk_key))
                if instance is not None:
                    kwargs["instance"] = instance
            else:
                kwargs["instance"] = self.get_queryset()[index]
        elif self.initial_extra:
            extra_index = index - self.initial_form_count()
            if extra_index < len(self.initial_extra):
                kwargs["initial"] = self.initial_extra[extra_index]
        form = super()._construct_form(index, **kwargs)
        if pk_required:
            form.fields[self._pk_name()].required = True
        return form

    def add_fields(self, form: BaseForm, index: int | None) -> None:
        """Add the hidden primary-key field (restricted to the queryset), then ORDER/DELETE."""
        pk_name = self._pk_name()
        if index is not None and index < self.initial_form_count():
            qs: Any = self.queryset if self.queryset is not None else QuerySet(self.model)
        else:
            qs = QuerySet(self.model).none()
        form.fields[pk_name] = ModelChoiceField(qs, required=False, widget=HiddenInput)
        instance = getattr(form, "instance", None)
        if instance is not None and instance.pk is not None:
            form.initial.setdefault(pk_name, instance.pk)
        super().add_fields(form, index)

    def save_new(self, form: BaseModelForm, commit: bool = True) -> Any:
        return form.save(commit=commit)

    def save_existing(self, form: BaseModelForm, instance: Any, commit: bool = True) -> Any:
        return form.save(commit=commit)

    def delete_existing(self, obj: Any, commit: bool = True) -> None:
        if commit:
            obj.delete()

    def save(self, commit: bool = True) -> list[Any]:
        """Save changed and new rows, delete the ones marked; return the saved instances.

        With ``commit=False`` nothing is written: call ``save_m2m()`` after saving the
        returned instances, and delete ``deleted_objects`` yourself.
        """
        if not commit:
            self.saved_forms: list[BaseModelForm] = []

            def save_m2m() -> None:
                for form in self.saved_forms:
                    form.save_m2m()

            self.save_m2m = save_m2m
        return self.save_existing_objects(commit) + self.save_new_objects(commit)

    def save_existing_objects(self, commit: bool = True) -> list[Any]:
        self.changed_objects: list[tuple[Any, list[str]]] = []
        self.deleted_objects: list[Any] = []
        saved: list[Any] = []
        for form in self.initial_forms:
            assert isinstance(form, BaseModelForm)
            obj = form.instance
            if obj.pk is None:
                continue
            if form in self.deleted_forms:
                self.deleted_objects.append(obj)
                self.delete_existing(obj, commit=commit)
            elif form.has_changed():
                self.changed_objects.append((obj, form.changed_data))
                saved.append(self.save_existing(form, obj, commit=commit))
                if not commit:
                    self.saved_forms.append(form)
        return saved

    def save_new_objects(self, commit: bool = True) -> list[Any]:
        self.new_objects: list[Any] = []
        if self.edit_only:
            return []
        for form in self.extra_forms:
            assert isinstance(form, BaseModelForm)
            if not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            self.new_objects.append(self.save_new(form, commit=commit))
            if not commit:
                self.saved_forms.append(form)
        return self.new_objects

    def clean(self) -> None:
        self.validate_unique()

    def validate_unique(self) -> None:
        """Refuse two forms of this formset that would write the same unique values."""
        forms = [
            form
            for form in self.forms
            if form.is_valid() and not (self.can_delete and self._should_delete_form(form))
        ]
        errors: list[ValidationError] = []
        for check in unique_checks(self.model):
            seen: set[tuple[Any, ...]] = set()
            for form in forms:
                if not all(
                    name in form.cleaned_data or name == getattr(form, "_inline_fk_name", None)
                    for name in check
                ):
                    continue
                instance = getattr(form, "instance", None)
                values = tuple(
                    _key(form.cleaned_data.get(name, getattr(instance, name, None)))
                    for name in check
                )
                if any(value is None or value == "" for value in values):
                    continue
                if values in seen:
                    fields = [n for n in check if n != getattr(form, "_inline_fk_name", None)]
                    if len(fields) == 1:
                        message = "Please correct the duplicate data for %(field)s."
                        params: dict[str, Any] = {"field": fields[0]}
                    else:
                        message = (
                            "Please correct the duplicate data for %(field)s, which must be unique."
                        )
                        params = {"field": " and ".join(fields)}
                    errors.append(ValidationError(message, code="unique", params=params))
                    form.add_error(
                        None, ValidationError("Please correct the duplicate values below.")
                    )
                    break
                seen.add(values)
        if errors:
            raise ValidationError(errors)


def _key(value: Any) -> Any:
    return value.pk if hasattr(value, "_meta") else value


def modelformset_factory(
    model: type[Any],
    form: type[BaseModelForm] = ModelForm,
    formset: type[BaseModelFormSet] = BaseModelFormSet,
    extra: int = 1,
    can_delete: bool = False,
    can_order: bool = False,
    max_num: int | None = None,
    min_num: int | None = None,
    validate_max: bool = False,
    validate_min: bool = False,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    edit_only: bool = False,
    fields: Sequence[str] | str | None = None,
    exclude: Sequence[str] | None = None,
    widgets: Mapping[str, Any] | None = None,
    labels: Mapping[str, str] | None = None,
    help_texts: Mapping[str, str] | None = None,
    error_messages: Mapping[str, Mapping[str, str]] | None = None,
    field_classes: Mapping[str, type[Field]] | None = None,
    formfield_callback: Callable[..., Field | None] | None = None,
) -> type[BaseModelFormSet]:
    """Return a formset class editing rows of ``model`` (``fields`` or ``exclude`` required)."""
    meta = getattr(form, "Meta", None)
    if (
        fields is None
        and exclude is None
        and (getattr(meta, "fields", None) is None and getattr(meta, "exclude", None) is None)
    ):
        raise TypeError(
            "modelformset_factory() needs fields=... (a list of names, or '__all__') or "
            "exclude=..., or a form whose Meta sets one of them."
        )
    if fields is None and exclude is None:
        fields = getattr(meta, "fields", None)
        exclude = getattr(meta, "exclude", None)
    form_class = modelform_factory(
        model,
        form=form,
        fields=fields,
        exclude=exclude,
        widgets=widgets,
        labels=labels,
        help_texts=help_texts,
        error_messages=error_messages,
        field_classes=field_classes,
        formfield_callback=formfield_callback,
    )
    cls = formset_factory(
        form_class,
        formset,
        extra=extra,
        can_order=can_order,
        can_delete=can_delete,
        max_num=max_num,
        validate_max=validate_max,
        min_num=min_num,
        validate_min=validate_min,
        absolute_max=absolute_max,
        can_delete_extra=can_delete_extra,
    )
    cls.model = model  # type: ignore[attr-defined]
    cls.edit_only = edit_only  # type: ignore[attr-defined]
    return cls  # type: ignore[return-value]


class BaseInlineFormSet(BaseModelFormSet):
    """The rows of ``model`` pointing at ``instance`` through the foreign key ``fk``."""

    # The ForeignKey; read it as ``type(self).fk`` (a field is a descriptor on instances).
    fk: ClassVar[Any]

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        instance: Any = None,
        save_as_new: bool = False,
        prefix: str | None = None,
        queryset: Any = None,
        **kwargs: Any,
    ) -> None:
        fk = type(self).fk
        parent_model = fk.related_model
        self.instance = parent_model() if instance is None else instance
        self.save_as_new = save_as_new
        qs = queryset if queryset is not None else QuerySet(self.model)
        owned = self.instance.pk is not None
        qs = qs.filter(**{fk.name: self.instance}) if owned else qs.none()
        super().__init__(data, files, prefix=prefix, queryset=qs, **kwargs)

    def initial_form_count(self) -> int:
        if self.save_as_new:
            return 0
        return super().initial_form_count()

    @classmethod
    def get_default_prefix(cls) -> str:
        relation = cls.fk.relation
        return (
            str(relation.accessor_name).replace("+", "")
            if relation
            else cls.fk.model.__name__.lower()
        )

    def _construct_form(self, index: int, **kwargs: Any) -> BaseForm:
        fk = type(self).fk
        form = super()._construct_form(index, **kwargs)
        assert isinstance(form, BaseModelForm)
        if self.save_as_new:
            form.instance.pk = None
            form.instance._state.adding = True
        setattr(form.instance, fk.name, self.instance if self.instance.pk is not None else None)
        if self.instance.pk is None:
            form.instance.__dict__[fk.attname] = None
        form._inline_fk_name = fk.name
        return form

    def add_fields(self, form: BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields.pop(type(self).fk.name, None)

    def save_new(self, form: BaseModelForm, commit: bool = True) -> Any:
        setattr(form.instance, type(self).fk.name, self.instance)
        return super().save_new(form, commit=commit)


def _get_foreign_key(parent_model: type[Any], model: type[Any], fk_name: str | None = None) -> Any:
    keys = [
        field
        for field in model._meta.fields
        if isinstance(field, ForeignKey)
        and field.remote_model is not None
        and field.remote_model._meta.concrete_model is parent_model._meta.concrete_model
    ]
    if fk_name is not None:
        named = [field for field in model._meta.fields if field.name == fk_name]
        if not named or not isinstance(named[0], ForeignKey):
            raise ValueError(f"{model._meta.label} has no ForeignKey named {fk_name!r}.")
        if named[0] not in keys:
            raise ValueError(
                f"fk_name {fk_name!r} is not a ForeignKey to {parent_model._meta.label}."
            )
        return named[0]
    if not keys:
        raise ValueError(f"{model._meta.label} has no ForeignKey to {parent_model._meta.label}.")
    if len(keys) > 1:
        raise ValueError(
            f"{model._meta.label} has more than one ForeignKey to {parent_model._meta.label}; "
            "pass fk_name=... to choose one."
        )
    return keys[0]


def inlineformset_factory(
    parent_model: type[Any],
    model: type[Any],
    form: type[BaseModelForm] = ModelForm,
    formset: type[BaseInlineFormSet] = BaseInlineFormSet,
    fk_name: str | None = None,
    fields: Sequence[str] | str | None = None,
    exclude: Sequence[str] | None = None,
    extra: int = 3,
    can_order: bool = False,
    can_delete: bool = True,
    max_num: int | None = None,
    min_num: int | None = None,
    validate_max: bool = False,
    validate_min: bool = False,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    edit_only: bool = False,
    widgets: Mapping[str, Any] | None = None,
    labels: Mapping[str, str] | None = None,
    help_texts: Mapping[str, str] | None = None,
    error_messages: Mapping[str, Mapping[str, str]] | None = None,
    field_classes: Mapping[str, type[Field]] | None = None,
    formfield_callback: Callable[..., Field | None] | None = None,
) -> type[BaseInlineFormSet]:
    """Return a formset class editing the ``model`` rows of one ``parent_model`` instance."""
    fk = _get_foreign_key(parent_model, model, fk_name)
    if fk.unique:
        max_num = 1
    cls = modelformset_factory(
        model,
        form=form,
        formset=formset,
        extra=extra,
        can_delete=can_delete,
        can_order=can_order,
        max_num=max_num,
        min_num=min_num,
        validate_max=validate_max,
        validate_min=validate_min,
        absolute_max=absolute_max,
        can_delete_extra=can_delete_extra,
        edit_only=edit_only,
        fields=fields,
        exclude=exclude,
        widgets=widgets,
        labels=labels,
        help_texts=help_texts,
        error_messages=error_messages,
        field_classes=field_classes,
        formfield_callback=formfield_callback,
    )
    cls.fk = fk  # type: ignore[attr-defined]
    return cls  # type: ignore[return-value]
