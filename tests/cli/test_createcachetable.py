"""``heron createcachetable`` creates each database cache's table once."""

from __future__ import annotations

from pathlib import Path

from .conftest import Heron


def _use_database_cache(project: Path) -> None:
    settings_file = project / project.name / "settings.py"
    settings_file.write_text(
        settings_file.read_text()
        + '\nCACHES = {"default": {"BACKEND": "heron.cache.backends.db.DatabaseCache",'
        ' "LOCATION": "site_cache"}, "local": {"BACKEND": "locmem"}}\n'
    )


def test_createcachetable(heron: Heron, project: Path) -> None:
    _use_database_cache(project)
    result = heron("createcachetable", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "\nCREATE TABLE site_cache (\n\tcache_key VARCHAR(64) NOT NULL, \n\tvalue TEXT NOT NULL, "
        "\n\texpires BIGINT, \n\tPRIMARY KEY (cache_key)\n);\n"
    ).lstrip("\n")
    result = heron("createcachetable")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Created the cache table 'site_cache' (cache 'default', database 'default').\n"
    )
    result = heron("createcachetable")
    assert result.output == (
        "The cache table 'site_cache' (cache 'default', database 'default') already exists.\n"
    )


def test_createcachetable_without_database_caches(heron: Heron, project: Path) -> None:
    result = heron("createcachetable")
    assert result.exit_code == 0, result.output
    assert result.output == "No database caches in CACHES: nothing to create.\n"
