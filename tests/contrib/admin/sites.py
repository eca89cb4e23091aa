"""A second, custom AdminSite (its own titles and namespace)."""

from heron.contrib import admin

from .testapp.models import Author


class BackOffice(admin.AdminSite):
    site_header = "Back office"
    site_title = "Back office admin"
    index_title = "Everything"


other_site = BackOffice(name="backoffice")
other_site.register(Author)
