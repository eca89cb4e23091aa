from __future__ import annotations

from heron.urls import path
from heron.views.generic import ListView

from . import views
from .models import Book

urlpatterns = [
    path("about/<str:topic>/", views.About.as_view(), name="about"),
    path("async/about/<str:topic>/", views.AsyncAbout.as_view()),
    path("people/<str:name>/", views.AuthorByName.as_view()),
    path("people/<int:pk>/<slug:slug>/", views.AuthorDetail.as_view(query_pk_and_slug=True)),
    path("authors/", views.AuthorList.as_view(), name="authors"),
    path("async/authors/", views.AsyncAuthorList.as_view()),
    path("authors/page<int:page>/", views.AuthorList.as_view()),
    path("books/", views.BookList.as_view()),
    path("async/books/", views.AsyncBookList.as_view()),
    path("books/new/", views.BookCreate.as_view()),
    path("books/custom/", ListView.as_view(model=Book, template_name="books_custom.html")),
    path("authors/new/", views.AuthorCreate.as_view()),
    path("async/authors/new/", views.AsyncAuthorCreate.as_view()),
    path("authors/<slug:slug>/", views.AuthorDetail.as_view()),
    path("async/authors/<slug:slug>/", views.AsyncAuthorDetail.as_view()),
    path("authors/id/<int:pk>/", views.AuthorDetail.as_view()),
    path("async/authors/id/<int:pk>/", views.AsyncAuthorDetail.as_view()),
    path("contact/", views.Contact.as_view()),
    path("async/contact/", views.AsyncContact.as_view()),
    path("authors/<int:pk>/edit/", views.AuthorUpdate.as_view()),
    path("async/authors/<int:pk>/edit/", views.AsyncAuthorUpdate.as_view()),
    path("authors/<int:pk>/delete/", views.AuthorDelete.as_view()),
    path("async/authors/<int:pk>/delete/", views.AsyncAuthorDelete.as_view()),
]
