"""Routes of the polls app (``polls:<name>``)."""

from heron.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/delete/", views.DeleteView.as_view(), name="delete"),
    path("api/latest/", views.api_latest, name="api-latest"),
]
