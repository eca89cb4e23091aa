"""Root URLs of the demo site: the pages app at the root, the polls app under /polls/,
the account pages (sign in, sign out, password reset) under /accounts/, the admin under
/admin/."""

from heron.contrib import admin
from heron.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("polls/", include("polls.urls")),
    path("accounts/", include("heron.contrib.auth.urls")),
    path("", include("pages.urls")),
]
