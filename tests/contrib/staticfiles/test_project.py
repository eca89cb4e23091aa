"""``heron collectstatic`` in a project made by ``heron new``, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Heron, heron, isolated, project

__all__ = ["heron", "isolated", "project"]  # fixtures shared with the CLI tests

# `heron new` installs heron.contrib.staticfiles with the manifest storage and STATIC_ROOT.
SETTINGS = """
STATICFILES_DIRS = [BASE_DIR / "static"]
"""


def test_collectstatic_in_a_new_project(heron: Heron, project: Path) -> None:
    settings_file = project / "mysite" / "settings.py"
    settings_file.write_text(settings_file.read_text() + SETTINGS)
    (project / "static" / "css").mkdir(parents=True)
    (project / "static" / "img").mkdir()
    (project / "static" / "css" / "site.css").write_text("h1 { background: url(../img/a.png) }")
    (project / "static" / "img" / "a.png").write_bytes(b"image")

    result = heron("collectstatic", "--noinput")
    assert result.exit_code == 0, result.output
    root = project / "staticfiles"
    assert result.output == (
        f"4 files were copied to {root}, 0 unchanged, 4 hashed copies were written, 4 compressed.\n"
    )
    paths = json.loads((root / "staticfiles.json").read_text())["paths"]
    # The admin's stylesheet and script come with every new project.
    assert sorted(paths) == ["admin/admin.css", "admin/admin.js", "css/site.css", "img/a.png"]
    image = paths["img/a.png"].removeprefix("img/")
    assert (root / paths["css/site.css"]).read_text() == f"h1 {{ background: url(../img/{image}) }}"

    again = heron("collectstatic", "--noinput")
    assert again.output == f"0 files were copied to {root}, 4 unchanged.\n"


def test_collectstatic_without_static_root(heron: Heron, project: Path) -> None:
    settings_file = project / "mysite" / "settings.py"
    settings_file.write_text(settings_file.read_text() + "\nSTATIC_ROOT = None\n")
    result = heron("collectstatic", "--noinput")
    assert result.exit_code == 1
    assert "Error: STATIC_ROOT is not set." in result.output
