"""The pieces every generic view shares, and ``TemplateView``.

Generic views work in sync and async projects alike. Their built-in handlers (``get``,
``post``, ...) are *adaptive*: they follow the colour of the view. A view is async when a
handler written in the subclass is ``async def``; the adaptive handlers then run their
async path (``aget()``, ``acount()``, ``alist()``, ``asave()``, ``adelete()``) on the
event loop, and a sync view runs them in the thread pool as plain calls. So::

    class LatestQuestions(ListView):
        model = Question

        async def get(self, request, *args, **kwargs):
            return await super().get(request, *args, **kwargs)   # runs on the loop
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from heron.conf import ImproperlyConfigured
from heron.http import HttpResponse

from ..base import RedirectView, View

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = [
    "AdaptiveView",
    "ContextMixin",
    "RedirectView",
    "TemplateResponseMixin",
    "TemplateView",
    "View",
    "adaptive",
]

_F = TypeVar("_F", bound=Callable[..., Any])


def adaptive(handler: _F) -> _F:
    """Mark a built-in handler whose colour follows the view (see the module docstring)."""
    handler._heron_adaptive = True  # type: ignore[attr-defined]
    return handler


class AdaptiveView(View):
    """A ``View`` whose adaptive handlers do not count when deciding sync or async."""

    @classmethod
    def view_is_async(cls) -> bool:
        handlers = [
            getattr(cls, name)
            for name in cls.http_method_names
            if name != "options" and callable(getattr(cls, name, None))
        ]
        if getattr(cls, "options", View.options) is not View.options:
            handlers.append(cls.options)
        if cls.dispatch is not View.dispatch:
            handlers.append(cls.dispatch)
        own = [h for h in handlers if not getattr(h, "_heron_adaptive", False)]
        kinds = {inspect.iscoroutinefunction(handler) for handler in own}
        if len(kinds) > 1:
            names = sorted(h.__name__ for h in own if inspect.iscoroutinefunction(h))
            raise ImproperlyConfigured(
                f"{cls.__qualname__} mixes async handlers ({', '.join(names)}) with sync "
                "ones. Make every handler of one view either 'def' or 'async def'."
            )
        return kinds == {True}

    @property
    def is_async(self) -> bool:
        """Whether this request runs on the event loop (set by ``as_view()``)."""
        if self._is_async is None:
            self._is_async = type(self).view_is_async()
        return self._is_async


class ContextMixin:
    """``get_context_data(**kwargs)``: the template context, plus ``extra_context``."""

    extra_context: Mapping[str, Any] | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Return the context: ``view`` (this instance), ``kwargs`` and ``extra_context``."""
        kwargs.setdefault("view", self)
        if self.extra_context is not None:
            kwargs.update(self.extra_context)
        return kwargs


class TemplateResponseMixin:
    """Render ``template_name`` (or the names from ``get_template_names()``) to a response."""

    template_name: str | None = None
    content_type: str | None = None
    request: HttpRequest

    def render_to_response(self, context: Mapping[str, Any], **response_kwargs: Any) -> Any:
        """Render the first template of ``get_template_names()`` that exists."""
        return render_names(
            self.request, self.get_template_names(), context, self.content_type, **response_kwargs
        )

    def get_template_names(self) -> list[str]:
        """Return ``[template_name]``; raise ``ImproperlyConfigured`` when it is not set."""
        if self.template_name is None:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__} needs a template: set template_name or override "
                "get_template_names()."
            )
        return [self.template_name]


def render_names(
    request: HttpRequest,
    names: list[str],
    context: Mapping[str, Any],
    content_type: str | None = None,
    status: int = 200,
    **response_kwargs: Any,
) -> HttpResponseBase:
    """Render the first existing template of ``names`` into a response.

    Uses ``heron.templates.response.TemplateResponse`` (rendered lazily, so middleware and
    tests see the context) when it is available, else renders right away.
    """
    try:
        from heron.templates.response import TemplateResponse  # lazy: Jinja2 on first render
    except ImportError:
        from heron.templates import select_template  # lazy: Jinja2 on first render

        content = select_template(names).render(context, request)
        if content_type is None:
            return HttpResponse(content, status=status, **response_kwargs)
        return HttpResponse(content, content_type=content_type, status=status, **response_kwargs)
    response: HttpResponseBase = TemplateResponse(
        request, names, context, content_type=content_type, status=status, **response_kwargs
    )
    return response


class TemplateView(TemplateResponseMixin, ContextMixin, AdaptiveView):
    """Render ``template_name`` with the URL kwargs (and ``extra_context``) as context."""

    @adaptive
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        context = self.get_context_data(**kwargs)
        return self._maybe_async(self.render_to_response(context))
