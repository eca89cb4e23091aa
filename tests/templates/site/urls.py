from heron.urls import path

from . import views

urlpatterns = [
    path("page/", views.page),
    path("partial/", views.partial),
    path("globals/", views.globals_page),
    path("tr/", views.template_response),
    path("decorated/", views.decorated),
    path("sync-rows/", views.sync_rows),
    path("async-rows/", views.async_rows),
    path("async-render/", views.async_render),
    path("callback/", views.callback_view),
    path("syntax-error/", views.syntax_error),
    path("render-error/", views.render_error),
    path("to-string/", views.to_string),
]
