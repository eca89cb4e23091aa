"""``BoundField``: one field of one form instance, as a template sees it (``form["name"]``).

It knows the field's HTML name (with the form's prefix), its id (``auto_id``), the value to
show (submitted data when bound, else the initial value) and its errors. Rendering it gives
the widget, with ``aria-invalid="true"`` and ``aria-describedby`` (pointing at the help text
and the error list) added when the field has errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .errors import ErrorList
from .renderers import render
from .renderers import render as render_template
from .widgets.base import TextInput, Widget

if TYPE_CHECKING:
    from .fields.base import Field
    from .forms import BaseForm

__all__ = ["BoundField", "BoundWidget"]

_UNSET: Any = object()


class BoundField:
    """A form field bound to a form; see the module docstring."""

    def __init__(self, form: BaseForm, field: Field, name: str) -> None:
        self.form = form
        self.field = field
        self.name = name
        self.html_name = form.add_prefix(name)
        self.html_initial_name = form.add_initial_prefix(name)
        self.html_initial_id = form.add_initial_prefix(self.auto_id)
        self.label: str = field.label if field.label is not None else _pretty(name)
        self.help_text = field.help_text or ""
        self._initial: Any = _UNSET

    # -- what templates read --------------------------------------------------------------------

    @property
    def auto_id(self) -> str:
        """The id of the element (``auto_id % html_name``), or "" when ids are off."""
        auto_id = self.form.auto_id
        if auto_id and "%s" in str(auto_id):
            return str(auto_id) % self.html_name
        if auto_id:
            return self.html_name
        return ""

    @property
    def id_for_label(self) -> str:
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        return widget.id_for_label(id_) if id_ else ""

    @property
    def errors(self) -> ErrorList:
        """This field's errors (an empty list for an unbound or valid form)."""
        found = self.form.errors.get(self.name)
        if found is None:
            found = self.form.error_class(field_id=self.auto_id or None)
        return found

    @property
    def data(self) -> Any:
        """The value submitted for this field (None when not sent)."""
        widget = self.field.widget
        return widget.value_from_datadict(self.form.data, self.form.files, self.html_name)

    @property
    def initial(self) -> Any:
        if self._initial is _UNSET:
            self._initial = self.form.get_initial_for_field(self.field, self.name)
        return self._initial

    def value(self) -> Any:
        """Return the value the widget shows."""
        data = self.initial
        if self.form.is_bound:
            data = self.field.bound_data(self.data, data)
        return self.field.prepare_value(data)

    @property
    def is_hidden(self) -> bool:
        return bool(self.field.widget.is_hidden)

    @property
    def use_fieldset(self) -> bool:
        return bool(self.field.widget.use_fieldset)

    @property
    def widget_type(self) -> str:
        return type(self.field.widget).__name__.lower().removesuffix("widget").removesuffix("input")

    @property
    def helptext_id(self) -> str:
        return f"{self.auto_id}_helptext" if self.auto_id and self.help_text else ""

    def css_classes(self, extra_classes: str | None = None) -> str:
        """Return the row's classes: ``extra_classes`` plus the form's error/required ones."""
        classes = set((extra_classes or "").split())
        if self.errors and self.form.error_css_class:
            classes.add(self.form.error_css_class)
        if self.field.required and self.form.required_css_class:
            classes.add(self.form.required_css_class)
        return " ".join(sorted(classes))

    def _has_changed(self) -> bool:
        field = self.field
        if field.show_hidden_initial:
            hidden = field.hidden_widget()
            initial = hidden.value_from_datadict(
                self.form.data, self.form.files, self.html_initial_name
            )
            try:
                initial = field.to_python(initial)
            except Exception:
                return True
        else:
            initial = self.initial
        return field.has_changed(initial, self.data)

    # -- rendering -------------------------------------------------------------------------------

    def build_widget_attrs(
        self, attrs: Mapping[str, Any], widget: Widget | None = None
    ) -> dict[str, Any]:
        widget = widget or self.field.widget
        out = dict(attrs)
        if (
            widget.use_required_attribute(self.initial)
            and self.field.required
            and self.form.use_required_attribute
        ):
            out["required"] = True
        if self.field.disabled:
            out["disabled"] = True
        if not widget.is_hidden:
            described = [part for part in (self.helptext_id,) if part]
            if self.form.is_bound and self.errors:
                out["aria-invalid"] = "true"
                if self.auto_id:
                    described.append(f"{self.auto_id}_error")
            if described and "aria-describedby" not in widget.attrs:
                out.setdefault("aria-describedby", " ".join(described))
        return out

    def as_widget(
        self,
        widget: Widget | None = None,
        attrs: Mapping[str, Any] | None = None,
        only_initial: bool = False,
    ) -> Markup:
        """Render the widget (or ``widget``) with the field's value and attributes."""
        widget = widget or self.field.widget
        final = self.build_widget_attrs(attrs or {}, widget)
        if self.auto_id and "id" not in widget.attrs:
            final.setdefault("id", self.html_initial_id if only_initial else self.auto_id)
        name = self.html_initial_name if only_initial else self.html_name
        return widget.render(name, self.value(), final)

    def as_hidden(self, attrs: Mapping[str, Any] | None = None) -> Markup:
        return self.as_widget(self.field.hidden_widget(), attrs)

    def as_text(self, attrs: Mapping[str, Any] | None = None) -> Markup:
        return self.as_widget(TextInput(), attrs)

    def label_tag(
        self,
        contents: str | None = None,
        attrs: Mapping[str, Any] | None = None,
        label_suffix: str | None = None,
        tag: str = "label",
    ) -> Markup:
        """Return ``<label for="id">Label:</label>`` (``tag="legend"`` for a fieldset)."""
        text = self.label if contents is None else contents
        suffix = label_suffix
        if suffix is None:
            suffix = (
                self.field.label_suffix
                if self.field.label_suffix is not None
                else self.form.label_suffix
            )
        if suffix and text and text[-1] not in ":?.!":
            text = f"{text}{suffix}"
        label_attrs = dict(attrs or {})
        id_for_label = self.id_for_label
        if id_for_label and tag == "label":
            label_attrs["for"] = id_for_label
        elif tag == "legend" and self.auto_id:
            label_attrs.setdefault("id", f"{self.auto_id}_legend")
        if self.field.required and self.form.required_css_class:
            classes = label_attrs.get("class", "")
            label_attrs["class"] = f"{classes} {self.form.required_css_class}".strip()
        return render(
            "heron/forms/label.html",
            {"label": text, "tag": tag, "widget": {"attrs": label_attrs}, "use_tag": bool(text)},
        )

    def legend_tag(
        self,
        contents: str | None = None,
        attrs: Mapping[str, Any] | None = None,
        label_suffix: str | None = None,
    ) -> Markup:
        return self.label_tag(contents, attrs, label_suffix, tag="legend")

    @property
    def subwidgets(self) -> list[BoundWidget]:
        """The options of a radio or checkbox group, each renderable on its own."""
        id_ = self.field.widget.attrs.get("id") or self.auto_id
        attrs = {"id": id_} if id_ else {}
        attrs = self.build_widget_attrs(attrs)
        return [
            BoundWidget(self.field.widget, widget)
            for widget in self.field.widget.subwidgets(self.html_name, self.value(), attrs)
        ]

    def __iter__(self) -> Iterator[BoundWidget]:
        return iter(self.subwidgets)

    def __len__(self) -> int:
        return len(self.subwidgets)

    def __getitem__(self, index: int) -> BoundWidget:
        return self.subwidgets[index]

    def __html__(self) -> str:
        html = self.as_widget()
        if self.field.show_hidden_initial:
            html += self.as_widget(self.field.hidden_widget(), only_initial=True)
        return str(html)

    def __str__(self) -> str:
        return self.__html__()

    def __repr__(self) -> str:
        return f"<BoundField {self.name}>"


class BoundWidget:
    """One option of a radio or checkbox group: ``{{ radio.tag() }}``, ``choice_label``."""

    def __init__(self, parent: Widget, data: dict[str, Any]) -> None:
        self.parent_widget = parent
        self.data = data

    def tag(self) -> Markup:
        return render_template("heron/forms/widgets/option_input.html", {"widget": self.data})

    @property
    def choice_label(self) -> Any:
        return self.data.get("label", "")

    @property
    def id_for_label(self) -> str:
        return str(self.data.get("attrs", {}).get("id", ""))

    def __html__(self) -> str:
        label = Markup("<label{}>{} {}</label>").format(
            Markup(' for="{}"').format(self.id_for_label) if self.id_for_label else "",
            self.tag(),
            self.choice_label,
        )
        return str(label)

    def __str__(self) -> str:
        return self.__html__()


def _pretty(name: str) -> str:
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]
