from heron.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Demo pages"
