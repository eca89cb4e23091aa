from collections.abc import Iterator

import pytest

from heron.apps import AppConfig, AppRegistryNotReady, Apps
from heron.conf import ImproperlyConfigured


@pytest.fixture
def registry() -> Iterator[Apps]:
    yield Apps()


def test_package_entry_gets_default_config(registry: Apps) -> None:
    registry.populate(["tests.apps.sampleapp"])
    config = registry.get_app_config("sampleapp")
    assert config.name == "tests.apps.sampleapp"
    assert config.path.name == "sampleapp"
    assert config.models_module is not None and config.models_module.IMPORTED is True
    assert registry.is_installed("tests.apps.sampleapp")


def test_apps_module_config_is_used_and_ready_runs_once(registry: Apps) -> None:
    from tests.apps.configured_app.apps import READY_CALLS

    READY_CALLS.clear()
    registry.populate(["tests.apps.configured_app"])
    registry.populate(["tests.apps.configured_app"])
    config = registry.get_app_config("shop")
    assert config.verbose_name == "The Shop"
    assert READY_CALLS == ["shop"]


def test_dotted_path_to_config_class(registry: Apps) -> None:
    registry.populate(["tests.apps.configured_app.apps.ShopConfig"])
    assert [c.label for c in registry.get_app_configs()] == ["shop"]


def test_app_that_does_not_import(registry: Apps) -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        registry.populate(["tests.apps.missing_app"])
    assert str(info.value).startswith(
        "INSTALLED_APPS lists 'tests.apps.missing_app', which could not be imported: "
        "No module named 'tests.apps.missing_app'."
    )


def test_duplicate_labels(registry: Apps) -> None:
    class Other(AppConfig):
        name = "tests.apps.sampleapp"
        label = "shop"

    with pytest.raises(ImproperlyConfigured, match="Two installed apps have the label 'shop'"):
        registry.populate(["tests.apps.configured_app", Other])


def test_registry_before_setup(registry: Apps) -> None:
    with pytest.raises(AppRegistryNotReady, match=r"Call heron\.setup\(\)"):
        list(registry.get_app_configs())


def test_unknown_label_lists_installed(registry: Apps) -> None:
    registry.populate(["tests.apps.sampleapp"])
    with pytest.raises(
        LookupError, match=r"No installed app with label 'nope'\. Installed: sampleapp\."
    ):
        registry.get_app_config("nope")
