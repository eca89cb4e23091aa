"""``ListView``: a page of a QuerySet rendered with ``<app>/<model>_list.html``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from heron.conf import ImproperlyConfigured
from heron.http import Http404
from heron.pagination import InvalidPage, Page, Paginator

from .base import AdaptiveView, ContextMixin, TemplateResponseMixin, adaptive
from .models import default_queryset, model_template_name

if TYPE_CHECKING:
    from heron.http import HttpRequest

__all__ = ["BaseListView", "ListView", "MultipleObjectMixin", "MultipleObjectTemplateResponseMixin"]


class MultipleObjectMixin(ContextMixin):
    """Find the rows (``model``, ``queryset`` or ``get_queryset()``) and paginate them.

    ``paginate_by`` items per page; the page number comes from the URL kwarg or the query
    string parameter named ``page_kwarg`` (``?page=2``; ``last`` names the last page). A
    page number that names no page answers 404.
    """

    model: Any = None
    queryset: Any = None
    ordering: str | Sequence[str] | None = None
    paginate_by: int | None = None
    paginate_orphans: int = 0
    paginator_class: type[Paginator[Any]] = Paginator
    page_kwarg: str = "page"
    allow_empty: bool = True
    context_object_name: str | None = None

    request: HttpRequest
    kwargs: dict[str, Any]
    object_list: Any
    _page_state: tuple[Paginator[Any], Page[Any], Any, bool] | None = None
    _listed_model: Any = None  # the model of the QuerySet, once an async view listed it

    def listed_model(self) -> Any:
        """The model whose rows are listed (from the QuerySet, else ``model``)."""
        return getattr(self.object_list, "model", None) or self._listed_model or self.model

    def get_queryset(self) -> Any:
        """Return the rows to list (a QuerySet or a list), ordered by ``get_ordering()``."""
        queryset = default_queryset(self)
        ordering = self.get_ordering()
        if ordering:
            if isinstance(ordering, str):
                ordering = (ordering,)
            queryset = queryset.order_by(*ordering)
        return queryset

    def get_ordering(self) -> str | Sequence[str] | None:
        return self.ordering

    def get_paginate_by(self, queryset: Any) -> int | None:
        return self.paginate_by

    def get_paginator(
        self, queryset: Any, per_page: int, orphans: int = 0, allow_empty_first_page: bool = True
    ) -> Paginator[Any]:
        return self.paginator_class(queryset, per_page, orphans, allow_empty_first_page)

    def get_allow_empty(self) -> bool:
        return self.allow_empty

    def _page_number(self) -> Any:
        return self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1

    def _page(self, paginator: Paginator[Any], number: Any) -> int:
        if number == "last":
            return paginator.num_pages
        try:
            return paginator.validate_number(number)
        except InvalidPage as exc:
            raise Http404(f"Invalid page ({number}): {exc}") from None

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple[Any, Any, Any, bool]:
        """Return ``(paginator, page, page.object_list, page.has_other_pages())``; 404 for a
        page number that names no page."""
        paginator = self.get_paginator(
            queryset, page_size, self.paginate_orphans, self.get_allow_empty()
        )
        page = paginator.page(self._page(paginator, self._page_number()))
        return paginator, page, page.object_list, page.has_other_pages()

    async def apaginate_queryset(self, queryset: Any, page_size: int) -> tuple[Any, Any, Any, bool]:
        """``paginate_queryset`` for async views: counts and fetches with the async ORM."""
        paginator = self.get_paginator(
            queryset, page_size, self.paginate_orphans, self.get_allow_empty()
        )
        await paginator.acount()
        page = await paginator.apage(self._page(paginator, self._page_number()))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_object_name(self, object_list: Any) -> str | None:
        """``context_object_name``, else ``<model_name>_list`` for a QuerySet."""
        if self.context_object_name:
            return self.context_object_name
        model = getattr(object_list, "model", None) or self.listed_model()
        if model is not None and hasattr(model, "_meta"):
            return f"{model._meta.model_name}_list"
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Add ``object_list``, the named list, ``paginator``, ``page_obj``, ``is_paginated``."""
        queryset = kwargs.pop("object_list", self.object_list)
        page_size = self.get_paginate_by(queryset)
        if page_size:
            state = self._page_state or self.paginate_queryset(queryset, page_size)
            paginator, page, shown, is_paginated = state
            context: dict[str, Any] = {
                "paginator": paginator,
                "page_obj": page,
                "is_paginated": is_paginated,
                "object_list": shown,
            }
        else:
            shown = queryset
            context = {
                "paginator": None,
                "page_obj": None,
                "is_paginated": False,
                "object_list": shown,
            }
        name = self.get_context_object_name(queryset)
        if name is not None:
            context[name] = shown
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseListView(MultipleObjectMixin, AdaptiveView):
    """List rows on GET; the context comes from ``get_context_data()``. A subclass supplies
    ``render_to_response()`` (``ListView`` renders a template)."""

    render_to_response: Callable[..., Any]

    @adaptive
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if self.is_async:
            return self._aget()
        self.object_list = self.get_queryset()
        if not self.get_allow_empty() and not _has_rows(self.object_list):
            raise Http404(self._empty_message())
        return self.render_to_response(self.get_context_data())

    async def _aget(self) -> Any:
        queryset = self.get_queryset()
        self._listed_model = getattr(queryset, "model", None)
        page_size = self.get_paginate_by(queryset)
        if page_size:
            self._page_state = await self.apaginate_queryset(queryset, page_size)
            self.object_list = queryset
            empty = self._page_state[0].count == 0
        else:
            self.object_list = await queryset.alist() if hasattr(queryset, "alist") else queryset
            empty = not self.object_list
        if empty and not self.get_allow_empty():
            raise Http404(self._empty_message())
        return self.render_to_response(self.get_context_data())

    def _empty_message(self) -> str:
        return f"Empty list and '{type(self).__name__}.allow_empty' is False."


def _has_rows(object_list: Any) -> bool:
    exists = getattr(object_list, "exists", None)
    if callable(exists):
        return bool(exists())
    return len(object_list) > 0


class MultipleObjectTemplateResponseMixin(TemplateResponseMixin):
    """Add ``<app_label>/<model_name><template_name_suffix>.html`` to the template names."""

    template_name_suffix = "_list"
    listed_model: Callable[[], Any]

    def get_template_names(self) -> list[str]:
        names = [self.template_name] if self.template_name else []
        model = self.listed_model()
        if model is not None and hasattr(model, "_meta"):
            names.append(model_template_name(model, self.template_name_suffix))
        if not names:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__} needs a template: set template_name, or list a "
                "QuerySet so the name can be derived from its model."
            )
        return names


class ListView(MultipleObjectTemplateResponseMixin, BaseListView):
    """Render a list of rows: ``<app>/<model>_list.html`` with ``object_list`` (and
    ``<model>_list``), paginated when ``paginate_by`` is set."""
