"""Formsets: management form, extra/min/max, delete and order, and tampered counts."""

from __future__ import annotations

from typing import Any

import pytest

from heron import forms


class Item(forms.Form):
    title = forms.CharField(max_length=20)
    qty = forms.IntegerField(required=False)


ItemFormSet = forms.formset_factory(Item, extra=2)


def post(prefix: str = "form", total: Any = 0, initial: Any = 0, **rows: Any) -> dict[str, Any]:
    data = {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}
    data.update({key.replace("__", "-"): value for key, value in rows.items()})
    return data


def test_unbound_formset_renders_management_form_and_extra_forms() -> None:
    formset = ItemFormSet()
    assert len(formset) == 2
    assert not formset.is_valid()
    html = str(formset)
    assert html.startswith(
        '<input type="hidden" name="form-TOTAL_FORMS" value="2" id="id_form-TOTAL_FORMS">'
        '<input type="hidden" name="form-INITIAL_FORMS" value="0" id="id_form-INITIAL_FORMS">'
        '<input type="hidden" name="form-MIN_NUM_FORMS" value="0" id="id_form-MIN_NUM_FORMS">'
        '<input type="hidden" name="form-MAX_NUM_FORMS" value="1000" id="id_form-MAX_NUM_FORMS">'
    )
    assert '<input type="text" name="form-1-title" maxlength="20" id="id_form-1-title">' in html
    # forms of a formset never carry the HTML "required" attribute (extra forms may stay empty)
    assert " required" not in html
    assert 'name="form-__prefix__-title"' in str(formset.empty_form)


def test_initial_data() -> None:
    formset = ItemFormSet(initial=[{"title": "Tea"}])
    assert len(formset) == 3
    assert formset.initial_form_count() == 1
    assert formset.forms[0]["title"].value() == "Tea"


def test_valid_formset_skips_untouched_extra_forms() -> None:
    data = post(total=3, form__0__title="Tea", form__0__qty="2", form__1__title="", form__2__qty="")
    formset = ItemFormSet(data)
    assert formset.is_valid(), formset.errors
    assert formset.cleaned_data == [{"title": "Tea", "qty": 2}, {}, {}]
    assert formset.total_error_count() == 0


def test_errors_per_form() -> None:
    formset = ItemFormSet(post(total=2, form__0__title="", form__0__qty="1", form__1__qty="x"))
    assert not formset.is_valid()
    assert formset.errors == [
        {"title": ["This field is required."]},
        {"title": ["This field is required."], "qty": ["Enter a whole number."]},
    ]
    assert formset.total_error_count() == 3


@pytest.mark.parametrize(
    ("data", "missing"),
    [
        ({}, "form-TOTAL_FORMS, form-INITIAL_FORMS"),
        ({"form-TOTAL_FORMS": "1"}, "form-INITIAL_FORMS"),
        ({"form-TOTAL_FORMS": "many", "form-INITIAL_FORMS": "0"}, "form-TOTAL_FORMS"),
        ({"form-TOTAL_FORMS": "-3", "form-INITIAL_FORMS": "0"}, "form-TOTAL_FORMS"),
    ],
)
def test_missing_or_garbled_management_form_is_a_formset_error(
    data: dict[str, str], missing: str
) -> None:
    formset = ItemFormSet(data)
    assert not formset.is_valid()
    assert formset.non_form_errors() == [
        f"ManagementForm data is missing or has been tampered with. Missing fields: {missing}."
    ]
    assert len(formset.forms) == 0
    assert "errorlist nonform" in str(formset)


def test_forged_total_forms_is_capped_and_rejected() -> None:
    formset = ItemFormSet(post(total=10**9, form__0__title="x"))
    assert len(formset.forms) == ItemFormSet.absolute_max == 2000
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Please submit at most 1000 forms."]


def test_forged_initial_forms_is_capped_by_total() -> None:
    formset = ItemFormSet(post(total=1, initial=50, form__0__title="x"))
    assert formset.initial_form_count() == 1
    assert formset.is_valid()


def test_max_and_min() -> None:
    limited = forms.formset_factory(Item, extra=5, max_num=2, validate_max=True)
    assert len(limited()) == 2
    formset = limited(post(total=3, form__0__title="a", form__1__title="b", form__2__title="c"))
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Please submit at most 2 forms."]
    minimal = forms.formset_factory(Item, extra=0, min_num=2, validate_min=True)
    assert len(minimal()) == 2
    formset = minimal(post(total=2, form__0__title="a"))
    assert not formset.is_valid()
    assert formset.errors[1] == {"title": ["This field is required."]}
    one = forms.formset_factory(Item, extra=0, min_num=1, validate_min=True)
    empty = one(post(total=0))
    assert not empty.is_valid()
    assert empty.non_form_errors() == ["Please submit at least 1 form."]
    with pytest.raises(ValueError, match="absolute_max must be greater than or equal to max_num"):
        forms.formset_factory(Item, max_num=10, absolute_max=5)


def test_can_delete_and_can_order() -> None:
    editable = forms.formset_factory(Item, extra=0, can_delete=True, can_order=True)
    unbound = editable(initial=[{"title": "a"}, {"title": "b"}])
    assert '<input type="number" name="form-0-ORDER" value="1" id="id_form-0-ORDER">' in str(
        unbound
    )
    assert 'name="form-1-DELETE"' in str(unbound)
    data = post(
        total=3,
        initial=2,
        form__0__title="a",
        form__0__ORDER="2",
        form__1__title="",
        form__1__DELETE="on",
        form__2__title="c",
        form__2__ORDER="1",
    )
    formset = editable(data, initial=[{"title": "a"}, {"title": "b"}])
    assert formset.is_valid(), formset.errors  # the deleted form's error does not count
    assert [f.prefix for f in formset.deleted_forms] == ["form-1"]
    assert [f.cleaned_data["title"] for f in formset.ordered_forms] == ["c", "a"]


def test_formset_clean_hook_and_all_valid() -> None:
    class UniqueTitles(forms.BaseFormSet):
        def clean(self) -> None:
            titles = [f.cleaned_data.get("title") for f in self.forms if f.cleaned_data]
            if len(titles) != len(set(titles)):
                raise forms.ValidationError("Titles must differ.")

    checked = forms.formset_factory(Item, formset=UniqueTitles, extra=0)
    formset = checked(post(total=2, form__0__title="a", form__1__title="a"))
    other = ItemFormSet(post(total=1, form__0__title="ok"))
    assert not forms.all_valid([formset, other])
    assert formset.non_form_errors() == ["Titles must differ."]
    assert other.is_valid()


def test_custom_prefix_and_as_p() -> None:
    formset = ItemFormSet(prefix="items")
    html = str(formset.as_p())
    assert 'name="items-TOTAL_FORMS"' in html
    assert '<p><label for="id_items-0-title">Title:</label>' in html
