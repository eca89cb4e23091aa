from heron.urls import path

from . import views

app_name = "inner"
urlpatterns = [
    path("leaf/", views.other, name="leaf"),
    path("item/<slug:slug>/", views.detail, name="item"),
]
