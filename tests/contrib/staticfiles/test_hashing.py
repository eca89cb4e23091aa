"""Hashed names and stylesheet rewriting: the pure logic behind the manifest storage."""

from __future__ import annotations

import hashlib

import pytest

from heron.contrib.staticfiles import MissingReference, ReferenceCycle
from heron.contrib.staticfiles.hashing import (
    digest,
    hash_stylesheets,
    hashed_name,
    is_hashed,
    resolve_reference,
    rewrite_references,
)


def test_hashed_name_goes_before_the_last_extension() -> None:
    assert hashed_name("css/site.css", "3f2a9c1b7e4d") == "css/site.3f2a9c1b7e4d.css"
    assert hashed_name("js/app.min.js", "3f2a9c1b7e4d") == "js/app.min.3f2a9c1b7e4d.js"
    assert hashed_name("LICENSE", "3f2a9c1b7e4d") == "LICENSE.3f2a9c1b7e4d"
    assert hashed_name(".htaccess", "3f2a9c1b7e4d") == ".htaccess.3f2a9c1b7e4d"
    # The first 12 hex digits of the MD5 of the content.
    assert digest(b"body {}") == hashlib.md5(b"body {}").hexdigest()[:12]


def test_is_hashed() -> None:
    assert is_hashed("css/site.3f2a9c1b7e4d.css")
    assert is_hashed("LICENSE.3f2a9c1b7e4d")
    assert not is_hashed("css/site.css")
    assert not is_hashed("css/site.3f2a9c1b7e4.css")  # 11 digits
    assert not is_hashed("css/site.3F2A9C1B7E4D.css")  # hashes are lower case


@pytest.mark.parametrize(
    ("reference", "target", "rewritten"),
    [
        ("img/a.png", "css/img/a.png", "img/a.HASH.png"),
        ("../img/a.png", "img/a.png", "../img/a.HASH.png"),
        ("./a.png", "css/a.png", "./a.HASH.png"),
        ("../fonts/i.woff2?v=3#iefix", "fonts/i.woff2", "../fonts/i.HASH.woff2?v=3#iefix"),
        ("/static/img/a.png", "img/a.png", "/static/img/a.HASH.png"),
        ("my%20file.png", "css/my file.png", "my%20file.HASH.png"),
    ],
)
def test_references_to_static_files(reference: str, target: str, rewritten: str) -> None:
    found = resolve_reference("css/site.css", reference, "/static/")
    assert found is not None
    assert found.target == target
    assert found.hashed("HASH") == rewritten


@pytest.mark.parametrize(
    "reference",
    [
        "",
        "#gradient",
        "data:image/png;base64,AAAA",
        "https://cdn.example.com/a.png",
        "//cdn.example.com/a.png",
        "/media/a.png",  # absolute, but not under STATIC_URL
        "../img/",
        "?v=1",
    ],
)
def test_references_left_alone(reference: str) -> None:
    assert resolve_reference("css/site.css", reference, "/static/") is None


def test_rewrite_finds_every_form_and_skips_comments() -> None:
    css = (
        "a{background:url(a.png)}\n"
        "b{background:URL( 'b.png' )}\n"
        'c{background:url("c.png")}\n'
        '@import "d.css";\n'
        "@import 'e.css' screen;\n"
        "@import url(f.css);\n"
        "/* url(g.png) and @import 'h.css' in a comment */\n"
        "i{mask:myurl(i.png)}\n"
    )
    seen: list[str] = []

    def replace(reference: str) -> str:
        seen.append(reference)
        return reference.upper()

    out = rewrite_references(css, replace)
    assert seen == ["a.png", "b.png", "c.png", "d.css", "e.css", "f.css"]
    assert out == (
        "a{background:url(A.PNG)}\n"
        "b{background:URL( 'B.PNG' )}\n"
        'c{background:url("C.PNG")}\n'
        '@import "D.CSS";\n'
        "@import 'E.CSS' screen;\n"
        "@import url(F.CSS);\n"
        "/* url(g.png) and @import 'h.css' in a comment */\n"
        "i{mask:myurl(i.png)}\n"
    )


def test_nested_imports_settle_to_a_fixed_point() -> None:
    # site.css imports base.css, which imports theme/colors.css, which uses an image.
    stylesheets = {
        "css/site.css": '@import "base.css";',
        "css/base.css": "@import url(theme/colors.css);",
        "css/theme/colors.css": ".a{background:url(../../img/bg.png)}",
    }
    hashes = {name: digest(text.encode()) for name, text in stylesheets.items()}
    hashes["img/bg.png"] = "0123456789ab"
    texts = hash_stylesheets(stylesheets, hashes, "/static/")

    colors = ".a{background:url(../../img/bg.0123456789ab.png)}"
    assert texts["css/theme/colors.css"] == colors
    assert hashes["css/theme/colors.css"] == digest(colors.encode())
    base = f"@import url(theme/colors.{hashes['css/theme/colors.css']}.css);"
    assert texts["css/base.css"] == base
    assert hashes["css/base.css"] == digest(base.encode())
    site = f'@import "base.{hashes["css/base.css"]}.css";'
    assert texts["css/site.css"] == site
    assert hashes["css/site.css"] == digest(site.encode())


def test_a_changed_image_changes_every_stylesheet_above_it() -> None:
    stylesheets = {"a.css": '@import "b.css";', "b.css": "x{background:url(i.png)}"}

    def settle(image_hash: str) -> dict[str, str]:
        hashes = {name: digest(text.encode()) for name, text in stylesheets.items()}
        hashes["i.png"] = image_hash
        hash_stylesheets(stylesheets, hashes, "/static/")
        return hashes

    first, second = settle("aaaaaaaaaaaa"), settle("bbbbbbbbbbbb")
    assert first["a.css"] != second["a.css"]
    assert first["b.css"] != second["b.css"]


def test_missing_reference_names_the_stylesheet_and_the_file() -> None:
    stylesheets = {"css/site.css": "a{background:url(../img/missing.png)}"}
    hashes = {"css/site.css": "000000000000"}
    with pytest.raises(MissingReference) as caught:
        hash_stylesheets(stylesheets, hashes, "/static/")
    assert str(caught.value) == (
        "The stylesheet 'css/site.css' refers to '../img/missing.png' (the static file "
        "'img/missing.png'), which no finder has. Add the file to an app's static/ folder or to "
        "STATICFILES_DIRS, or fix the reference."
    )
    # Not strict: the reference is kept as written.
    texts = hash_stylesheets(stylesheets, hashes, "/static/", strict=False)
    assert texts["css/site.css"] == "a{background:url(../img/missing.png)}"


def test_reference_above_the_static_root_is_missing() -> None:
    with pytest.raises(MissingReference) as caught:
        hash_stylesheets({"a.css": "x{background:url(../secret.png)}"}, {"a.css": "0" * 12}, "/")
    assert caught.value.target == "../secret.png"


def test_cycle_is_reported() -> None:
    stylesheets = {"a.css": '@import "b.css";', "b.css": '@import "a.css";'}
    hashes = {name: digest(text.encode()) for name, text in stylesheets.items()}
    with pytest.raises(ReferenceCycle) as caught:
        hash_stylesheets(stylesheets, hashes, "/static/")
    assert str(caught.value) == (
        "The stylesheets 'a.css', 'b.css' refer to each other in a cycle, so their hashed "
        "names cannot be computed. Break the cycle of url()/@import references."
    )
