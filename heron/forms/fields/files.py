"""Upload fields: ``FileField`` and ``ImageField``.

The value comes from ``request.FILES`` (pass ``files=request.FILES`` to the form, and give the
``<form>`` ``enctype="multipart/form-data"``: ``form.is_multipart()`` tells you when). The
cleaned value is the ``UploadedFile``; for an ``ImageField`` it also has ``.image`` (the
Pillow image, already verified) and a ``content_type`` taken from the image's real format.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import MissingDependency
from ..widgets.files import FILE_INPUT_CONTRADICTION, ClearableFileInput, FileInput
from .base import Field

__all__ = ["FileField", "ImageField"]


class FileField(Field):
    """An uploaded file; ``max_length`` limits the file *name*, ``allow_empty_file`` 0 bytes."""

    widget = ClearableFileInput
    default_error_messages = {
        "invalid": "No file was submitted. Check the encoding type on the form.",
        "missing": "No file was submitted.",
        "empty": "The submitted file is empty.",
        "max_length": "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        "contradiction": "Please either submit a file or check the clear checkbox, not both.",
    }

    def __init__(
        self, *, max_length: int | None = None, allow_empty_file: bool = False, **kwargs: Any
    ) -> None:
        self.max_length = max_length
        self.allow_empty_file = allow_empty_file
        super().__init__(**kwargs)

    def to_python(self, data: Any) -> Any:
        if data in self.empty_values:
            return None
        try:
            name, size = data.name, data.size
        except AttributeError:
            raise self.error("invalid") from None
        if self.max_length is not None and len(name) > self.max_length:
            raise self.error("max_length", max=self.max_length, length=len(name))
        if not name:
            raise self.error("invalid")
        if not self.allow_empty_file and not size:
            raise self.error("empty")
        return data

    def clean(self, data: Any, initial: Any = None) -> Any:
        if data is FILE_INPUT_CONTRADICTION:
            raise self.error("contradiction")
        if data is False:
            # "Clear" was ticked on an optional field.
            if not self.required:
                return False
            data = None
        if not data and initial:
            return initial
        return super().clean(data)

    def bound_data(self, data: Any, initial: Any) -> Any:
        if self.disabled or data in (None, FILE_INPUT_CONTRADICTION):
            return initial
        return data

    def has_changed(self, initial: Any, data: Any) -> bool:
        return not self.disabled and data is not None


def _pillow() -> Any:
    try:
        from PIL import Image
    except ImportError:
        raise MissingDependency(
            "ImageField needs Pillow to check uploaded images. Install it with "
            "`pip install 'heron[images]'` (or `pip install Pillow`)."
        ) from None
    return Image


class ImageField(FileField):
    """An uploaded image that Pillow can open and verify (needs ``heron[images]``)."""

    default_error_messages = {
        "invalid_image": (
            "Upload a valid image. The file you uploaded was either not an image or a "
            "corrupted image."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        _pillow()
        super().__init__(**kwargs)

    def to_python(self, data: Any) -> Any:
        upload = super().to_python(data)
        if upload is None:
            return None
        image_module = _pillow()
        try:
            upload.seek(0)
            image = image_module.open(upload)
            image.verify()
            upload.image = image
            upload.content_type = image_module.MIME.get(image.format or "", upload.content_type)
        except Exception as exc:
            raise self.error("invalid_image") from exc
        finally:
            upload.seek(0)
        return upload

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/*"
        return attrs
