"""``TemplateResponse``: a response that renders its template as late as possible.

A view returns ``TemplateResponse(request, "polls/index.html", {"questions": ...})``; the
decorators around the view, and tests, still see ``template_name`` and ``context_data`` and
may change them. The application renders the response as soon as the view (with its
decorators) has returned, before the middleware's response hooks run, the way the view ran:
a plain ``def`` view's response in the thread pool, an ``async def`` view's with the async
environment (``render_async``), so a template that iterates a QuerySet never blocks the loop.
A TemplateResponse made later (by a middleware) is rendered when it is sent.

``add_post_render_callback(cb)`` registers ``cb(response)``, called once after rendering (at
once if already rendered); a callback that returns a response replaces it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from heron.core.threads import run_sync
from heron.http import HttpResponse

from .engine import Template, get_engine
from .exceptions import ContentNotRenderedError

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase
    from heron.http.response import HeadersArg, Send

__all__ = ["PostRenderCallback", "TemplateResponse", "arender", "render"]

PostRenderCallback = Callable[[Any], Any]
TemplateArg = str | Sequence[str] | Template


class TemplateResponse(HttpResponse):
    """A response holding ``template_name`` and ``context_data`` until it is rendered.

    ``template_name`` is a name (``"page.html"`` or ``"page.html#block"``), a list of names
    (the first that exists is used) or a loaded ``Template``. Reading ``content`` before
    rendering raises ``ContentNotRenderedError``; setting ``content`` replaces the template.
    """

    def __init__(
        self,
        request: HttpRequest | None,
        template: TemplateArg,
        context: Mapping[str, Any] | None = None,
        content_type: str | None = None,
        status: int | None = None,
        charset: str | None = None,
        headers: HeadersArg = None,
    ) -> None:
        super().__init__(
            b"", content_type=content_type, status=status, headers=headers, charset=charset
        )
        self._request = request
        self.template_name: TemplateArg = template
        self.context_data: dict[str, Any] | None = dict(context) if context is not None else None
        self._post_render_callbacks: list[PostRenderCallback] = []
        self._is_rendered = False

    @property
    def is_rendered(self) -> bool:
        """Whether the content has been rendered (or set directly)."""
        return self._is_rendered

    def resolve_template(self, template: TemplateArg) -> Template:
        """Turn ``template_name`` into a loaded ``Template``."""
        if isinstance(template, Template):
            return template
        if isinstance(template, str):
            return get_engine().get_template(template)
        return get_engine().select_template(list(template))

    @property
    def rendered_content(self) -> str:
        """Render the template now and return the text (``content`` is left unchanged)."""
        template = self.resolve_template(self.template_name)
        return template.render(self.context_data, self._request)

    async def arendered_content(self) -> str:
        """Render with the async environment and return the text."""
        template = self.resolve_template(self.template_name)
        return await template.render_async(self.context_data, self._request)

    def add_post_render_callback(self, callback: PostRenderCallback) -> None:
        """Call ``callback(response)`` after rendering (now, if already rendered)."""
        if self._is_rendered:
            callback(self)
        else:
            self._post_render_callbacks.append(callback)

    def _finish(self, text: str) -> HttpResponseBase:
        self.content = text
        response: HttpResponseBase = self
        callbacks, self._post_render_callbacks = self._post_render_callbacks, []
        for callback in callbacks:
            replacement = callback(response)
            if replacement is not None:
                response = replacement
        return response

    def render(self) -> HttpResponseBase:
        """Render (once) and return the response (a post-render callback may replace it)."""
        if self._is_rendered:
            return self
        return self._finish(self.rendered_content)

    async def arender(self) -> HttpResponseBase:
        """``render()`` with the async environment, for async code."""
        if self._is_rendered:
            return self
        return self._finish(await self.arendered_content())

    async def render_after_view(self, view_is_async: bool) -> HttpResponseBase:
        """Render the way the view ran: in the thread pool for a sync view, else async."""
        if view_is_async:
            return await self.arender()
        return await run_sync(self.render)

    @property
    def content(self) -> bytes:
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The TemplateResponse content must be rendered before it is read: call "
                "response.render() (or await response.arender()) first."
            )
        return self._content

    @content.setter
    def content(self, value: object) -> None:
        HttpResponse.content.fset(self, value)  # type: ignore[attr-defined]
        self._is_rendered = True

    @property
    def text(self) -> str:
        return self.content.decode(self.charset, errors="replace")

    async def send_asgi(self, send: Send, request: HttpRequest | None = None) -> None:
        """Render first if nobody has (e.g. a middleware made this response), then send."""
        response: HttpResponseBase = self
        if not self._is_rendered:
            response = self.render()
        if response is self:
            await HttpResponse.send_asgi(self, send, request)
        else:
            await response.send_asgi(send, request)

    def __repr__(self) -> str:
        state = "rendered" if self._is_rendered else "not rendered"
        name = type(self).__name__
        return f"<{name} status_code={self.status_code}, {self.template_name!r}, {state}>"


def render(
    request: HttpRequest | None,
    template_name: str,
    context: Mapping[str, Any] | None = None,
    content_type: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render ``template_name`` into an ``HttpResponse`` now (``heron.shortcuts.render``)."""
    content = get_engine().get_template(template_name).render(context, request)
    if content_type is None:
        return HttpResponse(content, status=status)
    return HttpResponse(content, content_type=content_type, status=status)


async def arender(
    request: HttpRequest | None,
    template_name: str,
    context: Mapping[str, Any] | None = None,
    content_type: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """``render`` for async views: ``return await arender(request, "page.html", ctx)``."""
    content = await get_engine().get_template(template_name).render_async(context, request)
    if content_type is None:
        return HttpResponse(content, status=status)
    return HttpResponse(content, content_type=content_type, status=status)
