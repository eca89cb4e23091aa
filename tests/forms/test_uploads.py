"""File and image fields fed from real multipart requests (``request.FILES``)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from heron import forms
from heron.http.uploads import UploadedFile
from heron.test import RequestFactory

pytestmark = pytest.mark.usefixtures("configured")


def upload(name: str, content: bytes, content_type: str | None = None) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    if content_type:
        handle.content_type = content_type  # type: ignore[attr-defined]
    return handle


def png_bytes(size: tuple[int, int] = (3, 2)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(out, format="PNG")
    return out.getvalue()


class Document(forms.Form):
    title = forms.CharField()
    attachment = forms.FileField(max_length=20)


class Avatar(forms.Form):
    picture = forms.ImageField(required=False)


@pytest.fixture
def post() -> Iterator[Callable[[dict[str, Any]], Any]]:
    """POST multipart data through RequestFactory; the requests (and uploads) close after."""
    made: list[Any] = []

    def build(data: dict[str, Any]) -> Any:
        request = RequestFactory().post("/upload/", data=data)
        made.append(request)
        return request

    yield build
    for request in made:
        request.close()


def test_file_field_from_multipart_request(post: Any) -> None:
    request = post({"title": "Notes", "attachment": upload("notes.txt", b"hello")})
    form = Document(request.POST, request.FILES)
    assert form.is_multipart()
    assert form.is_valid(), form.errors
    attachment = form.cleaned_data["attachment"]
    assert isinstance(attachment, UploadedFile)
    assert attachment.name == "notes.txt"
    assert attachment.read() == b"hello"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "This field is required."),
        ({"attachment": upload("empty.txt", b"")}, "The submitted file is empty."),
        (
            {"attachment": upload("a-very-long-file-name.txt", b"x")},
            "Ensure this filename has at most 20 characters (it has 25).",
        ),
    ],
)
def test_file_field_errors(post: Any, files: dict[str, Any], message: str) -> None:
    request = post({"title": "Notes", **files})
    form = Document(request.POST, request.FILES)
    assert not form.is_valid()
    assert form.errors["attachment"] == [message]


def test_text_where_a_file_belongs() -> None:
    form = Document({"title": "x"}, {"attachment": "not a file"})
    assert form.errors["attachment"] == [
        "No file was submitted. Check the encoding type on the form."
    ]


def test_initial_file_is_kept_and_can_be_cleared() -> None:
    class StoredFile:
        name = "old.txt"
        url = "/media/old.txt"

    stored = StoredFile()

    class Optional(forms.Form):
        attachment = forms.FileField(required=False)

    kept = Optional({}, {}, initial={"attachment": stored})
    assert kept.is_valid()
    assert kept.cleaned_data["attachment"] is stored
    cleared = Optional({"attachment-clear": "on"}, {}, initial={"attachment": stored})
    assert cleared.is_valid()
    assert cleared.cleaned_data["attachment"] is False
    both = Optional(
        {"attachment-clear": "on"},
        {"attachment": UploadedFile.from_bytes(b"new", "new.txt")},
        initial={"attachment": stored},
    )
    assert both.errors["attachment"] == [
        "Please either submit a file or check the clear checkbox, not both."
    ]
    assert "Currently: " in str(Optional(initial={"attachment": stored}))


def test_image_field_accepts_a_real_image(post: Any) -> None:
    request = post({"picture": upload("me.png", png_bytes(), "application/octet-stream")})
    form = Avatar(request.POST, request.FILES)
    assert form.is_valid(), form.errors
    picture = form.cleaned_data["picture"]
    assert picture.content_type == "image/png"
    assert picture.image.size == (3, 2)
    assert picture.read(8) == b"\x89PNG\r\n\x1a\n"  # rewound for saving
    assert 'accept="image/*"' in str(form["picture"])


@pytest.mark.parametrize(
    "content", [b"GIF89a but not really", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"<svg/>"]
)
def test_image_field_refuses_non_images(post: Any, content: bytes) -> None:
    request = post({"picture": upload("me.png", content, "image/png")})
    form = Avatar(request.POST, request.FILES)
    assert form.errors["picture"] == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ]


def test_image_field_without_pillow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(forms.MissingDependency) as info:
        forms.ImageField()
    assert str(info.value) == (
        "ImageField needs Pillow to check uploaded images. Install it with "
        "`pip install 'heron[images]'` (or `pip install Pillow`)."
    )
