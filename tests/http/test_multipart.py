import pytest

from heron.http import (
    BadRequest,
    RequestConfig,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    UploadedFile,
)
from heron.http.uploads import sanitize_filename

BOUNDARY = "----heronboundary"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def field(name: str, value: str | bytes) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )


def file_part(name: str, filename: str, data: bytes, content_type: str = "text/plain") -> bytes:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
        f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )


def form(*parts: bytes) -> bytes:
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


@pytest.fixture
def post_form(make_request):
    """Build a multipart POST request; the test closes it."""
    requests = []

    def make(body: bytes, config: RequestConfig | None = None, content_type: str = CONTENT_TYPE):
        request = make_request(
            "POST", headers={"Content-Type": content_type}, body=body, config=config
        )
        requests.append(request)
        return request

    yield make
    for request in requests:
        request.close()


def test_fields_and_files(post_form):
    request = post_form(
        form(
            field("title", "Héron"),
            field("tags", "a"),
            field("tags", "b"),
            file_part("doc", "notes.txt", b"hello\r\nworld", "text/plain; charset=utf-8"),
        )
    )
    assert request.POST["title"] == "Héron"
    assert request.POST.getlist("tags") == ["a", "b"]
    upload = request.FILES["doc"]
    assert isinstance(upload, UploadedFile)
    assert upload.name == "notes.txt"
    assert upload.field_name == "doc"
    assert upload.size == 12
    assert upload.content_type == "text/plain"
    assert upload.charset == "utf-8"
    assert upload.read() == b"hello\r\nworld"
    assert b"".join(upload.chunks(chunk_size=5)) == b"hello\r\nworld"
    assert upload.multiple_chunks(chunk_size=5)
    assert not upload.multiple_chunks()
    assert upload.in_memory


def test_an_empty_file_input_is_skipped(post_form):
    request = post_form(form(file_part("doc", "", b""), field("a", "1")))
    assert "doc" not in request.FILES
    assert request.POST["a"] == "1"


def test_large_uploads_are_spooled_to_disk(post_form, tmp_path):
    config = RequestConfig(
        debug=True, file_upload_max_memory_size=1024, file_upload_temp_dir=str(tmp_path)
    )
    data = bytes(range(256)) * 20
    request = post_form(form(file_part("big", "big.bin", data)), config)
    upload = request.FILES["big"]
    assert upload.file._rolled
    assert not upload.in_memory
    assert upload.size == len(data)
    assert upload.read() == data
    request.close()
    assert upload.closed


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\photo.jpg", "photo.jpg"),
        ("evil\x00name\x1f.txt", "evilname.txt"),
        ("..", "upload"),
        ("/", "upload"),
        ("  spaced.txt  ", "spaced.txt"),
        ("x" * 300 + ".txt", "x" * 251 + ".txt"),
    ],
)
def test_filenames_are_sanitized(sent, kept):
    assert sanitize_filename(sent) == kept


def test_filename_in_a_request_is_sanitized(post_form):
    request = post_form(form(file_part("doc", "../../etc/passwd", b"root")))
    assert request.FILES["doc"].name == "passwd"


def test_too_many_fields(post_form):
    config = RequestConfig(debug=True, data_upload_max_number_fields=2)
    request = post_form(form(field("a", "1"), field("b", "2"), field("c", "3")), config)
    with pytest.raises(TooManyFieldsSent) as info:
        _ = request.POST
    assert str(info.value) == "Too many form fields: more than DATA_UPLOAD_MAX_NUMBER_FIELDS (2)."
    assert info.value.status_code == 400


def test_too_many_files(post_form):
    config = RequestConfig(debug=True, data_upload_max_number_files=1)
    request = post_form(form(file_part("a", "a.txt", b"1"), file_part("b", "b.txt", b"2")), config)
    with pytest.raises(TooManyFilesSent) as info:
        _ = request.FILES
    assert str(info.value) == (
        "Too many files uploaded: more than DATA_UPLOAD_MAX_NUMBER_FILES (1)."
    )
    assert info.value.status_code == 400


def test_field_bytes_over_the_data_limit(post_form):
    config = RequestConfig(debug=True, data_upload_max_memory_size=10)
    request = post_form(form(field("a", "123456"), field("b", "123456")), config)
    with pytest.raises(RequestDataTooBig) as info:
        _ = request.POST
    assert str(info.value) == (
        "The form fields of the multipart body are over DATA_UPLOAD_MAX_MEMORY_SIZE (10 bytes)."
    )
    assert info.value.status_code == 413


def test_files_do_not_count_towards_the_data_limit(post_form):
    config = RequestConfig(debug=True, data_upload_max_memory_size=10)
    request = post_form(form(file_part("f", "f.bin", b"x" * 100)), config)
    assert request.FILES["f"].size == 100


def test_invalid_utf8_field_is_a_bad_request(post_form):
    request = post_form(form(field("name", b"caf\xe9")))
    with pytest.raises(BadRequest) as info:
        _ = request.POST
    assert str(info.value) == (
        "The multipart body could not be parsed: a field value is not valid UTF-8: b'caf\\xe9'."
    )


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (
            form(field("a", "1")),
            "multipart/form-data",
            "The multipart body could not be parsed: the Content-Type header has no boundary.",
        ),
        (
            form(field("a", "1"))[:-10],
            CONTENT_TYPE,
            "The multipart body could not be parsed: the body ended before the closing boundary.",
        ),
        (
            b"",
            CONTENT_TYPE,
            "The multipart body could not be parsed: the body ended before the closing boundary.",
        ),
        (
            b"garbage that is not multipart at all",
            CONTENT_TYPE,
            "The multipart body could not be parsed: Expected boundary character 45, got 103 at "
            "index 2.",
        ),
        (
            f"--{BOUNDARY}\r\nContent-Disposition form-data\r\n\r\nx\r\n--{BOUNDARY}--".encode(),
            CONTENT_TYPE,
            "The multipart body could not be parsed: Found invalid character 32 in header at 40.",
        ),
    ],
)
def test_broken_bodies_are_bad_requests(post_form, body, content_type, message):
    request = post_form(body, content_type=content_type)
    with pytest.raises(BadRequest) as info:
        _ = request.POST
    assert str(info.value) == message


def test_uploaded_file_is_a_context_manager():
    with UploadedFile.from_bytes(b"abc", "a.txt") as upload:
        assert upload.read(2) == b"ab"
        upload.seek(0)
        assert upload.read() == b"abc"
    assert upload.closed
    assert repr(upload) == "<UploadedFile: a.txt (application/octet-stream, 3 bytes)>"
