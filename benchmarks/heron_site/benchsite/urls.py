"""The benchmark endpoints (``me`` needs benchsite.settings_project: sessions and auth)."""

from heron.urls import path

from . import views

urlpatterns = [
    path("plaintext", views.plaintext, name="plaintext"),
    path("json", views.json, name="json"),
    path("me", views.me, name="me"),
]
