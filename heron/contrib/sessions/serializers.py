"""``JSONSerializer``: session data to bytes and back, with no pickle.

Plain JSON keeps ``str``, ``int``, ``float``, ``bool``, ``None``, lists and dicts with string
keys. A few more types come back as themselves, because sessions often hold them: ``datetime``,
``date``, ``time``, ``timedelta``, ``Decimal``, ``UUID`` and ``tuple``. Each is written as a
one-key object ``{"$t": [type, value]}``; a stored dict that itself has a ``"$t"`` key is
escaped the same way, so no user value can be read back as a tagged one. Anything else
(sets, bytes, model instances) raises ``TypeError`` when the session is saved, naming the
key, rather than being stored as something else.

``SESSION_SERIALIZER`` may name another class with the same two methods.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson

from heron.core.exceptions import HeronError

__all__ = ["JSONSerializer", "SerializationError"]

TAG = "$t"


class SerializationError(HeronError, ValueError):
    """Stored session bytes are not something this serializer wrote."""


def _encode(value: Any, where: str) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is list:
        return [_encode(item, where) for item in value]
    if kind is dict:
        encoded: dict[str, Any] = {}
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(
                    f"Session data keys must be strings; {where} has the key {key!r} "
                    f"({type(key).__name__})."
                )
            encoded[key] = _encode(item, f"{where}[{key!r}]")
        if TAG in encoded:
            return {TAG: ["dict", encoded]}
        return encoded
    if kind is tuple:
        return {TAG: ["tuple", [_encode(item, where) for item in value]]}
    if kind is dt.datetime:
        return {TAG: ["datetime", value.isoformat()]}
    if kind is dt.date:
        return {TAG: ["date", value.isoformat()]}
    if kind is dt.time:
        return {TAG: ["time", value.isoformat()]}
    if kind is dt.timedelta:
        return {TAG: ["timedelta", [value.days, value.seconds, value.microseconds]]}
    if kind is Decimal:
        return {TAG: ["decimal", str(value)]}
    if isinstance(value, uuid.UUID):
        return {TAG: ["uuid", str(value)]}
    if isinstance(value, str):  # str/int/float subclasses (enums, markup) as the plain type
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return float(value)
    raise TypeError(
        f"Session data must be JSON-friendly: {where} is a {kind.__name__}, which the JSON "
        "session serializer cannot store. Store plain values (str, int, float, bool, None, "
        "list, dict, tuple, datetime, date, time, timedelta, Decimal, UUID), e.g. an id "
        "instead of a model instance."
    )


def _timedelta(value: Any) -> dt.timedelta:
    days, seconds, micro = value
    return dt.timedelta(days=days, seconds=seconds, microseconds=micro)


_DECODERS: dict[str, Callable[[Any], Any]] = {
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "timedelta": _timedelta,
    "decimal": Decimal,
    "uuid": uuid.UUID,
}


def _decode(value: Any) -> Any:
    kind = type(value)
    if kind is list:
        return [_decode(item) for item in value]
    if kind is not dict:
        return value
    if TAG not in value:
        return {key: _decode(item) for key, item in value.items()}
    tagged = value[TAG]
    if len(value) != 1 or type(tagged) is not list or len(tagged) != 2:
        raise SerializationError("Malformed tagged value in session data.")
    name, payload = tagged
    if name == "dict" and type(payload) is dict:
        return {key: _decode(item) for key, item in payload.items()}
    if name == "tuple" and type(payload) is list:
        return tuple(_decode(item) for item in payload)
    decoder = _DECODERS.get(name) if type(name) is str else None
    if decoder is None:
        raise SerializationError(f"Unknown tagged type {name!r} in session data.")
    try:
        return decoder(payload)
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise SerializationError(f"Bad {name} value in session data.") from exc


class JSONSerializer:
    """The default ``SESSION_SERIALIZER``: JSON (orjson) with a few tagged types."""

    def dumps(self, data: dict[str, Any]) -> bytes:
        """Encode ``data``; ``TypeError`` names the first value JSON cannot hold."""
        return orjson.dumps(_encode(data, "session"))

    def loads(self, raw: bytes) -> dict[str, Any]:
        """Decode bytes written by ``dumps``; ``SerializationError`` if they are not."""
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise SerializationError("Session data is not valid JSON.") from exc
        if type(data) is not dict:
            raise SerializationError("Session data must be a JSON object.")
        decoded: dict[str, Any] = _decode(data)
        return decoded
