"""Change settings for the length of a block, a function or a test class."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar, cast

from .settings import Settings, _notify, settings

__all__ = ["override_settings"]

_F = TypeVar("_F", bound=Callable[..., Any])


class override_settings:
    """Override settings as a context manager, a function decorator or a class decorator.

    ``with override_settings(DEBUG=True): ...``; ``@override_settings(APPEND_SLASH=False)``
    on a test function (sync or async) or on a ``TestCase`` class.
    """

    def __init__(self, **options: Any) -> None:
        self.options = options
        self._saved: list[list[tuple[str, bool, Any]]] = []

    def enable(self) -> None:
        wrapped: Settings = settings._setup_required()
        saved: list[tuple[str, bool, Any]] = []
        for name, value in self.options.items():
            had = name in vars(wrapped)
            saved.append((name, had, vars(wrapped).get(name)))
            setattr(wrapped, name, value)
        self._saved.append(saved)
        _notify(set(self.options))

    def disable(self) -> None:
        wrapped = settings._setup_required()
        saved = self._saved.pop()
        for name, had, value in reversed(saved):
            if had:
                setattr(wrapped, name, value)
            else:
                delattr(wrapped, name)
        _notify(set(self.options))

    def __enter__(self) -> override_settings:
        self.enable()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.disable()

    def __call__(self, target: _F) -> _F:
        if isinstance(target, type):
            return cast(_F, self._decorate_class(target))
        if inspect.iscoroutinefunction(target):

            @functools.wraps(target)
            async def async_inner(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return await target(*args, **kwargs)

            return cast(_F, async_inner)

        @functools.wraps(target)
        def inner(*args: Any, **kwargs: Any) -> Any:
            with self:
                return target(*args, **kwargs)

        return cast(_F, inner)

    def _decorate_class(self, cls: type) -> type:
        original_setup = getattr(cls, "setUpClass", None)
        original_teardown = getattr(cls, "tearDownClass", None)
        if original_setup is None or original_teardown is None:
            # A plain class: wrap each test method.
            for name, member in list(vars(cls).items()):
                if name.startswith("test") and callable(member):
                    setattr(cls, name, self(member))
            return cls
        override = self

        def setUpClass(klass: type) -> None:
            override.enable()
            try:
                original_setup.__func__(klass)
            except BaseException:
                override.disable()
                raise

        def tearDownClass(klass: type) -> None:
            try:
                original_teardown.__func__(klass)
            finally:
                override.disable()

        cls.setUpClass = classmethod(setUpClass)  # type: ignore[attr-defined]
        cls.tearDownClass = classmethod(tearDownClass)  # type: ignore[attr-defined]
        return cls
