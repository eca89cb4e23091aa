"""Serving static files from the application: finders in development, STATIC_ROOT after."""

from __future__ import annotations

import gzip
import os
from email.utils import formatdate

import brotli
import pytest
from click.testing import CliRunner

from heron.cli.main import cli

from .conftest import MANIFEST, Site

APP_JS = ("console.log('shop');\n" * 40).encode()


# Development: DEBUG on, files straight from the finders.


def test_development_serves_from_the_finders(site: Site) -> None:
    client = site.client()
    response = client.get("/static/shop/app.js")
    assert response.status_code == 200
    assert response.content == APP_JS
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert response.headers["Content-Length"] == str(len(APP_JS))
    assert response.headers["Cache-Control"] == "no-cache"
    assert "ETag" in response.headers and "Last-Modified" in response.headers
    # STATICFILES_DIRS wins over the app.
    overridden = client.get("/static/shop/only-in-app.txt")
    assert overridden.text == "from the project: wins over the app\n"
    assert overridden.headers["Content-Type"] == "text/plain; charset=utf-8"
    # An edit shows at once: nothing is cached.
    (site.project_static / "shop/only-in-app.txt").write_text("edited\n")
    assert client.get("/static/shop/only-in-app.txt").text == "edited\n"


def test_development_not_found_says_where_it_looked(site: Site) -> None:
    response = site.client().get("/static/css/nope.css")
    assert response.status_code == 404
    assert response.text == (
        "The static file 'css/nope.css' was not found in STATICFILES_DIRS or in any installed "
        "app's static/ folder."
    )
    assert site.client().get("/static/.hidden").status_code == 404
    assert site.client().get("/static/shop/.hidden").status_code == 404


def test_other_paths_reach_the_views(site: Site) -> None:
    response = site.client().get("/page/")
    assert response.status_code == 200
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.text


def test_nothing_is_served_without_the_app(site: Site) -> None:
    site.configure(INSTALLED_APPS=["shopapp"])
    response = site.client().get("/static/shop/app.js")
    assert response.status_code == 404
    assert "No URL pattern matches the path '/static/shop/app.js'." in response.text


def test_nothing_is_served_when_static_url_is_another_host(site: Site) -> None:
    site.configure(STATIC_URL="https://cdn.example.com/static/")
    response = site.client().get("/static/shop/app.js")
    assert response.status_code == 404
    assert "No URL pattern matches the path '/static/shop/app.js'." in response.text


# Production: DEBUG off, files from STATIC_ROOT as collected.


@pytest.fixture
def production(site: Site) -> Site:
    site.configure(STATICFILES_STORAGE=MANIFEST)
    result = CliRunner().invoke(cli, ["collectstatic", "--noinput"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    site.configure(DEBUG=False, STATICFILES_STORAGE=MANIFEST)
    return site


def hashed(site: Site, name: str) -> str:
    return "/static/" + site.manifest()[name]


def test_hashed_names_are_cached_forever(production: Site) -> None:
    response = production.client().get(hashed(production, "shop/app.js"))
    assert response.status_code == 200
    assert response.content == APP_JS
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Accept-Ranges"] == "bytes"


def test_plain_names_are_cached_briefly(production: Site) -> None:
    response = production.client().get("/static/shop/logo.png")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.headers["Content-Type"] == "image/png"
    assert "Vary" not in response.headers  # not compressible: no variants


def test_etag_and_last_modified(production: Site) -> None:
    path = production.static_root / "shop/logo.png"
    info = path.stat()
    response = production.client().get("/static/shop/logo.png")
    assert response.headers["ETag"] == f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
    assert response.headers["Last-Modified"] == formatdate(info.st_mtime, usegmt=True)


def test_if_none_match_answers_304(production: Site) -> None:
    client = production.client()
    url = hashed(production, "shop/app.js")
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    etag = first.headers["ETag"]
    again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert again.headers["Vary"] == "Accept-Encoding"
    assert "Content-Length" not in again.headers
    assert client.get(url, headers={"If-None-Match": '"other", ' + etag}).status_code == 200
    assert client.get(url, headers={"If-None-Match": "*"}).status_code == 304
    # The gzip variant has its own ETag: a cached identity copy does not match it.
    identity = client.get(url).headers["ETag"]
    assert identity != etag
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_if_modified_since_answers_304(production: Site) -> None:
    client = production.client()
    last_modified = client.get("/static/shop/logo.png").headers["Last-Modified"]
    response = client.get("/static/shop/logo.png", headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304
    old = formatdate(0, usegmt=True)
    response = client.get("/static/shop/logo.png", headers={"If-Modified-Since": old})
    assert response.status_code == 200
    bad = client.get("/static/shop/logo.png", headers={"If-Modified-Since": "yesterday"})
    assert bad.status_code == 200


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("br", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("*", "br"),
        ("gzip;q=0, *;q=0.5", "br"),
        ("identity", None),
        ("", None),
        ("br;q=0, gzip;q=0", None),
        ("br;q=oops", None),
    ],
)
def test_precompressed_variants(production: Site, accept: str, encoding: str | None) -> None:
    url = hashed(production, "shop/app.js")
    response = production.client().get(url, headers={"Accept-Encoding": accept})
    assert response.status_code == 200
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert response.headers["Content-Length"] == str(len(response.content))
    if encoding is None:
        assert "Content-Encoding" not in response.headers
        assert response.content == APP_JS
    elif encoding == "br":
        assert response.headers["Content-Encoding"] == "br"
        assert brotli.decompress(response.content) == APP_JS
    else:
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == APP_JS


def test_stale_variant_is_not_sent(production: Site) -> None:
    # The original replaced by hand after collectstatic: its old .gz/.br must not be sent.
    path = production.static_root / "shop/app.js"
    path.write_bytes(b"// replaced\n" * 30)
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10_000_000_000))
    response = production.client().get("/static/shop/app.js", headers={"Accept-Encoding": "br"})
    assert "Content-Encoding" not in response.headers
    assert response.content == b"// replaced\n" * 30


def test_head(production: Site) -> None:
    url = hashed(production, "shop/app.js")
    response = production.client().head(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.content == b""
    size = (production.static_root / (production.manifest()["shop/app.js"] + ".gz")).stat().st_size
    assert response.headers["Content-Length"] == str(size)
    assert response.headers["Content-Encoding"] == "gzip"


def test_range_requests(production: Site) -> None:
    client = production.client()
    url = hashed(production, "shop/app.js")
    part = client.get(url, headers={"Range": "bytes=0-6"})
    assert part.status_code == 206
    assert part.content == b"console"
    assert part.headers["Content-Range"] == f"bytes 0-6/{len(APP_JS)}"
    assert part.headers["Content-Length"] == "7"
    tail = client.get(url, headers={"Range": "bytes=-8"})
    assert tail.status_code == 206
    assert tail.content == APP_JS[-8:]
    past = client.get(url, headers={"Range": "bytes=5000-"})
    assert past.status_code == 416
    assert past.headers["Content-Range"] == f"bytes */{len(APP_JS)}"
    assert past.content == b""
    several = client.get(url, headers={"Range": "bytes=0-1,4-5"})
    assert several.status_code == 200
    assert several.content == APP_JS
    etag = client.get(url).headers["ETag"]
    matching = client.get(url, headers={"Range": "bytes=0-6", "If-Range": etag})
    assert matching.status_code == 206
    changed = client.get(url, headers={"Range": "bytes=0-6", "If-Range": '"old"'})
    assert changed.status_code == 200
    assert changed.content == APP_JS


def test_large_files_are_streamed(production: Site) -> None:
    data = bytes(range(256)) * 2048  # 512 KiB: sent in several blocks
    (production.static_root / "big.bin").write_bytes(data)
    client = production.client()
    response = client.get("/static/big.bin")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.content == data
    middle = client.get("/static/big.bin", headers={"Range": "bytes=100000-400000"})
    assert middle.content == data[100000:400001]


@pytest.mark.parametrize(
    "path",
    [
        "/static/../settings.py",
        "/static/shop/../../apps/shopapp/views.py",
        "/static/%2e%2e/apps/shopapp/views.py",
        "/static/%2E%2E/%2e%2e/etc/passwd",
        "/static/shop/%2e%2e/%2e%2e/collected/shop/app.js",
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
        "/static/shop/app.js%00.png",
        "/static/shop\\..\\..\\x",
        "/static/C:/Windows/win.ini",
        "/static/./shop/app.js",
        "/static/shop//app.js",
    ],
)
def test_traversal_is_refused(production: Site, path: str) -> None:
    response = production.client().get(path)
    assert response.status_code == 404
    assert response.text == "Not Found"


def test_symlink_out_of_static_root_is_refused(production: Site) -> None:
    secret = production.root / "secret.txt"
    secret.write_text("do not serve")
    (production.static_root / "link.txt").symlink_to(secret)
    assert production.client().get("/static/link.txt").status_code == 404


@pytest.mark.parametrize("path", ["/static/", "/static/shop", "/static/shop/", "/static/nope.js"])
def test_directories_and_missing_files_are_404(production: Site, path: str) -> None:
    response = production.client().get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch", "options"])
def test_other_methods_are_405(production: Site, method: str) -> None:
    response = getattr(production.client(), method)("/static/shop/logo.png")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"


def test_serving_can_be_turned_off(production: Site) -> None:
    production.configure(DEBUG=False, STATICFILES_STORAGE=MANIFEST, STATICFILES_SERVE=False)
    response = production.client().get("/static/shop/logo.png")
    # The site's own 404 page answers: the request went through the middleware and URLs.
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_static_root_means_nothing_served(production: Site) -> None:
    production.configure(DEBUG=False, STATIC_ROOT=None)
    response = production.client().get("/static/shop/logo.png")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
