from heron.urls import path

from . import views

app_name = "polls"
urlpatterns = [
    path("", views.home, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:question_id>/vote/", views.detail, name="vote"),
]
