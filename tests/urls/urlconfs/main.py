"""The ROOT_URLCONF of the tests: one of everything."""

from heron.urls import include, path, re_path

from . import converters as converters  # registers <yyyy:...> and <even:...>
from . import outer, views

article_patterns = [
    path("", views.listing, name="article-list"),
    path("<slug:slug>/", views.detail, name="article-detail"),
    path("<slug:slug>/comments/<int:comment>/", views.detail, name="article-comment"),
]

blog_patterns = [
    path("", views.listing, name="index"),
    path("<int:pk>/", views.detail, name="post"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("about/team/", views.about, {"section": "team"}, name="team"),
    path("items/<int:pk>/", views.detail, name="item-int"),
    path("items/<str:name>/", views.detail, name="item-str"),
    path("slugs/<slug:slug>/", views.detail, name="slug"),
    path("uuids/<uuid:id>/", views.detail, name="uuid"),
    path("files/<path:rest>", views.detail, name="file"),
    path("plain/<name>/", views.detail, name="plain"),
    path("years/<yyyy:year>/", views.detail, name="year"),
    path("numbers/<even:n>/", views.detail, name="even"),
    path("numbers/<int:n>/", views.other, name="odd"),
    path("async/", views.async_view, name="async"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    re_path(r"^legacy/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.listing, name="legacy"),
    re_path(r"^positional/([0-9]+)/([a-z]+)/$", views.listing, name="positional"),
    re_path(r"^prefix/", views.listing, name="prefix"),
    path("polls/", include("tests.urls.urlconfs.polls")),
    path("articles/<int:year>/", include(article_patterns)),
    path("blogs/<slug:blog>/", include((blog_patterns, "blog"))),
    path("outer/", include((outer, "outer"))),
    path("first/", include("tests.urls.urlconfs.polls", namespace="first-polls")),
    path("second/", include("tests.urls.urlconfs.polls", namespace="second-polls")),
    path("extra/", include(article_patterns), {"source": "extra"}),
    path("café/<str:word>/", views.detail, name="unicode"),
]
