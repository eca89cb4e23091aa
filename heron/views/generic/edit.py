"""Views that take input: ``FormView``, ``CreateView``, ``UpdateView`` and ``DeleteView``.

GET shows the form (or, for ``DeleteView``, a confirmation page); POST validates it. A
valid form calls ``form_valid()`` (save, then redirect to ``success_url``); an invalid one
calls ``form_invalid()``, which renders the page again with the errors and status 200.

In an async view the model is written with ``asave()`` / ``adelete()`` on the loop; form
validation that needs the database (unique checks) runs in the thread pool unless the form
offers ``ais_valid()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from heron.conf import ImproperlyConfigured
from heron.core.threads import run_sync
from heron.http import HttpResponseRedirect

from .base import AdaptiveView, ContextMixin, TemplateResponseMixin, adaptive
from .detail import BaseDetailView, SingleObjectMixin, SingleObjectTemplateResponseMixin
from .models import model_values

if TYPE_CHECKING:
    from heron.http import HttpRequest

__all__ = [
    "BaseCreateView",
    "BaseDeleteView",
    "BaseFormView",
    "BaseUpdateView",
    "CreateView",
    "DeleteView",
    "DeletionMixin",
    "FormMixin",
    "FormView",
    "ModelFormMixin",
    "ProcessFormView",
    "UpdateView",
]


class FormMixin(ContextMixin):
    """Build the form (``form_class`` with ``get_form_kwargs()``) and react to validation."""

    initial: dict[str, Any] = {}
    form_class: Any = None
    success_url: str | None = None
    prefix: str | None = None

    request: HttpRequest
    render_to_response: Callable[..., Any]

    def get_initial(self) -> dict[str, Any]:
        return dict(self.initial)

    def get_prefix(self) -> str | None:
        return self.prefix

    def get_form_class(self) -> Any:
        if self.form_class is None:
            raise ImproperlyConfigured(f"{type(self).__qualname__} needs a form_class.")
        return self.form_class

    def get_form(self, form_class: Any = None) -> Any:
        """Return an instance of the form, bound to the request body on POST and PUT."""
        if form_class is None:
            form_class = self.get_form_class()
        return form_class(**self.get_form_kwargs())

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"initial": self.get_initial(), "prefix": self.get_prefix()}
        if self.request.method in ("POST", "PUT"):
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        return kwargs

    def get_success_url(self) -> str:
        if not self.success_url:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__} has no URL to redirect to: set success_url."
            )
        return str(self.success_url)

    def form_valid(self, form: Any) -> Any:
        """Redirect to ``get_success_url()``."""
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: Any) -> Any:
        """Render the page again with the bound form (its errors show), status 200."""
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Add ``form`` (a fresh one unless given)."""
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()
        return super().get_context_data(**kwargs)


async def _ais_valid(form: Any) -> bool:
    checker = getattr(form, "ais_valid", None)
    if callable(checker):
        return bool(await checker())
    return bool(await run_sync(form.is_valid))


class ProcessFormView(AdaptiveView):
    """GET renders the form; POST (and PUT) validates it."""

    render_to_response: Callable[..., Any]
    get_context_data: Callable[..., dict[str, Any]]
    get_form: Callable[..., Any]
    form_valid: Callable[[Any], Any]
    form_invalid: Callable[[Any], Any]

    @adaptive
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return self._maybe_async(self.render_to_response(self.get_context_data()))

    @adaptive
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if self.is_async:
            return self._apost()
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    async def _apost(self) -> Any:
        form = self.get_form()
        if await _ais_valid(form):
            return await _maybe_await(self.form_valid(form))
        return await _maybe_await(self.form_invalid(form))

    @adaptive
    def put(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return self.post(request, *args, **kwargs)


async def _maybe_await(value: Any) -> Any:
    import inspect

    if inspect.isawaitable(value):
        return await value
    return value


class BaseFormView(FormMixin, ProcessFormView):
    """A form on GET, validated on POST."""


class FormView(TemplateResponseMixin, BaseFormView):
    """Show ``form_class`` with ``template_name``; on a valid POST, redirect to
    ``success_url`` (override ``form_valid()`` to act on ``form.cleaned_data`` first)."""


class ModelFormMixin(FormMixin, SingleObjectMixin):
    """A ``ModelForm`` for ``model`` (or ``form_class``), bound to ``self.object``.

    ``fields`` lists the model fields of the generated form. ``success_url`` may name the
    saved row's fields (``"/polls/{id}/"``); without it the row's ``get_absolute_url()`` is
    used.
    """

    fields: list[str] | tuple[str, ...] | str | None = None

    def get_form_class(self) -> Any:
        if self.fields is not None and self.form_class is not None:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__} sets both 'fields' and 'form_class'; set one."
            )
        if self.form_class is not None:
            return self.form_class
        if self.model is not None:
            model = self.model
        elif self.object is not None:
            model = type(self.object)
        else:
            model = self.get_queryset().model
        if self.fields is None:
            raise ImproperlyConfigured(
                f"Using ModelFormMixin (base class of {type(self).__name__}) without the "
                "'fields' attribute is not allowed: list the model fields the form edits."
            )
        # here: a FormView needs no ORM; only model edit views build model forms
        from heron.forms.models import modelform_factory

        return modelform_factory(model, fields=self.fields)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def get_success_url(self) -> str:
        if self.success_url:
            return self.success_url.format(**model_values(self.object))
        get_absolute_url = getattr(self.object, "get_absolute_url", None)
        if not callable(get_absolute_url):
            raise ImproperlyConfigured(
                f"{type(self).__qualname__} has no URL to redirect to: set success_url or "
                f"define get_absolute_url() on {type(self.object).__name__}."
            )
        return str(get_absolute_url())

    def form_valid(self, form: Any) -> Any:
        """Save the form into ``self.object`` (``asave()`` in an async view), then redirect."""
        if getattr(self, "is_async", False):
            return self._aform_valid(form)
        self.object = form.save()
        return super().form_valid(form)

    async def _aform_valid(self, form: Any) -> Any:
        obj = form.save(commit=False)
        await obj.asave()
        self.object = obj
        save_m2m = getattr(form, "save_m2m", None)
        if callable(save_m2m):
            await run_sync(save_m2m)
        return HttpResponseRedirect(self.get_success_url())


class BaseCreateView(ModelFormMixin, ProcessFormView):
    """An empty model form on GET; a new row on a valid POST."""

    @adaptive
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.object = None
        return super().get(request, *args, **kwargs)

    @adaptive
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.object = None
        return super().post(request, *args, **kwargs)


class CreateView(SingleObjectTemplateResponseMixin, BaseCreateView):
    """Create a row: ``<app>/<model>_form.html`` with ``form``; redirect when saved."""

    template_name_suffix = "_form"


class BaseUpdateView(ModelFormMixin, ProcessFormView):
    """The row's form on GET; the row updated on a valid POST; 404 when it is missing."""

    @adaptive
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if self.is_async:
            return self._with_object(super().get, request, *args, **kwargs)
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    @adaptive
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if self.is_async:
            return self._with_object(super().post, request, *args, **kwargs)
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    async def _with_object(self, handler: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.object = await self.aget_object()
        return await handler(*args, **kwargs)


class UpdateView(SingleObjectTemplateResponseMixin, BaseUpdateView):
    """Edit a row: ``<app>/<model>_form.html`` with ``form`` and ``object``."""

    template_name_suffix = "_form"


class DeletionMixin:
    """Delete ``self.object`` and redirect to ``success_url`` (may name the row's fields)."""

    success_url: str | None = None
    object: Any
    get_object: Callable[..., Any]
    aget_object: Callable[..., Any]

    def get_success_url(self) -> str:
        if not self.success_url:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__} has no URL to redirect to: set success_url."
            )
        return self.success_url.format(**model_values(self.object))

    @adaptive
    def delete(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if getattr(self, "is_async", False):
            return self._adelete()
        self.object = self.get_object()
        url = self.get_success_url()
        self.object.delete()
        return HttpResponseRedirect(url)

    async def _adelete(self) -> Any:
        self.object = await self.aget_object()
        url = self.get_success_url()
        await self.object.adelete()
        return HttpResponseRedirect(url)


class BaseDeleteView(DeletionMixin, BaseDetailView):
    """A confirmation page on GET (``BaseDetailView``'s); POST (or DELETE) deletes the row
    and redirects."""

    @adaptive
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return self.delete(request, *args, **kwargs)


class DeleteView(SingleObjectTemplateResponseMixin, BaseDeleteView):
    """Delete a row: GET shows ``<app>/<model>_confirm_delete.html``; POST deletes it and
    redirects to ``success_url``."""

    template_name_suffix = "_confirm_delete"
