"""``SessionBase``: the lazy, dict-like session every backend shares.

The logic lives once, in I/O-free *cores*: generators that yield steps (``fetch`` a stored
payload, ``write`` one, ``remove`` one, ask whether one ``exists``) and receive each step's
result. ``_run`` drives a core with the backend's blocking methods (``_io_<step>``),
``_arun`` with its awaitable ones (``_aio_<step>``); every sync method and its a-twin
(``load``/``aload``, ``save``/``asave``, ``cycle_key``/``acycle_key``, ...) is one line over
the same core. A backend only supplies those few I/O methods.

Data is read on first use. Outside an event loop (a sync view, a script, a test) that first
use loads it. Inside async code, reading or writing data before ``await session.aload()``
raises ``SessionNotLoaded`` instead of blocking the event loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
import string
from collections.abc import Generator, ItemsView, Iterator, KeysView, ValuesView
from typing import TYPE_CHECKING, Any, ClassVar

from heron._internal.imports import import_string
from heron.conf import settings
from heron.signing import BadSignature, Signer
from heron.timezone import now

from ..exceptions import CreateError, SessionNotLoaded, UpdateError

if TYPE_CHECKING:
    from heron.http import HttpRequest

    from ..serializers import JSONSerializer

__all__ = ["EXPIRY_KEY", "SessionBase", "Step"]

EXPIRY_KEY = "_session_expiry"
VALID_KEY_CHARS = frozenset(string.ascii_lowercase + string.digits)
_CREATE_ATTEMPTS = 3  # a clash of 165-bit keys is an RNG failure; 3 is plenty

Step = tuple[str, tuple[Any, ...]]  # (I/O method name, arguments)
Core = Generator[Step, Any, Any]


class _Unread:
    """The key of a session made by the middleware, before its cookie is read."""

    def __repr__(self) -> str:
        return "<unread>"


_UNREAD: Any = _Unread()
_MISSING: Any = object()


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class SessionBase:
    """One visitor's session: a dict of JSON-friendly values under a random key.

    Create one with ``SessionStore(session_key)`` (``None`` for a new session). Reading or
    writing data marks it ``accessed``; changing it marks it ``modified``; the middleware
    saves modified sessions and sends the cookie.
    """

    #: The salt that namespaces the signature of stored session data.
    key_salt: ClassVar[str] = "heron.contrib.sessions"

    accessed: bool = False
    modified: bool = False
    _cache: dict[str, Any] | None = None
    # A session made by the middleware (``object.__new__`` and ``_request`` only: the request
    # path stays lean) reads its key from the request's cookie on first use.
    _key: Any = _UNREAD
    _request: HttpRequest | None = None
    _cookie_name: str = ""

    def __init__(self, session_key: str | None = None) -> None:
        self._key = session_key

    @classmethod
    def for_request(cls, request: HttpRequest, cookie_name: str) -> SessionBase:
        """A session whose key is the request's ``cookie_name`` cookie, read on first use.

        The middleware calls this on every request, so it does no more than store both.
        """
        session = cls.__new__(cls)
        session._key = _UNREAD
        session._request = request
        session._cookie_name = cookie_name
        return session

    def __repr__(self) -> str:
        state = "loaded" if self._cache is not None else "not loaded"
        return f"<{type(self).__name__}: {state}>"

    # -- the key -----------------------------------------------------------------------------

    @property
    def session_key(self) -> str | None:
        """The key the client holds in its cookie; ``None`` until the session is saved."""
        key = self._key
        if key is _UNREAD:
            request = self._request
            if request is None:
                key = None
            else:
                name = self._cookie_name or str(settings.SESSION_COOKIE_NAME)
                key = request.COOKIES.get(name) or None
            self._key = key
            self._request = None
        return key  # type: ignore[no-any-return]

    def _valid_key(self, key: str) -> bool:
        """Whether ``key`` could be one this backend made (checked before any I/O)."""
        return 32 <= len(key) <= 40 and VALID_KEY_CHARS.issuperset(key)

    def _new_key(self) -> str:
        """A fresh random key: 32 characters, about 165 bits from ``secrets``."""
        alphabet = string.ascii_lowercase + string.digits
        return "".join(secrets.choice(alphabet) for _ in range(32))

    # -- the data ----------------------------------------------------------------------------

    @property
    def _session(self) -> dict[str, Any]:
        self.accessed = True
        cache = self._cache
        if cache is None:
            if _in_event_loop():
                raise SessionNotLoaded(
                    "The session is not loaded, and loading it now would block the event loop "
                    "inside async code. Call `await request.session.aload()` first (or use "
                    "the awaitable accessors: `await request.session.aget(key)`)."
                )
            cache = self._run(self._load_core())
        return cache

    def __getitem__(self, key: str) -> Any:
        return self._session[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._session[key] = value
        self.modified = True

    def __delitem__(self, key: str) -> None:
        del self._session[key]
        self.modified = True

    def __contains__(self, key: object) -> bool:
        return key in self._session

    def __len__(self) -> int:
        return len(self._session)

    def __iter__(self) -> Iterator[str]:
        return iter(self._session)

    def get(self, key: str, default: Any = None) -> Any:
        return self._session.get(key, default)

    def pop(self, key: str, default: Any = _MISSING) -> Any:
        session = self._session
        self.modified = self.modified or key in session
        if default is _MISSING:
            return session.pop(key)
        return session.pop(key, default)

    def setdefault(self, key: str, value: Any) -> Any:
        session = self._session
        if key in session:
            return session[key]
        self.modified = True
        session[key] = value
        return value

    def update(self, other: Any = (), /, **kwargs: Any) -> None:
        self._session.update(other, **kwargs)
        self.modified = True

    def keys(self) -> KeysView[str]:
        return self._session.keys()

    def values(self) -> ValuesView[Any]:
        return self._session.values()

    def items(self) -> ItemsView[str, Any]:
        return self._session.items()

    def has_key(self, key: str) -> bool:
        return key in self._session

    def clear(self) -> None:
        """Empty the session (without loading it first); the key stays."""
        self._cache = {}
        self.accessed = True
        self.modified = True

    def is_empty(self) -> bool:
        """Whether there is neither a key nor loaded data (no I/O)."""
        return not self.session_key and not self._cache

    # Awaitable accessors for async code: each loads the session first if needed.

    async def aget(self, key: str, default: Any = None) -> Any:
        return (await self.aload()).get(key, default)

    async def aset(self, key: str, value: Any) -> None:
        await self.aload()
        self[key] = value

    async def asetdefault(self, key: str, value: Any) -> Any:
        await self.aload()
        return self.setdefault(key, value)

    async def apop(self, key: str, default: Any = _MISSING) -> Any:
        await self.aload()
        return self.pop(key, default)

    async def aupdate(self, other: Any = (), /, **kwargs: Any) -> None:
        await self.aload()
        self.update(other, **kwargs)

    async def ahas_key(self, key: str) -> bool:
        return key in await self.aload()

    async def akeys(self) -> KeysView[str]:
        return (await self.aload()).keys()

    async def avalues(self) -> ValuesView[Any]:
        return (await self.aload()).values()

    async def aitems(self) -> ItemsView[str, Any]:
        return (await self.aload()).items()

    # -- expiry ------------------------------------------------------------------------------

    def get_session_cookie_age(self) -> int:
        return int(settings.SESSION_COOKIE_AGE)

    def set_expiry(self, value: int | dt.datetime | dt.timedelta | None) -> None:
        """Expire in ``value`` seconds (``int``), at a ``datetime``, after a ``timedelta``,
        when the browser closes (``0``), or per the settings again (``None``)."""
        if value is None:
            self._session.pop(EXPIRY_KEY, None)
            self.modified = True
            return
        if isinstance(value, dt.timedelta):
            value = now() + value
        elif not isinstance(value, (int, dt.datetime)) or isinstance(value, bool):
            raise TypeError(
                "set_expiry() takes seconds (int), a datetime, a timedelta, 0 (until the "
                f"browser closes) or None (the settings), not {type(value).__name__}."
            )
        self[EXPIRY_KEY] = value

    def get_expiry_age(
        self, *, modification: dt.datetime | None = None, expiry: Any = _MISSING
    ) -> int:
        """Seconds from ``modification`` (now) until the session expires."""
        if expiry is _MISSING:
            expiry = self._session.get(EXPIRY_KEY)
        if isinstance(expiry, dt.datetime):
            delta = expiry - (modification or now())
            return delta.days * 86400 + delta.seconds
        if isinstance(expiry, int) and expiry:
            return expiry
        return self.get_session_cookie_age()

    def get_expiry_date(
        self, *, modification: dt.datetime | None = None, expiry: Any = _MISSING
    ) -> dt.datetime:
        """When the session expires (``modification`` defaults to now)."""
        if expiry is _MISSING:
            expiry = self._session.get(EXPIRY_KEY)
        if isinstance(expiry, dt.datetime):
            return expiry
        age = expiry if isinstance(expiry, int) and expiry else self.get_session_cookie_age()
        return (modification or now()) + dt.timedelta(seconds=age)

    def get_expire_at_browser_close(self) -> bool:
        """Whether the cookie lasts only until the browser closes."""
        expiry = self._session.get(EXPIRY_KEY)
        if expiry is None:
            return bool(settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)
        return bool(expiry == 0)

    # -- encoding ----------------------------------------------------------------------------

    @property
    def serializer(self) -> JSONSerializer:
        return import_string(settings.SESSION_SERIALIZER, setting="SESSION_SERIALIZER")()  # type: ignore[no-any-return]

    def _signer(self) -> Signer:
        return Signer(salt=self.key_salt)

    def encode(self, data: dict[str, Any], expire_date: dt.datetime) -> str:
        """Serialize and sign ``data`` for storage (the store keeps ``expire_date``)."""
        return self._signer().sign_object(data, serializer=self.serializer.dumps, compress=True)

    def decode(self, payload: str) -> dict[str, Any] | None:
        """The data in ``payload``, or None if it is tampered, undecodable or malformed."""
        try:
            data = self._signer().unsign_object(payload, deserializer=self.serializer.loads)
        except (BadSignature, ValueError, TypeError):
            return None
        return self._checked(data)

    def _checked(self, data: Any) -> dict[str, Any] | None:
        """``data`` if it is a session dict with a sound, future expiry; else None."""
        if not isinstance(data, dict):
            return None
        expiry = data.get(EXPIRY_KEY)
        if expiry is None:
            return data
        if isinstance(expiry, bool) or not isinstance(expiry, (int, dt.datetime)):
            return None
        if isinstance(expiry, dt.datetime) and (
            (expiry.tzinfo is None) == bool(settings.USE_TZ) or expiry <= now()
        ):
            return None
        return data

    # -- the cores ---------------------------------------------------------------------------

    def _load_core(self) -> Core:
        if self._cache is not None:
            return self._cache
        key = self.session_key
        data: dict[str, Any] | None = None
        if key is not None and self._valid_key(key):
            payload = yield ("fetch", (key,))
            if payload is not None:
                data = self.decode(payload)
        if data is None:
            # Unknown, expired or unreadable: a fresh session under a key made by us, so a
            # key chosen by the client is never adopted (session fixation).
            self._key = None
            data = {}
        self._cache = data
        return data

    def _write_core(self, key: str, must_create: bool) -> Core:
        data = self._cache if self._cache is not None else {}
        expire_date = self.get_expiry_date(expiry=data.get(EXPIRY_KEY))
        stored = yield ("write", (key, self.encode(data, expire_date), expire_date, must_create))
        if stored is None:
            raise CreateError(key) if must_create else UpdateError(key)
        self._key = stored

    def _create_core(self) -> Core:
        if self._cache is None:
            self._cache = {}
        for _ in range(_CREATE_ATTEMPTS):
            try:
                yield from self._write_core(self._new_key(), must_create=True)
            except CreateError:
                continue  # the key is taken: draw another
            self.modified = True
            return
        raise CreateError(
            f"The session store refused {_CREATE_ATTEMPTS} new random keys: it is most likely "
            "unreachable (a cache outage) rather than full of collisions."
        )

    def _save_core(self, must_create: bool) -> Core:
        yield from self._load_core()
        key = self.session_key
        if key is None:
            yield from self._create_core()
        else:
            yield from self._write_core(key, must_create)

    def _delete_core(self, key: str | None) -> Core:
        if key is None:
            key = self.session_key
            if key is None:
                return
        yield ("remove", (key,))

    def _cycle_core(self) -> Core:
        data = yield from self._load_core()
        old = self.session_key
        self._cache = data
        yield from self._create_core()
        if old is not None:
            yield ("remove", (old,))

    def _flush_core(self) -> Core:
        self.clear()
        yield from self._delete_core(None)
        self._key = None

    def _exists_core(self, key: str) -> Core:
        found = yield ("exists", (key,))
        return bool(found)

    # -- the two shells ----------------------------------------------------------------------

    def _run(self, core: Core) -> Any:
        try:
            name, args = next(core)
            while True:
                name, args = core.send(getattr(self, "_io_" + name)(*args))
        except StopIteration as done:
            return done.value

    async def _arun(self, core: Core) -> Any:
        try:
            name, args = next(core)
            while True:
                name, args = core.send(await getattr(self, "_aio_" + name)(*args))
        except StopIteration as done:
            return done.value

    # -- the public I/O methods, sync and async ----------------------------------------------

    def load(self) -> dict[str, Any]:
        """Load the data (once) and return it."""
        self.accessed = True
        return self._run(self._load_core())  # type: ignore[no-any-return]

    async def aload(self) -> dict[str, Any]:
        """Load the data (once) without blocking the event loop, and return it."""
        self.accessed = True
        if self._cache is not None:
            return self._cache
        return await self._arun(self._load_core())  # type: ignore[no-any-return]

    def save(self, must_create: bool = False) -> None:
        """Store the data (a new session gets a new key); ``UpdateError`` if it vanished."""
        self._run(self._save_core(must_create))

    async def asave(self, must_create: bool = False) -> None:
        await self._arun(self._save_core(must_create))

    def create(self) -> None:
        """Store the current data under a new key."""
        self._run(self._create_core())

    async def acreate(self) -> None:
        await self._arun(self._create_core())

    def exists(self, session_key: str) -> bool:
        """Whether a session is stored under ``session_key``."""
        return self._run(self._exists_core(session_key))  # type: ignore[no-any-return]

    async def aexists(self, session_key: str) -> bool:
        return await self._arun(self._exists_core(session_key))  # type: ignore[no-any-return]

    def delete(self, session_key: str | None = None) -> None:
        """Remove the stored session ``session_key`` (this one by default)."""
        self._run(self._delete_core(session_key))

    async def adelete(self, session_key: str | None = None) -> None:
        await self._arun(self._delete_core(session_key))

    def cycle_key(self) -> None:
        """Keep the data under a new key and delete the old one (call it on sign-in)."""
        self._run(self._cycle_core())

    async def acycle_key(self) -> None:
        await self._arun(self._cycle_core())

    def flush(self) -> None:
        """Empty the session, delete it from the store and drop the key (on sign-out)."""
        self._run(self._flush_core())

    async def aflush(self) -> None:
        await self._arun(self._flush_core())

    @classmethod
    def clear_expired(cls) -> None:
        """Remove expired sessions from the store (``heron clearsessions``)."""

    @classmethod
    async def aclear_expired(cls) -> None:
        cls.clear_expired()

    # -- what a backend supplies -------------------------------------------------------------

    def _io_fetch(self, key: str) -> str | None:
        """The payload stored under ``key`` (None when missing or expired)."""
        raise NotImplementedError

    def _io_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        """Store ``payload``; return the key it is stored under, or None when
        ``must_create`` and ``key`` is taken, or not ``must_create`` and ``key`` is gone."""
        raise NotImplementedError

    def _io_remove(self, key: str) -> None:
        raise NotImplementedError

    def _io_exists(self, key: str) -> bool:
        raise NotImplementedError

    async def _aio_fetch(self, key: str) -> str | None:
        raise NotImplementedError

    async def _aio_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        raise NotImplementedError

    async def _aio_remove(self, key: str) -> None:
        raise NotImplementedError

    async def _aio_exists(self, key: str) -> bool:
        raise NotImplementedError
