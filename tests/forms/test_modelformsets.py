"""Model formsets and inline formsets on every backend, including forged primary keys."""

from __future__ import annotations

from typing import Any

import pytest

from heron import forms

from .models import Author, Choice, Question

pytestmark = pytest.mark.usefixtures("tables")

AuthorFormSet = forms.modelformset_factory(Author, fields=["name"], extra=1, can_delete=True)


def management(prefix: str, total: int, initial: int) -> dict[str, str]:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def test_model_formset_lists_rows_and_saves_changes() -> None:
    ada = Author.objects.create(name="Ada")
    bob = Author.objects.create(name="Bob")
    formset = AuthorFormSet()
    assert formset.prefix == "formstests-author"
    assert [f["name"].value() for f in formset] == ["Ada", "Bob", None]
    assert (
        f'<input type="hidden" name="formstests-author-0-id" value="{ada.pk}" '
        'id="id_formstests-author-0-id">'
    ) in str(formset)
    p = "formstests-author"
    data = {
        **management(p, 3, 2),
        f"{p}-0-id": str(ada.pk),
        f"{p}-0-name": "Ada Lovelace",
        f"{p}-1-id": str(bob.pk),
        f"{p}-1-name": "Bob",
        f"{p}-1-DELETE": "on",
        f"{p}-2-name": "Cy",
    }
    formset = AuthorFormSet(data)
    assert formset.is_valid(), (formset.errors, formset.non_form_errors())
    saved = formset.save()
    assert [a.name for a in saved] == ["Ada Lovelace", "Cy"]
    assert [a.name for a in formset.deleted_objects] == ["Bob"]
    assert formset.changed_objects == [(ada, ["name"])]
    assert sorted(a.name for a in Author.objects.all()) == ["Ada Lovelace", "Cy"]


def test_forged_primary_key_cannot_edit_other_rows() -> None:
    ada = Author.objects.create(name="Ada")
    outsider = Author.objects.create(name="Zed")
    Limited = forms.modelformset_factory(Author, fields=["name"], extra=0)
    p = "formstests-author"
    data = {**management(p, 1, 1), f"{p}-0-id": str(outsider.pk), f"{p}-0-name": "Pwned"}
    formset = Limited(data, queryset=Author.objects.filter(pk=ada.pk))
    assert not formset.is_valid()
    assert formset.errors[0]["id"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    garbage = Limited({**data, f"{p}-0-id": "x"}, queryset=Author.objects.filter(pk=ada.pk))
    assert not garbage.is_valid()
    assert Author.objects.get(pk=outsider.pk).name == "Zed"


def test_duplicate_unique_values_across_forms() -> None:
    p = "formstests-author"
    Adding = forms.modelformset_factory(Author, fields=["name"], extra=2)
    data = {**management(p, 2, 0), f"{p}-0-name": "Twin", f"{p}-1-name": "Twin"}
    formset = Adding(data, queryset=Author.objects.none())
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Please correct the duplicate data for name."]


def test_commit_false() -> None:
    p = "formstests-author"
    Adding = forms.modelformset_factory(Author, fields=["name"], extra=1)
    formset = Adding({**management(p, 1, 0), f"{p}-0-name": "Later"})
    assert formset.is_valid()
    [author] = formset.save(commit=False)
    assert author.pk is None
    author.email = "later@example.com"
    author.save()
    formset.save_m2m()
    assert Author.objects.get(name="Later").email == "later@example.com"


def test_modelformset_factory_needs_fields() -> None:
    with pytest.raises(TypeError, match=r"modelformset_factory\(\) needs fields"):
        forms.modelformset_factory(Author)


ChoiceFormSet = forms.inlineformset_factory(
    Question, Choice, fields=["choice_text", "votes"], extra=2
)


def inline_data(question: Question, rows: list[dict[str, Any]], initial: int) -> dict[str, Any]:
    data: dict[str, Any] = management("choices", len(rows), initial)
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"choices-{index}-{key}"] = value
    return data


def test_inline_formset_edits_children_of_one_parent() -> None:
    question = Question.objects.create(text="Best language?")
    other = Question.objects.create(text="Other")
    py = Choice.objects.create(question=question, choice_text="Python")
    Choice.objects.create(question=other, choice_text="Elsewhere")
    formset = ChoiceFormSet(instance=question)
    assert formset.prefix == "choices"
    assert len(formset) == 3
    assert "question" not in formset.forms[0].fields
    assert formset.forms[0]["choice_text"].value() == "Python"
    data = inline_data(
        question,
        [
            {"id": str(py.pk), "choice_text": "Python 3", "votes": "1"},
            {"choice_text": "Rust", "votes": "0"},
            {"choice_text": "", "votes": "0"},
        ],
        initial=1,
    )
    formset = ChoiceFormSet(data, instance=question)
    assert formset.is_valid(), (formset.errors, formset.non_form_errors())
    formset.save()
    assert [(c.choice_text, c.votes) for c in question.choices.all()] == [
        ("Python 3", 1),
        ("Rust", 0),
    ]
    assert [c.choice_text for c in other.choices.all()] == ["Elsewhere"]


def test_inline_formset_unique_together_with_parent() -> None:
    question = Question.objects.create(text="Q")
    Choice.objects.create(question=question, choice_text="Yes")
    data = inline_data(question, [{"choice_text": "Yes", "votes": "0"}], initial=0)
    formset = ChoiceFormSet(data, instance=question)
    assert not formset.is_valid()
    assert formset.errors[0]["__all__"] == [
        "Choice with this Question and Choice text already exists."
    ]
    twice = inline_data(
        question,
        [{"choice_text": "Maybe", "votes": "0"}, {"choice_text": "Maybe", "votes": "0"}],
        initial=0,
    )
    formset = ChoiceFormSet(twice, instance=question)
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Please correct the duplicate data for choice_text."]


def test_inline_formset_rejects_a_child_of_another_parent() -> None:
    question = Question.objects.create(text="Mine")
    theirs = Choice.objects.create(
        question=Question.objects.create(text="Theirs"), choice_text="Keep"
    )
    data = inline_data(
        question, [{"id": str(theirs.pk), "choice_text": "Stolen", "votes": "9"}], initial=1
    )
    formset = ChoiceFormSet(data, instance=question)
    assert not formset.is_valid()
    assert Choice.objects.get(pk=theirs.pk).choice_text == "Keep"


def test_inline_formset_with_a_new_parent() -> None:
    question = Question(text="New poll")
    data = inline_data(question, [{"choice_text": "Yes", "votes": "0"}], initial=0)
    formset = ChoiceFormSet(data, instance=question)
    assert formset.is_valid(), formset.errors
    question.save()
    formset.instance = question
    [choice] = formset.save()
    assert choice.question_id == question.pk
    assert [c.choice_text for c in question.choices.all()] == ["Yes"]


def test_inline_factory_errors() -> None:
    with pytest.raises(
        ValueError, match=r"formstests.Author has no ForeignKey to formstests.Question"
    ):
        forms.inlineformset_factory(Question, Author, fields=["name"])
    with pytest.raises(ValueError, match="has no ForeignKey named 'nope'"):
        forms.inlineformset_factory(Question, Choice, fk_name="nope", fields=["votes"])


def test_all_fields_formsets_edit_existing_rows() -> None:
    """With fields="__all__", the hidden pk field's cleaned value (the row itself) is never
    copied onto the auto-incrementing primary key."""
    ada = Author.objects.create(name="Ada")
    Everything = forms.modelformset_factory(Author, fields="__all__", extra=0)
    p = "formstests-author"
    data = {**management(p, 1, 1), f"{p}-0-id": str(ada.pk), f"{p}-0-name": "Ada L."}
    formset = Everything(data, queryset=Author.objects.filter(pk=ada.pk))
    assert formset.is_valid(), (formset.errors, formset.non_form_errors())
    [saved] = formset.save()
    assert saved.pk == ada.pk
    assert Author.objects.get(pk=ada.pk).name == "Ada L."

    question = Question.objects.create(text="Best language?")
    py = Choice.objects.create(question=question, choice_text="Python")
    AllChoices = forms.inlineformset_factory(Question, Choice, fields="__all__", extra=0)
    rows = [{"id": str(py.pk), "choice_text": "Python 3", "votes": "2"}]
    inline = AllChoices(inline_data(question, rows, initial=1), instance=question)
    assert inline.is_valid(), (inline.errors, inline.non_form_errors())
    inline.save()
    assert [(c.pk, c.choice_text, c.votes) for c in question.choices.all()] == [
        (py.pk, "Python 3", 2)
    ]
