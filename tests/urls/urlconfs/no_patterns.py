"""A module that forgot to define urlpatterns."""
