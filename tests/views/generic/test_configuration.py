"""Generic views set up wrongly say what to fix; sync/async detection."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from heron.conf import ImproperlyConfigured
from heron.http import HttpRequest
from heron.test import RequestFactory
from heron.views import generic
from heron.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    FormView,
    ListView,
    RedirectView,
    TemplateView,
    UpdateView,
    View,
)

from .models import Author


def call(view_class: type[View], path: str = "/", **initkwargs: Any) -> Any:
    view = view_class.as_view(**initkwargs)
    request = RequestFactory().get(path)
    result = view(request, **initkwargs.pop("url_kwargs", {}))
    return asyncio.run(result) if asyncio.iscoroutine(result) else result


def test_public_names() -> None:
    assert generic.View is View and generic.RedirectView is RedirectView
    assert sorted(generic.__all__) == sorted(
        [
            "ContextMixin",
            "CreateView",
            "DeleteView",
            "DetailView",
            "FormMixin",
            "FormView",
            "ListView",
            "ModelFormMixin",
            "MultipleObjectMixin",
            "RedirectView",
            "SingleObjectMixin",
            "TemplateResponseMixin",
            "TemplateView",
            "UpdateView",
            "View",
        ]
    )


def test_template_view_without_template_name() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        call(TemplateView)
    assert str(info.value) == (
        "TemplateView needs a template: set template_name or override get_template_names()."
    )


def test_list_view_without_queryset() -> None:
    class Things(ListView):
        pass

    with pytest.raises(ImproperlyConfigured) as info:
        call(Things)
    assert str(info.value) == (
        "test_list_view_without_queryset.<locals>.Things is missing a QuerySet. Define "
        "test_list_view_without_queryset.<locals>.Things.model, "
        "test_list_view_without_queryset.<locals>.Things.queryset, or override "
        "test_list_view_without_queryset.<locals>.Things.get_queryset()."
    )


def test_detail_view_without_pk_or_slug() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        call(DetailView, model=Author)
    assert str(info.value) == (
        "Generic detail view DetailView must be called with either an object 'pk' or a "
        "'slug' in the URLconf."
    )


def test_model_views_need_fields_or_form_class() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        CreateView(model=Author).get_form_class()
    assert "without the 'fields' attribute is not allowed" in str(info.value)
    with pytest.raises(ImproperlyConfigured, match="sets both 'fields' and 'form_class'"):
        UpdateView(model=Author, fields=["name"], form_class=object).get_form_class()
    with pytest.raises(ImproperlyConfigured, match="FormView needs a form_class"):
        FormView().get_form_class()
    with pytest.raises(ImproperlyConfigured, match="DeleteView has no URL to redirect to"):
        DeleteView(object=Author(name="x", slug="x")).get_success_url()


def test_views_follow_their_handlers_colour() -> None:
    class SyncList(ListView):
        model = Author

    class AsyncList(ListView):
        model = Author

        async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return await super().get(request, *args, **kwargs)

    class AsyncDelete(DeleteView):
        async def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return await super().post(request, *args, **kwargs)

    assert not SyncList.view_is_async()
    assert not DeleteView.view_is_async()
    assert AsyncList.view_is_async()
    assert AsyncDelete.view_is_async()  # the inherited get follows along
    assert asyncio.iscoroutinefunction(AsyncList.as_view())


def test_mixed_own_handlers_are_refused() -> None:
    class Mixed(TemplateView):
        async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return None

        def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return None

    with pytest.raises(ImproperlyConfigured, match=r"mixes async handlers \(get\) with sync"):
        Mixed.as_view()
