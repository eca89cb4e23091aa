"""Root URLs of the demo site: everything lives in the pages app."""

from heron.urls import include, path

urlpatterns = [
    path("", include("pages.urls")),
]
