"""Forms of the polls app: a model form for questions, choices as an inline formset, a vote."""

from __future__ import annotations

from typing import Any

from heron import forms
from heron.forms import inlineformset_factory
from heron.utils.text import slugify

from .models import Choice, Question, Tag

TAG_MAX_LENGTH = 40


class QuestionForm(forms.ModelForm):
    """A question, its existing tags as checkboxes, and new tags typed in as a list."""

    new_tags = forms.CharField(
        required=False,
        max_length=200,
        label="New tags",
        help_text="Separated by commas, e.g. food, travel.",
    )

    class Meta:
        model = Question
        fields = ["question_text", "tags"]
        widgets = {"tags": forms.CheckboxSelectMultiple}
        help_texts = {"question_text": "Ask something people can answer in one click."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not Tag.objects.exists():
            # No checkboxes to show: the new-tags field below is the way to add the first.
            del self.fields["tags"]

    def clean_question_text(self) -> str:
        text: str = self.cleaned_data["question_text"].strip()
        if not text.endswith("?"):
            raise forms.ValidationError("A question ends with a question mark.")
        return text

    def clean_new_tags(self) -> list[str]:
        names = [slugify(name) for name in self.cleaned_data["new_tags"].split(",")]
        if any(len(name) > TAG_MAX_LENGTH for name in names):
            raise forms.ValidationError(f"A tag has at most {TAG_MAX_LENGTH} characters.")
        return sorted({name for name in names if name})

    def save(self, commit: bool = True) -> Any:
        question = super().save(commit)
        if commit:
            for name in self.cleaned_data["new_tags"]:
                tag, _ = Tag.objects.get_or_create(name=name)
                question.tags.add(tag)
        return question


ChoiceFormSet = inlineformset_factory(
    Question, Choice, fields=["choice_text"], extra=3, max_num=10, can_delete=False
)


class VoteForm(forms.Form):
    choice = forms.ModelChoiceField(
        queryset=Choice.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Pick one of the choices before voting."},
    )

    def __init__(self, question: Question, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["choice"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = question.choices.all()
