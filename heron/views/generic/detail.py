"""``DetailView``: one row, found by ``pk`` or ``slug`` from the URL, or 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from heron.conf import ImproperlyConfigured
from heron.http import Http404

from .base import AdaptiveView, ContextMixin, TemplateResponseMixin, adaptive
from .models import default_queryset, model_template_name

if TYPE_CHECKING:
    from heron.http import HttpRequest

__all__ = [
    "BaseDetailView",
    "DetailView",
    "SingleObjectMixin",
    "SingleObjectTemplateResponseMixin",
]


class SingleObjectMixin(ContextMixin):
    """Find one row: by the URL kwarg ``pk_url_kwarg`` (``pk``) or ``slug_url_kwarg``
    (``slug``, matched against ``slug_field``), in ``get_queryset()``; 404 when missing.

    Async views call ``await self.aget_object()``; sync views ``self.get_object()``.
    """

    model: Any = None
    queryset: Any = None
    slug_field: str = "slug"
    slug_url_kwarg: str = "slug"
    pk_url_kwarg: str = "pk"
    query_pk_and_slug: bool = False
    context_object_name: str | None = None

    kwargs: dict[str, Any]
    object: Any = None

    def get_queryset(self) -> Any:
        """The rows to look in: ``queryset``, else all of ``model``."""
        return default_queryset(self)

    def get_slug_field(self) -> str:
        return self.slug_field

    def filter_object_queryset(self, queryset: Any) -> Any:
        """Narrow ``queryset`` to the row the URL names (no query runs here)."""
        pk = self.kwargs.get(self.pk_url_kwarg)
        slug = self.kwargs.get(self.slug_url_kwarg)
        if pk is not None:
            queryset = queryset.filter(pk=pk)
        if slug is not None and (pk is None or self.query_pk_and_slug):
            queryset = queryset.filter(**{self.get_slug_field(): slug})
        if pk is None and slug is None:
            raise ImproperlyConfigured(
                f"Generic detail view {type(self).__name__} must be called with either an "
                f"object {self.pk_url_kwarg!r} or a {self.slug_url_kwarg!r} in the URLconf."
            )
        return queryset

    def get_object(self, queryset: Any = None) -> Any:
        """Return the row the URL names, or raise ``Http404``."""
        queryset = self.filter_object_queryset(
            self.get_queryset() if queryset is None else queryset
        )
        try:
            return queryset.get()
        except queryset.model.DoesNotExist:
            raise Http404(self._missing_message(queryset)) from None

    async def aget_object(self, queryset: Any = None) -> Any:
        """``get_object()`` for async views (one ``aget()``)."""
        queryset = self.filter_object_queryset(
            self.get_queryset() if queryset is None else queryset
        )
        try:
            return await queryset.aget()
        except queryset.model.DoesNotExist:
            raise Http404(self._missing_message(queryset)) from None

    def _missing_message(self, queryset: Any) -> str:
        return f"No {queryset.model._meta.verbose_name} found matching the query."

    def get_context_object_name(self, obj: Any) -> str | None:
        """``context_object_name``, else the model name (``question``)."""
        if self.context_object_name:
            return self.context_object_name
        if hasattr(obj, "_meta"):
            return str(obj._meta.model_name)
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Add ``object`` and the named object (``question``) to the context."""
        context: dict[str, Any] = {}
        if self.object is not None:
            context["object"] = self.object
            name = self.get_context_object_name(self.object)
            if name:
                context[name] = self.object
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseDetailView(SingleObjectMixin, AdaptiveView):
    """Show one row on GET."""

    render_to_response: Callable[..., Any]

    @adaptive
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if self.is_async:
            return self._aget()
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(object=self.object))

    async def _aget(self) -> Any:
        self.object = await self.aget_object()
        return self.render_to_response(self.get_context_data(object=self.object))


class SingleObjectTemplateResponseMixin(TemplateResponseMixin):
    """Add ``<app_label>/<model_name><template_name_suffix>.html`` to the template names."""

    template_name_field: str | None = None
    template_name_suffix = "_detail"
    object: Any
    model: Any

    def get_template_names(self) -> list[str]:
        names = [self.template_name] if self.template_name else []
        if self.object is not None and self.template_name_field:
            chosen = getattr(self.object, self.template_name_field, None)
            if chosen:
                names.insert(0, chosen)
        model = type(self.object) if hasattr(self.object, "_meta") else self.model
        if model is not None and hasattr(model, "_meta"):
            names.append(model_template_name(model, self.template_name_suffix))
        if not names:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__} needs a template: set template_name or model."
            )
        return names


class DetailView(SingleObjectTemplateResponseMixin, BaseDetailView):
    """Render one row: ``<app>/<model>_detail.html`` with ``object`` and ``<model>``."""
