"""The staticfiles.* system checks."""

from __future__ import annotations

from pathlib import Path

from heron.checks import run_checks

from .conftest import MANIFEST, Site


def ids(deploy: bool = False) -> list[str]:
    messages = run_checks(tags=["staticfiles"], include_deployment_checks=deploy)
    return [m.id or "" for m in messages]


def messages(deploy: bool = False) -> dict[str, str]:
    found = run_checks(tags=["staticfiles"], include_deployment_checks=deploy)
    return {m.id or "": m.msg for m in found}


def test_a_good_configuration_passes(site: Site) -> None:
    assert ids(deploy=True) == []


def test_static_url_must_end_with_a_slash(site: Site) -> None:
    site.configure(STATIC_URL="/static")
    assert messages() == {"staticfiles.E001": "STATIC_URL must end with a slash; it is '/static'."}


def test_static_url_must_not_be_the_root(site: Site) -> None:
    site.configure(STATIC_URL="/")
    assert ids() == ["staticfiles.E002"]


def test_bad_dirs_entry(site: Site) -> None:
    site.configure(STATICFILES_DIRS=[("a", "b", "c")])
    assert ids() == ["staticfiles.E003"]


def test_static_root_inside_staticfiles_dirs(site: Site) -> None:
    site.configure(STATIC_ROOT=str(site.project_static / "collected"))
    found = run_checks(tags=["staticfiles"])
    assert [m.id for m in found] == ["staticfiles.E004"]
    assert found[0].msg == (
        f"STATIC_ROOT ({str(site.project_static / 'collected')!r}) is inside the "
        f"STATICFILES_DIRS directory {str(site.project_static)!r}, so collected files would be "
        "collected again."
    )
    site.configure(STATIC_ROOT=str(site.project_static))
    assert ids() == ["staticfiles.E004"]


def test_storage_must_import(site: Site) -> None:
    site.configure(STATICFILES_STORAGE="heron.contrib.staticfiles.storage.Nope")
    assert messages() == {
        "staticfiles.E005": "STATICFILES_STORAGE is unusable: Module "
        "'heron.contrib.staticfiles.storage' has no attribute 'Nope' (in STATICFILES_STORAGE)."
    }
    site.configure(STATICFILES_STORAGE="heron.conf.settings.Settings")
    assert ids() == ["staticfiles.E005"]


def test_missing_directory_is_a_warning(site: Site, tmp_path: Path) -> None:
    site.configure(STATICFILES_DIRS=[str(tmp_path / "nowhere")])
    assert messages() == {
        "staticfiles.W001": f"The STATICFILES_DIRS directory {str(tmp_path / 'nowhere')!r} "
        "does not exist."
    }


def test_deployment_needs_static_root(site: Site) -> None:
    site.configure(STATIC_ROOT=None)
    assert ids() == []
    assert ids(deploy=True) == ["staticfiles.W002"]


def test_deployment_needs_the_manifest(site: Site) -> None:
    site.configure(STATICFILES_STORAGE=MANIFEST)
    assert ids(deploy=True) == ["staticfiles.W003"]
    site.static_root.mkdir()
    (site.static_root / "staticfiles.json").write_text('{"version": 1, "paths": {}}')
    assert ids(deploy=True) == []


def test_checks_are_quiet_without_the_app(site: Site) -> None:
    import heron.contrib.staticfiles.checks  # noqa: F401 - registered even when run alone

    site.configure(INSTALLED_APPS=["shopapp"], STATIC_URL="nope")
    assert ids(deploy=True) == []
