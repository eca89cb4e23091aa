from heron.urls import include, path

from . import views

app_patterns = (
    [
        path("hello/", views.hello, name="hello"),
        path("hello-async/", views.hello_async, name="hello_async"),
    ],
    "site",
)

urlpatterns = [
    path("", include(app_patterns)),
    path("api/", views.api, name="api"),
    path("echo/", views.echo, name="echo"),
    path("echo-json/", views.echo_json, name="echo_json"),
    path("articles/<int:year>/<slug:slug>/", views.article, name="article"),
    path("missing/", views.missing),
    path("forbidden/", views.forbidden),
    path("bad/", views.bad),
    path("suspicious/", views.suspicious),
    path("crash/", views.crash),
    path("no-response/", views.no_response),
    path("go-home/", views.go_home),
    path("page/", views.page),
    path("cookie/set/", views.set_cookie),
    path("cookie/read/", views.read_cookie),
    path("stream/", views.stream),
    path("astream/", views.astream),
    path("only-post/", views.only_post),
    path("greeting/", views.Greeting.as_view(greeting="hello"), name="greeting"),
    path("agreeting/", views.AsyncGreeting.as_view()),
    path("frameable/", views.frameable),
    path("aframeable/", views.aframeable),
    path("own-frame/", views.own_frame_header),
]
