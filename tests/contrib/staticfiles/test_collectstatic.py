"""``heron collectstatic`` through click's CliRunner, into a temporary STATIC_ROOT."""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

import brotli
import pytest
from click.testing import CliRunner, Result

from heron.cli.main import cli
from heron.contrib.staticfiles.hashing import digest

from .conftest import MANIFEST, Site

SOURCES = [
    "css/base.css",
    "css/site.css",
    "css/theme/colors.css",
    "fonts/icons.woff2",
    "img/bg.png",
    "shop/app.js",
    "shop/logo.png",
    "shop/only-in-app.txt",
]


def collectstatic(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["collectstatic", *args], input=input, catch_exceptions=False)


@pytest.fixture
def manifest_site(site: Site) -> Site:
    site.configure(STATICFILES_STORAGE=MANIFEST)
    return site


def test_collect_with_hashed_names(manifest_site: Site) -> None:
    site = manifest_site
    result = collectstatic("--noinput")
    assert result.exit_code == 0, result.output
    root = site.static_root
    assert result.output == (
        f"8 files were copied to {root}, 0 unchanged, 8 hashed copies were written, 4 compressed.\n"
    )
    manifest = site.manifest()
    assert sorted(manifest) == SOURCES
    for name, hashed in manifest.items():
        stem, extension = os.path.splitext(name)
        assert hashed.startswith(stem + ".") and hashed.endswith(extension)
        assert len(hashed) == len(name) + 13
    # Files other than stylesheets keep their bytes under the hashed name.
    logo = manifest["shop/logo.png"]
    assert logo == f"shop/logo.{digest((root / 'shop/logo.png').read_bytes())}.png"
    assert (root / logo).read_bytes() == (root / "shop/logo.png").read_bytes()
    # Stylesheets are rewritten: relative, nested and absolute references get hashed names.
    colors = (root / manifest["css/theme/colors.css"]).read_text()
    assert colors == (
        f":root {{ --accent: red; }}\n.a {{ background: url(../../{manifest['img/bg.png']}) }}\n"
    )
    base = (root / manifest["css/base.css"]).read_text()
    colors_hashed = manifest["css/theme/colors.css"].removeprefix("css/")
    assert base == f'@import url("{colors_hashed}");\nhtml {{ color: black; }}\n'
    site_css = (root / manifest["css/site.css"]).read_text()
    assert site_css == (
        f'@import "{manifest["css/base.css"].removeprefix("css/")}";\n'
        "/* url(commented-out.png) stays as written */\n"
        f"body {{ background: url('../{manifest['img/bg.png']}') no-repeat; }}\n"
        f".logo {{ background-image: url(/static/{manifest['shop/logo.png']}); }}\n"
        '.icon { background: url("data:image/png;base64,iVBORw0KGgo="); }\n'
        ".ext { background: url(https://cdn.example.com/x.png); }\n"
        ".svg { fill: url(#gradient); }\n"
        f".font {{ src: url('../{manifest['fonts/icons.woff2']}?v=3#iefix'); }}\n"
    )
    # Each stylesheet's hash is the hash of its rewritten text.
    assert manifest["css/site.css"] == f"css/site.{digest(site_css.encode())}.css"
    # The originals stay, unchanged.
    assert (root / "css/site.css").read_text() == (site.project_static / "css/site.css").read_text()
    # Compressed variants: text files of 256 bytes or more: app.js and site.css, each under
    # both names (base.css and colors.css are too small).
    compressed = {n for n in site.collected() if n.endswith((".gz", ".br"))}
    app_js = manifest["shop/app.js"]
    assert compressed == {
        "shop/app.js.gz",
        "shop/app.js.br",
        f"{app_js}.gz",
        f"{app_js}.br",
        "css/site.css.gz",
        "css/site.css.br",
        f"{manifest['css/site.css']}.gz",
        f"{manifest['css/site.css']}.br",
    }
    original = (root / "shop/app.js").read_bytes()
    assert gzip.decompress((root / "shop/app.js.gz").read_bytes()) == original
    assert brotli.decompress((root / "shop/app.js.br").read_bytes()) == original
    assert (root / "shop/app.js.gz").stat().st_mtime_ns == (root / "shop/app.js").stat().st_mtime_ns


def test_second_run_copies_nothing(manifest_site: Site) -> None:
    site = manifest_site
    assert collectstatic("--noinput").exit_code == 0
    before = {name: (site.static_root / name).stat().st_mtime_ns for name in site.collected()}
    result = collectstatic("--noinput")
    assert result.exit_code == 0, result.output
    assert result.output == f"0 files were copied to {site.static_root}, 8 unchanged.\n"
    after = {name: (site.static_root / name).stat().st_mtime_ns for name in site.collected()}
    assert after == before


def test_a_changed_image_rehashes_the_stylesheets_that_use_it(manifest_site: Site) -> None:
    site = manifest_site
    assert collectstatic("--noinput").exit_code == 0
    first = site.manifest()
    (site.project_static / "img/bg.png").write_text("a new background")
    result = collectstatic("--noinput")
    assert result.output == (
        f"1 file was copied to {site.static_root}, 7 unchanged, "
        "4 hashed copies were written, 1 compressed.\n"
    )
    second = site.manifest()
    changed = sorted(name for name in first if first[name] != second[name])
    # colors.css uses the image; base.css imports colors.css; site.css imports base.css.
    assert changed == ["css/base.css", "css/site.css", "css/theme/colors.css", "img/bg.png"]
    # The old hashed files stay for pages still cached somewhere.
    assert (site.static_root / first["img/bg.png"]).exists()


def test_clear_deletes_stray_files(manifest_site: Site) -> None:
    site = manifest_site
    assert collectstatic("--noinput").exit_code == 0
    count = len(site.collected())
    (site.static_root / "stray.txt").write_text("left from an old deploy")
    result = collectstatic("--noinput", "--clear")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{count + 1} files were deleted, 8 files were copied")
    assert "stray.txt" not in site.collected()
    assert len(site.collected()) == count


def test_asks_before_overwriting(site: Site) -> None:
    assert collectstatic().exit_code == 0  # STATIC_ROOT is empty: nothing to ask
    result = collectstatic("--clear", input="n\n")
    assert result.exit_code == 1
    assert f"This will DELETE every file in {site.static_root} and collect again." in result.output
    assert "Error: Collecting static files cancelled." in result.output
    assert (site.static_root / "shop/app.js").exists()
    result = collectstatic(input="y\n")
    assert f"This will overwrite changed files in {site.static_root}. Continue?" in result.output
    assert result.exit_code == 0


def test_dry_run_writes_nothing(manifest_site: Site) -> None:
    site = manifest_site
    result = collectstatic("--dry-run")
    assert result.exit_code == 0, result.output
    assert not site.static_root.exists()
    lines = result.output.splitlines()
    assert lines[0] == "Dry run: nothing was written."
    assert lines[1:9] == [f"  would copy {name}" for name in SOURCES]
    assert lines[9] == (
        f"8 files would be copied to {site.static_root}, 0 unchanged, "
        "8 hashed copies would be written."
    )


def test_plain_storage_copies_and_compresses_without_hashing(site: Site) -> None:
    result = collectstatic("--noinput")
    assert result.exit_code == 0, result.output
    assert (
        result.output == f"8 files were copied to {site.static_root}, 0 unchanged, 2 compressed.\n"
    )
    assert site.collected() == sorted(
        [*SOURCES, "css/site.css.br", "css/site.css.gz", "shop/app.js.br", "shop/app.js.gz"]
    )


def test_without_brotli_only_gzip_is_written(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "brotli", None)  # as if not installed
    assert collectstatic("--noinput", "--no-progress").exit_code == 0
    assert [n for n in site.collected() if n.endswith((".br", ".gz"))] == [
        "css/site.css.gz",
        "shop/app.js.gz",
    ]


def test_no_compress(site: Site) -> None:
    assert collectstatic("--noinput", "--no-compress").exit_code == 0
    assert site.collected() == SOURCES


def test_static_root_not_set(site: Site) -> None:
    site.configure(STATIC_ROOT=None)
    result = collectstatic("--noinput")
    assert result.exit_code == 1
    assert result.output == (
        "Error: STATIC_ROOT is not set. Set it to the directory `heron collectstatic` copies "
        "static files to, e.g. STATIC_ROOT = BASE_DIR / 'staticfiles'.\n"
    )


def test_app_not_installed(site: Site) -> None:
    site.configure(INSTALLED_APPS=["shopapp"])
    result = collectstatic("--noinput")
    assert result.exit_code == 1
    assert result.output == (
        "Error: 'heron.contrib.staticfiles' is not in INSTALLED_APPS. "
        "Add it to collect static files.\n"
    )


def test_missing_reference_fails_cleanly(manifest_site: Site) -> None:
    site = manifest_site
    (site.project_static / "css/broken.css").write_text("a { background: url(nope.png) }")
    result = collectstatic("--noinput")
    assert result.exit_code == 1
    assert result.output.endswith(
        "Error: The stylesheet 'css/broken.css' refers to 'nope.png' (the static file "
        "'css/nope.png'), which no finder has. Add the file to an app's static/ folder or to "
        "STATICFILES_DIRS, or fix the reference.\n"
    )
    assert not (site.static_root / "staticfiles.json").exists()


def test_progress_bars_with_rich(site: Site) -> None:
    result = collectstatic("--noinput", "--progress")
    assert result.exit_code == 0, result.output
    assert "Copying" in result.output
    assert "8/8" in result.output
    assert "Compressing" in result.output


def test_progress_bars_with_click(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)  # as if not installed
    result = collectstatic("--noinput", "--progress")
    assert result.exit_code == 0, result.output
    assert "Copying" in result.output
    assert "Compressing" in result.output


def test_collected_tree_keeps_relative_layout(site: Site) -> None:
    assert collectstatic("--noinput", "--no-compress").exit_code == 0
    assert (site.static_root / "shop/only-in-app.txt").read_text() == (
        "from the project: wins over the app\n"
    )
    assert Path(site.static_root / "css/theme/colors.css").is_file()


def test_stale_brotli_variant_is_removed_when_brotli_is_gone(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert collectstatic("--noinput").exit_code == 0
    assert (site.static_root / "shop/app.js.br").exists()
    (site.app_dir / "static/shop/app.js").write_text("console.log('changed');\n" * 40)
    monkeypatch.setitem(sys.modules, "brotli", None)  # as if uninstalled since
    assert collectstatic("--noinput").exit_code == 0
    assert not (site.static_root / "shop/app.js.br").exists()
    packed = (site.static_root / "shop/app.js.gz").read_bytes()
    assert gzip.decompress(packed) == b"console.log('changed');\n" * 40
    # The unchanged stylesheet keeps its (still fresh) brotli variant.
    assert (site.static_root / "css/site.css.br").exists()
