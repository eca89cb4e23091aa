"""What the sessions app raises::

SessionNotLoaded (heron.db.SynchronousOnlyOperation)
    session data read or written synchronously inside async code before
    ``await request.session.aload()``
SessionInterrupted (heron.http.BadRequest, 400)
    the session was deleted while this request was using it (a sign-out in another tab)
CreateError, UpdateError
    a backend could not create a new session row (key taken) or update a vanished one
SessionTooLarge (ValueError)
    a signed-cookie session does not fit in a cookie
"""

from __future__ import annotations

from heron.core.exceptions import HeronError
from heron.db.exceptions import SynchronousOnlyOperation
from heron.http.exceptions import BadRequest

__all__ = [
    "CreateError",
    "SessionInterrupted",
    "SessionNotLoaded",
    "SessionTooLarge",
    "UpdateError",
]


class SessionNotLoaded(SynchronousOnlyOperation):
    """Session data was used from async code before it was loaded."""


class SessionInterrupted(BadRequest):
    """The session vanished during the request; the response is a 400."""


class CreateError(HeronError):
    """A new session could not be stored under the chosen key (it exists already)."""


class UpdateError(HeronError):
    """The session to update no longer exists in the store."""


class SessionTooLarge(HeronError, ValueError):
    """The signed-cookie session is over the size browsers keep."""
