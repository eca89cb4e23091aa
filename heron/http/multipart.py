"""Parse ``multipart/form-data`` bodies with python-multipart, within Heron's limits.

The body is streamed from the request's file through ``python_multipart.MultipartParser``.
Heron adds the limits: DATA_UPLOAD_MAX_NUMBER_FIELDS fields (400), DATA_UPLOAD_MAX_NUMBER_FILES
files (400), DATA_UPLOAD_MAX_MEMORY_SIZE bytes of non-file fields (413). Each file goes to a
``SpooledTemporaryFile`` that rolls to disk past FILE_UPLOAD_MAX_MEMORY_SIZE. Anything the
parser cannot make sense of raises ``BadRequest`` ("The multipart body could not be parsed:
...").

Parts without a ``name`` are skipped, and so are file inputs left empty (the browser sends
``filename=""``): a form with an unused file input has no entry in ``FILES``.
"""

from __future__ import annotations

import tempfile
from typing import IO

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, MultipartState, parse_options_header

from .config import RequestConfig
from .datastructures import MultiValueDict, QueryDict
from .exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from .uploads import UploadedFile

__all__ = ["parse_multipart"]

READ_SIZE = 64 * 1024
_PREFIX = "The multipart body could not be parsed: "


class _Collector:
    """Receive the parser's callbacks and build the fields and files."""

    def __init__(self, config: RequestConfig) -> None:
        self.config = config
        self.fields: list[tuple[str, str]] = []
        self.files: list[tuple[str, UploadedFile]] = []
        self.field_bytes = 0
        self.file_count = 0
        self.header_name = bytearray()
        self.header_value = bytearray()
        self.headers: dict[bytes, bytes] = {}
        # State of the current part: ("skip" | "field" | "file").
        self.kind = "skip"
        self.name = ""
        self.buffer = bytearray()
        self.file: IO[bytes] | None = None
        self.filename = ""
        self.content_type = ""
        self.charset: str | None = None

    # Header callbacks.
    def on_part_begin(self) -> None:
        self.headers = {}
        self.kind = "skip"

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[bytes(self.header_name).strip().lower()] = bytes(self.header_value).strip()
        self.header_name.clear()
        self.header_value.clear()

    def on_headers_finished(self) -> None:
        disposition, params = parse_options_header(self.headers.get(b"content-disposition"))
        if disposition != b"form-data" or b"name" not in params:
            self.kind = "skip"
            return
        self.name = _decode_utf8(params[b"name"], "field name")
        if b"filename" not in params:
            self.kind = "field"
            limit = self.config.data_upload_max_number_fields
            if limit is not None and len(self.fields) >= limit:
                raise TooManyFieldsSent(
                    f"Too many form fields: more than DATA_UPLOAD_MAX_NUMBER_FIELDS ({limit})."
                )
            self.buffer = bytearray()
            return
        raw_filename = params[b"filename"]
        if not raw_filename:
            self.kind = "skip"
            return
        self.file_count += 1
        limit = self.config.data_upload_max_number_files
        if limit is not None and self.file_count > limit:
            raise TooManyFilesSent(
                f"Too many files uploaded: more than DATA_UPLOAD_MAX_NUMBER_FILES ({limit})."
            )
        self.kind = "file"
        self.filename = raw_filename.decode("utf-8", errors="replace")
        ctype, ctype_params = parse_options_header(self.headers.get(b"content-type"))
        self.content_type = ctype.decode("latin-1") or "application/octet-stream"
        charset = ctype_params.get(b"charset")
        self.charset = charset.decode("latin-1") if charset else None
        self.file = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - owned by UploadedFile
            max_size=self.config.file_upload_max_memory_size,
            dir=self.config.file_upload_temp_dir,
        )

    # Data callbacks.
    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.kind == "field":
            self.field_bytes += end - start
            limit = self.config.data_upload_max_memory_size
            if limit is not None and self.field_bytes > limit:
                raise RequestDataTooBig(
                    "The form fields of the multipart body are over "
                    f"DATA_UPLOAD_MAX_MEMORY_SIZE ({limit} bytes)."
                )
            self.buffer += data[start:end]
        elif self.kind == "file":
            assert self.file is not None
            self.file.write(data[start:end])

    def on_part_end(self) -> None:
        if self.kind == "field":
            self.fields.append((self.name, _decode_utf8(bytes(self.buffer), "field value")))
            self.buffer = bytearray()
        elif self.kind == "file":
            assert self.file is not None
            size = self.file.tell()
            self.file.seek(0)
            upload = UploadedFile(
                self.file,
                self.filename,
                size=size,
                content_type=self.content_type,
                charset=self.charset,
                field_name=self.name,
            )
            self.files.append((self.name, upload))
            self.file = None
        self.kind = "skip"

    def close_all(self) -> None:
        if self.file is not None:
            self.file.close()
        for _, upload in self.files:
            upload.close()


def _decode_utf8(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(f"{_PREFIX}a {what} is not valid UTF-8: {raw[:60]!r}.") from None


def parse_multipart(
    stream: IO[bytes], content_params: dict[str, str], config: RequestConfig
) -> tuple[QueryDict, MultiValueDict[UploadedFile]]:
    """Parse a multipart body read from ``stream`` into ``(POST, FILES)``.

    ``content_params`` are the parameters of the request's Content-Type (the ``boundary``).
    On any error, the files created so far are closed before the exception propagates.
    """
    boundary = content_params.get("boundary", "")
    if not boundary:
        raise BadRequest(f"{_PREFIX}the Content-Type header has no boundary.")
    try:
        boundary_bytes = boundary.encode("latin-1")
    except UnicodeEncodeError:
        raise BadRequest(f"{_PREFIX}the boundary {boundary!r} is not latin-1.") from None
    collector = _Collector(config)
    try:
        parser = MultipartParser(
            boundary_bytes,
            {
                "on_part_begin": collector.on_part_begin,
                "on_part_data": collector.on_part_data,
                "on_part_end": collector.on_part_end,
                "on_header_field": collector.on_header_field,
                "on_header_value": collector.on_header_value,
                "on_header_end": collector.on_header_end,
                "on_headers_finished": collector.on_headers_finished,
            },
        )
        stream.seek(0)
        while chunk := stream.read(READ_SIZE):
            parser.write(chunk)
        if parser.state != MultipartState.END:
            raise BadRequest(f"{_PREFIX}the body ended before the closing boundary.")
    except FormParserError as exc:
        collector.close_all()
        raise BadRequest(f"{_PREFIX}{exc}.") from None
    except BaseException:
        collector.close_all()
        raise
    post = QueryDict.from_pairs(collector.fields)
    files: MultiValueDict[UploadedFile] = MultiValueDict.from_pairs(collector.files)
    return post, files
