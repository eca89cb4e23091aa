"""Formsets: many copies of one form on a page (``formset_factory``, ``BaseFormSet``).

The page carries a *management form*: hidden ``<prefix>-TOTAL_FORMS`` (how many forms were
sent), ``INITIAL_FORMS`` (how many were pre-filled), ``MIN_NUM_FORMS`` and ``MAX_NUM_FORMS``.
Those numbers come from the client, so they are not trusted: a missing or garbled management
form is a formset error (not a crash), and no more than ``absolute_max`` forms are ever built,
whatever ``TOTAL_FORMS`` says.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from .errors import ErrorDict, ErrorList
from .exceptions import ValidationError
from .fields.choices import BooleanField
from .fields.numeric import IntegerField
from .forms import BaseForm, Form
from .renderers import RenderableMixin
from .widgets.base import HiddenInput, NumberInput

__all__ = [
    "DEFAULT_MAX_NUM",
    "DEFAULT_MIN_NUM",
    "BaseFormSet",
    "ManagementForm",
    "all_valid",
    "formset_factory",
]

TOTAL_FORM_COUNT = "TOTAL_FORMS"
INITIAL_FORM_COUNT = "INITIAL_FORMS"
MIN_NUM_FORM_COUNT = "MIN_NUM_FORMS"
MAX_NUM_FORM_COUNT = "MAX_NUM_FORMS"
ORDERING_FIELD_NAME = "ORDER"
DELETION_FIELD_NAME = "DELETE"
DEFAULT_MIN_NUM = 0
DEFAULT_MAX_NUM = 1000


class ManagementForm(Form):
    """The hidden counts that travel with a formset."""

    TOTAL_FORMS = IntegerField(widget=HiddenInput, min_value=0)
    INITIAL_FORMS = IntegerField(widget=HiddenInput, min_value=0)
    MIN_NUM_FORMS = IntegerField(required=False, widget=HiddenInput, min_value=0)
    MAX_NUM_FORMS = IntegerField(required=False, widget=HiddenInput, min_value=0)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned.setdefault(TOTAL_FORM_COUNT, 0)
        cleaned.setdefault(INITIAL_FORM_COUNT, 0)
        return cleaned


class BaseFormSet(RenderableMixin):
    """A list of forms of ``form`` class, validated together; see the module docstring."""

    form: ClassVar[type[BaseForm]]
    extra: ClassVar[int] = 1
    can_order: ClassVar[bool] = False
    can_delete: ClassVar[bool] = False
    can_delete_extra: ClassVar[bool] = True
    min_num: ClassVar[int] = DEFAULT_MIN_NUM
    max_num: ClassVar[int] = DEFAULT_MAX_NUM
    absolute_max: ClassVar[int] = 2 * DEFAULT_MAX_NUM
    validate_min: ClassVar[bool] = False
    validate_max: ClassVar[bool] = False
    ordering_widget: ClassVar[type[NumberInput]] = NumberInput
    default_error_messages: ClassVar[dict[str, str]] = {
        "missing_management_form": (
            "ManagementForm data is missing or has been tampered with. Missing fields: "
            "%(field_names)s."
        ),
        "too_many_forms": "Please submit at most %(num)d form%(plural)s.",
        "too_few_forms": "Please submit at least %(num)d form%(plural)s.",
    }
    template_name = "heron/forms/formsets/div.html"
    template_name_div = "heron/forms/formsets/div.html"
    template_name_p = "heron/forms/formsets/p.html"
    template_name_table = "heron/forms/formsets/table.html"
    template_name_ul = "heron/forms/formsets/ul.html"

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        auto_id: str | bool = "id_%s",
        prefix: str | None = None,
        initial: Sequence[Mapping[str, Any]] | None = None,
        error_class: type[ErrorList] = ErrorList,
        form_kwargs: Mapping[str, Any] | None = None,
        error_messages: Mapping[str, str] | None = None,
    ) -> None:
        self.is_bound = data is not None or files is not None
        self.prefix = prefix or self.get_default_prefix()
        self.auto_id = auto_id
        self.data: Mapping[str, Any] = {} if data is None else data
        self.files: Mapping[str, Any] = {} if files is None else files
        self.initial = list(initial) if initial is not None else None
        self.form_kwargs = dict(form_kwargs or {})
        self.error_class = error_class
        self._errors: list[ErrorDict] | None = None
        self._non_form_errors: ErrorList | None = None
        self._forms: list[BaseForm] | None = None
        self._management_form: ManagementForm | None = None
        self.error_messages = {**self.default_error_messages, **(error_messages or {})}

    @classmethod
    def get_default_prefix(cls) -> str:
        return "form"

    # -- the management form and the counts -------------------------------------------------------

    @property
    def management_form(self) -> ManagementForm:
        """The hidden count fields (render it inside the ``<form>``: ``{{ formset }}`` does)."""
        if self._management_form is None:
            if self.is_bound:
                form = ManagementForm(self.data, auto_id=self.auto_id, prefix=self.prefix)
                form.full_clean()
            else:
                form = ManagementForm(
                    auto_id=self.auto_id,
                    prefix=self.prefix,
                    initial={
                        TOTAL_FORM_COUNT: self.total_form_count(),
                        INITIAL_FORM_COUNT: self.initial_form_count(),
                        MIN_NUM_FORM_COUNT: self.min_num,
                        MAX_NUM_FORM_COUNT: self.max_num,
                    },
                )
            self._management_form = form
        return self._management_form

    def total_form_count(self) -> int:
        """How many forms there are (capped at ``absolute_max`` when bound)."""
        if self.is_bound:
            management = self.management_form
            if management.errors:
                return 0  # counts we cannot trust build no forms at all
            sent = management.cleaned_data.get(TOTAL_FORM_COUNT, 0)
            return min(int(sent), self.absolute_max)
        initial = self.initial_form_count()
        total = max(initial, self.min_num) + self.extra
        if initial > self.max_num >= 0:
            return initial
        return min(total, self.max_num)

    def initial_form_count(self) -> int:
        """How many forms were pre-filled (the rest are extra forms)."""
        if self.is_bound:
            sent = int(self.management_form.cleaned_data.get(INITIAL_FORM_COUNT, 0))
            return min(sent, self.total_form_count())
        return len(self.initial) if self.initial else 0

    # -- the forms --------------------------------------------------------------------------------

    @property
    def forms(self) -> list[BaseForm]:
        if self._forms is None:
            self._forms = [
                self._construct_form(index, **self.get_form_kwargs(index))
                for index in range(self.total_form_count())
            ]
        return self._forms

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        """Extra keyword arguments for form ``index`` (None: the empty form)."""
        return dict(self.form_kwargs)

    def _construct_form(self, index: int, **kwargs: Any) -> BaseForm:
        defaults: dict[str, Any] = {
            "auto_id": self.auto_id,
            "prefix": self.add_prefix(index),
            "error_class": self.error_class,
            "use_required_attribute": False,
        }
        if self.is_bound:
            defaults["data"] = self.data
            defaults["files"] = self.files
        if self.initial and "initial" not in kwargs and index < len(self.initial):
            defaults["initial"] = self.initial[index]
        if index >= self.initial_form_count() and index >= self.min_num:
            defaults["empty_permitted"] = True
        defaults.update(kwargs)
        form = self.form(**defaults)
        self.add_fields(form, index)
        return form

    @property
    def initial_forms(self) -> list[BaseForm]:
        return self.forms[: self.initial_form_count()]

    @property
    def extra_forms(self) -> list[BaseForm]:
        return self.forms[self.initial_form_count() :]

    @property
    def empty_form(self) -> BaseForm:
        """A blank form with ``__prefix__`` in its names, for adding forms with JavaScript."""
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            **self.get_form_kwargs(None),
        )
        self.add_fields(form, None)
        return form

    def add_prefix(self, index: int | str) -> str:
        return f"{self.prefix}-{index}"

    def add_fields(self, form: BaseForm, index: int | None) -> None:
        """Add the ``ORDER`` and ``DELETE`` fields when ``can_order`` / ``can_delete``."""
        initial_count = self.initial_form_count()
        if self.can_order:
            if index is not None and index < initial_count:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label="Order", initial=index + 1, required=False, widget=self.ordering_widget
                )
            else:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label="Order", required=False, widget=self.ordering_widget
                )
        if self.can_delete and (
            self.can_delete_extra or (index is not None and index < initial_count)
        ):
            form.fields[DELETION_FIELD_NAME] = BooleanField(label="Delete", required=False)

    def __iter__(self) -> Iterator[BaseForm]:
        return iter(self.forms)

    def __getitem__(self, index: int) -> BaseForm:
        return self.forms[index]

    def __len__(self) -> int:
        return len(self.forms)

    def __bool__(self) -> bool:
        return True

    # -- validation -------------------------------------------------------------------------------

    @property
    def errors(self) -> list[ErrorDict]:
        """One ``ErrorDict`` per form."""
        if self._errors is None:
            self.full_clean()
        assert self._errors is not None
        return self._errors

    def non_form_errors(self) -> ErrorList:
        """Errors of the formset as a whole (management form, counts, ``clean()``)."""
        if self._non_form_errors is None:
            self.full_clean()
        assert self._non_form_errors is not None
        return self._non_form_errors

    def total_error_count(self) -> int:
        return len(self.non_form_errors()) + sum(len(errors) for errors in self.errors)

    def _should_delete_form(self, form: BaseForm) -> bool:
        return (
            bool(form.cleaned_data.get(DELETION_FIELD_NAME, False))
            if hasattr(form, "cleaned_data")
            else False
        )

    def is_valid(self) -> bool:
        """Return True when bound and every form (not marked for deletion) is valid."""
        if not self.is_bound:
            return False
        self.errors  # noqa: B018 - runs full_clean
        forms_valid = all(
            form.is_valid()
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
        )
        return forms_valid and not self.non_form_errors()

    def full_clean(self) -> None:
        self._errors = []
        self._non_form_errors = self.error_class(error_class="nonform")
        if not self.is_bound:
            return
        management = self.management_form
        if not management.is_valid():
            missing = [
                management.add_prefix(name) for name in management.errors if name != "__all__"
            ]
            self._non_form_errors.append(
                ValidationError(
                    self.error_messages["missing_management_form"],
                    code="missing_management_form",
                    params={"field_names": ", ".join(missing)},
                )
            )
        empty_forms = 0
        for index, form in enumerate(self.forms):
            if not form.has_changed() and index >= self.initial_form_count():
                empty_forms += 1
            errors = form.errors
            if self.can_delete and self._should_delete_form(form):
                errors = ErrorDict()
            self._errors.append(errors)
        try:
            sent = (
                management.cleaned_data.get(TOTAL_FORM_COUNT, 0)
                if hasattr(management, "cleaned_data")
                else 0
            )
            deleted = len(self.deleted_forms) if self.can_delete else 0
            if (self.validate_max and self.total_form_count() - deleted > self.max_num) or int(
                sent
            ) > self.absolute_max:
                raise ValidationError(
                    self.error_messages["too_many_forms"],
                    code="too_many_forms",
                    params={"num": self.max_num, "plural": "" if self.max_num == 1 else "s"},
                )
            if self.validate_min and self.total_form_count() - deleted - empty_forms < self.min_num:
                raise ValidationError(
                    self.error_messages["too_few_forms"],
                    code="too_few_forms",
                    params={"num": self.min_num, "plural": "" if self.min_num == 1 else "s"},
                )
            self.clean()
        except ValidationError as exc:
            self._non_form_errors.extend(exc.error_list)

    def clean(self) -> None:
        """Check the forms together; raise ValidationError for a formset-wide error."""

    def has_changed(self) -> bool:
        return any(form.has_changed() for form in self)

    @property
    def cleaned_data(self) -> list[dict[str, Any]]:
        if not self.is_valid():
            raise AttributeError(
                f"'{type(self).__name__}' object has no attribute 'cleaned_data' until it is "
                "valid; check is_valid() first."
            )
        return [getattr(form, "cleaned_data", {}) for form in self.forms]

    @property
    def deleted_forms(self) -> list[BaseForm]:
        """The valid forms whose ``DELETE`` box is ticked."""
        if not self.is_bound or not self.can_delete:
            return []
        return [
            form
            for index, form in enumerate(self.forms)
            if not (index >= self.initial_form_count() and not form.has_changed())
            and self._should_delete_form(form)
        ]

    @property
    def ordered_forms(self) -> list[BaseForm]:
        """The forms sorted by their ``ORDER`` field (forms without one come last)."""
        if not self.is_valid() or not self.can_order:
            raise AttributeError(
                f"'{type(self).__name__}' object has no attribute 'ordered_forms' (it needs "
                "can_order=True and a valid formset)."
            )
        ordering: list[tuple[int, Any]] = []
        for index, form in enumerate(self.forms):
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            ordering.append((index, form.cleaned_data.get(ORDERING_FIELD_NAME)))
        ordering.sort(key=lambda item: (item[1] is None, item[1] or 0, item[0]))
        return [self.forms[index] for index, _ in ordering]

    def is_multipart(self) -> bool:
        forms = self.forms or [self.empty_form]
        return forms[0].is_multipart()

    # -- rendering ---------------------------------------------------------------------------------

    def get_context(self) -> dict[str, Any]:
        return {"formset": self}

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: bound={self.is_bound} total_forms={len(self.forms)}>"


def formset_factory(
    form: type[BaseForm],
    formset: type[BaseFormSet] = BaseFormSet,
    extra: int = 1,
    can_order: bool = False,
    can_delete: bool = False,
    max_num: int | None = None,
    validate_max: bool = False,
    min_num: int | None = None,
    validate_min: bool = False,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
) -> type[BaseFormSet]:
    """Return a formset class for ``form`` (see ``BaseFormSet`` for the options)."""
    if min_num is None:
        min_num = DEFAULT_MIN_NUM
    if max_num is None:
        max_num = DEFAULT_MAX_NUM
    if absolute_max is None:
        absolute_max = max_num + DEFAULT_MAX_NUM
    if max_num > absolute_max:
        raise ValueError("absolute_max must be greater than or equal to max_num.")
    attrs = {
        "form": form,
        "extra": extra,
        "can_order": can_order,
        "can_delete": can_delete,
        "can_delete_extra": can_delete_extra,
        "min_num": min_num,
        "max_num": max_num,
        "absolute_max": absolute_max,
        "validate_min": validate_min,
        "validate_max": validate_max,
    }
    return type(f"{form.__name__}FormSet", (formset,), attrs)


def all_valid(formsets: Sequence[BaseFormSet]) -> bool:
    """Validate every formset (all of them, so each gets its errors) and return whether all are."""
    return all([formset.is_valid() for formset in formsets])
