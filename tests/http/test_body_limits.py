import asyncio

import pytest

from heron.http import (
    BadRequest,
    ClientDisconnected,
    HttpRequest,
    RequestConfig,
    RequestDataTooBig,
    read_body,
)

CONFIG = RequestConfig(
    debug=True,
    data_upload_max_memory_size=100,
    file_upload_max_size=1000,
    file_upload_max_memory_size=50,
)


def read(scope, receive, config=CONFIG):
    return asyncio.run(read_body(scope, receive, config))


def test_no_length_and_no_transfer_encoding_skips_receive(make_scope, receive_from):
    receive = receive_from([b"ignored"])
    body = read(make_scope("GET"), receive)
    assert body.size == 0 and body.read() == b""
    assert receive.calls == 0


def test_content_length_zero_skips_receive(make_scope, receive_from):
    receive = receive_from([b""])
    assert read(make_scope("POST", headers={"Content-Length": "0"}), receive).read() == b""
    assert receive.calls == 0


def test_reads_chunks_into_memory(make_scope, receive_from):
    scope = make_scope("POST", headers={"Content-Length": "10"})
    body = read(scope, receive_from([b"hello", b"world"]))
    assert body.read() == b"helloworld"
    assert body.in_memory and body.size == 10
    assert HttpRequest(scope, body, CONFIG).body == b"helloworld"


def test_large_bodies_spool_to_a_temporary_file(make_scope, receive_from, tmp_path):
    config = RequestConfig(file_upload_max_memory_size=10, file_upload_temp_dir=str(tmp_path))
    scope = make_scope("POST", headers={"Transfer-Encoding": "chunked"})
    body = read(scope, receive_from([b"x" * 8, b"y" * 8, b"z" * 8]), config)
    try:
        assert not body.in_memory
        assert body.file._rolled  # written to disk, in FILE_UPLOAD_TEMP_DIR
        assert body.size == 24
        assert body.read() == b"x" * 8 + b"y" * 8 + b"z" * 8
    finally:
        body.close()


def test_declared_length_over_the_limit_is_refused_after_draining(make_scope, receive_from):
    # The declared length decides; what the client sends is read and dropped (so it can read
    # the 413), never kept.
    receive = receive_from([b"x"])
    with pytest.raises(RequestDataTooBig) as info:
        read(make_scope("POST", headers={"Content-Length": "3000000"}), receive)
    assert str(info.value) == (
        "The request body is 3000000 bytes, over DATA_UPLOAD_MAX_MEMORY_SIZE (100)."
    )
    assert info.value.status_code == 413
    assert receive.calls == 1


def test_declared_length_over_the_limit_with_expect_continue_reads_nothing(
    make_scope, receive_from
):
    receive = receive_from([b"x"])
    headers = {"Content-Length": "3000000", "Expect": "100-continue"}
    with pytest.raises(RequestDataTooBig):
        read(make_scope("POST", headers=headers), receive)
    assert receive.calls == 0


def test_multipart_bodies_are_limited_by_file_upload_max_size(make_scope, receive_from):
    headers = {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": "1001"}
    with pytest.raises(RequestDataTooBig) as info:
        read(make_scope("POST", headers=headers), receive_from([b"x" * 1001]))
    assert str(info.value) == "The request body is 1001 bytes, over FILE_UPLOAD_MAX_SIZE (1000)."


def test_multipart_bodies_may_exceed_the_data_limit(make_scope, receive_from):
    headers = {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": "500"}
    body = read(make_scope("POST", headers=headers), receive_from([b"x" * 500]))
    try:
        assert body.size == 500
    finally:
        body.close()


def test_chunked_bodies_are_limited_while_streaming(make_scope, receive_from):
    scope = make_scope("POST", headers={"Transfer-Encoding": "chunked"})
    receive = receive_from([b"x" * 60, b"x" * 60, b"read and dropped"])
    with pytest.raises(RequestDataTooBig) as info:
        read(scope, receive)
    assert str(info.value) == "The request body is over DATA_UPLOAD_MAX_MEMORY_SIZE (100 bytes)."
    assert receive.calls == 3  # the rest was drained before the 413


def test_chunked_spooled_bodies_are_limited_and_cleaned_up(make_scope, receive_from):
    headers = {"Transfer-Encoding": "chunked", "Content-Type": "multipart/form-data; boundary=x"}
    with pytest.raises(RequestDataTooBig, match=r"FILE_UPLOAD_MAX_SIZE \(1000 bytes\)"):
        read(make_scope("POST", headers=headers), receive_from([b"x" * 600, b"x" * 600]))


def test_a_lying_content_length_is_still_limited(make_scope, receive_from):
    scope = make_scope("POST", headers={"Content-Length": "5"})
    with pytest.raises(RequestDataTooBig):
        read(scope, receive_from([b"x" * 101]))


def test_no_limit_when_the_setting_is_none(make_scope, receive_from):
    config = RequestConfig(data_upload_max_memory_size=None)
    body = read(
        make_scope("POST", headers={"Content-Length": "200"}), receive_from([b"x" * 200]), config
    )
    assert body.size == 200


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "", "1e3", "99999999999999999999999"])
def test_malformed_content_length_is_a_bad_request(make_scope, receive_from, value):
    with pytest.raises(BadRequest) as info:
        read(make_scope("POST", headers={"Content-Length": value}), receive_from([]))
    assert str(info.value) == (
        f"Malformed Content-Length header: {value!r} is not a single non-negative integer."
    )


def test_conflicting_content_lengths_are_a_bad_request(make_scope, receive_from):
    scope = make_scope("POST", headers=[("Content-Length", "1"), ("Content-Length", "2")])
    with pytest.raises(BadRequest, match="'1, 2' is not a single non-negative integer"):
        read(scope, receive_from([]))


def test_disconnect_while_reading(make_scope, receive_from):
    scope = make_scope("POST", headers={"Content-Length": "10"})
    with pytest.raises(ClientDisconnected) as info:
        read(scope, receive_from([b"hello"], disconnect=True))
    assert str(info.value) == "The client disconnected while sending the request body."


def test_request_close_closes_a_spooled_body(make_scope, receive_from):
    config = RequestConfig(file_upload_max_memory_size=1)
    scope = make_scope("POST", headers={"Content-Length": "4"})
    body = read(scope, receive_from([b"ab", b"cd"]), config)
    request = HttpRequest(scope, body, config)
    assert request.body == b"abcd"
    request.close()
    assert body.file.closed
