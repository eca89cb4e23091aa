"""The two benchmark endpoints, served by plain ``def`` views (for gunicorn sync workers)."""

from django.urls import path

from . import views_wsgi

urlpatterns = [
    path("plaintext", views_wsgi.plaintext, name="plaintext"),
    path("json", views_wsgi.json, name="json"),
]
