"""Routes of the pages app; every page is reversible by name (``pages:<name>``)."""

from heron.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("api/status/", views.api_status, name="api-status"),
    path("echo/", views.echo, name="echo"),
    path("upload/", views.upload, name="upload"),
    path("download/", views.download, name="download"),
    path("urls/", views.named_urls, name="named-urls"),
    path("greet/<str:name>/", views.greet, name="greet"),
]
