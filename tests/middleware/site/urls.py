from heron.urls import path
from heron.views.csp import csp_report

from . import views

urlpatterns = [
    path("form/", views.form),
    path("aform/", views.aform),
    path("plain/", views.plain),
    path("exempt/", views.exempt),
    path("aexempt/", views.aexempt),
    path("protect/", views.protect),
    path("aprotect/", views.aprotect),
    path("nested/", views.nested),
    path("ensure/", views.ensure),
    path("aensure/", views.aensure),
    path("requires/", views.requires),
    path("arequires/", views.arequires),
    path("token/", views.token),
    path("rotate/", views.rotate),
    path("arotate/", views.arotate),
    path("nonce/", views.nonce),
    path("anonce/", views.anonce),
    path("boom/", views.boom),
    path("csp-report/", csp_report),
]
