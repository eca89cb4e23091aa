"""The baseline: a raw ASGI callable with the two benchmark endpoints and nothing else.

It is what a framework cannot beat on the same server (uvicorn, httptools, uvloop): no
routing table, no middleware, no request object. JSON is encoded with orjson, the encoder
Heron itself uses, so the JSON test compares framework overhead rather than encoders.

Served by benchmarks/run.py as ``uvicorn bare_asgi:app``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

PLAINTEXT = b"Hello, World!"
PLAIN_HEADERS = [(b"content-type", b"text/plain"), (b"content-length", b"13")]
NOT_FOUND_HEADERS = [(b"content-type", b"text/plain"), (b"content-length", b"9")]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    path = scope["path"]
    if path == "/plaintext":
        status, headers, body = 200, PLAIN_HEADERS, PLAINTEXT
    elif path == "/json":
        body = orjson.dumps({"message": "Hello, World!"})
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        status = 200
    else:
        status, headers, body = 404, NOT_FOUND_HEADERS, b"Not Found"
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
