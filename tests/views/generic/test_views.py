"""Generic views through the test client, on every backend, sync and async views."""

from __future__ import annotations

import pytest

from heron.test import Client

from .models import Author, Book

pytestmark = pytest.mark.usefixtures("site")


@pytest.fixture(params=["", "/async"])
def prefix(request: pytest.FixtureRequest) -> str:
    """URL prefix: the sync view, or its async twin."""
    return str(request.param)


def authors(*names: str) -> list[Author]:
    return [Author.objects.create(name=name, slug=name.lower()) for name in names]


def test_template_view(client: Client) -> None:
    response = client.get("/about/birds/")
    assert response.status_code == 200
    assert response.text == "<p>About birds: us</p>"


def test_list_view_paginates(client: Client, prefix: str) -> None:
    authors("Cy", "Al", "Bo")
    first = client.get(f"{prefix}/authors/")
    assert first.status_code == 200
    assert first.text == "<ul><li>Al</li><li>Bo</li></ul>\n<p>Page 1 of 2</p>"
    second = client.get(f"{prefix}/authors/", {"page": "2"})
    assert second.text == "<ul><li>Cy</li></ul>\n<p>Page 2 of 2</p>"
    assert client.get(f"{prefix}/authors/", {"page": "last"}).text == second.text


@pytest.mark.parametrize("page", ["3", "0", "abc", "1.5"])
def test_list_view_invalid_page_is_404(client: Client, prefix: str, page: str) -> None:
    authors("Al", "Bo", "Cy")
    response = client.get(f"{prefix}/authors/", {"page": page})
    assert response.status_code == 404


def test_list_view_page_from_url_kwarg(client: Client) -> None:
    authors("Al", "Bo", "Cy")
    assert client.get("/authors/page2/").text == "<ul><li>Cy</li></ul>\n<p>Page 2 of 2</p>"
    assert client.get("/authors/page9/").status_code == 404


def test_empty_list_renders_page_one(client: Client, prefix: str) -> None:
    assert client.get(f"{prefix}/authors/").text == "<ul></ul>"


def test_list_view_queryset_ordering_and_name(client: Client, prefix: str) -> None:
    for title, pages in [("Short", 10), ("Long", 900), ("Blank", 0), ("Mid", 300)]:
        Book.objects.create(title=title, pages=pages)
    response = client.get(f"{prefix}/books/")
    assert response.text == "Long;Mid;Short;"


def test_list_view_allow_empty_false_is_404(client: Client, prefix: str) -> None:
    Book.objects.create(title="Blank", pages=0)
    assert client.get(f"{prefix}/books/").status_code == 404


def test_list_view_as_view_kwargs_and_template_name(client: Client) -> None:
    Book.objects.create(title="<b>", pages=1)
    assert client.get("/books/custom/").text == "[&lt;b&gt; 1]"


def test_detail_by_slug_and_pk(client: Client, prefix: str) -> None:
    (al,) = authors("Al")
    by_slug = client.get(f"{prefix}/authors/al/")
    assert by_slug.status_code == 200
    assert by_slug.text == "<h1>Al</h1><p>al</p>"
    assert client.get(f"{prefix}/authors/id/{al.pk}/").text == by_slug.text


def test_detail_missing_is_404(client: Client, prefix: str) -> None:
    assert client.get(f"{prefix}/authors/nobody/").status_code == 404
    assert client.get(f"{prefix}/authors/id/999/").status_code == 404


def test_delete_view_confirms_then_deletes(client: Client, prefix: str) -> None:
    al, _ = authors("Al", "Bo")
    confirm = client.get(f"{prefix}/authors/{al.pk}/delete/")
    assert confirm.status_code == 200
    assert confirm.text == "<p>Delete Al?</p>"
    assert Author.objects.count() == 2
    response = client.post(f"{prefix}/authors/{al.pk}/delete/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/authors/?deleted=Al"
    assert [a.name for a in Author.objects.all()] == ["Bo"]
    assert client.post(f"{prefix}/authors/{al.pk}/delete/").status_code == 404


def test_list_view_context_and_template(client: Client, prefix: str) -> None:
    authors("Al", "Bo", "Cy")
    response = client.get(f"{prefix}/authors/", {"page": "2"})
    assert response.templates == ["generic_views/author_list.html"]
    (context,) = response.contexts
    assert [a.name for a in context["author_list"]] == ["Cy"]
    assert context["object_list"] is context["author_list"]
    assert (context["is_paginated"], context["page_obj"].number) == (True, 2)
    assert context["paginator"].count == 3
    assert type(context["view"]).__name__ in ("AuthorList", "AsyncAuthorList")


def test_detail_view_context(client: Client, prefix: str) -> None:
    (al,) = authors("Al")
    response = client.get(f"{prefix}/authors/id/{al.pk}/")
    assert response.templates == ["generic_views/author_detail.html"]
    (context,) = response.contexts
    assert context["object"].pk == context["author"].pk == al.pk


def test_head_and_method_not_allowed(client: Client, prefix: str) -> None:
    authors("Al")
    head = client.head(f"{prefix}/authors/al/")
    assert (head.status_code, head.content) == (200, b"")
    refused = client.post(f"{prefix}/authors/al/")
    assert refused.status_code == 405
    assert refused.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_async_template_view(client: Client) -> None:
    assert client.get("/async/about/fish/").text == "<p>About fish: us</p>"


def test_detail_by_other_slug_field_within_queryset(client: Client) -> None:
    authors("Al", "Bo")
    assert client.get("/people/Al/").text == "Al (name)"
    assert client.get("/people/Bo/").status_code == 404  # outside the queryset


def test_detail_query_pk_and_slug(client: Client) -> None:
    al, _ = authors("Al", "Bo")
    assert client.get(f"/people/{al.pk}/al/").status_code == 200
    assert client.get(f"/people/{al.pk}/bo/").status_code == 404
