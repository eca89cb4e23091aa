"""ModelForm on every backend: generated fields, model validation, unique checks, saving."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from heron import forms
from heron.db.models import FieldError

from .models import Article, Author, Event, Tag

pytestmark = pytest.mark.usefixtures("tables")


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        labels = {"slug": "Web address"}
        help_texts = {"rating": "From 0 up."}
        error_messages = {"slug": {"unique": "That address is taken."}}


def data(who: Author, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Hello",
        "slug": "hello",
        "body": "Text",
        "status": "draft",
        "rating": "3",
        "price": "",
        "author": str(who.pk),
    }
    values.update(changes)
    return values


@pytest.fixture
def ada() -> Author:
    return Author.objects.create(name="Ada", email="ada@example.com")


def test_generated_fields(ada: Author) -> None:
    fields = ArticleForm.base_fields
    assert list(fields) == [
        "title",
        "slug",
        "body",
        "status",
        "rating",
        "price",
        "featured",
        "author",
        "tags",
    ]
    assert isinstance(fields["title"], forms.CharField) and fields["title"].max_length == 200
    assert fields["title"].help_text == "Keep it short."
    assert isinstance(fields["slug"], forms.SlugField) and fields["slug"].label == "Web address"
    assert fields["body"].required is False
    assert isinstance(fields["status"], forms.TypedChoiceField)
    assert list(fields["status"].choices) == [("draft", "Draft"), ("live", "Published")]
    assert isinstance(fields["rating"], forms.IntegerField) and fields["rating"].min_value == 0
    assert isinstance(fields["price"], forms.DecimalField) and fields["price"].decimal_places == 2
    assert isinstance(fields["featured"], forms.BooleanField) and not fields["featured"].required
    assert isinstance(fields["author"], forms.ModelChoiceField)
    assert isinstance(fields["tags"], forms.ModelMultipleChoiceField)
    assert not fields["tags"].required
    html = str(ArticleForm()["author"])
    assert html == (
        '<select name="author" required id="id_author"><option value="" selected>---------'
        f'</option><option value="{ada.pk}">Ada</option></select>'
    )
    assert str(ArticleForm()["body"]) == (
        '<textarea name="body" cols="40" rows="4" id="id_body">\n</textarea>'
    )


def test_other_field_types() -> None:
    class EventForm(forms.ModelForm):
        class Meta:
            model = Event
            exclude = ["ratio"]

    fields = EventForm.base_fields
    assert list(fields) == ["name", "starts", "length", "code", "data", "doors"]
    assert isinstance(fields["starts"], forms.DateTimeField)
    assert isinstance(fields["length"], forms.DurationField)
    assert isinstance(fields["code"], forms.UUIDField)
    assert isinstance(fields["data"], forms.JSONField)
    assert isinstance(fields["doors"], forms.TimeField)
    code = uuid.uuid4()
    form = EventForm(
        {
            "name": "Launch",
            "starts": "2026-05-01T18:30",
            "length": "02:00:00",
            "code": str(code),
            "data": '{"room": 4}',
            "doors": "18:00",
        }
    )
    assert form.is_valid(), form.errors
    event = form.save()
    event.refresh_from_db()
    assert event.starts == dt.datetime(2026, 5, 1, 18, 30, tzinfo=dt.UTC)
    assert event.length == dt.timedelta(hours=2)
    assert event.code == code
    assert event.data == {"room": 4}
    assert event.doors == dt.time(18, 0)
    assert event.ratio == 1.0


def test_meta_needs_fields_or_exclude() -> None:
    with pytest.raises(TypeError, match=r"needs Meta\.fields"):

        class Loose(forms.ModelForm):
            class Meta:
                model = Author

    with pytest.raises(FieldError) as info:

        class Typo(forms.ModelForm):
            class Meta:
                model = Author
                fields = ["nmae"]

    assert str(info.value) == (
        "Unknown field(s) (nmae) specified for Author. Its fields are: id, name, email, born."
    )
    with pytest.raises(FieldError, match="'created' cannot be specified for Article model form"):

        class NotEditable(forms.ModelForm):
            class Meta:
                model = Article
                fields = ["title", "created"]


def test_create_with_m2m(ada: Author) -> None:
    news, tech = Tag.objects.create(name="news"), Tag.objects.create(name="tech")
    form = ArticleForm(data(ada, tags=[str(news.pk), str(tech.pk)], featured="on"))
    assert form.is_valid(), form.errors
    article = form.save()
    assert article.pk is not None
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.author_id, saved.rating, saved.featured) == (
        "Hello",
        ada.pk,
        3,
        True,
    )
    assert saved.price is None
    assert sorted(t.name for t in saved.tags.all()) == ["news", "tech"]


def test_commit_false_then_save_m2m(ada: Author) -> None:
    news = Tag.objects.create(name="news")
    form = ArticleForm(data(ada, tags=[str(news.pk)]))
    assert form.is_valid(), form.errors
    article = form.save(commit=False)
    assert article.pk is None
    article.rating = 7
    article.save()
    form.save_m2m()
    assert [t.name for t in Article.objects.get(pk=article.pk).tags.all()] == ["news"]
    assert Article.objects.get(pk=article.pk).rating == 7


def test_edit_instance(ada: Author) -> None:
    news = Tag.objects.create(name="news")
    article = Article.objects.create(title="Old", slug="old", author=ada)
    article.tags.set([news])
    form = ArticleForm(instance=article)
    assert form["title"].value() == "Old"
    assert form["author"].value() == ada.pk
    assert form["tags"].value() == [news.pk]
    assert 'value="old"' in str(form["slug"])
    form = ArticleForm(data(ada, title="New", slug="old"), instance=article)
    assert form.is_valid(), form.errors
    assert form.changed_data == ["title", "body", "rating", "tags"]
    form.save()
    article.refresh_from_db()
    assert article.title == "New"
    assert list(article.tags.all()) == []


def test_model_validation_runs(ada: Author) -> None:
    form = ArticleForm(data(ada, status="live", body=""))
    assert not form.is_valid()
    assert form.non_field_errors() == ["A published article needs a body."]
    bad = ArticleForm(data(ada, status="gone", price="1.234"))
    assert bad.errors["status"] == [
        "Select a valid choice. gone is not one of the available choices."
    ]
    assert bad.errors["price"] == ["Ensure that there are no more than 2 decimal places."]
    with pytest.raises(ValueError, match="The Article could not be created because the data"):
        bad.save()


def test_invalid_and_forged_choices(ada: Author) -> None:
    for value in ("999999", "abc", "1 OR 1=1", "9" * 30, "1\x00", "-1"):
        form = ArticleForm(data(ada, author=value))
        assert form.errors["author"] == [
            "Select a valid choice. That choice is not one of the available choices."
        ]
    form = ArticleForm(data(ada, tags=["999999"]))
    assert form.errors["tags"] == [
        "Select a valid choice. 999999 is not one of the available choices."
    ]
    form = ArticleForm(data(ada, tags=["x"]))
    assert form.errors["tags"] == ["“x” is not a valid value."]
    form = ArticleForm(data(ada, tags=["9" * 30]))
    assert form.errors["tags"] == [f"“{'9' * 30}” is not a valid value."]


def test_unique_checks(ada: Author) -> None:
    Article.objects.create(title="Hello", slug="hello", author=ada)
    form = ArticleForm(data(ada))
    assert not form.is_valid()
    assert form.errors["slug"] == ["That address is taken."]
    assert form.non_field_errors() == ["Article with this Author and Title already exists."]
    dupe = forms.modelform_factory(Author, fields=["name"])({"name": "Ada"})
    assert dupe.errors["name"] == ["Author with this Name already exists."]
    same = forms.modelform_factory(Author, fields=["name"])({"name": "Ada"}, instance=ada)
    assert same.is_valid(), same.errors


def test_unique_check_skipped_for_fields_not_on_the_form(ada: Author) -> None:
    Article.objects.create(title="Hello", slug="hello", author=ada)
    partial = forms.modelform_factory(Article, fields=["title", "body"])
    form = partial({"title": "Hello", "body": "x"})
    assert "__all__" not in form.errors


def test_modelform_factory_and_declared_overrides(ada: Author) -> None:
    class AuthorForm(forms.ModelForm):
        name = forms.CharField(max_length=10, label="Pen name")

        class Meta:
            model = Author
            fields = ["name", "email"]

    assert AuthorForm.base_fields["name"].label == "Pen name"
    form = AuthorForm({"name": "Grace", "email": "nope"})
    assert form.errors == {"email": ["Enter a valid email address."]}
    Factory = forms.modelform_factory(Author, fields=["email", "born"], labels={"born": "Birthday"})
    assert list(Factory.base_fields) == ["email", "born"]
    assert Factory.base_fields["born"].label == "Birthday"
    form = Factory({"email": "ada@example.org", "born": "1815-12-10"}, instance=ada)
    assert form.is_valid(), form.errors
    form.save()
    ada.refresh_from_db()
    assert ada.born == dt.date(1815, 12, 10)
    with pytest.raises(TypeError, match=r"needs fields=\.\.\."):
        forms.modelform_factory(Author)


def test_model_defaults_are_initial_values(ada: Author) -> None:
    form = ArticleForm()
    assert form["status"].value() == "draft"
    assert form["rating"].value() == 0
    assert '<option value="draft" selected>Draft</option>' in str(form["status"])
    assert '<option value="">' not in str(form["status"])  # a default needs no blank choice
    posted = ArticleForm(data(ada, body=""))
    assert posted.is_valid(), posted.errors
    article = posted.save()
    fresh = Article.objects.get(pk=article.pk)
    assert (fresh.body, fresh.featured, fresh.price) == ("", False, None)
    assert fresh.created is not None


def test_to_field_name_and_custom_querysets(ada: Author) -> None:
    grace = Author.objects.create(name="Grace")

    class Pick(forms.Form):
        author = forms.ModelChoiceField(
            Author.objects.filter(name="Grace"), to_field_name="name", empty_label="Choose"
        )
        others = forms.ModelMultipleChoiceField(Author.objects.all(), required=False)

    form = Pick()
    assert str(form["author"]) == (
        '<select name="author" required id="id_author"><option value="" selected>Choose'
        '</option><option value="Grace">Grace</option></select>'
    )
    picked = Pick({"author": "Grace", "others": [str(ada.pk), str(grace.pk)]})
    assert picked.is_valid(), picked.errors
    assert picked.cleaned_data["author"] == grace
    assert sorted(a.name for a in picked.cleaned_data["others"]) == ["Ada", "Grace"]
    for forged in ("Ada", "Grace\x00", "x" * 300):
        outside = Pick({"author": forged})
        assert outside.errors["author"] == [
            "Select a valid choice. That choice is not one of the available choices."
        ]
    none_picked = Pick({"author": "Grace"})
    assert none_picked.is_valid()
    assert list(none_picked.cleaned_data["others"]) == []
    shown = Pick(initial={"others": [ada]})
    assert f'<option value="{ada.pk}" selected>Ada</option>' in str(shown["others"])


def test_unique_check_on_a_typed_primary_key() -> None:
    from .models import Country

    Country.objects.create(code="fr", name="France")
    CountryForm = forms.modelform_factory(Country, fields="__all__")
    assert list(CountryForm.base_fields) == ["code", "name"]
    form = CountryForm({"code": "fr", "name": "Again"})
    assert form.errors == {"code": ["Country with this Code already exists."]}
    existing = Country.objects.get(pk="fr")
    edit = CountryForm({"code": "fr", "name": "République"}, instance=existing)
    assert edit.is_valid(), edit.errors
    edit.save()
    assert Country.objects.get(pk="fr").name == "République"
