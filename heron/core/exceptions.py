"""Heron's one exception tree: every error the framework raises is a ``HeronError``.

``except heron.core.HeronError`` catches anything Heron raised on purpose. The classes live
in the room that raises them (``heron.http.exceptions``, ``heron.db.exceptions``, ...) and
subclass ``HeronError``; the ones several rooms raise live here, on the ground floor. Where a
built-in exception is a second base (``BadHeaderError`` is also a ``ValueError``), ``except
ValueError`` keeps working. The whole tree, kept true by ``tests/core/test_exceptions.py``::

    HeronError                                    core.exceptions
     ├── BadHeaderError (+ValueError)             http.exceptions
     ├── BadHeaderError (+ValueError)             mail.exceptions
     ├── BadSignature                             signing.exceptions
     │   └── SignatureExpired                     signing.exceptions
     ├── ClientDisconnected                       http.exceptions
     ├── ConnectionDoesNotExist (+LookupError)    db.exceptions
     ├── ContentNotRenderedError (+RuntimeError)  templates.exceptions
     ├── CreateError                              contrib.sessions.exceptions
     ├── Error                                    db.exceptions
     │   ├── DatabaseError                        db.exceptions
     │   │   ├── DataError                        db.exceptions
     │   │   ├── IntegrityError                   db.exceptions
     │   │   ├── InternalError                    db.exceptions
     │   │   ├── NotSupportedError                db.exceptions
     │   │   ├── OperationalError                 db.exceptions
     │   │   │   ├── DatabaseUnavailable          db.exceptions
     │   │   │   └── StatementTimeout             db.exceptions
     │   │   └── ProgrammingError                 db.exceptions
     │   │       └── TransactionManagementError   db.exceptions
     │   └── InterfaceError                       db.exceptions
     ├── FieldError                               db.models.exceptions
     │   └── FieldDoesNotExist                    db.models.exceptions
     ├── FixtureError                             db.fixtures.records
     ├── HttpError                                http.exceptions
     │   ├── BadRequest                           http.exceptions
     │   │   ├── SessionInterrupted               contrib.sessions.exceptions
     │   │   ├── SuspiciousOperation              http.exceptions
     │   │   │   ├── DisallowedHost               http.exceptions
     │   │   │   └── DisallowedRedirect           http.exceptions
     │   │   ├── TooManyFieldsSent                http.exceptions
     │   │   └── TooManyFilesSent                 http.exceptions
     │   ├── Http404                              http.exceptions
     │   │   └── Resolver404                      urls.exceptions
     │   ├── PermissionDenied                     http.exceptions
     │   ├── Ratelimited                          ratelimit.exceptions
     │   └── RequestDataTooBig                    http.exceptions
     ├── ImproperlyConfigured                     core.exceptions
     │   ├── AlreadyRegistered                    contrib.admin.sites
     │   ├── AppRegistryNotReady                  apps.exceptions
     │   ├── InvalidCacheBackendError             cache.handler
     │   ├── NotRegistered                        contrib.admin.sites
     │   └── SettingsNotConfigured                core.exceptions
     ├── InvalidCacheKey (+ValueError)            cache.backends.base
     ├── InvalidName (+ValueError)                cli.scaffold
     ├── InvalidPage                              pagination.exceptions
     │   ├── EmptyPage                            pagination.exceptions
     │   └── PageNotAnInteger                     pagination.exceptions
     ├── MakeMigrationsError                      db.migrations.making
     ├── MessageFailure                           contrib.messages.exceptions
     ├── MiddlewareNotUsed                        middleware.base
     ├── MigrationError                           db.migrations.exceptions
     │   ├── AmbiguityError                       db.migrations.exceptions
     │   ├── BadMigrationError                    db.migrations.exceptions
     │   ├── CircularDependencyError              db.migrations.exceptions
     │   ├── InconsistentMigrationHistory         db.migrations.exceptions
     │   ├── InvalidBasesError                    db.migrations.exceptions
     │   ├── IrreversibleError                    db.migrations.exceptions
     │   ├── MigrationFailed                      db.migrations.exceptions
     │   ├── MigrationLockTimeout                 db.migrations.exceptions
     │   ├── MigrationSchemaMissing               db.migrations.exceptions
     │   └── NodeNotFoundError                    db.migrations.exceptions
     ├── MissingDependency (+ImportError)         forms.exceptions
     ├── MultiValueDictKeyError (+KeyError)       http.datastructures
     ├── MultipleObjectsReturned                  db.models.exceptions
     ├── NoReverseMatch                           urls.exceptions
     ├── ObjectDoesNotExist                       db.models.exceptions
     ├── ProtectedError                           db.models.deletion
     ├── QuestionerError                          db.migrations.questioner
     ├── RedirectCycleError                       test.client
     ├── RelationLoaderMissing (+RuntimeError)    db.models.exceptions
     ├── RestrictedError                          db.models.deletion
     ├── SerializationError (+ValueError)         contrib.sessions.serializers
     ├── SessionTooLarge (+ValueError)            contrib.sessions.exceptions
     ├── SquashError                              db.migrations.squash
     ├── StaticFilesError                         contrib.staticfiles.exceptions
     │   ├── ManifestMissing                      contrib.staticfiles.exceptions
     │   ├── MissingManifestEntry                 contrib.staticfiles.exceptions
     │   ├── MissingReference                     contrib.staticfiles.exceptions
     │   └── ReferenceCycle                       contrib.staticfiles.exceptions
     ├── SynchronousOnlyOperation (+RuntimeError) db.exceptions
     │   └── SessionNotLoaded                     contrib.sessions.exceptions
     ├── TemplateDoesNotExist (+TemplateNotFound) templates.exceptions
     │   └── BlockDoesNotExist                    templates.exceptions
     ├── UpdateError                              contrib.sessions.exceptions
     └── ValidationError                          core.exceptions

Some rooms also raise built-in errors for programming mistakes (``TypeError``, ``ValueError``
from ``make_aware()``...), as Python itself does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = [
    "NON_FIELD_ERRORS",
    "HeronError",
    "ImproperlyConfigured",
    "SettingsNotConfigured",
    "ValidationError",
]


class HeronError(Exception):
    """The root of every exception Heron defines."""


class ImproperlyConfigured(HeronError):
    """A setting is wrong; the message names the setting and how to fix it."""


class SettingsNotConfigured(ImproperlyConfigured):
    """Settings were read before ``heron.setup()`` (or ``settings.configure()``) ran."""


NON_FIELD_ERRORS = "__all__"
"""The key of ``ValidationError.message_dict`` for errors that belong to no single field."""


class ValidationError(HeronError):
    """One or more messages explaining why a value is invalid.

    Build it from a message (with an optional ``code`` and ``%``-style ``params``), a list of
    messages or errors, or a dict mapping field names to either. ``message_dict`` and
    ``messages`` give plain strings; ``error_dict`` / ``error_list`` keep the error objects so
    codes survive (forms use them to pick custom messages).
    """

    message: str
    code: str | None
    params: Mapping[str, Any] | None
    error_list: list[ValidationError]
    error_dict: dict[str, list[ValidationError]]

    def __init__(
        self,
        message: str | ValidationError | list[Any] | Mapping[str, Any],
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code, params)
        if isinstance(message, ValidationError):
            if hasattr(message, "error_dict"):
                self.error_dict = message.error_dict
            elif hasattr(message, "message"):
                self.message, self.code, self.params = message.message, message.code, message.params
                self.error_list = [self]
            else:
                self.error_list = message.error_list
        elif isinstance(message, Mapping):
            self.error_dict = {}
            for field, messages in message.items():
                if not isinstance(messages, ValidationError):
                    messages = ValidationError(messages)
                self.error_dict[field] = list(messages)
        elif isinstance(message, list):
            self.error_list = []
            for item in message:
                error = item if isinstance(item, ValidationError) else ValidationError(item)
                if hasattr(error, "error_dict"):
                    for errors in error.error_dict.values():
                        self.error_list.extend(errors)
                else:
                    self.error_list.extend(error.error_list)
        else:
            self.message, self.code, self.params = str(message), code, params
            self.error_list = [self]

    @property
    def message_dict(self) -> dict[str, list[str]]:
        """Return ``{field: [message, ...]}``; only for errors built from a dict."""
        return {field: [e._text() for e in errors] for field, errors in self.error_dict.items()}

    @property
    def messages(self) -> list[str]:
        """Return every message as a flat list of strings."""
        if hasattr(self, "error_dict"):
            return [text for texts in self.message_dict.values() for text in texts]
        return [e._text() for e in self.error_list]

    def _text(self) -> str:
        if self.params:
            return self.message % self.params
        return self.message

    def __iter__(self) -> Iterator[ValidationError]:
        if hasattr(self, "error_dict"):
            for errors in self.error_dict.values():
                yield from errors
        else:
            yield from self.error_list

    def __str__(self) -> str:
        if hasattr(self, "error_dict"):
            return repr(self.message_dict)
        return repr(self.messages)

    def __repr__(self) -> str:
        return f"ValidationError({self})"
