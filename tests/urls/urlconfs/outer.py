from heron.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="index"),
    path("in/", include("tests.urls.urlconfs.inner")),
]
