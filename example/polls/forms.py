"""Forms of the polls app: a model form for questions, choices as an inline formset, a vote."""

from __future__ import annotations

from typing import Any

from heron import forms
from heron.forms import inlineformset_factory

from .models import Choice, Question


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["question_text", "tags"]
        help_texts = {"question_text": "Ask something people can answer in one click."}

    def clean_question_text(self) -> str:
        text: str = self.cleaned_data["question_text"].strip()
        if not text.endswith("?"):
            raise forms.ValidationError("A question ends with a question mark.")
        return text


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
