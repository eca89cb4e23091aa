import threading

import pytest

from heron.http import StreamingHttpResponse


def body_messages(sent):
    return [(m["body"], m.get("more_body", False)) for m in sent.body_messages]


def test_sync_generator_runs_in_a_worker_thread(make_request, send_response):
    threads = set()

    def generate():
        for word in ("a", "b", "c"):
            threads.add(threading.current_thread())
            yield word

    response = StreamingHttpResponse(generate(), content_type="text/plain")
    assert not response.is_async and response.streaming
    sent = send_response(response, make_request())
    assert sent.status == 200
    assert sent.header("content-length") is None
    assert body_messages(sent) == [
        (b"a", True),
        (b"b", True),
        (b"c", True),
        (b"", False),
    ]
    assert threading.main_thread() not in threads


def test_sync_chunks_are_batched_per_thread_hop(make_request, send_response, monkeypatch):
    import asyncio

    hops = []
    real_to_thread = asyncio.to_thread

    async def counting_to_thread(func, *args):
        hops.append(func)
        return await real_to_thread(func, *args)

    monkeypatch.setattr(asyncio, "to_thread", counting_to_thread)
    sent = send_response(StreamingHttpResponse(iter([b"x"] * 40)), make_request())
    assert sent.body == b"x" * 40
    assert len(hops) == 3  # 16 + 16 + 8 chunks


def test_lists_are_sent_without_a_thread(make_request, send_response, monkeypatch):
    import asyncio

    def refuse(*args):
        raise AssertionError("no thread needed")

    monkeypatch.setattr(asyncio, "to_thread", refuse)
    sent = send_response(StreamingHttpResponse([b"a", "é"]), make_request())
    assert sent.body == "aé".encode()


def test_async_generator(make_request, send_response):
    closed = []

    async def generate():
        try:
            yield b"one"
            yield "two"
        finally:
            closed.append(True)

    response = StreamingHttpResponse(generate())
    assert response.is_async
    sent = send_response(response, make_request())
    assert body_messages(sent) == [(b"one", True), (b"two", True), (b"", False)]
    assert closed == [True]


def test_head_does_not_consume_the_iterator(make_request, send_response):
    consumed = []

    def generate():
        consumed.append(True)
        yield b"x"

    gen = generate()
    sent = send_response(StreamingHttpResponse(gen), make_request("HEAD"))
    assert body_messages(sent) == [(b"", False)]
    assert consumed == []
    assert gen.gi_frame is None  # closed by response.close()


def test_close_closes_the_iterator():
    closed = []

    def generate():
        try:
            yield b"a"
            yield b"b"
        finally:
            closed.append(True)

    response = StreamingHttpResponse(generate())
    assert next(response.streaming_content) == b"a"  # e.g. the client went away here
    response.close()
    assert closed == [True]


def test_errors_in_the_generator_propagate(make_request, send_response):
    def generate():
        yield b"a"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        send_response(StreamingHttpResponse(generate()), make_request())


def test_streaming_responses_have_no_content():
    response = StreamingHttpResponse([b"a"])
    with pytest.raises(AttributeError) as info:
        response.content  # noqa: B018
    assert str(info.value) == (
        "StreamingHttpResponse has no 'content'; iterate 'streaming_content' instead."
    )
    assert b"".join(response.streaming_content) == b"a"


def test_explicit_content_length_is_sent(make_request, send_response):
    response = StreamingHttpResponse([b"abc"], headers={"Content-Length": "3"})
    sent = send_response(response, make_request())
    assert sent.header("content-length") == "3"
