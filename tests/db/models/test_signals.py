"""Signals: connect/disconnect/send/asend with sync and async receivers."""

from __future__ import annotations

import asyncio
import gc
import threading
from typing import Any

import pytest

from heron.db.models import signals
from heron.db.models.signals import Signal, receiver

from .basic.models import Choice, Question


def test_send_to_matching_receivers() -> None:
    signal = Signal("test")
    calls: list[tuple[str, Any, dict[str, Any]]] = []

    def any_sender(sender: Any, **kwargs: Any) -> str:
        calls.append(("any", sender, kwargs))
        return "a"

    def questions_only(sender: Any, **kwargs: Any) -> str:
        calls.append(("q", sender, kwargs))
        return "q"

    signal.connect(any_sender)
    signal.connect(questions_only, sender=Question)
    signal.connect(questions_only, sender=Question)  # twice: still once
    assert signal.send(Question, x=1) == [(any_sender, "a"), (questions_only, "q")]
    assert signal.send(Choice) == [(any_sender, "a")]
    assert [c[0] for c in calls] == ["any", "q", "any"]
    assert calls[0][2] == {"x": 1}
    assert signal.disconnect(questions_only, sender=Question)
    assert not signal.disconnect(questions_only, sender=Question)
    assert signal.send(Question) == [(any_sender, "a")]


def test_dispatch_uid_and_decorator() -> None:
    signal = Signal()
    seen: list[str] = []

    @receiver(signal, sender=Question, weak=False, dispatch_uid="one")
    def first(sender: Any, **kwargs: Any) -> None:
        seen.append("first")

    signal.connect(lambda sender, **kw: seen.append("dup"), dispatch_uid="one", sender=Question)
    signal.send(Question)
    assert seen == ["first"]
    assert signal.disconnect(dispatch_uid="one", sender=Question)
    assert not signal.has_listeners(Question)


def test_weak_receivers_disappear() -> None:
    signal = Signal()

    class Listener:
        def __call__(self, sender: Any, **kwargs: Any) -> str:
            return "hi"

        def method(self, sender: Any, **kwargs: Any) -> str:
            return "method"

    listener = Listener()
    signal.connect(listener.method)
    signal.connect(lambda sender, **kw: "strong", weak=False)
    assert [r for _, r in signal.send(None)] == ["method", "strong"]
    del listener
    gc.collect()
    assert [r for _, r in signal.send(None)] == ["strong"]


def test_async_receiver_from_sync_send() -> None:
    signal = Signal()

    async def handler(sender: Any, **kwargs: Any) -> int:
        await asyncio.sleep(0)
        return 7

    signal.connect(handler)
    assert signal.send(None) == [(handler, 7)]

    async def inside_loop() -> None:
        signal.send(None)

    with pytest.raises(RuntimeError, match=r"use 'await signal.asend"):
        asyncio.run(inside_loop())


def test_asend_runs_both_kinds() -> None:
    signal = Signal()
    threads: dict[str, int] = {}

    def sync_handler(sender: Any, **kwargs: Any) -> str:
        threads["sync"] = threading.get_ident()
        return "sync"

    async def async_handler(sender: Any, **kwargs: Any) -> str:
        threads["async"] = threading.get_ident()
        return "async"

    signal.connect(sync_handler)
    signal.connect(async_handler)
    result = asyncio.run(signal.asend(Question, instance=None))
    assert result == [(sync_handler, "sync"), (async_handler, "async")]
    assert threads["sync"] != threads["async"]  # sync receivers leave the event loop


def test_model_signals_exist() -> None:
    for name in ("pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed"):
        assert isinstance(getattr(signals, name), Signal)
