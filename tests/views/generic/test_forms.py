"""FormView, CreateView and UpdateView through the test client (sync and async views)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from heron.test import Client

from . import views
from .models import Author, Book

pytestmark = pytest.mark.usefixtures("site")

EMAIL_INPUT = '<input type="email" name="email" maxlength="320" required id="id_email">'


@pytest.fixture(params=["", "/async"])
def prefix(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(autouse=True)
def sent() -> Iterator[list[dict[str, object]]]:
    views.SENT.clear()
    yield views.SENT
    views.SENT.clear()


def test_form_view_get_shows_initial(client: Client, prefix: str) -> None:
    response = client.get(f"{prefix}/contact/")
    assert response.status_code == 200
    assert EMAIL_INPUT in response.text
    assert 'name="message" value="Hello"' in response.text
    assert response.templates == ["contact.html"]


def test_form_view_invalid_rerenders_with_errors(
    client: Client, prefix: str, sent: list[dict[str, object]]
) -> None:
    response = client.post(f"{prefix}/contact/", {"email": "nope", "message": "x" * 30})
    assert response.status_code == 200
    assert (
        '<ul class="errorlist" id="id_email_error"><li>Enter a valid email address.</li></ul>'
        in (response.text)
    )
    assert "Ensure this value has at most 20 characters (it has 30)." in response.text
    assert 'value="nope"' in response.text
    assert sent == []


def test_form_view_valid_redirects(
    client: Client, prefix: str, sent: list[dict[str, object]]
) -> None:
    response = client.post(f"{prefix}/contact/", {"email": "a@example.com", "message": "Hi"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/thanks/"
    assert sent == [{"email": "a@example.com", "message": "Hi"}]


def test_create_view(client: Client, prefix: str) -> None:
    form = client.get(f"{prefix}/authors/new/")
    assert form.status_code == 200
    assert form.templates == ["generic_views/author_form.html"]
    assert '<input type="text" name="slug" maxlength="100" required id="id_slug">' in form.text
    response = client.post(f"{prefix}/authors/new/", {"name": "Ann", "slug": "ann"})
    assert response.status_code == 302
    ann = Author.objects.get(slug="ann")
    assert response.headers["Location"] == f"/done/ann/{ann.pk}/"
    assert ann.name == "Ann"


def test_create_view_invalid_saves_nothing(client: Client, prefix: str) -> None:
    Author.objects.create(name="Ann", slug="ann")
    missing = client.post(f"{prefix}/authors/new/", {"name": "", "slug": "bob"})
    assert missing.status_code == 200
    assert "This field is required." in missing.text
    duplicate = client.post(f"{prefix}/authors/new/", {"name": "Ann 2", "slug": "ann"})
    assert duplicate.status_code == 200
    assert "Author with this Slug already exists." in duplicate.text
    assert Author.objects.count() == 1


def test_update_view(client: Client, prefix: str) -> None:
    ann = Author.objects.create(name="Ann", slug="ann")
    form = client.get(f"{prefix}/authors/{ann.pk}/edit/")
    assert form.status_code == 200
    assert 'name="name" value="Ann"' in form.text
    assert "<p>Editing Ann</p>" in form.text
    assert 'name="slug"' not in form.text  # not in fields
    response = client.post(f"{prefix}/authors/{ann.pk}/edit/", {"name": "Anne"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/authors/ann/"  # get_absolute_url()
    ann.refresh_from_db()
    assert (ann.name, ann.slug) == ("Anne", "ann")


def test_update_view_invalid_and_missing(client: Client, prefix: str) -> None:
    ann = Author.objects.create(name="Ann", slug="ann")
    response = client.post(f"{prefix}/authors/{ann.pk}/edit/", {"name": "x" * 101})
    assert response.status_code == 200
    assert "Ensure this value has at most 100 characters (it has 101)." in response.text
    ann.refresh_from_db()
    assert ann.name == "Ann"
    assert client.get(f"{prefix}/authors/999/edit/").status_code == 404
    assert client.post(f"{prefix}/authors/999/edit/", {"name": "x"}).status_code == 404


def test_create_view_with_a_model_form_class(client: Client) -> None:
    invalid = client.post("/books/new/", {"title": "Empty", "pages": "0"})
    assert invalid.status_code == 200
    assert "A book has at least one page." in invalid.text
    response = client.post("/books/new/", {"title": "Dune", "pages": "412"})
    assert response.headers["Location"] == "/books/?new=Dune"
    assert [(b.title, b.pages) for b in Book.objects.all()] == [("Dune", 412)]
