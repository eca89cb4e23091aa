"""``Form``: declaration, binding, cleaning hooks, errors, changes, and rendered HTML."""

from __future__ import annotations

import json
from typing import Any

import pytest

from heron import forms
from heron.forms import ValidationError
from heron.http.datastructures import QueryDict


class Contact(forms.Form):
    name = forms.CharField(max_length=50, help_text="As on your passport.")
    email = forms.EmailField(required=False)
    topic = forms.ChoiceField(choices=[("", "Pick one"), ("bug", "Bug"), ("idea", "Idea")])
    copies = forms.IntegerField(min_value=1, max_value=5, initial=1)
    agree = forms.BooleanField(label="I agree")
    ref = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        if name.lower() == "root":
            raise ValidationError("That name is reserved.", code="reserved")
        return name.title()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("topic") == "bug" and not cleaned.get("email"):
            raise ValidationError("Bug reports need an email address.")
        return cleaned


VALID = {"name": "ada", "email": "", "topic": "idea", "copies": "2", "agree": "on"}


def test_declared_fields_in_order_and_inheritance() -> None:
    class Extended(Contact):
        phone = forms.CharField(required=False)
        ref = None  # type: ignore[assignment]

    assert list(Contact.base_fields) == ["name", "email", "topic", "copies", "agree", "ref"]
    assert list(Extended.base_fields) == ["name", "email", "topic", "copies", "agree", "phone"]
    form = Extended()
    assert list(form.fields) == list(Extended.base_fields)
    assert form.fields["name"] is not Contact.base_fields["name"]  # a copy per form
    reordered = Contact(field_order=["topic", "name"])
    assert list(reordered.fields)[:2] == ["topic", "name"]


def test_unbound_form() -> None:
    form = Contact()
    assert not form.is_bound
    assert not form.is_valid()
    assert form.errors == {}
    assert form["copies"].value() == 1


def test_valid_form_and_clean_hooks() -> None:
    form = Contact(VALID)
    assert form.is_bound
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "Ada",
        "email": "",
        "topic": "idea",
        "copies": 2,
        "agree": True,
        "ref": "",
    }


def test_field_and_non_field_errors() -> None:
    form = Contact({**VALID, "name": "root", "topic": "bug", "copies": "9", "agree": ""})
    assert not form.is_valid()
    assert form.errors["name"] == ["That name is reserved."]
    assert form.errors["copies"] == ["Ensure this value is less than or equal to 5."]
    assert form.errors["agree"] == ["This field is required."]
    assert form.non_field_errors() == ["Bug reports need an email address."]
    assert form.has_error("name", "reserved")
    assert not form.has_error("name", "required")
    assert not form.has_error("email")
    assert "name" not in form.cleaned_data
    assert json.loads(form.errors.as_json())["name"] == [
        {"message": "That name is reserved.", "code": "reserved"}
    ]
    assert form.errors.get_json_data()["__all__"] == [
        {"message": "Bug reports need an email address.", "code": ""}
    ]
    assert form.errors.as_data()["copies"][0].code == "max_value"
    assert form.errors.as_text().splitlines()[:2] == ["* name", "  * That name is reserved."]


def test_add_error() -> None:
    class Booking(forms.Form):
        start = forms.IntegerField()
        end = forms.IntegerField()

        def clean(self) -> dict[str, Any] | None:
            cleaned = super().clean()
            if cleaned and cleaned.get("end", 0) < cleaned.get("start", 0):
                self.add_error("end", "End must not be before start.")
                self.add_error(None, ValidationError({"start": ["Check the start too."]}))
            return cleaned

    form = Booking({"start": "5", "end": "3"})
    assert not form.is_valid()
    assert form.errors["end"] == ["End must not be before start."]
    assert form.errors["start"] == ["Check the start too."]
    assert form.cleaned_data == {}
    with pytest.raises(ValueError, match="Booking has no field named 'nope'"):
        form.add_error("nope", "x")


def test_querydict_data_and_prefix() -> None:
    data = QueryDict("c-name=Ada&c-topic=idea&c-copies=1&c-agree=on")
    form = Contact(data, prefix="c")
    assert form.is_valid(), form.errors
    assert form["name"].html_name == "c-name"
    assert form["name"].auto_id == "id_c-name"


def test_has_changed_and_changed_data() -> None:
    form = Contact({**VALID, "copies": "1"}, initial={"name": "ada"})
    assert form.changed_data == ["topic", "agree"]
    assert form.has_changed()
    unchanged = Contact({"copies": "1"})
    assert unchanged.changed_data == []


def test_empty_permitted_form_skips_validation_when_untouched() -> None:
    form = Contact({"copies": "1"}, empty_permitted=True, use_required_attribute=False)
    assert form.is_valid()
    assert form.cleaned_data == {}


def test_bound_field_api() -> None:
    form = Contact({"name": "x" * 60, "copies": "two"}, auto_id="f_%s")
    name = form["name"]
    assert name.label == "Name"
    assert name.id_for_label == "f_name"
    assert name.help_text == "As on your passport."
    assert name.value() == "x" * 60
    assert name.errors == ["Ensure this value has at most 50 characters (it has 60)."]
    assert str(name.label_tag()) == '<label for="f_name">Name:</label>'
    assert str(form["agree"].label_tag(label_suffix="")) == '<label for="f_agree">I agree</label>'
    assert str(form["copies"]) == (
        '<input type="number" name="copies" value="two" min="1" max="5" required '
        'aria-invalid="true" aria-describedby="f_copies_error" id="f_copies">'
    )
    assert form["ref"].is_hidden
    assert [f.name for f in form.hidden_fields()] == ["ref"]
    with pytest.raises(KeyError, match="Key 'nope' not found in Contact"):
        form["nope"]


def test_no_auto_id() -> None:
    form = Contact(auto_id=False)
    assert str(form["name"]) == ('<input type="text" name="name" maxlength="50" required>')
    assert str(form["name"].label_tag()) == "<label>Name:</label>"


def test_radio_subwidgets() -> None:
    class Poll(forms.Form):
        answer = forms.ChoiceField(choices=[("y", "Yes"), ("n", "No")], widget=forms.RadioSelect)

    form = Poll(initial={"answer": "n"})
    options = list(form["answer"])
    assert [o.choice_label for o in options] == ["Yes", "No"]
    assert str(options[1].tag()) == (
        '<input type="radio" name="answer" value="n" id="id_answer_1" required checked>'
    )
    assert str(options[0]) == (
        '<label for="id_answer_0"><input type="radio" name="answer" value="y" '
        'id="id_answer_0" required> Yes</label>'
    )
    assert form["answer"].id_for_label == ""


def test_is_multipart() -> None:
    class Upload(forms.Form):
        doc = forms.FileField()

    assert Upload().is_multipart()
    assert not Contact().is_multipart()


ERRORS_DIV = """\
<ul class="errorlist nonfield"><li>Bug reports need an email address.</li><li>(Hidden field ref) \
Ensure this value has at most 5 characters (it has 6).</li></ul>
<div class="error required"><label for="id_name" class="required">Name:</label>\
<div class="helptext" id="id_name_helptext">As on your passport.</div>\
<ul class="errorlist" id="id_name_error"><li>That name is reserved.</li></ul>\
<input type="text" name="name" value="root" maxlength="50" required aria-invalid="true" \
aria-describedby="id_name_helptext id_name_error" id="id_name"></div>
<div><label for="id_email">Email:</label><input type="email" name="email" maxlength="320" \
id="id_email"></div>
<div class="required"><label for="id_topic" class="required">Topic:</label>\
<select name="topic" required id="id_topic"><option value="">Pick one</option>\
<option value="bug" selected>Bug</option><option value="idea">Idea</option></select></div>
<div class="required"><label for="id_copies" class="required">Copies:</label>\
<input type="number" name="copies" value="2" min="1" max="5" required id="id_copies"></div>
<div class="error required"><label for="id_agree" class="required">I agree:</label>\
<ul class="errorlist" id="id_agree_error"><li>This field is required.</li></ul>\
<input type="checkbox" name="agree" required aria-invalid="true" \
aria-describedby="id_agree_error" id="id_agree"><input type="hidden" name="ref" \
value="abcdef" id="id_ref"></div>"""


class StyledContact(Contact):
    required_css_class = "required"
    error_css_class = "error"
    ref = forms.CharField(widget=forms.HiddenInput, required=False, max_length=5)


@pytest.mark.parametrize("with_settings", [False, True])
def test_full_form_with_errors_as_div(with_settings: bool, request: pytest.FixtureRequest) -> None:
    if with_settings:
        request.getfixturevalue("configured")
    form = StyledContact({**VALID, "name": "root", "topic": "bug", "agree": "", "ref": "abcdef"})
    assert not form.is_valid()
    assert str(form) == ERRORS_DIV
    assert str(form.as_div()) == ERRORS_DIV


def test_form_renders_in_a_template_autoescaped() -> None:
    import jinja2

    env = jinja2.Environment(autoescape=True)
    form = Contact({**VALID, "name": "<script>"})
    html = env.from_string("<form>{{ form }}</form>").render(form=form)
    assert 'value="&lt;script&gt;"' in html
    assert "<script>" not in html


def test_as_p_table_ul() -> None:
    class Small(forms.Form):
        q = forms.CharField(help_text="Search")

    form = Small({"q": ""})
    assert str(form.as_p()) == (
        '<ul class="errorlist" id="id_q_error"><li>This field is required.</li></ul>'
        '<p><label for="id_q">Q:</label> <input type="text" name="q" required '
        'aria-invalid="true" aria-describedby="id_q_helptext id_q_error" id="id_q"> '
        '<span class="helptext" id="id_q_helptext">Search</span></p>'
    )
    assert str(form.as_table()) == (
        '<tr><th><label for="id_q">Q:</label></th><td>'
        '<ul class="errorlist" id="id_q_error"><li>This field is required.</li></ul>'
        '<input type="text" name="q" required aria-invalid="true" '
        'aria-describedby="id_q_helptext id_q_error" id="id_q"><br>'
        '<span class="helptext" id="id_q_helptext">Search</span></td></tr>'
    )
    assert str(form.as_ul()) == (
        '<li><ul class="errorlist" id="id_q_error"><li>This field is required.</li></ul>'
        '<label for="id_q">Q:</label> <input type="text" name="q" required aria-invalid="true" '
        'aria-describedby="id_q_helptext id_q_error" id="id_q"> '
        '<span class="helptext" id="id_q_helptext">Search</span></li>'
    )


def test_fieldset_for_grouped_widgets() -> None:
    class Pick(forms.Form):
        colors = forms.MultipleChoiceField(
            choices=[("r", "Red")], widget=forms.CheckboxSelectMultiple
        )

    assert str(Pick()) == (
        '<div><fieldset><legend id="id_colors_legend">Colors:</legend><div id="id_colors">'
        '<div><label for="id_colors_0"><input type="checkbox" name="colors" value="r" '
        'id="id_colors_0"> Red</label></div></div></fieldset></div>'
    )


def test_error_list_without_errors_renders_nothing() -> None:
    form = Contact()
    assert repr(form).startswith("<Contact bound=False, valid=Unknown")
    assert str(form["name"].errors) == ""
    assert str(form.non_field_errors()) == ""
