from heron.contrib import admin
from heron.urls import path

from .sites import other_site

urlpatterns = [
    path("admin/", admin.site.urls),
    path("backoffice/", other_site.urls),
]
