"""The benchmark endpoints as plain ``def`` views (gunicorn); ``me`` needs djsite.settings_auth."""

from django.urls import path

from . import views_wsgi

urlpatterns = [
    path("plaintext", views_wsgi.plaintext, name="plaintext"),
    path("json", views_wsgi.json, name="json"),
    path("me", views_wsgi.me, name="me"),
]
