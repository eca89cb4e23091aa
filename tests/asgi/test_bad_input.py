"""Bad input gets a clear 4xx, never a 500 (DEBUG off, so no technical pages)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from heron.asgi import get_application
from heron.test import Client, override_settings


def raw_request(
    path: str,
    *,
    method: str = "POST",
    body: bytes = b"",
    headers: list[tuple[bytes, bytes]] | None = None,
    query: bytes = b"",
    raw_path: bytes | None = None,
) -> tuple[int, bytes]:
    """Send bytes exactly as given, as a server would hand them over."""
    app = get_application()
    scope: dict[str, Any] = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": raw_path if raw_path is not None else path.encode(),
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"testserver"), *(headers or [])],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    messages: list[dict[str, Any]] = []
    chunks = [body[i : i + 1000] for i in range(0, len(body), 1000)] or [b""]

    async def receive() -> dict[str, Any]:
        if chunks:
            chunk = chunks.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    asyncio.run(app(scope, receive, send))
    status = messages[0]["status"]
    content = b"".join(m.get("body", b"") for m in messages[1:])
    return status, content


def test_body_over_limit_is_413_before_reading(client: Client) -> None:
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
        status, content = raw_request(
            "/echo/",
            body=b"a=" + b"x" * 200,
            headers=[
                (b"content-type", b"application/x-www-form-urlencoded"),
                (b"content-length", b"202"),
            ],
        )
    assert status == 413
    assert b"The request body is 202 bytes, over DATA_UPLOAD_MAX_MEMORY_SIZE (100)" in content


def test_chunked_body_over_limit_is_413() -> None:
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1500):
        status, _ = raw_request(
            "/echo-json/",
            body=b"[" + b"1," * 2000 + b"1]",
            headers=[(b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")],
        )
    assert status == 413


def test_too_many_fields_is_400(client: Client) -> None:
    with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3):
        response = client.post("/echo/", {f"f{i}": "v" for i in range(5)})
    assert response.status_code == 400


def test_too_many_files_is_400(client: Client, tmp_path: Any) -> None:
    files = []
    for i in range(3):
        path = tmp_path / f"f{i}.txt"
        path.write_text("data")
        files.append(path.open("rb"))
    try:
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2):
            response = client.post("/echo/", {f"file{i}": fh for i, fh in enumerate(files)})
    finally:
        for fh in files:
            fh.close()
    assert response.status_code == 400


def test_large_upload_is_spooled_and_accepted(client: Client, tmp_path: Any) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"z" * 50_000)
    with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1000), path.open("rb") as fh:
        response = client.post("/echo/", {"doc": fh, "title": "big"})
    assert response.status_code == 200
    assert response.json()["files"] == {"doc": ["big.bin", 50_000]}
    assert response.json()["POST"] == {"title": ["big"]}


@pytest.mark.parametrize(
    ("query", "fragment"),
    [(b"q=%zz", b"percent"), (b"q=%ff%fe", b"not valid utf-8")],
)
def test_malformed_query_string_is_400(query: bytes, fragment: bytes) -> None:
    status, content = raw_request("/api/", method="GET", query=query)
    assert status == 400
    assert fragment in content


def test_malformed_path_escape_is_400() -> None:
    status, _ = raw_request("/hello/", method="GET", raw_path=b"/hel%zzlo/")
    assert status == 400
    status, _ = raw_request("/hello/", method="GET", raw_path=b"/hello%ff/")
    assert status == 400


def test_invalid_utf8_form_body_is_400() -> None:
    status, _ = raw_request(
        "/echo/",
        body=b"name=%ff%fe",
        headers=[
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", b"11"),
        ],
    )
    assert status == 400


def test_broken_multipart_is_400() -> None:
    body = b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue-without-end'
    status, _ = raw_request(
        "/echo/",
        body=body,
        headers=[
            (b"content-type", b"multipart/form-data; boundary=xyz"),
            (b"content-length", str(len(body)).encode()),
        ],
    )
    assert status == 400
    status, _ = raw_request(
        "/echo/",
        body=b"garbage",
        headers=[(b"content-type", b"multipart/form-data"), (b"content-length", b"7")],
    )
    assert status == 400


def test_invalid_json_is_400_with_message(client: Client) -> None:
    response = client.post("/echo-json/", data=b"{nope", content_type="application/json")
    assert response.status_code == 400
    assert "<p>The request body is not valid JSON: " in response.text
    api = client.post(
        "/echo-json/",
        data=b"{nope",
        content_type="application/json",
        headers={"Accept": "application/json"},
    )
    assert api.status_code == 400
    assert api.json()["error"] == "Bad Request"
    assert api.json()["detail"].startswith("The request body is not valid JSON: ")


def test_suspicious_details_are_not_shown(client: Client) -> None:
    response = client.get("/suspicious/")
    assert response.status_code == 400
    assert "tampered" not in response.text


def test_bad_content_length_is_400() -> None:
    status, _ = raw_request("/echo/", body=b"a=1", headers=[(b"content-length", b"ten")])
    assert status == 400


def test_client_disconnect_sends_nothing() -> None:
    app = get_application()
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/echo/",
        "raw_path": b"/echo/",
        "query_string": b"",
        "root_path": "",
        "scheme": "http",
        "http_version": "1.1",
        "headers": [(b"host", b"testserver"), (b"content-length", b"10")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    assert sent == []
