"""Model signals: ``pre_save``, ``post_save``, ``pre_delete``, ``post_delete``, ``m2m_changed``,
and ``post_migrate`` (sent by the migration executor after each ``migrate`` run).

A ``Signal`` keeps receivers, each optionally tied to one sender (usually a model class).
Receivers are plain functions or coroutine functions taking ``sender`` and keyword arguments::

    @receiver(post_save, sender=Question)
    def announce(sender, instance, created, **kwargs): ...

``send()`` calls them from sync code (async receivers run in a fresh event loop; from inside
a running loop use ``asend()`` instead, which awaits async receivers concurrently and runs
the sync ones in a worker thread with the caller's context). By default receivers are held by
weak reference, so a receiver that is garbage-collected disconnects itself; pass
``weak=False`` for lambdas and closures.
"""

from __future__ import annotations

import inspect
import sys
import threading
import weakref
from collections.abc import Callable, Coroutine, Hashable
from typing import Any, TypeVar

__all__ = [
    "Signal",
    "m2m_changed",
    "post_delete",
    "post_migrate",
    "post_save",
    "pre_delete",
    "pre_save",
    "receiver",
]

Receiver = Callable[..., Any]
_R = TypeVar("_R", bound=Receiver)
_ANY_SENDER: Any = object()


def _make_ref(func: Receiver, weak: bool) -> Callable[[], Receiver | None]:
    if not weak:
        return lambda: func
    if inspect.ismethod(func):
        return weakref.WeakMethod(func)
    return weakref.ref(func)


def _is_async(func: Receiver) -> bool:
    return inspect.iscoroutinefunction(func) or inspect.iscoroutinefunction(
        getattr(func, "__call__", None)  # noqa: B004 - async callable objects count too
    )


class Signal:
    """A set of receivers that ``send()`` / ``asend()`` call with the sender and kwargs."""

    def __init__(self, name: str = "") -> None:
        self.name = name
        self._lock = threading.Lock()
        # (key, sender key, reference); key is dispatch_uid or the receiver's identity.
        self._receivers: list[tuple[Hashable, Any, Callable[[], Receiver | None]]] = []
        # Per sender: the references (never the receivers, which would keep them alive).
        self._cache: dict[Any, list[Callable[[], Receiver | None]]] = {}

    def connect(
        self,
        receiver: Receiver,
        sender: Any = None,
        *,
        weak: bool = True,
        dispatch_uid: Hashable | None = None,
    ) -> None:
        """Add ``receiver``; connecting the same receiver (or uid) for a sender twice is a no-op."""
        if not callable(receiver):
            raise TypeError(f"Signal receivers must be callable, not {receiver!r}.")
        key = dispatch_uid if dispatch_uid is not None else _identity(receiver)
        sender_key = _ANY_SENDER if sender is None else _identity(sender)
        with self._lock:
            self._receivers = [entry for entry in self._receivers if entry[2]() is not None]
            if any(k == key and s == sender_key for k, s, _ in self._receivers):
                return
            self._receivers.append((key, sender_key, _make_ref(receiver, weak)))
            self._cache.clear()

    def disconnect(
        self,
        receiver: Receiver | None = None,
        sender: Any = None,
        *,
        dispatch_uid: Hashable | None = None,
    ) -> bool:
        """Remove a receiver; return whether one was connected."""
        if receiver is None and dispatch_uid is None:
            raise TypeError("disconnect() needs the receiver or its dispatch_uid.")
        key = dispatch_uid if dispatch_uid is not None else _identity(receiver)
        sender_key = _ANY_SENDER if sender is None else _identity(sender)
        with self._lock:
            before = len(self._receivers)
            self._receivers = [
                entry
                for entry in self._receivers
                if not (entry[0] == key and entry[1] == sender_key)
            ]
            self._cache.clear()
            return len(self._receivers) != before

    def has_listeners(self, sender: Any = None) -> bool:
        """Return whether any receiver would be called for ``sender`` (a cheap check)."""
        return bool(self.receivers_for(sender))

    def receivers_for(self, sender: Any) -> list[Receiver]:
        """Return the live receivers for ``sender``, in connection order."""
        sender_key = _identity(sender) if sender is not None else _ANY_SENDER
        refs = self._cache.get(sender_key)
        if refs is None:
            with self._lock:
                refs = [
                    ref
                    for _, key, ref in self._receivers
                    if key is _ANY_SENDER or key == sender_key
                ]
                self._cache[sender_key] = refs
        live: list[Receiver] = []
        for ref in refs:
            func = ref()
            if func is None:
                self._purge()
            else:
                live.append(func)
        return live

    def _purge(self) -> None:
        with self._lock:
            self._receivers = [entry for entry in self._receivers if entry[2]() is not None]
            self._cache.clear()

    def send(self, sender: Any, **kwargs: Any) -> list[tuple[Receiver, Any]]:
        """Call every receiver from sync code; return ``[(receiver, response), ...]``.

        Async receivers run to completion in a fresh event loop, which is impossible inside a
        running loop: there, ``send()`` raises and ``asend()`` is the call to make.
        """
        receivers = self.receivers_for(sender)
        if not receivers:
            return []
        responses: list[tuple[Receiver, Any]] = []
        for func in receivers:
            if _is_async(func):
                responses.append((func, _run_coroutine(self, func(sender=sender, **kwargs))))
            else:
                responses.append((func, func(sender=sender, **kwargs)))
        return responses

    async def asend(self, sender: Any, **kwargs: Any) -> list[tuple[Receiver, Any]]:
        """Await async receivers concurrently and run sync ones in a worker thread."""
        receivers = self.receivers_for(sender)
        if not receivers:
            return []
        import asyncio

        sync = [func for func in receivers if not _is_async(func)]
        results: dict[int, Any] = {}

        def run_sync() -> None:
            for func in sync:
                results[id(func)] = func(sender=sender, **kwargs)

        async_funcs = [func for func in receivers if _is_async(func)]
        pending: list[Any] = [func(sender=sender, **kwargs) for func in async_funcs]
        if sync:
            pending.append(asyncio.to_thread(run_sync))
        outcomes = await asyncio.gather(*pending)
        for func, outcome in zip(async_funcs, outcomes, strict=False):
            results[id(func)] = outcome
        return [(func, results.get(id(func))) for func in receivers]

    def __repr__(self) -> str:
        return f"<Signal {self.name or hex(id(self))}>"


def _identity(obj: Any) -> Hashable:
    if inspect.ismethod(obj):
        return (id(obj.__self__), id(obj.__func__))
    return id(obj)


def _run_coroutine(signal: Signal, coro: Coroutine[Any, Any, Any]) -> Any:
    asyncio = sys.modules.get("asyncio")
    if asyncio is not None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            coro.close()
            raise RuntimeError(
                f"{signal!r} has an async receiver and send() was called inside a running "
                "event loop; use 'await signal.asend(...)' from async code."
            )
    import asyncio as aio

    return aio.run(coro)


def receiver(signal: Signal | list[Signal], **options: Any) -> Callable[[_R], _R]:
    """Connect the decorated function to one signal or a list of them."""

    def decorator(func: _R) -> _R:
        for each in signal if isinstance(signal, list) else [signal]:
            each.connect(func, **options)
        return func

    return decorator


pre_save = Signal("pre_save")
"""Sent before a model instance is saved: ``sender, instance, raw, using, update_fields``."""
post_save = Signal("post_save")
"""Sent after a save: ``sender, instance, created, raw, using, update_fields``."""
pre_delete = Signal("pre_delete")
"""Sent before each instance is deleted (cascades included): ``sender, instance, using``."""
post_delete = Signal("post_delete")
"""Sent after each instance is deleted: ``sender, instance, using``."""
m2m_changed = Signal("m2m_changed")
"""Sent around many-to-many changes: ``sender`` (the through model), ``instance``, ``action``
("pre_add", "post_add", "pre_remove", "post_remove", "pre_clear", "post_clear"), ``reverse``,
``model``, ``pk_set``, ``using``."""
post_migrate = Signal("post_migrate")
"""Sent after every ``migrate`` run on a database, even one with nothing to apply (apps create
rows that depend on the schema here, e.g. the auth app's permissions): ``sender`` (the
``MigrationExecutor``), ``using`` (the alias), ``plan`` (what ran), ``applied`` (the keys
``(app_label, name)`` of every migration applied on that database afterwards)."""
