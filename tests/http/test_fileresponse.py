import io
import os
from email.utils import formatdate

import pytest

from heron.http import FileResponse
from heron.http.fileresponse import content_disposition, parse_range

DATA = bytes(range(256)) * 4  # 1024 bytes


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(DATA)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    return path


def test_full_file(data_file, make_request, send_response):
    response = FileResponse(data_file)
    sent = send_response(response, make_request())
    assert sent.status == 200
    assert sent.body == DATA
    assert sent.header("content-type") == "application/pdf"
    assert sent.header("content-length") == "1024"
    assert sent.header("content-disposition") == 'inline; filename="report.pdf"'
    assert sent.header("accept-ranges") == "bytes"
    assert sent.header("last-modified") == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert sent.header("etag") == f'W/"{1_700_000_000 * 10**9:x}-400"'
    assert response.file.closed


def test_a_small_file_is_one_body_message(data_file, make_request, send_response):
    sent = send_response(FileResponse(data_file), make_request())
    assert len(sent.body_messages) == 1
    assert sent.body_messages[0].get("more_body", False) is False


def test_large_files_are_sent_in_blocks(data_file, make_request, send_response):
    response = FileResponse(data_file)
    response.block_size = 300
    sent = send_response(response, make_request())
    assert [len(m["body"]) for m in sent.body_messages] == [300, 300, 300, 124]
    assert sent.body == DATA


def test_attachment_with_a_non_ascii_name(data_file, make_request, send_response):
    response = FileResponse(data_file, as_attachment=True, filename="résumé 2024.pdf")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"resume 2024.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%202024.pdf"
    )
    response.close()


def test_content_disposition_escapes_quotes_and_drops_control_characters():
    assert content_disposition('a"b\r\n.txt', True) == 'attachment; filename="a\\"b.txt"'
    assert content_disposition(None, True) == "attachment"


def test_content_type_guesses(tmp_path, make_request):
    for name, expected in [
        ("a.txt", "text/plain"),
        ("a.tar.gz", "application/gzip"),
        ("noext", "application/octet-stream"),
    ]:
        path = tmp_path / name
        path.write_bytes(b"x")
        response = FileResponse(path)
        assert response["Content-Type"] == expected
        response.close()


def test_file_objects_without_a_name(make_request, send_response):
    response = FileResponse(io.BytesIO(b"hello"), content_type="text/plain")
    sent = send_response(response, make_request())
    assert sent.body == b"hello"
    assert sent.header("content-length") == "5"
    assert sent.header("content-disposition") is None
    assert sent.header("etag") is None


def test_head_sends_headers_only(data_file, make_request, send_response):
    sent = send_response(FileResponse(data_file), make_request("HEAD"))
    assert sent.status == 200
    assert sent.header("content-length") == "1024"
    assert sent.body == b""


# Conditional requests


def test_if_none_match_gives_304(data_file, make_request, send_response):
    etag = f'W/"{1_700_000_000 * 10**9:x}-400"'
    sent = send_response(FileResponse(data_file), make_request(headers={"If-None-Match": etag}))
    assert sent.status == 304
    assert sent.body == b""
    assert sent.header("etag") == etag
    assert sent.header("content-length") is None


def test_if_none_match_mismatch_gives_200(data_file, make_request, send_response):
    sent = send_response(FileResponse(data_file), make_request(headers={"If-None-Match": '"x"'}))
    assert sent.status == 200


def test_if_modified_since(data_file, make_request, send_response):
    later = formatdate(1_700_000_100, usegmt=True)
    earlier = formatdate(1_699_999_000, usegmt=True)
    assert (
        send_response(
            FileResponse(data_file), make_request(headers={"If-Modified-Since": later})
        ).status
        == 304
    )
    assert (
        send_response(
            FileResponse(data_file), make_request(headers={"If-Modified-Since": earlier})
        ).status
        == 200
    )
    assert (
        send_response(
            FileResponse(data_file), make_request(headers={"If-Modified-Since": "garbage"})
        ).status
        == 200
    )


# Ranges


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-", 1000, 1023),
        ("bytes=-24", 1000, 1023),
        ("bytes=1000-5000", 1000, 1023),
        ("bytes=-5000", 0, 1023),
    ],
)
def test_range_gives_206(data_file, make_request, send_response, header, first, last):
    sent = send_response(FileResponse(data_file), make_request(headers={"Range": header}))
    assert sent.status == 206
    assert sent.header("content-range") == f"bytes {first}-{last}/1024"
    assert sent.header("content-length") == str(last - first + 1)
    assert sent.body == DATA[first : last + 1]


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0"])
def test_unsatisfiable_range_gives_416(data_file, make_request, send_response, header):
    sent = send_response(FileResponse(data_file), make_request(headers={"Range": header}))
    assert sent.status == 416
    assert sent.header("content-range") == "bytes */1024"
    assert sent.header("content-length") == "0"
    assert sent.body == b""


@pytest.mark.parametrize(
    "header", ["bytes=0-1,5-6", "items=0-1", "bytes=5-1", "bytes=a-b", "bytes"]
)
def test_multiple_or_malformed_ranges_give_the_whole_file(
    data_file, make_request, send_response, header
):
    sent = send_response(FileResponse(data_file), make_request(headers={"Range": header}))
    assert sent.status == 200
    assert sent.body == DATA


def test_if_range_with_the_current_date_honours_the_range(data_file, make_request, send_response):
    headers = {"Range": "bytes=0-9", "If-Range": "Tue, 14 Nov 2023 22:13:20 GMT"}
    sent = send_response(FileResponse(data_file), make_request(headers=headers))
    assert sent.status == 206 and sent.body == DATA[:10]


def test_if_range_with_a_stale_validator_sends_everything(data_file, make_request, send_response):
    for if_range in ("Mon, 13 Nov 2023 00:00:00 GMT", '"other-etag"'):
        headers = {"Range": "bytes=0-9", "If-Range": if_range}
        sent = send_response(FileResponse(data_file), make_request(headers=headers))
        assert sent.status == 200 and sent.body == DATA


def test_range_from_a_file_object_at_an_offset(make_request, send_response):
    stream = io.BytesIO(b"headerPAYLOAD")
    stream.seek(6)
    sent = send_response(FileResponse(stream), make_request(headers={"Range": "bytes=1-3"}))
    assert sent.status == 206
    assert sent.header("content-range") == "bytes 1-3/7"
    assert sent.body == b"AYL"


def test_range_is_ignored_for_head(data_file, make_request, send_response):
    sent = send_response(
        FileResponse(data_file), make_request("HEAD", headers={"Range": "bytes=0-1"})
    )
    assert sent.status == 200 and sent.body == b""


def test_parse_range_directly():
    assert parse_range("bytes=0-0", 1) == (0, 0)
    assert parse_range("bytes=-1", 0) == "unsatisfiable"
    assert parse_range("bytes = 2-", 10) == (2, 9)
