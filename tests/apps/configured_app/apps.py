from heron.apps import AppConfig

READY_CALLS: list[str] = []


class ShopConfig(AppConfig):
    name = "tests.apps.configured_app"
    label = "shop"
    verbose_name = "The Shop"

    def ready(self) -> None:
        READY_CALLS.append(self.label)
