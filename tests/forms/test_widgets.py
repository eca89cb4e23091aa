"""Widget HTML, pinned: attributes, values, escaping, choices and multi-part widgets."""

from __future__ import annotations

import datetime as dt

import pytest

from heron import forms
from heron.http.datastructures import QueryDict


@pytest.mark.parametrize(
    ("widget", "html"),
    [
        (forms.TextInput(), '<input type="text" name="x" value="a&lt;b&#34;" id="id_x">'),
        (forms.NumberInput(), '<input type="number" name="x" value="a&lt;b&#34;" id="id_x">'),
        (forms.EmailInput(), '<input type="email" name="x" value="a&lt;b&#34;" id="id_x">'),
        (forms.URLInput(), '<input type="url" name="x" value="a&lt;b&#34;" id="id_x">'),
        (forms.PasswordInput(), '<input type="password" name="x" id="id_x">'),
        (
            forms.PasswordInput(render_value=True),
            '<input type="password" name="x" value="a&lt;b&#34;" id="id_x">',
        ),
        (forms.HiddenInput(), '<input type="hidden" name="x" value="a&lt;b&#34;" id="id_x">'),
        (
            forms.Textarea(attrs={"rows": 3}),
            '<textarea name="x" cols="40" rows="3" id="id_x">\na&lt;b&#34;</textarea>',
        ),
        (forms.FileInput(), '<input type="file" name="x" id="id_x">'),
        (
            forms.TextInput(attrs={"class": "wide", "autofocus": True, "hidden": False}),
            '<input type="text" name="x" value="a&lt;b&#34;" class="wide" autofocus id="id_x">',
        ),
        (
            forms.TextInput(attrs={"type": "search"}),
            '<input type="search" name="x" value="a&lt;b&#34;" id="id_x">',
        ),
    ],
)
def test_inputs(widget: forms.Widget, html: str) -> None:
    assert widget.render("x", 'a<b"', {"id": "id_x"}) == html


def test_empty_value_has_no_value_attribute() -> None:
    assert forms.TextInput().render("x", None) == '<input type="text" name="x">'
    assert forms.TextInput().render("x", "") == '<input type="text" name="x">'
    assert (
        forms.Textarea().render("x", None) == '<textarea name="x" cols="40" rows="10">\n</textarea>'
    )


def test_date_and_time_inputs() -> None:
    when = dt.datetime(2026, 1, 2, 3, 4)
    assert forms.DateInput().render("d", dt.date(2026, 1, 2)) == (
        '<input type="date" name="d" value="2026-01-02">'
    )
    assert forms.DateTimeInput().render("d", when) == (
        '<input type="datetime-local" name="d" value="2026-01-02T03:04">'
    )
    assert forms.DateTimeInput().render("d", when.replace(second=5)) == (
        '<input type="datetime-local" name="d" value="2026-01-02T03:04:05">'
    )
    assert forms.TimeInput().render("t", dt.time(9, 30)) == (
        '<input type="time" name="t" value="09:30">'
    )
    assert forms.DateInput(format="%d/%m/%Y").render("d", dt.date(2026, 1, 2)) == (
        '<input type="date" name="d" value="02/01/2026">'
    )


def test_checkbox() -> None:
    box = forms.CheckboxInput()
    assert box.render("c", True) == '<input type="checkbox" name="c" checked>'
    assert box.render("c", False) == '<input type="checkbox" name="c">'
    assert box.render("c", "yes") == '<input type="checkbox" name="c" value="yes" checked>'
    assert box.value_from_datadict({}, {}, "c") is False
    assert box.value_from_datadict({"c": "on"}, {}, "c") is True
    assert box.value_from_datadict({"c": "false"}, {}, "c") is False
    assert not box.value_omitted_from_data({}, {}, "c")


def test_multiple_hidden_input() -> None:
    widget = forms.MultipleHiddenInput()
    assert widget.render("t", ["1", "2"], {"id": "id_t"}) == (
        '<input type="hidden" name="t" value="1" id="id_t_0">'
        '<input type="hidden" name="t" value="2" id="id_t_1">'
    )
    assert widget.value_from_datadict(QueryDict("t=1&t=2"), {}, "t") == ["1", "2"]


CHOICES = [("", "---"), ("a", "A & co"), ("Group", [("b", "B"), ("c", "C")])]


def test_select() -> None:
    assert forms.Select(choices=CHOICES).render("s", "b", {"id": "id_s"}) == (
        '<select name="s" id="id_s"><option value="">---</option>'
        '<option value="a">A &amp; co</option><optgroup label="Group">'
        '<option value="b" selected>B</option><option value="c">C</option></optgroup></select>'
    )


def test_select_multiple() -> None:
    widget = forms.SelectMultiple(choices=CHOICES[1:])
    assert widget.render("s", ["a", "c"]) == (
        '<select name="s" multiple><option value="a" selected>A &amp; co</option>'
        '<optgroup label="Group"><option value="b">B</option>'
        '<option value="c" selected>C</option></optgroup></select>'
    )
    assert widget.value_from_datadict(QueryDict("s=a&s=c"), {}, "s") == ["a", "c"]
    assert widget.value_from_datadict({"s": ["a"]}, {}, "s") == ["a"]
    assert widget.value_from_datadict({}, {}, "s") == []


def test_null_boolean_select() -> None:
    widget = forms.NullBooleanSelect()
    assert widget.render("n", None) == (
        '<select name="n"><option value="unknown" selected>Unknown</option>'
        '<option value="true">Yes</option><option value="false">No</option></select>'
    )
    assert 'value="false" selected' in widget.render("n", False)
    assert widget.value_from_datadict({"n": "true"}, {}, "n") is True
    assert widget.value_from_datadict({"n": "false"}, {}, "n") is False
    assert widget.value_from_datadict({"n": "unknown"}, {}, "n") is None


def test_radio_select() -> None:
    widget = forms.RadioSelect(choices=[("a", "A"), ("b", "B")])
    assert widget.render("r", "b", {"id": "id_r"}) == (
        '<div id="id_r">'
        '<div><label for="id_r_0"><input type="radio" name="r" value="a" id="id_r_0"> A'
        "</label></div>"
        '<div><label for="id_r_1"><input type="radio" name="r" value="b" id="id_r_1" checked> B'
        "</label></div></div>"
    )


def test_checkbox_select_multiple() -> None:
    widget = forms.CheckboxSelectMultiple(choices=[("a", "A"), ("b", "B")])
    assert widget.render("c", ["a", "b"], {"id": "id_c"}) == (
        '<div id="id_c">'
        '<div><label for="id_c_0"><input type="checkbox" name="c" value="a" id="id_c_0" checked>'
        " A</label></div>"
        '<div><label for="id_c_1"><input type="checkbox" name="c" value="b" id="id_c_1" checked>'
        " B</label></div></div>"
    )
    assert not widget.use_required_attribute(None)


def test_split_datetime_widget() -> None:
    widget = forms.SplitDateTimeWidget()
    html = widget.render("w", dt.datetime(2026, 1, 2, 3, 4), {"id": "id_w"})
    assert html == (
        '<input type="date" name="w_0" value="2026-01-02" id="id_w_0">'
        '<input type="time" name="w_1" value="03:04" id="id_w_1">'
    )
    assert widget.value_from_datadict({"w_0": "2026-01-02", "w_1": "03:04"}, {}, "w") == [
        "2026-01-02",
        "03:04",
    ]
    assert widget.render("w", ["2026-01-02", "bad"]) == (
        '<input type="date" name="w_0" value="2026-01-02">'
        '<input type="time" name="w_1" value="bad">'
    )


class StoredFile:
    name = "report <1>.pdf"
    url = "/media/report.pdf"


def test_clearable_file_input() -> None:
    widget = forms.ClearableFileInput()
    assert widget.render("f", None, {"id": "id_f"}) == '<input type="file" name="f" id="id_f">'
    assert widget.render("f", StoredFile(), {"id": "id_f"}) == (
        '<p>Currently: <a href="/media/report.pdf">report &lt;1&gt;.pdf</a> '
        '<input type="checkbox" name="f-clear" id="f-clear_id"> '
        '<label for="f-clear_id">Clear</label></p>\n'
        '<p>Change: <input type="file" name="f" id="id_f"></p>'
    )
    assert widget.value_from_datadict({"f-clear": "on"}, {}, "f") is False
    assert widget.value_from_datadict({"f-clear": "on"}, {"f": "upload"}, "f") is (
        forms.widgets.FILE_INPUT_CONTRADICTION
    )
    widget.is_required = True
    assert "f-clear" not in widget.render("f", StoredFile())


@pytest.mark.usefixtures("configured")
def test_project_templates_override_widgets(tmp_path: object) -> None:
    from pathlib import Path

    from heron.conf import settings

    root = Path(str(tmp_path))
    override = root / "heron" / "forms" / "widgets"
    override.mkdir(parents=True)
    (override / "input.html").write_text('<input class="mine" name="{{ widget.name }}">')
    settings.TEMPLATES_DIRS = [str(root)]
    assert forms.TextInput().render("q", "x") == '<input class="mine" name="q">'
    settings.TEMPLATES_DIRS = []
    assert forms.TextInput().render("q", "x") == '<input type="text" name="q" value="x">'
