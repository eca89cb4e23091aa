"""``static()`` in templates: plain URLs in development, hashed names after collectstatic."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from heron.cli.main import cli
from heron.contrib.staticfiles import ManifestMissing, MissingManifestEntry
from heron.templates import render_to_string
from heron.templates.functions import static
from heron.test import override_settings

from .conftest import MANIFEST, Site


def collect() -> None:
    result = CliRunner().invoke(cli, ["collectstatic", "--noinput"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_plain_storage_joins_static_url(site: Site) -> None:
    assert static("css/site.css") == "/static/css/site.css"
    site.configure(DEBUG=False, STATIC_URL="https://cdn.example.com/assets/")
    assert static("css/site.css") == "https://cdn.example.com/assets/css/site.css"


def test_debug_gives_plain_names_even_with_the_manifest_storage(site: Site) -> None:
    site.configure(STATICFILES_STORAGE=MANIFEST)
    assert render_to_string("shop/page.html") == (
        '<link rel="stylesheet" href="/static/css/site.css">'
        '<script src="/static/shop/app.js"></script>'
    )


def test_hashed_names_after_collectstatic(site: Site) -> None:
    site.configure(STATICFILES_STORAGE=MANIFEST)
    collect()
    site.configure(DEBUG=False, STATICFILES_STORAGE=MANIFEST)
    manifest = site.manifest()
    css, js = manifest["css/site.css"], manifest["shop/app.js"]
    assert css.startswith("css/site.") and js.startswith("shop/app.")
    html = render_to_string("shop/page.html")
    assert html == (
        f'<link rel="stylesheet" href="/static/{css}"><script src="/static/{js}"></script>'
    )


def test_page_and_its_assets_end_to_end(site: Site) -> None:
    site.configure(STATICFILES_STORAGE=MANIFEST)
    collect()
    site.configure(DEBUG=False, STATICFILES_STORAGE=MANIFEST)
    client = site.client()
    page = client.get("/page/")
    assert page.status_code == 200
    css_url = page.text.split('href="', 1)[1].split('"', 1)[0]
    assert css_url == "/static/" + site.manifest()["css/site.css"]
    css = client.get(css_url)
    assert css.status_code == 200
    assert css.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # Every hashed reference inside the stylesheet is served too.
    base = css.text.split('@import "', 1)[1].split('"', 1)[0]
    assert client.get("/static/css/" + base).status_code == 200


def test_missing_entry_names_the_file_and_collectstatic(site: Site) -> None:
    site.configure(STATICFILES_STORAGE=MANIFEST)
    collect()
    site.configure(DEBUG=False, STATICFILES_STORAGE=MANIFEST)
    with pytest.raises(MissingManifestEntry) as caught:
        static("css/typo.css")
    manifest = site.static_root / "staticfiles.json"
    assert str(caught.value) == (
        f"The static file 'css/typo.css' is not in the manifest '{manifest}'. Check the name, "
        "make sure the file is in an app's static/ folder or in STATICFILES_DIRS, and run "
        "`heron collectstatic` again."
    )


def test_missing_manifest_says_to_run_collectstatic(site: Site) -> None:
    site.configure(DEBUG=False, STATICFILES_STORAGE=MANIFEST)
    with pytest.raises(ManifestMissing) as caught:
        static("css/site.css")
    assert str(caught.value) == (
        f"The static files manifest '{site.static_root / 'staticfiles.json'}' does not exist. "
        "Run `heron collectstatic` before serving with DEBUG off (or set DEBUG = True during "
        "development)."
    )


def test_manifest_is_read_once(site: Site) -> None:
    site.configure(STATICFILES_STORAGE=MANIFEST)
    collect()
    site.configure(DEBUG=False, STATICFILES_STORAGE=MANIFEST)
    url = static("css/site.css")
    (site.static_root / "staticfiles.json").unlink()
    assert static("css/site.css") == url  # cached: the file is not read again
    site.configure(DEBUG=False, STATICFILES_STORAGE=MANIFEST)  # new settings: read again
    with pytest.raises(ManifestMissing):
        static("css/site.css")


@pytest.mark.parametrize("written", ["static/", "static"])
def test_a_relative_static_url_is_rooted(site: Site, written: str) -> None:
    # What Django's startproject writes; relative links would break on every nested page.
    site.configure(STATIC_URL=written)
    assert static("css/site.css") == "/static/css/site.css"
    response = site.client().get("/static/shop/app.js")
    assert response.status_code == 200


def test_a_relative_static_url_in_override_settings_is_rooted(site: Site) -> None:
    with override_settings(STATIC_URL="assets/"):
        assert static("css/site.css") == "/assets/css/site.css"
