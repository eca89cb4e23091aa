import sys
import textwrap
from pathlib import Path

import pytest

import heron
from heron.conf import ImproperlyConfigured, Settings, SettingsNotConfigured, override_settings
from heron.conf import settings as global_settings
from heron.conf.locate import locate_settings_module


def write_module(tmp_path: Path, name: str, body: str) -> str:
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(body))
    return name


@pytest.fixture
def on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [m for m in sys.modules if m.startswith("tmpsettings")]:
        del sys.modules[name]


def test_defaults_then_module_then_environment(on_path: Path) -> None:
    write_module(on_path, "tmpsettings_a", "DEBUG = True\nAPPEND_SLASH = False\nCUSTOM = 'x'\n")
    current = Settings(
        "tmpsettings_a",
        environ={"HERON_APPEND_SLASH": "1", "HERON_DATA_UPLOAD_MAX_NUMBER_FIELDS": "5"},
    )
    assert current.DEBUG is True  # from the module
    assert current.APPEND_SLASH is True  # environment beats the module
    assert current.DATA_UPLOAD_MAX_NUMBER_FIELDS == 5  # parsed as int from the default's type
    assert current.CUSTOM == "x"
    assert current.X_FRAME_OPTIONS == "DENY"  # framework default


def test_environment_value_of_wrong_type() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        Settings(DEBUG=True, environ={"HERON_GZIP_MIN_LENGTH": "big"})
    assert str(info.value) == "HERON_GZIP_MIN_LENGTH='big' is not an integer."


def test_secret_key_required_without_debug() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        Settings(DEBUG=False, SECRET_KEY="", environ={})
    assert str(info.value) == (
        "SECRET_KEY is empty and DEBUG is off. Set SECRET_KEY in your settings "
        "(e.g. SECRET_KEY = env.str('HERON_SECRET_KEY')) to a long random value."
    )


def test_list_setting_given_as_string() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        Settings(DEBUG=True, INSTALLED_APPS="polls", environ={})
    assert str(info.value) == (
        "INSTALLED_APPS must be a list of strings, not str: write INSTALLED_APPS = ['polls']."
    )


def test_settings_module_that_does_not_import() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"^The settings module 'nope\.settings'"):
        Settings("nope.settings", environ={})


def test_unknown_setting_attribute_is_a_clear_error() -> None:
    current = Settings(DEBUG=True, environ={})
    with pytest.raises(AttributeError, match="There is no setting 'DEBUGG'"):
        _ = current.DEBUGG


def test_lower_case_override_is_rejected() -> None:
    with pytest.raises(ImproperlyConfigured, match="Did you mean 'DEBUG'"):
        Settings(debug=True, environ={})


def test_reading_before_setup_names_heron_setup() -> None:
    saved = global_settings._wrapped
    object.__setattr__(global_settings, "_wrapped", None)
    try:
        with pytest.raises(SettingsNotConfigured, match=r"Call heron\.setup\(\) first"):
            _ = global_settings.DEBUG
    finally:
        object.__setattr__(global_settings, "_wrapped", saved)


def test_override_settings_as_context_manager_and_decorators(configured: None) -> None:
    assert global_settings.APPEND_SLASH is True
    with override_settings(APPEND_SLASH=False, NEW_THING=1):
        assert global_settings.APPEND_SLASH is False
        assert global_settings.NEW_THING == 1
    assert global_settings.APPEND_SLASH is True
    assert not hasattr(global_settings._wrapped, "NEW_THING")

    @override_settings(APPEND_SLASH=False)
    def sync() -> bool:
        return bool(global_settings.APPEND_SLASH)

    @override_settings(APPEND_SLASH=False)
    async def asynchronous() -> bool:
        return bool(global_settings.APPEND_SLASH)

    import asyncio

    assert sync() is False
    assert asyncio.run(asynchronous()) is False
    assert global_settings.APPEND_SLASH is True


def test_settings_fixture_restores(configured: None, settings: object) -> None:
    settings.APPEND_SLASH = False  # type: ignore[attr-defined]
    assert global_settings.APPEND_SLASH is False


def test_settings_fixture_restored_afterwards(configured: None) -> None:
    assert global_settings.APPEND_SLASH is True


def test_locate_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HERON_SETTINGS_MODULE", raising=False)
    (tmp_path / "pyproject.toml").write_text('[tool.heron]\nsettings = "mysite.settings"\n')
    nested = tmp_path / "mysite" / "deeper"
    nested.mkdir(parents=True)
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert locate_settings_module(start=nested) == "mysite.settings"
    assert str(tmp_path.resolve()) in sys.path
    monkeypatch.setenv("HERON_SETTINGS_MODULE", "other.settings")
    assert locate_settings_module(start=nested) == "other.settings"
    assert locate_settings_module("explicit.settings", start=nested) == "explicit.settings"


def test_pyproject_without_settings_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HERON_SETTINGS_MODULE", raising=False)
    (tmp_path / "pyproject.toml").write_text("[tool.heron]\n")
    with pytest.raises(ImproperlyConfigured, match=r"without a 'settings' key"):
        locate_settings_module(start=tmp_path)


def test_setup_without_any_settings_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HERON_SETTINGS_MODULE", raising=False)
    monkeypatch.chdir(tmp_path)
    saved = global_settings._wrapped
    object.__setattr__(global_settings, "_wrapped", None)
    try:
        with pytest.raises(ImproperlyConfigured) as info:
            heron.setup()
        assert str(info.value) == (
            "No settings module found. Run Heron inside a project (a pyproject.toml with "
            '[tool.heron] settings = "mysite.settings"), set HERON_SETTINGS_MODULE, or pass '
            "--settings."
        )
    finally:
        object.__setattr__(global_settings, "_wrapped", saved)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("static/", "/static/"),
        ("/static/", "/static/"),
        ("https://cdn.example.com/s/", "https://cdn.example.com/s/"),
        ("//cdn.example.com/s/", "//cdn.example.com/s/"),
        ("", ""),
    ],
)
def test_relative_static_and_media_urls_are_rooted(written: str, read: str) -> None:
    configured = Settings(STATIC_URL=written, MEDIA_URL=written, SECRET_KEY="k", environ={})
    assert (read, read) == (configured.STATIC_URL, configured.MEDIA_URL)
    from_env = Settings(SECRET_KEY="k", environ={"HERON_STATIC_URL": written or "/static/"})
    assert (read or "/static/") == from_env.STATIC_URL
