"""Root URLs of the demo site: the pages app at the root, the polls app under /polls/."""

from heron.urls import include, path

urlpatterns = [
    path("polls/", include("polls.urls")),
    path("", include("pages.urls")),
]
