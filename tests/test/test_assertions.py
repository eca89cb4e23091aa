"""Django-style assertions: the pytest functions of heron.test and the TestCase methods."""

from __future__ import annotations

import unittest

import pytest

from heron import forms
from heron.conf import settings
from heron.test import (
    SimpleTestCase,
    assert_form_error,
    assert_formset_error,
    assert_html_equal,
    assert_html_not_equal,
    assert_in_html,
    assert_queryset_equal,
    assert_raises_message,
    assert_url_equal,
)


class NameForm(forms.Form):
    name = forms.CharField(max_length=5)
    age = forms.IntegerField(required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("name") == "root":
            raise forms.ValidationError("No root here.")
        return data


def test_assert_html_equal_ignores_attribute_order_and_whitespace() -> None:
    assert_html_equal(
        '<p class="b a" id="x">Hello   <b>you</b></p>\n<input type="checkbox" checked>',
        '<p id="x" class="a b">Hello <b>you</b></p><input checked="checked" type="checkbox"/>',
    )
    assert_html_not_equal("<p>Hello</p>", "<p>Hello!</p>")
    with pytest.raises(AssertionError, match="HTML differs"):
        assert_html_equal("<p>a</p>", "<div>a</div>")


def test_assert_in_html_counts_elements() -> None:
    page = '<ul><li class="x">One</li><li>Two</li><li class="x">One</li></ul>'
    assert_in_html('<li class="x">One</li>', page)
    assert_in_html('<li  class="x" >One</li>', page, count=2)
    assert_in_html("Two", page, count=1)
    with pytest.raises(AssertionError, match=r"Found 2 instance\(s\) of .* \(expected 1\)"):
        assert_in_html('<li class="x">One</li>', page, count=1)
    with pytest.raises(AssertionError, match="Couldn't find"):
        assert_in_html("<li>Three</li>", page)


def test_assert_form_error() -> None:
    form = NameForm({"name": "toolong", "age": "x"})
    assert_form_error(form, "name", "Ensure this value has at most 5 characters (it has 7).")
    assert_form_error(form, "age", ["Enter a whole number."])
    assert_form_error(NameForm({"name": "root"}), None, "No root here.")
    assert_form_error(NameForm({"name": "ok"}), "name", [])
    with pytest.raises(AssertionError, match="does not contain the field 'nope'"):
        assert_form_error(form, "nope", [])
    with pytest.raises(AssertionError, match="the errors of field 'age'"):
        assert_form_error(form, "age", "Wrong.")
    with pytest.raises(AssertionError, match="is not bound"):
        assert_form_error(NameForm(), "name", [])


def test_assert_formset_error() -> None:
    NameFormSet = forms.formset_factory(NameForm, extra=0)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-name": "ok",
        "form-1-name": "",
        "form-1-age": "3",
    }
    formset = NameFormSet(data)
    assert_formset_error(formset, 1, "name", "This field is required.")
    assert_formset_error(formset, 0, "name", [])
    assert_formset_error(formset, None, None, [])
    with pytest.raises(AssertionError, match="has 2 form\\(s\\), so no form 5"):
        assert_formset_error(formset, 5, "name", [])


def test_assert_queryset_equal() -> None:
    assert_queryset_equal([3, 1, 2], [3, 1, 2])
    assert_queryset_equal([3, 1, 2], [1, 2, 3], ordered=False)
    assert_queryset_equal(["a", "bb"], [1, 2], transform=len)
    with pytest.raises(AssertionError, match=r"\[3, 1\] != \[1, 3\]"):
        assert_queryset_equal([3, 1], [1, 3])


def test_assert_raises_message_and_url_equal() -> None:
    with assert_raises_message(ValueError, "too big"):
        raise ValueError("the value is too big")
    with (
        pytest.raises(AssertionError, match="'too big' not found in 'small'"),
        assert_raises_message(ValueError, "too big"),
    ):
        raise ValueError("small")
    with (
        pytest.raises(AssertionError, match="ValueError not raised"),
        assert_raises_message(ValueError, "x"),
    ):
        pass
    assert_url_equal("/search/?q=a&page=2", "/search/?page=2&q=a")
    with pytest.raises(AssertionError):
        assert_url_equal("/search/?q=a", "/search/?q=b")


class AssertionMethods(SimpleTestCase):  # run by the test below
    __test__ = False

    def test_the_same_checks_as_methods(self) -> None:
        self.assertHTMLEqual("<p  id=a>x</p>", '<p id="a">x</p>')
        self.assertHTMLNotEqual("<p>x</p>", "<p>y</p>")
        self.assertInHTML("<b>x</b>", "<p><b>x</b></p>", count=1)
        self.assertFormError(NameForm({"name": "root"}), None, "No root here.")
        self.assertURLEqual("/a/?x=1&y=2", "/a/?y=2&x=1")
        with self.assertRaisesMessage(KeyError, "gone"):
            raise KeyError("gone")


def test_test_case_methods() -> None:
    saved = settings._wrapped
    settings.configure(DEBUG=True, SECRET_KEY="x")
    try:
        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(AssertionMethods).run(result)
    finally:
        settings._install(saved)
    assert result.testsRun == 1
    assert not result.errors and not result.failures, result.errors + result.failures
